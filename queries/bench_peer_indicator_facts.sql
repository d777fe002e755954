-- The scale benchmark's pandas peer, "cache_data style" (trends): every agency's facts of the series' indicators,
-- read on a cache miss; the agencies are then picked in pandas.
SELECT r.agency, r.year, r.template, r.is_sample, f.indicator, f.applicant, f.value, f.status, f.seq
FROM reports r JOIN facts f ON f.report_key = r.report_key
WHERE list_contains($indicators, f.indicator);
