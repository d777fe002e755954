-- The current versions of the agency-years in new_reports move to the history tables (with their facts); their findings go.
CREATE TEMP TABLE replaced AS
    SELECT r.report_id FROM reports r JOIN new_reports n ON r.agency = n.agency AND r.year = n.year;
INSERT INTO reports_history BY NAME SELECT *, now() AS replaced_at FROM reports WHERE report_id IN (SELECT report_id FROM replaced);
INSERT INTO facts_history BY NAME SELECT * FROM facts WHERE report_id IN (SELECT report_id FROM replaced);
DELETE FROM checks WHERE report_id IN (SELECT report_id FROM replaced);
DELETE FROM report_figures WHERE report_id IN (SELECT report_id FROM replaced);
DELETE FROM facts WHERE report_id IN (SELECT report_id FROM replaced);
DELETE FROM reports WHERE report_id IN (SELECT report_id FROM replaced);
DROP TABLE replaced;
