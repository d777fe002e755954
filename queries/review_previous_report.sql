-- An agency's current report for one year with its facts (and its text), for a draft's review against the year before.
SELECT r.report_id, r.agency, r.year, r.template, r.source_name, r.source_format, r.sha256, r.narrative,
       f.indicator, f.applicant, f.value, f.raw, f.status, f.unit, f.evidence
FROM reports r LEFT JOIN facts f ON f.report_key = r.report_key
WHERE r.agency = $agency AND r.year = $year
ORDER BY f.seq;
