-- All agencies' reports of one year with the facts of the chosen indicators (every applicant column,
-- so a blank 总计 can fall back to the sum of the applicant columns). A report without any of those rows
-- still comes, as one row without an indicator: the agency is listed (no figure, no rate), never dropped.
SELECT r.agency, r.is_sample, r.template, f.indicator, f.applicant, f.value, f.status
FROM reports r LEFT JOIN facts f ON f.report_id = r.report_id AND list_contains($indicators, f.indicator)
WHERE r.year = $year AND ($include_sample OR NOT r.is_sample)
ORDER BY r.agency, f.seq;
