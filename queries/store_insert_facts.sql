-- A batch's facts with their report's key, report by report: each report's facts one contiguous range.
INSERT INTO facts BY NAME
SELECT n.report_id, n.indicator, n.applicant, n.value, n.raw, n.status, n.seq, n.unit, n.evidence, n.confidence, r.report_key
FROM new_facts n JOIN reports r USING (report_id)
ORDER BY r.report_key, n.seq;
