-- Findings per severity for one report (the 总览 quality badge).
SELECT c.severity, count(*) AS n
FROM reports r JOIN checks c USING (report_id)
WHERE r.agency = $agency AND r.year = $year
GROUP BY c.severity;
