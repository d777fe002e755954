-- The scale benchmark (scripts/bench_scale.py): the base store's reports copied $copies - 1 more times, set-based.
-- Copy n (1 …) of a report is a report of a new agency, its name with the suffix ·000n (real and 示例 names alike,
-- the sample flag kept), with a new report_id and sha256 (md5 of the old one and n); its facts and findings come
-- along. Copy 0 is the base store itself. Run on a writable copy of the base store, in copy order, so each copy's
-- rows lie together as one ingest's would.
SET enable_progress_bar = false;
CREATE TEMP TABLE bench_copies AS SELECT range AS copy_no, range * (SELECT max(report_key) FROM reports) AS key_offset FROM range(1, $copies);
INSERT INTO facts BY NAME
SELECT md5(f.report_id || '·' || c.copy_no) AS report_id, f.indicator, f.applicant, f.value, f.raw, f.status, f.seq, f.unit, f.evidence,
       f.report_key + c.key_offset AS report_key
FROM bench_copies c, facts f
ORDER BY c.copy_no, f.rowid;
INSERT INTO report_figures
SELECT md5(g.report_id || '·' || c.copy_no), g.indicator, g.value
FROM bench_copies c, report_figures g
ORDER BY c.copy_no, g.rowid;
INSERT INTO checks
SELECT md5(k.report_id || '·' || c.copy_no), k.rule, k.severity, k.code, k.params, k.message, k.message_en, k.indicators, k."values", k.sentence, k.stage
FROM bench_copies c, checks k
ORDER BY c.copy_no, k.rowid;
INSERT INTO reports BY NAME
SELECT md5(r.report_id || '·' || c.copy_no) AS report_id, r.agency || '·' || printf('%04d', c.copy_no) AS agency, r.year, r.template,
       r.source_name, r.source_format, md5(r.sha256 || '·' || c.copy_no) AS sha256, r.ingested_at, r.is_sample, r.narrative,
       r.report_key + c.key_offset AS report_key
FROM bench_copies c, reports r
ORDER BY c.copy_no, r.rowid;
DROP TABLE bench_copies;
INSERT OR REPLACE INTO store_meta VALUES ('bench_copies', CAST($copies AS VARCHAR));
