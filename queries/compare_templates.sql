-- Which templates the reports of one year use, and how many reports each.
SELECT template, count(*) AS reports
FROM reports
WHERE year = $year AND ($include_sample OR NOT is_sample)
GROUP BY template ORDER BY reports DESC;
