-- The scale benchmark's pandas peer, "shared frame": every fact with its report's agency, year, template and sample
-- flag, loaded once into one DataFrame.
SELECT r.agency, r.year, r.template, r.is_sample, f.indicator, f.applicant, f.value, f.status, f.seq
FROM reports r JOIN facts f ON f.report_key = r.report_key;
