-- One report's facts in table order, with the catalog's labels and units.
SELECT r.report_id, r.template, r.source_name, r.is_sample, f.indicator, f.applicant, f.value, f.raw, f.status, f.seq, f.unit AS unit_written, f.evidence, f.confidence,
       i.section, i.label_zh, i.label_en, i.short_zh, i.short_en, i.unit, i.parent, i.kind, i.seq AS catalog_seq
FROM reports r
JOIN facts f ON f.report_key = r.report_key
LEFT JOIN indicators i ON i.id = f.indicator
WHERE r.agency = $agency AND r.year = $year
ORDER BY f.seq;
