-- The scale benchmark's views, read from the base store: real agencies with the most reports first, each with the
-- years it reported on the 2021 template.
SELECT agency,
       count(*) AS reports,
       list(year ORDER BY year DESC) FILTER (WHERE template = '2021') AS years_2021
FROM reports
WHERE NOT is_sample
GROUP BY agency
ORDER BY reports DESC, agency;
