-- The facts of some reports, for their report figures.
SELECT report_id, indicator, applicant, value, status FROM facts WHERE list_contains($reports, report_id);
