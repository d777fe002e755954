-- Current reports with facts but no report figures yet (a store written before report_figures existed).
SELECT r.report_id FROM reports r
WHERE EXISTS (SELECT 1 FROM facts f WHERE f.report_id = r.report_id AND f.status = 'reported')
  AND NOT EXISTS (SELECT 1 FROM report_figures g WHERE g.report_id = r.report_id);
