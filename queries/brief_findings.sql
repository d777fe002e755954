-- The brief: every finding of the chosen agencies' reports of one year, most severe first.
SELECT r.agency, r.source_name, r.template, r.is_sample,
       c.rule, c.severity, c.code, c.params, c.message, c.message_en, c."values", c.stage
FROM reports r JOIN checks c USING (report_id)
WHERE list_contains($agencies, r.agency) AND r.year = $year
ORDER BY CASE c.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         r.agency, c.stage DESC, c.rule;
