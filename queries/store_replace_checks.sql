-- Audit findings are recomputed for the reports in scope; findings made while parsing stay.
DELETE FROM checks WHERE stage = 'audit' AND report_id IN (SELECT DISTINCT report_id FROM new_checks_scope);
INSERT INTO checks SELECT report_id, rule, severity, code, params, message, message_en, indicators, "values", sentence, stage FROM new_checks;
