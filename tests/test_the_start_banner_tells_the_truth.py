"""The start-up banner shows only while the store is really being built from data/, with how far it has got: a start
that finds the store up to date reads no file and says nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

from disclosure.store import Store

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "data" / "reports" / "kaifeng-zhijian-2018.txt"


def test_a_build_tells_its_progress_and_an_up_to_date_store_tells_nothing(tmp_path):
    reports, sample = tmp_path / "reports", tmp_path / "sample"
    reports.mkdir()
    sample.mkdir()
    shutil.copy(FOUNDING, reports / FOUNDING.name)
    shutil.copy(ROOT / "data" / "reports" / "fujian" / "sanming-shi-2021.txt", reports / "sanming-shi-2021.txt")
    store = Store(tmp_path / "store.duckdb")
    told: list[tuple[int, int]] = []
    summary = store.refresh_from_data(reports, sample, on_progress=lambda done, total: told.append((done, total)))
    assert summary is not None and len(summary.added) == 2
    assert told[0] == (0, 0) and told[1:] == [(0, 2), (1, 2)]  # started, then each file as it is read
    again: list[tuple[int, int]] = []
    assert store.refresh_from_data(reports, sample, on_progress=lambda done, total: again.append((done, total))) is None
    assert again == []  # the check that data/ and the store agree is no build: no banner


def test_the_page_banner_reads_the_build_progress_only_while_files_are_read(monkeypatch):
    from disclosure.ui import data

    class Alive:
        def is_alive(self):
            return True

    monkeypatch.setattr(data, "start_build_from_data", lambda: Alive())
    monkeypatch.setattr(data, "BUILD", {})
    assert data.building() is None  # the thread is only checking data/
    data._progress(3, 40)
    assert data.building() == {"done": 3, "total": 40}
