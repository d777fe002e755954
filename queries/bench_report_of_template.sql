-- One agency-year on the given template, a real report before a sample one (the page benchmark's views).
SELECT agency, year, is_sample FROM reports WHERE template = $template ORDER BY is_sample, agency, year DESC LIMIT 1;
