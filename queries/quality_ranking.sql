-- Agency-years ranked by errors, then warnings; a report without findings is listed with zeros, not left out.
SELECT r.agency, r.year, r.template, r.is_sample, r.source_name,
       count(c.rule) FILTER (WHERE c.severity = 'error')   AS errors,
       count(c.rule) FILTER (WHERE c.severity = 'warning') AS warnings,
       count(c.rule) FILTER (WHERE c.severity = 'info')    AS infos
FROM reports r LEFT JOIN checks c USING (report_id)
WHERE ($year IS NULL OR r.year = $year) AND ($include_sample OR NOT r.is_sample)
GROUP BY r.report_id, r.agency, r.year, r.template, r.is_sample, r.source_name
ORDER BY errors DESC, warnings DESC, infos DESC, r.agency, r.year DESC;
