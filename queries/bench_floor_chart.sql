-- The floor page's one chart: the table summed by category, run on every page view as a plain page does.
SELECT category, sum(amount) AS total
FROM floor
GROUP BY category
ORDER BY category;
