INSERT INTO reports SELECT report_id, agency, year, template, source_name, source_format, sha256, ingested_at, is_sample, narrative FROM new_reports;
