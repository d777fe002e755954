-- 总览 of a scope: every current report of the scope's agencies (all years: coverage and the year before), with
-- how many errors and warnings the audit found in it, and its stated coverage (a summary report stands apart from sums).
SELECT r.agency, r.year, r.template, r.is_sample, r.source_name, r.coverage,
       count(c.rule) FILTER (WHERE c.severity = 'error') AS errors,
       count(c.rule) FILTER (WHERE c.severity = 'warning') AS warnings
FROM reports r LEFT JOIN checks c USING (report_id)
WHERE list_contains($agencies, r.agency)
GROUP BY ALL
ORDER BY r.agency, r.year;
