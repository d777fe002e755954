-- 总览 of a scope: the facts its key figures and rates read, for one year and the year before (every applicant
-- column, so a blank 总计 can fall back to the sum of the applicant columns).
SELECT r.agency, r.year, r.template, f.indicator, f.applicant, f.value, f.status
FROM reports r JOIN facts f ON f.report_key = r.report_key
WHERE list_contains($agencies, r.agency) AND r.year IN ($year, $year - 1)
  AND list_contains($indicators, f.indicator);
