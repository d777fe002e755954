-- Headline indicators (column 总计) for an agency in a year and the year before, for the change arrows.
SELECT r.year, r.template, f.indicator, f.value, f.status
FROM reports r JOIN facts f ON f.report_key = r.report_key
WHERE r.agency = $agency AND r.year IN ($year, $year - 1)
  AND f.applicant = 'total' AND list_contains($indicators, f.indicator);
