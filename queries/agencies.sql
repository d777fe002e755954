-- Agencies with their report years; sample agencies only when asked for.
SELECT agency,
       bool_or(is_sample) AS is_sample,
       list(year ORDER BY year) AS years,
       max(year) AS last_year
FROM reports
WHERE $include_sample OR NOT is_sample
GROUP BY agency
ORDER BY is_sample, agency;
