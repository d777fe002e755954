-- Every current report's agency-year, file hash and file name: what an ingest compares new files against.
SELECT agency, year, sha256, source_name FROM reports;
