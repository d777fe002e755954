"""One writer at a time: two ingests started together into one store both land; a killed ingest leaves build
files that the next write removes; a writer that cannot get the lock in time fails clearly, writing nothing."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest
from conftest import ROOT

from disclosure.store import Store

SAMPLE = ROOT / "data" / "sample"


def _split(tmp_path):
    """Two folders of sample reports with no agency in common."""
    files = sorted(p for p in SAMPLE.iterdir() if p.suffix in (".txt", ".md", ".html", ".tsv"))
    agencies = sorted({p.name.rsplit("-", 1)[0] for p in files})
    sides = []
    for k in range(2):
        folder = tmp_path / f"side{k}"
        folder.mkdir()
        for p in files:
            if agencies.index(p.name.rsplit("-", 1)[0]) % 2 == k:
                shutil.copy(p, folder / p.name)
        sides.append(folder)
    return sides


def _reports(db) -> set[tuple[str, int]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {(a, int(y)) for a, y in con.execute("SELECT agency, year FROM reports").fetchall()}
    finally:
        con.close()


def _added(stdout: str) -> int:
    return int(re.search(r"^added (\d+) ·", stdout, re.M).group(1))


def test_two_ingests_at_once_keep_both_sides_reports(tmp_path):
    sides = _split(tmp_path)
    db = tmp_path / "store.duckdb"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "disclosure", "ingest", str(side), "--db", str(db)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for side in sides
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    added = [_added(out) for out, _ in outs]
    assert all(a > 0 for a in added)
    stored = _reports(db)
    assert len(stored) == sum(added), (added, len(stored))  # neither side's reports were lost
    assert not [p for p in tmp_path.iterdir() if ".building" in p.name or p.name.endswith(".wal")]


@pytest.mark.slow  # holds the lock for 4 s while the other writer waits
def test_a_second_writer_waits_with_a_message_then_writes_on_top(tmp_path):
    sides = _split(tmp_path)
    db = tmp_path / "store.duckdb"
    Store(db).ingest_paths([sides[0]])
    first = _reports(db)
    with Store(db).lock():
        # another process cannot write while this one holds the lock
        proc = subprocess.Popen(
            [sys.executable, "-m", "disclosure", "ingest", str(sides[1]), "--db", str(db)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(4)  # long enough to parse its side and reach the write
        assert proc.poll() is None and _reports(db) == first
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "waiting: another writer is updating store.duckdb" in err
    assert _reports(db) >= first and len(_reports(db)) == len(first) + _added(out)


def test_a_writer_that_cannot_get_the_lock_fails_clearly_and_writes_nothing(reports_store_copy, monkeypatch):
    db = reports_store_copy  # data/reports/ ingested
    before = db.read_bytes()
    monkeypatch.setenv("DISCLOSURE_STORE_LOCK_TIMEOUT_S", "1")
    with Store(db).lock():
        out = subprocess.run(
            [sys.executable, "-m", "disclosure", "ingest", str(SAMPLE / "shili-bingqu-2015.txt"), "--db", str(db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert out.returncode == 3
    assert "another writer held the store for over 1 s; nothing was written" in out.stderr
    assert "Traceback" not in out.stderr and "added" not in out.stdout
    assert db.read_bytes() == before


@pytest.mark.slow  # up to ten ingests of the sample set, killed mid-build
def test_a_killed_ingest_leaves_nothing_after_the_next_write(tmp_path):
    db = tmp_path / "store.duckdb"
    Store(db).ingest_paths([ROOT / "data" / "reports"])
    killed = False
    for _ in range(10):
        proc = subprocess.Popen(
            [sys.executable, "-m", "disclosure", "ingest", str(SAMPLE), "--db", str(db)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while proc.poll() is None:
            if list(tmp_path.glob("store.duckdb.*.building*")):
                time.sleep(0.05)
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                killed = True
                break
            time.sleep(0.005)
        if killed and list(tmp_path.glob("store.duckdb.*.building*")):
            break
        killed = False
    if not killed:
        # the build was always too quick to catch: leave the files a killed writer leaves
        (tmp_path / "store.duckdb.x1.building").write_bytes(b"half")
        (tmp_path / "store.duckdb.x1.building.wal").write_bytes(b"half")
    assert list(tmp_path.glob("store.duckdb.*.building*"))
    assert _reports(db)  # the kill never touched the store itself
    Store(db).ingest_paths([SAMPLE / "shili-bingqu-2015.txt"])
    assert not [p for p in tmp_path.iterdir() if ".building" in p.name or p.name.endswith(".wal")]
    assert ("示例市丙区人民政府", 2015) in _reports(db)


def test_the_lock_is_reentrant_in_one_thread_and_times_out_across_processes(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db).lock():
        with Store(db).lock():  # refresh_from_data holds it around ingest and the meta write
            pass
    code = (
        "import sys; sys.path.insert(0, '.'); from pathlib import Path; from disclosure.store import Store, StoreBusy\n"
        f"try:\n    with Store(Path({str(db)!r})).lock(timeout=0.3, say=lambda m: None): print('got it')\n"
        "except StoreBusy as e: print('busy', e)\n"
    )
    with Store(db).lock():
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.startswith("busy s.duckdb: another writer"), out
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.stdout.startswith("got it"), out
