-- Every finding of one agency-year's report(s), most severe first, with the report it belongs to.
SELECT r.report_id, r.source_name, r.template, r.is_sample,
       c.rule, c.severity, c.code, c.params, c.message, c.message_en, c.indicators, c."values", c.sentence, c.stage
FROM reports r JOIN checks c USING (report_id)
WHERE r.agency = $agency AND r.year = $year
ORDER BY r.report_id,
         CASE c.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         c.stage DESC, c.rule;
