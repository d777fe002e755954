-- Files skipped by the store build or an ingest, newest first (the file name only, never a path).
SELECT source_name, reason, reason_zh, skipped_at FROM skipped_files ORDER BY skipped_at DESC, source_name;
