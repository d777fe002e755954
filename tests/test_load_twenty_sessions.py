"""The load script (scripts/load_test.py): its arithmetic and bookkeeping, and a real run of 20 concurrent
Chromium sessions through every page of a public-mode server on loopback, with 0 errors."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import ROOT

from scripts import load_test
from scripts.load_test import Crowd, Visit, percentile, summarise, tree_cpu_seconds


def test_p95_is_an_observed_visit_by_nearest_rank():
    times = [float(n) for n in range(1, 161)]  # 160 visits, as 20 sessions × 8 pages
    assert percentile(times, 95) == 152.0
    assert percentile(times, 50) == 80.0
    assert percentile([3.0], 95) == 3.0


def test_one_unsettled_visit_or_one_error_fails_the_run():
    paths = ["overview", "channels"]
    good = [Visit(s, p, "load" if p == "overview" else "nav", 1.0) for s in range(2) for p in paths]
    assert summarise(good, 2, paths, True, 10.0)["passed"]

    unsettled = good[:-1] + [Visit(1, "channels", "nav", None, errors=["not settled: TimeoutError"])]
    summary = summarise(unsettled, 2, paths, True, 10.0)
    assert not summary["passed"] and summary["unsettled"] == 1

    erring = good[:-1] + [Visit(1, "channels", "nav", 1.0, 1, ["st.exception: boom"])]
    summary = summarise(erring, 2, paths, True, 10.0)
    assert not summary["passed"] and summary["errors"] == 1
    assert summary["error_samples"] == ["session 1 /channels: st.exception: boom"]

    assert not summarise(good[:-1], 2, paths, True, 10.0)["passed"]  # a visit missing
    assert not summarise(good, 2, paths, False, 10.0)["passed"]  # cut off by the time limit


def test_crowd_holds_every_session_until_all_have_walked():
    async def scenario() -> tuple[Crowd, list[str]]:
        crowd, log = Crowd(3), []

        async def session(n: int, walk: float) -> None:
            crowd.arrive()
            await asyncio.sleep(walk)
            crowd.finish_walk()
            await crowd.everyone_finished.wait()
            log.append(f"leave {n}")
            crowd.leave()

        await asyncio.gather(session(0, 0.01), session(1, 0.05), session(2, 0.02))
        return crowd, log

    # its own thread: the browser tests' sync Playwright keeps an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        crowd, log = pool.submit(asyncio.run, scenario()).result()
    assert crowd.peak_connected == 3 and crowd.connected == 0 and crowd.finished == 3
    assert len(log) == 3


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="CPU accounting reads Linux /proc")
def test_cpu_seconds_count_a_process_tree_and_leave_out_a_subtree():
    child = subprocess.Popen(
        [sys.executable, "-c", "import time\nt=time.process_time()\nwhile time.process_time()-t<0.5: pass\ntime.sleep(30)"]
    )
    try:
        deadline = 100
        # until the child is nearly through its 0.5 s: read at exactly 0.40 (ticks of 0.01 s), the difference below
        # could come out as 0.39999… in floating point
        while tree_cpu_seconds(child.pid) < 0.45 and deadline:
            deadline -= 1
            subprocess.run(["sleep", "0.1"])
        assert tree_cpu_seconds(child.pid) >= 0.45
        me = os.getpid()
        # without the child first: CPU the rest of the tree (servers, parse workers) spends between the two readings
        # can then only widen the difference, never hide the child's 0.5 s
        without = tree_cpu_seconds(me, exclude=child.pid)
        assert tree_cpu_seconds(me) - without >= 0.4
    finally:
        child.kill()
        child.wait()


def test_only_loopback_servers_are_driven(capsys):
    with pytest.raises(SystemExit):
        load_test.main(["--sessions", "1", "--url", "http://example.org:8501"])
    assert "loopback" in capsys.readouterr().err


PAGE_TIMEOUT_S = 500  # a visit that has not settled by then is an error; the machine's other load must not fail the run
SERVER_CPU_MS_PER_VISIT_MAX = 1000


@pytest.mark.slow  # about 2½–3½ minutes
@pytest.mark.usefixtures("chromium")  # fails in CI when Chromium is missing, like every browser test
def test_twenty_concurrent_sessions_walk_every_page_with_no_error():
    """The issue's load run itself: 20 sessions, all opening the app at once, each through all pages.
    On the 2-core machine it takes about 3½ minutes; figures go to artifacts/load-20-ci.json.

    What is asserted measures the app, not the machine's other load: every visit settles (within a page
    limit generous enough for a loaded machine: browser and server share its cores), no error, the server
    alive, and the server's own CPU per visit. The p95 is printed and kept in the JSON as a reported figure."""
    out = ROOT / "artifacts" / "load-20-ci.json"
    out.unlink(missing_ok=True)  # a figure from an earlier run must not stand in for this one
    # The documented command, in its own process (its asyncio Playwright stays apart from the tests' sync one).
    run = subprocess.run(
        [
            sys.executable,
            "scripts/load_test.py",
            "--sessions",
            "20",
            "--page-timeout",
            str(PAGE_TIMEOUT_S),
            "--time-limit",
            "560",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=590,
    )
    print(run.stdout[-3000:], run.stderr[-3000:])
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert summary["error_samples"] == []
    assert summary["visits"] == summary["visits_expected"] == 20 * len(load_test.page_paths())
    assert summary["unsettled"] == 0 and summary["errors"] == 0
    assert summary["peak_connected_sessions"] == 20
    assert summary["server_alive"] and summary["completed_in_time"]
    assert summary["settled_p95"] is not None  # reported (printed above and in the JSON), not a pass mark
    # the server's own work per page visit: measured 211 ms on the quiet machine; the bound is for the app
    assert summary["server_cpu_ms_per_visit"] <= SERVER_CPU_MS_PER_VISIT_MAX, summary["server_cpu_ms_per_visit"]
    assert run.returncode == 0 and summary["passed"]
