INSERT INTO facts SELECT report_id, indicator, applicant, value, raw, status, seq, unit, evidence FROM new_facts;
