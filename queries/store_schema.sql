-- The store: current reports and their facts and findings; replaced versions move to *_history.
CREATE TABLE IF NOT EXISTS reports (
    report_id     VARCHAR PRIMARY KEY,   -- sha256 of the source file
    agency        VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    template      VARCHAR NOT NULL,
    source_name   VARCHAR NOT NULL,
    source_format VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    ingested_at   TIMESTAMP NOT NULL,
    is_sample     BOOLEAN NOT NULL DEFAULT FALSE,
    narrative     VARCHAR
);
CREATE TABLE IF NOT EXISTS facts (
    report_id VARCHAR NOT NULL,
    indicator VARCHAR NOT NULL,
    applicant VARCHAR NOT NULL,
    value     DOUBLE,
    raw       VARCHAR,
    status    VARCHAR NOT NULL,
    seq       INTEGER NOT NULL,  -- position in the report's table, to show it as reported
    unit      VARCHAR,           -- the unit as written, for figures read from the narrative (status from_text)
    evidence  VARCHAR            -- the sentence a from_text figure was read from
);
CREATE TABLE IF NOT EXISTS checks (
    report_id  VARCHAR NOT NULL,
    rule       VARCHAR NOT NULL,
    severity   VARCHAR NOT NULL,
    code       VARCHAR,            -- the finding's words: a key of catalog/strings.csv, said in the page's language
    params     VARCHAR,            -- JSON object: their parameters (text, figures, {"zh", "en"} pairs)
    message    VARCHAR,            -- the words said in Chinese and in English, so a row reads on its own
    message_en VARCHAR,
    indicators VARCHAR[],
    "values"   VARCHAR,            -- JSON object indicator → value
    sentence   VARCHAR,
    stage      VARCHAR NOT NULL    -- parse (e.g. unmapped_row) or audit; the audit re-runs, parse findings stay
);
CREATE TABLE IF NOT EXISTS reports_history AS SELECT *, CAST(NULL AS TIMESTAMP) AS replaced_at FROM reports WHERE FALSE;
CREATE TABLE IF NOT EXISTS facts_history AS SELECT * FROM facts WHERE FALSE;
CREATE TABLE IF NOT EXISTS indicators (
    id            VARCHAR PRIMARY KEY,
    templates     VARCHAR[],
    section       VARCHAR,
    label_zh      VARCHAR,
    label_en      VARCHAR,
    short_zh      VARCHAR,
    short_en      VARCHAR,
    unit          VARCHAR,
    parent        VARCHAR,
    kind          VARCHAR,
    by_applicant  BOOLEAN,
    definition_zh VARCHAR,
    definition_en VARCHAR,
    source_zh     VARCHAR,
    seq           INTEGER
);
CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
-- Each current report's figure per indicator (disclosure.figures: 总计, else the applicant columns' sum; NULL when
-- blank), written at ingest: pages that read every agency of a year read these, not every applicant cell.
CREATE TABLE IF NOT EXISTS report_figures (report_id VARCHAR NOT NULL, indicator VARCHAR NOT NULL, value DOUBLE);
-- Files an ingest has read (path, size, mtime → content hash): an unchanged file is known by its stat, not re-read.
CREATE TABLE IF NOT EXISTS source_files (path VARCHAR PRIMARY KEY, size BIGINT NOT NULL, mtime_ns BIGINT NOT NULL, sha256 VARCHAR NOT NULL);
-- Files the last writes could not read: shown on 数据质量, so a bad file is seen instead of breaking the store.
CREATE TABLE IF NOT EXISTS skipped_files (source_name VARCHAR PRIMARY KEY, reason VARCHAR NOT NULL, skipped_at TIMESTAMP NOT NULL);
-- the reason in Chinese (a store written before it has the column added, its older rows blank)
ALTER TABLE skipped_files ADD COLUMN IF NOT EXISTS reason_zh VARCHAR;
-- stores built before facts carried a unit and evidence: add them, to facts and its history alike
ALTER TABLE facts ADD COLUMN IF NOT EXISTS unit VARCHAR;
ALTER TABLE facts ADD COLUMN IF NOT EXISTS evidence VARCHAR;
ALTER TABLE facts_history ADD COLUMN IF NOT EXISTS unit VARCHAR;
ALTER TABLE facts_history ADD COLUMN IF NOT EXISTS evidence VARCHAR;
-- a figure read by OCR: the engine's probability of its least sure digit (blank for every figure read from text)
ALTER TABLE facts ADD COLUMN IF NOT EXISTS confidence DOUBLE;
ALTER TABLE facts_history ADD COLUMN IF NOT EXISTS confidence DOUBLE;
-- Integer report keys, given in the order reports are written: a report's facts are written together, so its facts
-- are one range of keys and a query for one report reads only the row groups that range spans (zone maps), not 13 M rows.
ALTER TABLE reports ADD COLUMN IF NOT EXISTS report_key BIGINT;
ALTER TABLE facts ADD COLUMN IF NOT EXISTS report_key BIGINT;
ALTER TABLE reports_history ADD COLUMN IF NOT EXISTS report_key BIGINT;
ALTER TABLE facts_history ADD COLUMN IF NOT EXISTS report_key BIGINT;
-- a store written before the keys: each report a key (by agency and year), each fact its report's
UPDATE reports SET report_key = k.report_key
FROM (SELECT report_id, (SELECT coalesce(max(report_key), 0) FROM reports) + row_number() OVER (ORDER BY agency, year) AS report_key
      FROM reports WHERE report_key IS NULL) k
WHERE reports.report_id = k.report_id;
UPDATE facts SET report_key = r.report_key FROM reports r WHERE facts.report_key IS NULL AND facts.report_id = r.report_id;
-- a report's coverage as its words state it (disclosure.coverage: own | government | region; NULL when they do not say)
-- and the sentence that says it
ALTER TABLE reports ADD COLUMN IF NOT EXISTS coverage VARCHAR;
ALTER TABLE reports ADD COLUMN IF NOT EXISTS coverage_evidence VARCHAR;
ALTER TABLE reports_history ADD COLUMN IF NOT EXISTS coverage VARCHAR;
ALTER TABLE reports_history ADD COLUMN IF NOT EXISTS coverage_evidence VARCHAR;
