-- The scale benchmark: what a store holds.
SELECT (SELECT count(*) FROM reports) AS reports,
       (SELECT count(*) FROM reports WHERE is_sample) AS sample_reports,
       (SELECT count(DISTINCT agency) FROM reports) AS agencies,
       (SELECT count(*) FROM facts) AS facts,
       (SELECT count(*) FROM checks) AS checks;
