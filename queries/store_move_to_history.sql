INSERT INTO reports_history SELECT *, now() FROM reports WHERE report_id = $report_id;
INSERT INTO facts_history SELECT * FROM facts WHERE report_id = $report_id;
DELETE FROM checks WHERE report_id = $report_id;
DELETE FROM facts WHERE report_id = $report_id;
DELETE FROM reports WHERE report_id = $report_id;
