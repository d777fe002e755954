-- The brief: every current report of the chosen agencies (all years: the trend and the year before), with its source file.
SELECT report_id, agency, year, template, source_name, source_format, is_sample
FROM reports
WHERE list_contains($agencies, agency)
ORDER BY agency, year;
