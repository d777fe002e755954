"""The hostile suite (scripts/make_hostile_files.py): every file gets its one-line error or finding within
its budget, in the sandbox; ingesting them leaves the store byte-identical; the CLI survives every one."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import time

import pytest
from conftest import ROOT

from disclosure import sandbox, settings
from disclosure.audit import audit_report
from disclosure.model import ReportError
from disclosure.store import Store

spec = importlib.util.spec_from_file_location("make_hostile_files", ROOT / "scripts" / "make_hostile_files.py")
hostile = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hostile)

PER_FILE_SECONDS = 15  # far below the sandbox's own budgets: the caps answer before any budget is reached


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return hostile.hostile_files(tmp_path_factory.mktemp("hostile"))


@pytest.mark.parametrize("name", sorted(hostile.EXPECT))
def test_each_hostile_file_gets_its_error_or_finding_in_time(files, name):
    kind, words = hostile.EXPECT[name]
    started = time.monotonic()
    try:
        report = sandbox.parse_file(files[name])
        outcome, message = "ok", ""
    except sandbox.BudgetExceeded as e:
        pytest.fail(f"{name}: a budget was needed, the reader's own cap should have answered: {e}")
    except ReportError as e:
        outcome, message = "error", str(e)
    elapsed = time.monotonic() - started
    assert elapsed < PER_FILE_SECONDS, f"{name} took {elapsed:.1f} s"
    if kind == "error":
        assert outcome == "error", f"{name} was accepted"
        assert message.startswith(name + ": ") and "\n" not in message.split(": ", 1)[1]
        assert words.lower() in message.lower(), message
    else:
        assert outcome == "ok", message
        if kind == "finding":
            checks = report.checks + audit_report(report)
            assert any(c.rule == words for c in checks), [c.rule for c in checks]
            if words == "implausible_value":
                # the absurd cell is a finding, and never a stored figure beyond the sane range
                assert all(f.value is None or abs(f.value) < 10**settings.MAX_VALUE_DIGITS for f in report.facts)


def test_a_400_digit_number_is_an_error_finding_not_a_figure(files):
    report = sandbox.parse_file(files["number-400-digits.txt"])
    fact = next(f for f in report.facts if f.indicator == "active.total")
    assert fact.value is None and fact.raw.startswith("999")
    found = [c for c in audit_report(report) if c.rule == "implausible_value"]
    assert found and found[0].severity == "error" and "400" in found[0].message


def test_ingesting_the_hostile_suite_leaves_the_store_unchanged(files, tmp_path, reports_store_copy):
    db = reports_store_copy  # data/reports/ ingested, as tmp_path/store.duckdb
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = [p for n, p in files.items() if hostile.EXPECT[n][0] == "error"]
    summary = Store(db).ingest_paths(bad)
    assert len(summary.rejected) == len(bad) and not summary.added and not summary.replaced
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("store.duckdb.")]


def test_the_good_files_load_beside_the_bad_ones_and_the_bad_are_recorded(files, tmp_path):
    db = tmp_path / "store.duckdb"
    summary = Store(db).ingest_paths(
        [
            files["pdf-stream-bomb.pdf"],
            files["number-400-digits.txt"],
            files["docx-zip-bomb.docx"],
            ROOT / "data" / "sample" / "shili-bingqu-2015.txt",
        ]
    )
    assert len(summary.added) == 2 and len(summary.rejected) == 2
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        skipped = dict(con.execute("SELECT source_name, reason FROM skipped_files").fetchall())
        rules = {r for (r,) in con.execute("SELECT rule FROM checks").fetchall()}
    finally:
        con.close()
    assert set(skipped) == {"pdf-stream-bomb.pdf", "docx-zip-bomb.docx"}
    assert "implausible_value" in rules


def test_cli_ingest_of_the_whole_suite_prints_one_safe_line_per_file(files, tmp_path):
    db = tmp_path / "cli.duckdb"
    folder = next(iter(files.values())).parent
    out = subprocess.run(
        [sys.executable, "-m", "disclosure", "ingest", str(folder), "--db", str(db)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stdout.splitlines()
    summaries = [ln for ln in lines if ln.startswith("added ")]
    assert len(summaries) == 1 and not summaries[0].startswith("added 999"), lines  # the newline name forged nothing
    rejected = [ln for ln in lines if ln.startswith("rejected ")]
    expected_errors = [n for n, (kind, _) in hostile.EXPECT.items() if kind == "error"]
    assert len(rejected) == len(expected_errors), lines
    assert len(lines) == len(rejected) + 1


def test_the_hostile_generator_runs_as_a_script(tmp_path):
    out = subprocess.run(
        [sys.executable, "scripts/make_hostile_files.py", str(tmp_path / "h"), "--small"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == len(hostile.EXPECT)
    assert os.path.exists(tmp_path / "h" / "fifo.txt")
