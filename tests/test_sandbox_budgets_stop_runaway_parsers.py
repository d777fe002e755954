"""The sandbox's budgets, each on its own: with a reader's cap lifted, a bomb runs into the worker's memory,
CPU or wall-clock budget, or its output into the output cap; the file gets one line naming the budget, the
worker is replaced, and the next file parses; meanwhile a second parse is not held up."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT
from seed_forms import SEED

BOMB = "".join(f'<td rowspan="500" colspan="500">{i}</td>' for i in range(2000))
BOMB_HTML = f"<html><body><table><tr>{BOMB}</tr>" + "<tr><td>x</td></tr>" * 500 + "</table></body></html>"

SCRIPT = r"""
import json, sys, time
sys.path.insert(0, ".")
from disclosure import sandbox
from disclosure.model import ReportError
out = []
for name, path in json.loads(sys.argv[1]):
    started = time.monotonic()
    try:
        report = sandbox.parse_bytes(open(path, "rb").read(), name)
        out.append({"name": name, "ok": report.agency, "s": time.monotonic() - started})
    except sandbox.BudgetExceeded as e:
        out.append({"name": name, "budget": e.budget, "message": str(e), "s": time.monotonic() - started})
    except ReportError as e:
        out.append({"name": name, "error": str(e), "s": time.monotonic() - started})
print(json.dumps(out))
"""

NO_CAPS = {"DISCLOSURE_HTML_MAX_TABLE_CELLS": str(10**12), "DISCLOSURE_HTML_MAX_TOTAL_CELLS": str(10**12)}


def run(tmp_path, env: dict, files: list[tuple[str, str]]) -> list[dict]:
    bomb = tmp_path / "bomb.html"
    bomb.write_text(BOMB_HTML)
    paths = [(n, str(bomb) if p == "bomb" else p) for n, p in files]
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(paths)], cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env}, timeout=240
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.parametrize(
    "budget, env, words",
    [
        ("memory", {"DISCLOSURE_SANDBOX_MEMORY_MB": "400"}, "memory budget of 400 MB"),
        ("cpu", {"DISCLOSURE_SANDBOX_CPU_SECONDS": "1", "DISCLOSURE_SANDBOX_MEMORY_MB": "4000"}, "CPU budget of 1 s"),
        ("time", {"DISCLOSURE_SANDBOX_WALL_SECONDS": "1", "DISCLOSURE_SANDBOX_MEMORY_MB": "4000"}, "time limit of 1 s"),
    ],
)
def test_a_bomb_past_a_budget_costs_only_its_own_file(tmp_path, budget, env, words):
    first, second = run(tmp_path, {**NO_CAPS, **env, "DISCLOSURE_SANDBOX_WORKERS": "1"}, [("bomb.html", "bomb"), ("seed.txt", str(SEED))])
    assert first.get("budget") == budget, first
    assert first["message"].startswith("bomb.html: ") and words in first["message"] and "\n" not in first["message"]
    assert first["s"] < 30
    assert second.get("ok") == "开封市质量技术监督局", second  # a fresh worker reads the next file


def test_a_result_over_the_output_cap_is_refused(tmp_path):
    (result,) = run(tmp_path, {"DISCLOSURE_SANDBOX_OUTPUT_BYTES": "2000"}, [("seed.txt", str(SEED))])
    assert result.get("budget") == "output" and "output limit" in result["message"], result


def test_a_small_upload_is_not_held_up_by_a_bomb_in_another_worker(tmp_path):
    """Two workers: while one chews on a bomb (caps lifted, 2 s of wall clock), the other parses a small file at once."""
    code = r"""
import json, sys, threading, time
sys.path.insert(0, ".")
from disclosure import sandbox
from disclosure.model import ReportError
bomb = open(sys.argv[1], "rb").read()
seed = open(sys.argv[2], "rb").read()
def chew():
    try:
        sandbox.parse_bytes(bomb, "bomb.html")
    except ReportError as e:
        print(json.dumps({"bomb": str(e)}), flush=True)
t = threading.Thread(target=chew)
t.start()
time.sleep(0.5)
started = time.monotonic()
report = sandbox.parse_bytes(seed, "seed.txt")
print(json.dumps({"small": time.monotonic() - started, "agency": report.agency}), flush=True)
t.join()
"""
    bomb = tmp_path / "bomb.html"
    bomb.write_text(BOMB_HTML)
    out = subprocess.run(
        [sys.executable, "-c", code, str(bomb), str(SEED)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            **NO_CAPS,
            "DISCLOSURE_SANDBOX_WALL_SECONDS": "3",
            "DISCLOSURE_SANDBOX_MEMORY_MB": "4000",
            "DISCLOSURE_SANDBOX_WORKERS": "2",
        },
    )
    assert out.returncode == 0, out.stderr
    lines = [json.loads(ln) for ln in out.stdout.splitlines()]
    small = next(ln for ln in lines if "small" in ln)
    assert small["agency"] == "开封市质量技术监督局" and small["small"] < 5, lines
    assert any("bomb" in ln and "time limit" in ln["bomb"] for ln in lines), lines


def test_the_server_process_never_holds_the_parse():
    """The worker is another process with its own limits: the caller's address space is not limited."""
    import resource

    from disclosure import sandbox

    sandbox.parse_bytes(SEED.read_bytes(), "seed.txt")
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY
    worker = sandbox._POOL.all[0].proc.pid
    limits = open(f"/proc/{worker}/limits").read()
    line = next(ln for ln in limits.splitlines() if ln.startswith("Max address space"))
    from disclosure import settings

    assert str(settings.SANDBOX_MEMORY_MB * 1024 * 1024) in line
