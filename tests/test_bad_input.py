"""Bad input: one line naming the file and the reason; parse exits non-zero; the store is untouched."""

import hashlib
import subprocess
import sys

import pytest
from conftest import ROOT
from seed_forms import SEED, seed_text

from disclosure.model import ReportError
from disclosure.parse import parse_bytes, parse_file
from disclosure.store import Store

NEWS = "新华社北京电 国务院办公厅日前印发通知，要求各地区各部门进一步做好政务公开工作。通知指出，要坚持以人民为中心。\n" * 20


def _cut_off() -> str:
    text = seed_text()
    return text[: text.index("四、行政复议数量")]


def _cut_mid_row() -> str:
    lines = seed_text().splitlines()
    return "\n".join(lines[: lines.index("(一)收到申请数 |") + 2]) + "\n"


BAD = {
    "empty.txt": (b"", "empty"),
    "blank-lines.txt": (b"\n\n  \n", "empty"),
    "junk.bin": (bytes(range(256)) * 64, "binary"),
    "news.txt": (NEWS.encode(), "no disclosure statistics table"),
    "cut-off.txt": (_cut_off().encode(), "cut off"),
    "cut-mid-row.txt": (_cut_mid_row().encode(), "cut off"),
    "fake.pdf": (b"%PDF-1.4\n garbage", "PDF"),
    "old-word.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), ".doc"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_refused_with_its_reason(name):
    data, reason = BAD[name]
    with pytest.raises(ReportError) as err:
        parse_bytes(data, name)
    message = str(err.value)
    assert message.startswith(name + ": ") and reason.lower() in message.lower()
    assert "\n" not in message


def test_file_over_20_mb_is_refused_before_reading(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.seek(20 * 1024 * 1024 + 1)
        fh.write(b"x")
    with pytest.raises(ReportError, match=r"huge.txt: file is 21.0 MB, over the 20 MB limit"):
        parse_file(big)


@pytest.mark.parametrize("name", ["empty.txt", "news.txt", "cut-off.txt", "junk.bin"])
def test_parse_cli_exits_non_zero_with_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD[name][0])
    out = subprocess.run([sys.executable, "-m", "disclosure", "parse", str(path), "--json"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode != 0
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0]


def test_ingest_rejects_bad_files_goes_on_and_leaves_store_unchanged(tmp_path):
    db = tmp_path / "store.duckdb"
    Store(db).ingest_paths([SEED])
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad_dir = tmp_path / "incoming"
    bad_dir.mkdir()
    for name, (data, _) in BAD.items():
        (bad_dir / name.replace(".bin", ".txt")).write_bytes(data)
    summary = Store(db).ingest_paths([bad_dir])
    assert len(summary.rejected) == len(BAD)
    assert not summary.added and not summary.replaced
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("store.duckdb.")]


def test_ingest_cli_reports_each_rejection_on_its_own_line(tmp_path):
    (tmp_path / "news.txt").write_bytes(NEWS.encode())
    good = tmp_path / "seed.txt"
    good.write_bytes(SEED.read_bytes())
    db = tmp_path / "s.duckdb"
    out = subprocess.run(
        [sys.executable, "-m", "disclosure", "ingest", str(tmp_path), "--db", str(db)], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert "rejected news.txt: no disclosure statistics table" in out.stdout
    assert "added 1 · replaced 0 · unchanged 0 · rejected 1" in out.stdout
