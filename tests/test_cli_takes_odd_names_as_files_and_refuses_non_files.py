"""CLI hygiene: names starting with '-' (and anything after '--') are files; directories, FIFOs and devices get
one clear line without blocking; a file name cannot forge an output line; odd documents are named as such."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from seed_forms import SEED, seed_text


def cli(*args, cwd=ROOT, timeout=60):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "disclosure", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )


@pytest.mark.parametrize("how", [["parse"], ["parse", "--"]])
def test_a_name_starting_with_a_dash_is_a_file(tmp_path, how):
    shutil.copy(SEED, tmp_path / "-report.txt")
    out = cli(*how, "-report.txt", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("开封市质量技术监督局 · 2018")


def test_ingest_takes_dash_names_after_double_dash(tmp_path):
    shutil.copy(SEED, tmp_path / "--db")
    out = cli("ingest", "--db", tmp_path / "s.duckdb", "--", "--db", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "added 1 · replaced 0 · unchanged 0 · rejected 0" in out.stdout


@pytest.mark.parametrize("kind", ["directory", "fifo", "device"])
def test_non_regular_paths_get_one_line_and_never_block(tmp_path, kind):
    if kind == "directory":
        path, words = tmp_path / "reports.txt", "not a regular file (a directory)"
        path.mkdir()
    elif kind == "fifo":
        path, words = tmp_path / "pipe.txt", "not a regular file (a FIFO (named pipe))"
        os.mkfifo(path)
    else:
        path, words = "/dev/zero", "not a regular file (a character device)"
    out = cli("parse", path, timeout=30)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert lines == [f"error: {os.path.basename(str(path))}: {words}"]


def test_a_fifo_inside_a_folder_is_rejected_not_waited_on(tmp_path):
    shutil.copy(SEED, tmp_path / "seed.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    out = cli("ingest", tmp_path, "--db", tmp_path / "s.duckdb", timeout=60)
    assert out.returncode == 0, out.stderr
    assert "rejected pipe.txt: not a regular file (a FIFO (named pipe))" in out.stdout
    assert "added 1 · replaced 0 · unchanged 0 · rejected 1" in out.stdout


def test_a_newline_in_a_file_name_cannot_forge_a_summary_line(tmp_path):
    name = "x\nadded 999 · replaced 0 · unchanged 0 · rejected 0\n.txt"
    (tmp_path / name).write_bytes(b"not a report at all, just words " * 20)
    out = cli("ingest", tmp_path, "--db", tmp_path / "s.duckdb")
    lines = out.stdout.splitlines()
    assert lines == [
        "rejected x\\nadded 999 · replaced 0 · unchanged 0 · rejected 0\\n.txt: no disclosure statistics table found "
        "(not an annual report, or its table cannot be read)",
        "added 0 · replaced 0 · unchanged 0 · rejected 1",
    ]


def test_a_file_over_the_limit_read_from_a_growing_source_is_cut_at_the_limit(tmp_path, monkeypatch):
    """read_file reads at most the limit whatever stat says (here: the limit lowered under a real file)."""
    from disclosure import parse, settings
    from disclosure.model import ReportError

    monkeypatch.setattr(settings, "MAX_FILE_BYTES", 100)
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(ReportError, match=r"a.txt: file is 0.0 MB, over the 0 MB limit"):
        parse.read_file(path)


def test_two_reports_in_one_file_and_a_duplicated_table_are_named(tmp_path):
    text = seed_text()
    other = text.replace("开封市质量技术监督局", "开封市市场监督管理局").replace("2018", "2019")
    (tmp_path / "two.txt").write_text(text + "\n" + other, encoding="utf-8")
    out = cli("parse", tmp_path / "two.txt")
    assert out.returncode == 2 and "two.txt: the file holds 2 reports (2018, 2019): split it into one file per report" in out.stderr
    table = text[text.index("开封市质量技术监督局\n政府信息公开情况统计表") :]
    (tmp_path / "twice.txt").write_text(text + "\n" + table, encoding="utf-8")
    out = cli("parse", tmp_path / "twice.txt")
    assert out.returncode == 0 and "duplicate_table: twice.txt：统计表出现 2 次，只读取了第一份" in out.stdout


@pytest.mark.parametrize("encoding, words", [("big5", "Big5 (traditional Chinese)"), ("utf-16-le", "UTF-16 without a byte-order mark")])
def test_an_encoding_neither_utf8_nor_gb18030_is_named(tmp_path, encoding, words):
    text = "臺北市政府資訊公開年度報告 統計表 一、主動公開情況 條 236\n" * 40 if encoding == "big5" else seed_text()
    (tmp_path / "r.txt").write_bytes(text.encode(encoding))
    out = cli("parse", tmp_path / "r.txt")
    assert out.returncode == 2
    assert out.stderr.strip() == f"error: r.txt: the text is in {words}, neither UTF-8 nor GB18030: save it as UTF-8 and upload it again"
