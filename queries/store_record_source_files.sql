-- The files this ingest read (path, size, mtime, content hash), replacing what an earlier ingest knew of them.
INSERT OR REPLACE INTO source_files SELECT path, size, mtime_ns, sha256 FROM new_source_files;
