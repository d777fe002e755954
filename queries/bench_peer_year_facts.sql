-- The scale benchmark's pandas peer, "cache_data style" (comparison): every fact of one year, read on a cache miss;
-- the indicators and the sample flag are then picked in pandas.
SELECT r.agency, r.year, r.template, r.is_sample, f.indicator, f.applicant, f.value, f.status, f.seq
FROM reports r JOIN facts f ON f.report_key = r.report_key
WHERE r.year = $year;
