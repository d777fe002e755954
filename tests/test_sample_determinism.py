"""`python -m disclosure sample --seed N` regenerates data/sample byte for byte (PDF and DOCX included),
and the committed set is what its manifest says it is."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from collections import Counter

import pytest

from disclosure import settings
from disclosure.sample import build_sample
from disclosure.sample.writer import render

SAMPLE = settings.SAMPLE_DIR
ROOT = settings.ROOT


def manifest() -> dict:
    return json.loads((SAMPLE / "manifest.json").read_text(encoding="utf-8"))


def test_committed_sample_files_match_their_manifest_and_cover_eleven_years_in_every_form():
    m = manifest()
    assert m["sample"] is True and "示例数据" in m["note"]
    entries = m["reports"]
    listed = {e["file"] for e in entries}
    on_disk = {p.name for p in SAMPLE.iterdir() if p.suffix in settings.REPORT_SUFFIXES}
    assert listed == on_disk
    for e in entries:
        assert hashlib.sha256((SAMPLE / e["file"]).read_bytes()).hexdigest() == e["sha256"], e["file"]
        assert "示例" in e["agency"]
    assert len(entries) >= 300
    assert {e["year"] for e in entries} == set(range(2014, 2025))
    assert {e["template"] for e in entries} >= {"2014", "2019", "2021"}
    forms = Counter(e["form"] for e in entries)
    assert set(forms) == {"txt", "html", "md", "docx", "pdf"} and forms["pdf"] < forms["txt"]
    assert sum(p.stat().st_size for p in SAMPLE.iterdir()) < 20 * 1024 * 1024
    facts = json.loads((SAMPLE / m["facts_file"]).read_text(encoding="utf-8"))
    assert set(facts) == listed


@pytest.mark.slow  # regenerates all 330 reports (PDF and DOCX included)
def test_cli_regenerates_the_committed_set_byte_for_byte(tmp_path):
    seed = manifest()["seed"]
    out = tmp_path / "sample"
    run = subprocess.run(
        [sys.executable, "-m", "disclosure", "sample", "--out", str(out), "--seed", str(seed)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "330 sample reports" in run.stdout
    committed = sorted(p.name for p in SAMPLE.iterdir())
    assert sorted(p.name for p in out.iterdir()) == committed
    differing = [name for name in committed if (out / name).read_bytes() != (SAMPLE / name).read_bytes()]
    assert differing == []


def test_docx_and_pdf_carry_no_clock_time():
    sample = next(r for r in build_sample(5) if r.base_template == "2021")
    docx_bytes = render(sample.report_facts(), "docx")
    archive = zipfile.ZipFile(io.BytesIO(docx_bytes))
    assert {i.date_time for i in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode("utf-8")
    assert f"{sample.year + 1}-01-20T09:00:00Z" in core
    pdf_bytes = render(sample.report_facts(), "pdf")
    assert b"/CreationDate (D:20000101000000" in pdf_bytes  # reportlab's invariant date
    assert render(sample.report_facts(), "pdf") == pdf_bytes


def test_different_seeds_give_different_cities():
    a, b = build_sample(1), build_sample(2)
    assert [r.facts for r in a] != [r.facts for r in b]
    assert [r.facts for r in build_sample(1)] == [r.facts for r in a]
