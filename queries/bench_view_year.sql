-- The scale benchmark's year, read from the base store: the 2021-template year with the most real reports (the latest
-- of equals), so 单位对比 and 总览 rank as many agencies as a year has.
SELECT year FROM reports
WHERE NOT is_sample AND template = '2021'
GROUP BY year
ORDER BY count(*) DESC, year DESC
LIMIT 1;
