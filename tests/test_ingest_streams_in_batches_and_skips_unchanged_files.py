"""Ingest at scale: files already stored (same name, same bytes) are skipped before they are parsed, a folder with
one changed file parses only that file, and writing in small batches gives the same store — facts and the audit's
cross-year findings alike — as writing everything at once."""

from __future__ import annotations

import os
import shutil

import duckdb
import pytest
from conftest import ROOT
from seed_forms import SEED

from disclosure import pipeline, settings
from disclosure.store import Store

SAMPLE = ROOT / "data" / "sample"
# two agencies over several years (the audit's carry-over rules span neighbouring years), in several forms
FILES = sorted(p for p in SAMPLE.iterdir() if p.name.startswith(("shili-bingqu-", "shili-tjj-")))


def _rows(db, statement):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(con.execute(statement).fetchall(), key=repr)
    finally:
        con.close()


@pytest.fixture()
def folder(tmp_path):
    out = tmp_path / "in"
    out.mkdir()
    for f in FILES:
        shutil.copy2(f, out / f.name)
    return out


@pytest.fixture()
def parses(monkeypatch):
    seen = []
    real = pipeline.read_file

    def counting(path, *args, **kwargs):
        seen.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "read_file", counting)
    return seen


def test_an_unchanged_folder_parses_nothing_and_writes_nothing(folder, tmp_path, parses):
    db = tmp_path / "s.duckdb"
    first = Store(db).ingest_paths([folder], sample=True)
    assert len(first.added) == len(FILES) and len(parses) == len(FILES)
    before = db.read_bytes()
    parses.clear()
    again = Store(db).ingest_paths([folder], sample=True)
    assert parses == [] and len(again.unchanged) == len(FILES) and not again.added
    assert db.read_bytes() == before


def test_one_changed_file_is_the_only_one_parsed(folder, tmp_path, parses):
    db = tmp_path / "s.duckdb"
    Store(db).ingest_paths([folder], sample=True)
    changed = next(f for f in sorted(folder.iterdir()) if f.suffix == ".txt")
    changed.write_bytes(changed.read_bytes() + b"\n")  # new bytes, same report
    parses.clear()
    summary = Store(db).ingest_paths([folder], sample=True)
    assert parses == [changed.name]
    assert len(summary.replaced) == 1 and len(summary.unchanged) == len(FILES) - 1


def test_small_batches_store_what_one_batch_stores(folder, tmp_path, monkeypatch):
    whole, batched = tmp_path / "whole.duckdb", tmp_path / "batched.duckdb"
    Store(whole).ingest_paths([folder], sample=True)
    monkeypatch.setattr(settings, "INGEST_BATCH_REPORTS", 3)
    Store(batched).ingest_paths([folder], sample=True)
    for statement in (
        "SELECT agency, year, template, sha256 FROM reports",
        "SELECT report_id, indicator, applicant, value, status, seq FROM facts",
        "SELECT report_id, rule, severity, message FROM checks",
    ):
        assert _rows(whole, statement) == _rows(batched, statement), statement
    assert _rows(batched, "SELECT count(DISTINCT agency) FROM reports") == [(2,)]
    assert _rows(batched, "SELECT count(*) FROM checks WHERE stage = 'audit'")[0][0] > 0


def test_re_reading_a_folder_with_two_versions_of_a_report_keeps_the_newer(tmp_path, parses):
    folder = tmp_path / "two"
    folder.mkdir()
    older, newer = folder / "a-2018.txt", folder / "b-2018-revised.txt"
    text = SEED.read_text(encoding="utf-8")
    older.write_text(text, encoding="utf-8")
    newer.write_text(text.replace("2.政府网站公开政府信息数 |\n条 |\n98 |", "2.政府网站公开政府信息数 |\n条 |\n236 |"), encoding="utf-8")
    os.utime(older, ns=(1_000_000_000, 1_000_000_000))  # files are read oldest first: the newer one wins
    db = tmp_path / "s.duckdb"
    Store(db).ingest_paths([folder])
    again = Store(db).ingest_paths([folder])
    assert not again.replaced and not again.added and len(again.unchanged) == 2
    assert _rows(db, "SELECT source_name FROM reports") == [(newer.name,)]
    assert _rows(db, "SELECT source_name FROM reports_history") == [(older.name,)]
