"""The store laid out for its questions. report_figures, the summary table pages read for every agency of a year, holds
each current report's figures by the one rule of disclosure.figures (总计, else the applicant columns' sum; blank stays
NULL): equal to the rule applied to the stored facts, gone with a replaced version, filled in once for an older store.
Reports have integer keys and each report's facts lie together under its key, so one report's facts are one range."""

from __future__ import annotations

import math

import duckdb
from seed_forms import SEED, seed_text

from disclosure.figures import report_figures
from disclosure.store import Store


def _figures(con) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for rid, indicator, value in con.execute("SELECT report_id, indicator, value FROM report_figures").fetchall():
        out.setdefault(rid, {})[indicator] = value
    return out


def _rule(con) -> dict[str, dict[str, float | None]]:
    facts = con.execute("SELECT report_id, indicator, applicant, value, status FROM facts").df()
    return {rid: report_figures(part) for rid, part in facts.groupby("report_id")}


def _same(a: dict, b: dict) -> bool:
    """Equal figures, a blank (None or NaN) equal to a blank."""

    def plain(d: dict) -> dict:
        return {k: None if v is None or (isinstance(v, float) and math.isnan(v)) else v for k, v in d.items()}

    return plain(a) == plain(b)


def test_every_stored_report_has_the_figures_the_rule_gives(built_store):
    con = duckdb.connect(str(built_store), read_only=True)
    try:
        stored, rule = _figures(con), _rule(con)
        assert stored.keys() == rule.keys() and len(stored) > 300
        differing = [rid for rid in rule if not _same(stored[rid], rule[rid])]
        assert differing == []
    finally:
        con.close()


def test_a_replaced_version_takes_its_figures_along(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).ingest_paths([SEED])
    revised = tmp_path / "kaifeng-2018-revised.txt"
    revised.write_text(
        seed_text().replace("2.政府网站公开政府信息数 |\n条 |\n98 |", "2.政府网站公开政府信息数 |\n条 |\n236 |"), encoding="utf-8"
    )
    Store(db).ingest_paths([revised])
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(DISTINCT report_id) FROM report_figures").fetchone() == (1,)
        assert con.execute("SELECT value FROM report_figures WHERE indicator = 'active.channel.website'").fetchone() == (236.0,)
    finally:
        con.close()


def _older_store_written_again(tmp_path, *undo: str):
    """A store of the founding report made to look older (`undo` statements), then written again with a second report."""
    db = tmp_path / "s.duckdb"
    Store(db).ingest_paths([SEED])
    con = duckdb.connect(str(db))
    for statement in undo:
        con.execute(statement)
    con.close()
    other = tmp_path / "other-2018.txt"
    other.write_text(seed_text().replace("开封市质量技术监督局", "开封市示范局"), encoding="utf-8")
    Store(db).ingest_paths([other])
    return db


def test_a_store_written_before_report_figures_gets_them_on_its_next_write(tmp_path):
    db = _older_store_written_again(tmp_path, "DROP TABLE report_figures", "DELETE FROM store_meta WHERE key = 'report_figures'")
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(DISTINCT report_id) FROM report_figures").fetchone() == (2,)
        founding = con.execute("SELECT report_id FROM reports WHERE agency = '开封市质量技术监督局'").fetchone()[0]
        assert _same(_figures(con)[founding], _rule(con)[founding])  # filled by the rule, like a fresh ingest
    finally:
        con.close()


def test_reports_have_integer_keys_and_their_facts_one_range(built_store):
    """A report's facts carry its integer key and lie together, so a query for one report reads one range."""
    con = duckdb.connect(str(built_store), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM reports WHERE report_key IS NULL").fetchone() == (0,)
        assert con.execute("SELECT count(DISTINCT report_key) = count(*) FROM reports").fetchone() == (True,)
        wrong = con.execute(
            "SELECT count(*) FROM facts f JOIN reports r USING (report_id) WHERE f.report_key IS DISTINCT FROM r.report_key"
        ).fetchone()
        assert wrong == (0,)
        # physically together: between a report's first and last fact there is no other report's fact
        spread = con.execute(
            "SELECT max(n) FROM (SELECT report_key, max(rowid) - min(rowid) + 1 - count(*) AS n FROM facts GROUP BY report_key)"
        ).fetchone()
        assert spread == (0,)
    finally:
        con.close()


def test_a_store_written_before_report_keys_gets_them_on_its_next_write(tmp_path):
    db = _older_store_written_again(tmp_path, "UPDATE facts SET report_key = NULL", "UPDATE reports SET report_key = NULL")
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM reports WHERE report_key IS NULL").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM facts WHERE report_key IS NULL").fetchone() == (0,)
        assert con.execute("SELECT count(DISTINCT report_key) FROM reports").fetchone() == (2,)
    finally:
        con.close()
    assert len(Store(db).reader().query("report_facts", agency="开封市质量技术监督局", year=2018)) > 50
