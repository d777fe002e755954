-- A batch's report figures (computed by disclosure.figures at ingest), in bulk.
INSERT INTO report_figures SELECT report_id, indicator, value FROM new_report_figures;
