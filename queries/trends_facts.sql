-- Every current report of the chosen agencies with its facts and its stated coverage, for series across the years.
SELECT r.agency, r.year, r.template, r.coverage, f.indicator, f.applicant, f.value, f.status
FROM reports r JOIN facts f ON f.report_key = r.report_key
WHERE list_contains($agencies, r.agency)
ORDER BY r.agency, r.year, f.seq;
