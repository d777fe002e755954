INSERT INTO facts SELECT report_id, indicator, applicant, value, raw, status, seq FROM new_facts;
