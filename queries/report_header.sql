SELECT report_id, agency, year, template, source_name, source_format, sha256, ingested_at, is_sample, coverage, coverage_evidence
FROM reports WHERE agency = $agency AND year = $year;
