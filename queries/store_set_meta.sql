INSERT OR REPLACE INTO store_meta VALUES ($key, $value);
