-- Findings per rule and severity across agencies, for one year or all ($year NULL); sample data only when asked for.
SELECT c.rule, c.severity, count(*) AS findings, count(DISTINCT c.report_id) AS reports
FROM reports r JOIN checks c USING (report_id)
WHERE ($year IS NULL OR r.year = $year) AND ($include_sample OR NOT r.is_sample)
GROUP BY c.rule, c.severity
ORDER BY findings DESC, c.rule;
