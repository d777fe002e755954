-- The files a write skipped (new_skipped), and the ones it read after all leave the list (new_read).
DELETE FROM skipped_files WHERE source_name IN (SELECT source_name FROM new_skipped) OR source_name IN (SELECT source_name FROM new_read);
INSERT INTO skipped_files (source_name, reason, reason_zh, skipped_at) SELECT source_name, reason, reason_zh, skipped_at FROM new_skipped;
