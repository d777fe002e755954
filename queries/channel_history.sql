-- One agency's channel figures over the years: table rows (2014 and local forms) and the figures
-- its narratives state (status from_text), kept apart by indicator id.
SELECT r.year, r.template, f.indicator, f.value, f.status, f.unit AS unit_written, f.evidence
FROM reports r JOIN facts f ON f.report_key = r.report_key
WHERE r.agency = $agency AND list_contains($indicators, f.indicator) AND f.applicant = 'total'  -- the year's figure, not 历年累计
ORDER BY r.year, f.seq;
