-- The files earlier ingests read, with the size and mtime they had and their content hash.
SELECT path, size, mtime_ns, sha256 FROM source_files;
