-- A batch's reports, each with the next integer key (in the order the batch writes their facts).
INSERT INTO reports BY NAME
SELECT report_id, agency, year, template, source_name, source_format, sha256, ingested_at, is_sample, narrative,
       coverage, coverage_evidence,
       (SELECT coalesce(max(k), 0) FROM (SELECT max(report_key) AS k FROM reports
                                         UNION ALL SELECT max(report_key) FROM reports_history)) + row_number() OVER () AS report_key
FROM new_reports;
