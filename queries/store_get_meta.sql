SELECT value FROM store_meta WHERE key = $key;
