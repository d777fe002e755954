-- All agencies' reports of one year with their figures of the chosen indicators (report_figures: one per report and
-- indicator, written at ingest). A report without any of those rows still comes, as one row without an indicator:
-- the agency is listed (no figure, no rate), never dropped.
SELECT r.agency, r.is_sample, r.template, g.indicator, g.value
FROM reports r LEFT JOIN report_figures g ON g.report_id = r.report_id AND list_contains($indicators, g.indicator)
WHERE r.year = $year AND ($include_sample OR NOT r.is_sample)
ORDER BY r.agency;
