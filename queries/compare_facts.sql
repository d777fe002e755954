-- All agencies' reports of one year with the facts of the chosen indicators (every applicant column,
-- so a blank 总计 can fall back to the sum of the applicant columns).
SELECT r.agency, r.is_sample, r.template, f.indicator, f.applicant, f.value, f.status
FROM reports r JOIN facts f USING (report_id)
WHERE r.year = $year AND ($include_sample OR NOT r.is_sample)
  AND list_contains($indicators, f.indicator)
ORDER BY r.agency, f.seq;
