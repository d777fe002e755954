"""Bounded load test: N concurrent browser sessions walk every page of the app on loopback.

    python scripts/load_test.py                # 20 sessions, public mode, own server, 900 s hard limit
    python scripts/load_test.py --sessions 5 --time-limit 120 --json artifacts/load.json
    python scripts/load_test.py --ramp 3       # sessions arrive 3 s apart instead of all at one moment

It builds a store from data/ in a temporary folder, starts `streamlit run app.py` in public mode on a
free 127.0.0.1 port, opens one Chromium (/usr/bin/chromium) with one browser context per session,
and has every session open the app at one page and click through every other page listed in app.py's
PAGES (read from the file, so new pages are covered) in the sidebar, in a rotated order so sessions do
not all hit the same page at once. A session that has seen every page stays connected until all have,
so every session holds a live server session at the same time (the run fails otherwise). A page counts as
settled the way Streamlit's own e2e tests wait: the app reports script state "notRunning" and no
skeleton is left. Errors counted: st.exception blocks on a page, console errors and page errors,
failed requests and HTTP responses >= 400. Exit status 0 only when every visit settled with no error
inside the time limit. The browser and the server share this machine's cores, so the run also reports
the CPU seconds each side used: the settled times include the browser's own waiting for a core. Nothing leaves the machine: the server binds 127.0.0.1 and only loopback
URLs are accepted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
NO_SKELETON = "document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"


def app_pages() -> list[tuple[str, bool]]:
    """(URL path, is the default page) for every page of the app's page table (catalog/pages.csv), as app.py derives it."""
    sys.path.insert(0, str(ROOT))
    from disclosure import catalog

    return [(p.name, p.default) for p in catalog.pages()]


def page_paths() -> list[str]:
    return [path for path, _ in app_pages()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(folder: Path) -> Path:
    """The store as the app builds it from data/, in a scratch folder (the repository's data/ stays untouched).

    refresh_from_data also records data/'s signature, so the server does not build it again at start.
    """
    sys.path.insert(0, str(ROOT))
    from disclosure.store import Store

    db = folder / "disclosure.duckdb"
    Store(db).refresh_from_data()
    return db


def start_server(
    env_extra: dict[str, str], timeout: float = 60, log: Path | None = None, script: str = "app.py", port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` (or another script) on a free loopback port; returns the process and its base URL once healthy.

    The server's output goes to a file: an unread pipe fills up under load and stalls the server.
    """
    port = port or free_port()
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", **env_extra)
    log = log or Path(tempfile.mkstemp(prefix="streamlit-", suffix=".log")[1])
    with log.open("wb") as out:
        proc = subprocess.Popen(
            # No file watcher: a source file saved during the run must not make the server re-import modules mid-run.
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                script,
                "--server.headless",
                "true",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    proc.log = log
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not start: " + log.read_text(errors="replace")[-2000:])


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _proc_stats() -> dict[int, tuple[int, float]]:
    """pid → (parent pid, CPU seconds: own user+system plus that of its children already reaped) for every live process."""
    tick = os.sysconf("SC_CLK_TCK")
    stats = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        stats[int(entry.name)] = (int(fields[1]), sum(int(f) for f in fields[11:15]) / tick)
    return stats


def tree_cpu_seconds(root: int, exclude: int | None = None) -> float:
    """CPU seconds used so far by a process and every live descendant (a reaped child counts in its parent),
    leaving out the subtree of `exclude`. Linux /proc only; 0 elsewhere."""
    if not Path("/proc/self/stat").exists():
        return 0.0
    stats = _proc_stats()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid == exclude or pid not in stats:
            continue
        total += stats[pid][1]
        todo.extend(children.get(pid, []))
    return total


@dataclass
class Visit:
    session: int
    page: str
    how: str  # "load": the session opens the app at this page; "nav": a click in the sidebar
    seconds: float | None  # None: did not settle
    exceptions: int = 0
    errors: list[str] = field(default_factory=list)


def base_probe(url: str, base: str, paths: list[str]) -> bool:
    """Streamlit's frontend, opened at /<page>, first looks for its server under /<page>/_stcore/… and
    falls back to /_stcore/… on a 404: those two expected 404s are how it finds its base URL, not errors."""
    return any(url in (f"{base}/{p}/_stcore/health", f"{base}/{p}/_stcore/host-config") for p in paths)


# After a click the visit has arrived when the new page's title is the heading and its run has ended:
# the heading changes only when the new page's script runs, so a stale "notRunning" cannot pass.
ARRIVED = """(title) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const h1 = document.querySelector('h1');
  return !!app && !!h1 && h1.textContent.includes(title)
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && document.querySelectorAll('[data-testid="stSkeleton"]').length === 0;
}"""


def page_titles() -> dict[str, str]:
    """URL path → the page's Chinese title, as the sidebar and the page heading show it."""
    from disclosure import catalog
    from disclosure.ui.i18n import STRINGS

    return {p.name: STRINGS[p.title_key][0] for p in catalog.pages()}


class Crowd:
    """How many sessions are connected and how many are still walking the pages, at most, during a run.

    A session that has walked every page stays connected until every session has, so at the peak all of
    them hold a live Streamlit session on the server at once, however they were ramped up."""

    def __init__(self, sessions: int) -> None:
        self.sessions = sessions
        self.connected = self.walking = self.peak_connected = self.peak_walking = self.finished = 0
        self.everyone_finished = asyncio.Event()

    def arrive(self) -> None:
        self.connected += 1
        self.walking += 1
        self.peak_connected = max(self.peak_connected, self.connected)
        self.peak_walking = max(self.peak_walking, self.walking)

    def finish_walk(self) -> None:
        self.walking -= 1
        self.finished += 1
        if self.finished == self.sessions:
            self.everyone_finished.set()

    def leave(self) -> None:
        self.connected -= 1


async def run_session(
    browser, base: str, session: int, paths: list[str], page_timeout_ms: int, visits: list[Visit], crowd: Crowd, delay: float = 0.0
) -> None:
    """After `delay` seconds, open the app at one page, then click through the others in the sidebar, as a
    visitor does; then stay connected until every session has walked."""
    await asyncio.sleep(delay)
    default = next((path for path, is_default in app_pages() if is_default), None)
    link = {path: f"{base}/" if path == default else f"{base}/{path}" for path in paths}  # the default page links to /
    titles = page_titles()
    order = paths[session % len(paths) :] + paths[: session % len(paths)]  # sessions start on different pages
    errors: list[str] = []
    context, walked = None, False
    try:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        crowd.arrive()
        page = await context.new_page()

        def on_console(m) -> None:
            if m.type == "error" and not base_probe((m.location or {}).get("url", ""), base, paths):
                errors.append(f"console: {m.text} {(m.location or {}).get('url', '')}")

        page.on("console", on_console)
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: errors.append(f"requestfailed: {r.url} {r.failure}"))
        page.on(
            "response",
            lambda r: errors.append(f"http {r.status}: {r.url}") if r.status >= 400 and not base_probe(r.url, base, paths) else None,
        )
        for n, path in enumerate(order):
            errors.clear()
            started = time.perf_counter()
            try:
                if n == 0:
                    await page.goto(f"{base}/{path}", wait_until="domcontentloaded", timeout=page_timeout_ms)
                    await page.wait_for_selector(SETTLED, timeout=page_timeout_ms)
                    await page.wait_for_function(NO_SKELETON, timeout=page_timeout_ms)
                else:
                    started = time.perf_counter()
                    await page.locator(f'[data-testid="stSidebarNav"] a[href="{link[path]}"]').click(timeout=page_timeout_ms)
                    await page.wait_for_function(ARRIVED, arg=titles[path], timeout=page_timeout_ms, polling=100)
                seconds = time.perf_counter() - started
            except Exception as e:  # a page that never settles is a failed visit, reported with the reason
                seconds = None
                errors.append(f"not settled: {type(e).__name__}: {str(e).splitlines()[0]}")
            exceptions = page.locator('[data-testid="stException"]')
            count = await exceptions.count()
            for i in range(count):
                errors.append("st.exception: " + " ".join((await exceptions.nth(i).inner_text()).split())[:300])
            visits.append(Visit(session, path, "load" if n == 0 else "nav", seconds, count, list(errors)))
        crowd.finish_walk()
        walked = True
        await crowd.everyone_finished.wait()
    finally:
        if not walked:  # a session that failed still lets the others go
            crowd.finish_walk()
        if context is not None:
            crowd.leave()
            await context.close()


async def drive(
    base: str, sessions: int, paths: list[str], time_limit: float, page_timeout_ms: int, ramp: float = 0.0, server_pid: int | None = None
) -> tuple[list[Visit], bool, dict]:
    """All sessions in one Chromium, session k starting k×ramp seconds in; visits are recorded as they
    finish, so a run cut off by the time limit still reports what it measured. Also returns how many
    sessions were connected and walking at most, and the CPU seconds the browser side (Chromium and
    Playwright) and the server used, since on one machine the two compete for the same cores."""
    from playwright.async_api import async_playwright

    visits: list[Visit] = []
    crowd = Crowd(sessions)
    me = os.getpid()
    browser_cpu = tree_cpu_seconds(me, exclude=server_pid)
    server_cpu = tree_cpu_seconds(server_pid) if server_pid else 0.0
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
            ],
        )
        try:
            tasks = [
                asyncio.create_task(run_session(browser, base, s, paths, page_timeout_ms, visits, crowd, s * ramp)) for s in range(sessions)
            ]
            done, pending = await asyncio.wait(tasks, timeout=time_limit)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            failed = [task.exception() for task in done if not task.cancelled() and task.exception() is not None]
            for exc in failed:
                print(f"session failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            # Measured before the browser closes: its renderers' time is counted in the browser process tree.
            usage = {
                "peak_connected_sessions": crowd.peak_connected,
                "peak_walking_sessions": crowd.peak_walking,
                "cpu_seconds_browser": round(tree_cpu_seconds(me, exclude=server_pid) - browser_cpu, 1),
                "cpu_seconds_server": round(tree_cpu_seconds(server_pid) - server_cpu, 1) if server_pid else None,
            }
            return list(visits), not pending and not failed, usage
        finally:
            await browser.close()


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) — with 20×pages samples the p95 is an observed visit, not an interpolation."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def summarise(visits: list[Visit], sessions: int, paths: list[str], completed: bool, wall: float) -> dict:
    settled = [v.seconds for v in visits if v.seconds is not None]
    per_page = {}
    for path in paths:
        times = [v.seconds for v in visits if v.page == path and v.seconds is not None]
        per_page[path] = {
            "visits": len(times),
            "p50": round(statistics.median(times), 2) if times else None,
            "p95": round(percentile(times, 95), 2) if times else None,
        }
    by_how = {}
    for how in ("load", "nav"):
        times = [v.seconds for v in visits if v.how == how and v.seconds is not None]
        by_how[how] = {
            "visits": len(times),
            "p50": round(statistics.median(times), 2) if times else None,
            "p95": round(percentile(times, 95), 2) if times else None,
        }
    errors = sum(len(v.errors) for v in visits)  # st.exception blocks are listed in errors too
    expected = sessions * len(paths)
    return {
        "sessions": sessions,
        "pages": paths,
        "visits": len(visits),
        "visits_expected": expected,
        "unsettled": sum(1 for v in visits if v.seconds is None),
        "errors": errors,
        "completed_in_time": completed,
        "wall_seconds": round(wall, 1),
        "settled_p50": round(statistics.median(settled), 2) if settled else None,
        "settled_p95": round(percentile(settled, 95), 2) if settled else None,
        "settled_max": round(max(settled), 2) if settled else None,
        "per_page": per_page,
        "first_load": by_how["load"],
        "sidebar_navigation": by_how["nav"],
        "error_samples": [f"session {v.session} /{v.page}: {e}" for v in visits for e in v.errors][:30],
        "passed": completed and len(visits) == expected and errors == 0 and all(v.seconds is not None for v in visits),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (1–50)")
    parser.add_argument("--time-limit", type=float, default=900, help="hard limit in seconds for the browser run")
    parser.add_argument("--page-timeout", type=float, default=180, help="seconds one page may take to settle")
    parser.add_argument("--ramp", type=float, default=0.0, help="seconds between session starts (0: all open the app at the same moment)")
    parser.add_argument("--url", help="an already running app on loopback (default: start one in public mode)")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 50:
        parser.error("--sessions must be between 1 and 50")
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")
    paths = page_paths()
    # A terminated run still stops its server (the finally below): SIGTERM becomes SystemExit.
    previous_handler = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    proc = None
    scratch = tempfile.TemporaryDirectory(prefix="disclosure-load-")
    try:
        if args.url:
            host = urllib.parse.urlsplit(args.url).hostname
            if host not in LOOPBACK:
                parser.error(f"--url must be a loopback address, not {host}")
            base = args.url.rstrip("/")
        else:
            db = build_store(Path(scratch.name))
            proc, base = start_server({"DISCLOSURE_MODE": "public", "DISCLOSURE_DB": str(db)})
        print(f"{args.sessions} sessions × {len(paths)} pages ({', '.join(paths)}) on {base}, limit {args.time_limit:.0f} s", flush=True)
        started = time.perf_counter()
        visits, completed, usage = asyncio.run(
            drive(
                base,
                args.sessions,
                paths,
                args.time_limit,
                int(args.page_timeout * 1000),
                args.ramp,
                proc.pid if proc is not None else None,
            )
        )
        summary = summarise(visits, args.sessions, paths, completed, time.perf_counter() - started)
        summary["ramp_seconds"] = args.ramp
        summary.update(usage)
        # All N at once is what the run claims: every session held a live connection at the same time.
        summary["passed"] = summary["passed"] and usage["peak_connected_sessions"] == args.sessions
        if usage["cpu_seconds_server"] is not None:
            summary["server_cpu_ms_per_visit"] = round(1000 * usage["cpu_seconds_server"] / max(1, len(visits)))
        if proc is not None:
            summary["server_alive"] = proc.poll() is None
            summary["passed"] = summary["passed"] and summary["server_alive"]
            if not summary["server_alive"]:
                print(f"the server exited with {proc.returncode}; its log ends:\n" + proc.log.read_text(errors="replace")[-3000:])
    finally:
        if proc is not None:
            stop_server(proc)
        scratch.cleanup()
        signal.signal(signal.SIGTERM, previous_handler)  # main() may run inside another program (the tests)

    for path, stats in summary["per_page"].items():
        print(f"  /{path:<10} visits {stats['visits']:>3}  p50 {stats['p50']} s  p95 {stats['p95']} s")
    for label, key in (("opening the app", "first_load"), ("sidebar click", "sidebar_navigation")):
        stats = summary[key]
        print(f"  {label:<16} visits {stats['visits']:>3}  p50 {stats['p50']} s  p95 {stats['p95']} s")
    print(
        f"visits {summary['visits']}/{summary['visits_expected']} · unsettled {summary['unsettled']} · errors {summary['errors']} · "
        f"settled p50 {summary['settled_p50']} s · p95 {summary['settled_p95']} s · max {summary['settled_max']} s · "
        f"wall {summary['wall_seconds']} s · {'PASS' if summary['passed'] else 'FAIL'}"
    )
    server_cpu = f"{summary['cpu_seconds_server']} s" if summary["cpu_seconds_server"] is not None else "not measured (--url)"
    print(
        f"sessions connected at once {summary['peak_connected_sessions']} · walking at once {summary['peak_walking_sessions']} · "
        f"CPU: browser side {summary['cpu_seconds_browser']} s, server {server_cpu}"
        + (f" ({summary['server_cpu_ms_per_visit']} ms per visit)" if "server_cpu_ms_per_visit" in summary else "")
    )
    for line in summary["error_samples"]:
        print("  " + line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
