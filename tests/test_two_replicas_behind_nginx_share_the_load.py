"""scripts/replicas.py: two app replicas on one store file behind Debian's nginx (deploy/nginx-replicas.conf,
sticky by a route cookie), on loopback, and a short browser load run through it — every session's requests,
its WebSocket included, reach one replica, the sessions are spread over both, and both follow a store
version published while they serve."""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import CHROMIUM

from scripts import replicas
from scripts.replicas import Session, summarise

ADDRESSES = {"r1": "127.0.0.1:1001", "r2": "127.0.0.1:1002"}


def _entries(session: int, route: str, n: int = 3) -> list[dict]:
    agent = f"Mozilla/5.0 HeadlessChrome {replicas.AGENT_MARK}{session}"
    addr = ADDRESSES[route]
    lines = [{"request": "GET / HTTP/1.1", "status": 200, "upstream": addr, "served_by": route, "agent": agent}]
    lines += [
        {"request": f"GET /static/{i}.js HTTP/1.1", "status": 200, "upstream": addr, "served_by": route, "agent": agent} for i in range(n)
    ]
    lines.append({"request": "GET /_stcore/stream HTTP/1.1", "status": 101, "upstream": addr, "served_by": route, "agent": agent})
    return lines


def _session(k: int, route: str) -> Session:
    return Session(k, "compare", route=route, open_seconds=1.0, click_seconds=0.5)


def test_sessions_on_both_replicas_each_on_one_pass():
    sessions = [_session(0, "r1"), _session(1, "r2"), _session(2, "r1")]
    entries = [line for s in sessions for line in _entries(s.number, s.route)]
    summary = summarise(sessions, entries, ADDRESSES, True, 3)
    assert summary["passed"], summary
    assert summary["replicas"]["r1"]["sessions_by_cookie"] == 2 and summary["replicas"]["r1"]["sessions_by_websocket"] == 2
    assert summary["replicas"]["r2"]["sessions_by_cookie"] == 1 and summary["replicas"]["r2"]["websockets"] == 1


def test_one_replica_only_fails():
    sessions = [_session(0, "r1"), _session(1, "r1")]
    entries = [line for s in sessions for line in _entries(s.number, s.route)]
    summary = summarise(sessions, entries, ADDRESSES, True, 2)
    assert not summary["passed"] and not summary["both_replicas_served"]


def test_a_session_whose_websocket_went_elsewhere_is_not_sticky():
    sessions = [_session(0, "r1"), _session(1, "r2")]
    entries = _entries(0, "r1")[:-1] + _entries(0, "r2")[-1:] + _entries(1, "r2")  # session 0's page on r1, its WebSocket on r2
    summary = summarise(sessions, entries, ADDRESSES, True, 2)
    assert summary["not_sticky_sessions"] == [0] and not summary["passed"]


def test_an_unsettled_page_or_an_error_fails():
    for bad in (Session(1, "compare", route="r2", open_seconds=1.0), Session(1, "compare", "r2", 1.0, 0.5, ["http 500: /x"])):
        sessions = [_session(0, "r1"), bad]
        entries = _entries(0, "r1") + _entries(1, "r2")
        assert not summarise(sessions, entries, ADDRESSES, True, 2)["passed"]
    sessions = [_session(0, "r1"), _session(1, "r2")]
    entries = _entries(0, "r1") + _entries(1, "r2")
    assert not summarise(sessions, entries, ADDRESSES, False, 2)["passed"]  # cut off by the time limit
    assert not summarise(sessions, entries, ADDRESSES, True, 1)["passed"]  # never both connected at once


def test_the_replica_ports_are_swapped_in_one_pass(tmp_path):
    """A free port may be 8502 for the first replica: it must not be swapped again as the second's."""
    conf = replicas.write_nginx_conf(tmp_path, 18080, (8502, 8501)).read_text(encoding="utf-8")
    assert "listen 127.0.0.1:18080;" in conf and "listen 80;" not in conf
    pool = conf.split("upstream disclosure_pool {", 1)[1].split("}", 1)[0]
    assert pool.split() == ["server", "127.0.0.1:8502;", "server", "127.0.0.1:8501;"]
    assert '"127.0.0.1:8502" r1;' in conf and '"127.0.0.1:8501" r2;' in conf
    assert (tmp_path / "nginx.d" / "security-headers.conf").exists()
    if Path(replicas.NGINX).exists():
        check = subprocess.run(
            [replicas.NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr


@pytest.mark.slow  # 35–80 s on the 2-core machine, with its load: a store build, two servers, nginx, 4 browser sessions
def test_two_replicas_behind_nginx_share_a_short_load_run(tmp_path):
    for need, package in ((replicas.NGINX, "nginx"), (CHROMIUM, "chromium fonts-noto-cjk")):
        if not Path(need).exists():
            if os.environ.get("CI"):
                pytest.fail(f"{need} is missing: apt-get install -y {package} (test.sh does)")
            pytest.skip(f"{need} not installed (apt-get install -y {package})")
    out = tmp_path / "replicas.json"
    # its own thread: the browser tests' sync Playwright keeps an event loop running in this one
    with ThreadPoolExecutor(1) as pool:
        code = pool.submit(replicas.main, ["--sessions", "4", "--page-timeout", "150", "--time-limit", "200", "--json", str(out)]).result()
    summary = json.loads(out.read_text(encoding="utf-8"))
    print(json.dumps({k: summary[k] for k in ("replicas", "open_settled", "click_settled", "wall_seconds")}, ensure_ascii=False))
    failures = [f"session {row['session']}: {e}" for row in summary["per_session"] for e in row["errors"]]
    assert failures == [] and summary["unsettled"] == 0
    assert summary["peak_connected_sessions"] == 4 and summary["completed_in_time"]
    assert summary["not_sticky_sessions"] == []
    counts = {route: r["sessions_by_websocket"] for route, r in summary["replicas"].items()}
    assert counts == {"r1": 2, "r2": 2}, counts  # round robin for new sessions: spread evenly, not by chance
    assert all(r["sessions_by_cookie"] == 2 for r in summary["replicas"].values())
    # ingest published a new store version while they served: each replica read it on its next page
    assert summary["new_version"]["replicas_opened_it"] == {"r1": True, "r2": True}, summary["new_version"]
    assert summary["replicas_alive"] and summary["nginx_errors"] == []
    assert all(r["log_tracebacks"] == [] for r in summary["replicas"].values())
    assert code == 0 and summary["passed"]
