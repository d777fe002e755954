"""The scale benchmark (scripts/bench_scale.py) runs end to end at a tiny size: a replicated store, every named query,
every page's script run, the product and both pandas peers with the same answers, all in its JSON with numbers."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys

import pytest
from conftest import ROOT

from scripts import bench_scale


def test_sizes_read_as_reports():
    assert [bench_scale.parse_size(s) for s in ("500", "1k", "10k", "100K", "2.5k")] == [500, 1000, 10000, 100000, 2500]
    assert [bench_scale.label(n) for n in (500, 1000, 100000)] == ["500", "1k", "100k"]


def test_every_query_a_page_runs_is_timed():
    """A named query a page (or the UI and brief code under it) runs is one of the benchmark's cases."""
    called = set()
    for folder in ("pages", "disclosure/ui", "disclosure/brief"):
        for path in (ROOT / folder).glob("*.py"):
            called |= set(re.findall(r"query\(\s*\"(\w+)\"", path.read_text(encoding="utf-8")))
    timed = set(re.findall(r"\(\"[^\"]+\", \"(\w+)\",", inspect.getsource(bench_scale.query_cases)))
    assert called and not called - timed, sorted(called - timed)


def number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


@pytest.mark.slow  # builds the base store from data/ and runs every page in AppTest (about a minute)
def test_a_tiny_run_measures_every_page_and_query(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [
            sys.executable,
            "scripts/bench_scale.py",
            "--sizes",
            "1k",  # twice the base store (581 reports): two copies
            "--no-browser",
            "--runs",
            "1",
            "--dir",
            str(tmp_path),
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text())
    assert report["base"]["reports"] > 0 and number(report["base"]["build_s"])
    size = report["sizes"]["1k"]
    store = size["store"]
    assert store["reports"] >= 1000 and store["reports"] % report["base"]["reports"] == 0
    assert store["copies"] == 2 and store["agencies"] > 0 and store["facts"] > report["base"]["facts"]
    assert number(store["replicate_s"]) and number(store["size_mb"])

    pages = size["pages"]["pages"]
    assert set(pages) == set(bench_scale.PAGES)
    for page, p in pages.items():
        assert "error" not in p, (page, p["error"])
        assert number(p["cold_ms"]) and number(p["warm_ms"]), page

    queries = size["queries"]["queries"]
    used = {name for _, name, _ in bench_scale.query_cases(ROOT / store["path"], report["view"])}
    assert used == {q["query"] for q in queries.values()}
    for case, q in queries.items():
        assert "error" not in q, (case, q["error"])
        assert number(q["first_ms"]) and number(q["warm_ms"]) and q["rows"] >= 0, case

    for peer in ("shared_frame", "cache_data"):
        entry = size["peer"][peer]
        assert "error" not in entry, entry
        for question in ("trends", "compare"):
            assert entry[question]["same_answer"], (peer, question)
            assert number(entry[question]["product_ms"]) and number(entry[question]["peer_ms"])
        assert number(entry["product_rss_mb"]) and number(entry["peer_rss_mb"])
    assert "browser" not in size
    assert "### 1k" in proc.stdout and "| overview |" in proc.stdout
