"""Every real report of ../shared/corpus/fujian (copied to data/reports/fujian) is read: none
rejected, each with the agency, report year and template its own title and tables give
(tests/corpus/expected.csv, written from the documents), and an incomplete_table check only where
the document really leaves cells undetermined (the `unreadable` column, checked by hand)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from disclosure import agencies
from disclosure.parse import parse_file

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "data" / "reports" / "fujian"
EXPECTED = list(csv.DictReader((HERE / "corpus" / "expected.csv").open(encoding="utf-8")))


def test_the_expected_table_covers_the_whole_corpus():
    files = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert len(files) == 73
    assert sorted(r["file"] for r in EXPECTED) == files


@pytest.mark.parametrize("row", EXPECTED, ids=lambda r: r["file"])
def test_real_report_reads_with_its_agency_year_and_template(row):
    report = parse_file(CORPUS / row["file"])
    assert (report.agency, report.year, report.template) == (row["agency"], int(row["year"]), row["template"])
    incomplete = {i for c in report.checks if c.rule == "incomplete_table" for i in c.indicators}
    assert incomplete == set(row["unreadable"].split()), "incomplete_table only where the document lacks the cells"
    assert not [c for c in report.checks if c.rule in ("unmapped_row", "agency_from_file_name")]
    if row["template"] == "none":
        assert report.facts == [] and [c.rule for c in report.checks] == ["no_statistics_table"]
    else:
        assert sum(f.status == "reported" for f in report.facts) >= 10


def test_one_agency_per_real_agency_with_its_printed_names_merged():
    names = {parse_file(CORPUS / r["file"]).agency for r in EXPECTED}
    assert len(names) == 9
    assert {agencies.canonical("莆田市科技局"), agencies.canonical("莆田市科学技术局")} == {"莆田市科学技术局"}
    assert agencies.canonical("莆田市文化广电新闻出版局") == "莆田市文化和旅游局"
    printed = {parse_file(CORPUS / f).agency_printed for f in ("putian-ptkjj-2016.txt", "putian-ptkjj-2021.txt")}
    assert printed == {"莆田市科技局", "莆田市科学技术局"}


def test_a_report_without_its_table_is_stored_as_a_finding(tmp_path):
    from disclosure.store import Store

    db = tmp_path / "s.duckdb"
    summary = Store(db).ingest_paths([CORPUS / "pingtan-dishuiju-2013.txt"])
    assert len(summary.added) == 1 and summary.rejected == []
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT agency, year, template FROM reports").fetchall() == [("平潭综合实验区地方税务局", 2013, "none")]
        assert con.execute("SELECT count(*) FROM facts").fetchone() == (0,)
        assert ("no_statistics_table", "error") in con.execute("SELECT rule, severity FROM checks").fetchall()
    finally:
        con.close()
