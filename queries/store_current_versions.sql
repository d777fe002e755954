-- Every current report's agency-year and file hash: what an ingest compares new files against.
SELECT agency, year, sha256 FROM reports;
