-- Every current report of the given agencies (but those just parsed) with its facts, to re-run the audit across years.
SELECT r.report_id, r.agency, r.year, r.template, r.source_name, r.source_format, r.sha256, r.narrative,
       f.indicator, f.applicant, f.value, f.raw, f.status, f.unit, f.evidence
FROM reports r LEFT JOIN facts f ON f.report_key = r.report_key
WHERE list_contains($agencies, r.agency) AND NOT list_contains($exclude, r.report_id)
ORDER BY r.agency, r.year, f.seq;
