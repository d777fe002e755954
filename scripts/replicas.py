"""Two app replicas behind Debian's nginx with sticky sessions, on loopback, and a short load run through it.

    nice python scripts/replicas.py                         # 6 sessions: build a store, start it all, run, stop
    nice python scripts/replicas.py --sessions 4 --json artifacts/replicas.json
    python scripts/replicas.py --serve                      # start it all and serve until Ctrl-C
    python scripts/replicas.py --db path/to/store.duckdb    # an existing store instead of a fresh build

It builds one store as deploy/compose.yaml's ingest job does (`python deploy/publish_store.py
<scratch>/store`: data/reports and data/sample in one build, published as versions/<time>/ behind a
`current` symlink), starts two `streamlit run app.py` replicas in public mode on free 127.0.0.1 ports
with DISCLOSURE_DB naming that one file (current/disclosure.duckdb), and runs /usr/sbin/nginx
unprivileged (`-p prefix -c conf`) with deploy/nginx-replicas.conf and its shared includes
(deploy/nginx.d/: the same proxy location and security headers as deploy/nginx.conf), the ports swapped
for free ones. New sessions are spread round robin, and a `disclosure_route` cookie keeps each browser
on its replica after that.

The load run: one Chromium (/usr/bin/chromium) with one context per session (no shared cookies), each
opening `/` and then one more page from the sidebar (a different one per session); a page counts as
settled as in scripts/load_test.py (script state "notRunning", no skeleton; after a click, the new
page's title in its heading). Sessions stay connected until every session has walked, so all hold a
live server session at once. Errors: st.exception blocks, console and page errors, failed requests,
HTTP >= 400, tracebacks in a replica's log and errors in nginx's log.

Which replica served whom is read three ways: the route cookie each browser ends with, nginx's access
log (one JSON line per request with the upstream that answered; each session's browser sends its own
User-Agent suffix, so its requests can be told apart), and each replica's CPU time. The run passes when
every visit settled without an error, both replicas served sessions, and every request of a session
(page, scripts, health checks, the WebSocket) reached one replica only: the one its cookie names,
and both replicas followed a new store version. After the load run, with everything still running, it publishes one more report (tests/fixtures/hongze-2024.pdf) as
a new store version, as the ingest job would, opens `/` once on each replica, and checks in /proc that
each replica process now holds the new version's file open: a replica follows a publish on its next
page, with no restart and no signal (skipped with --db).

Nothing leaves the machine: every listener
binds 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.load_test import (  # noqa: E402  (the repository root first, as the tests import it)
    ARRIVED,
    CHROMIUM,
    NO_SKELETON,
    SETTLED,
    app_pages,
    free_port,
    page_titles,
    percentile,
    start_server,
    stop_server,
    tree_cpu_seconds,
)

NGINX = "/usr/sbin/nginx"
DEPLOY = ROOT / "deploy"
CONF = DEPLOY / "nginx-replicas.conf"
ROUTES = ("r1", "r2")  # the route names deploy/nginx-replicas.conf gives 127.0.0.1:8501 and :8502
AGENT_MARK = "disclosure-load/"


def build_store(folder: Path) -> Path:
    """The store as a deployment's ingest job publishes it (deploy/publish_store.py: data/reports and data/sample
    in one build, as versions/<time>/ behind the `current` symlink); returns the path the replicas read."""
    root = folder / "store"
    subprocess.run([sys.executable, "deploy/publish_store.py", str(root)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return root / "current" / "disclosure.duckdb"


def write_nginx_conf(prefix: Path, listen_port: int, replica_ports: tuple[int, int]) -> Path:
    """deploy/nginx-replicas.conf with loopback ports of our own, and its includes, in an nginx prefix folder."""
    conf = CONF.read_text(encoding="utf-8")
    swaps = {
        "listen 80;": f"listen 127.0.0.1:{listen_port};",
        "127.0.0.1:8501": f"127.0.0.1:{replica_ports[0]}",
        "127.0.0.1:8502": f"127.0.0.1:{replica_ports[1]}",
        "access_log access.log disclosure;": f"access_log {prefix / 'access.log'} disclosure;",
    }
    for old in swaps:
        if old not in conf:
            raise SystemExit(f"{CONF} no longer holds {old!r}: update scripts/replicas.py")
    conf = re.sub(
        "|".join(re.escape(old) for old in swaps), lambda m: swaps[m.group(0)], conf
    )  # one pass: a new port is never swapped again
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    shutil.copytree(DEPLOY / "nginx.d", prefix / "nginx.d", dirs_exist_ok=True)
    path = prefix / "nginx.conf"
    path.write_text(conf, encoding="utf-8")
    return path


def start_nginx(prefix: Path, conf: Path, url: str, timeout: float = 20) -> subprocess.Popen:
    check = subprocess.run([NGINX, "-t", "-p", f"{prefix}/", "-c", str(conf)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError("nginx refused the configuration: " + check.stderr)
    with (prefix / "error.log").open("wb") as err:
        proc = subprocess.Popen(
            [NGINX, "-p", f"{prefix}/", "-c", str(conf), "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=err, cwd=prefix
        )
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("nginx did not answer: " + (prefix / "error.log").read_text(errors="replace")[-2000:])


def stop_nginx(proc: subprocess.Popen) -> None:
    """Graceful (SIGQUIT: open connections are finished and logged), then firm."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGQUIT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@dataclass
class Session:
    number: int
    second_page: str
    route: str | None = None  # the disclosure_route cookie the browser ends with
    open_seconds: float | None = None  # "/" until settled; None: did not settle
    click_seconds: float | None = None  # the sidebar click until the second page settled
    errors: list[str] = field(default_factory=list)


class Gate:
    """Every session stays connected until all have walked, so all hold a live server session at once."""

    def __init__(self, sessions: int) -> None:
        self.sessions, self.walked, self.connected, self.peak = sessions, 0, 0, 0
        self.all_walked = asyncio.Event()

    def arrive(self) -> None:
        self.connected += 1
        self.peak = max(self.peak, self.connected)

    def done(self) -> None:
        self.walked += 1
        if self.walked == self.sessions:
            self.all_walked.set()


async def run_session(browser, base: str, s: Session, agent: str, title: str, link: str, timeout_ms: int, gate: Gate, delay: float):
    await asyncio.sleep(delay)
    context, walked = None, False
    try:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN", user_agent=agent)
        gate.arrive()
        page = await context.new_page()
        page.on(
            "console", lambda m: s.errors.append(f"console: {m.text} {(m.location or {}).get('url', '')}") if m.type == "error" else None
        )
        page.on("pageerror", lambda e: s.errors.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: s.errors.append(f"requestfailed: {r.url} {r.failure}"))
        page.on("response", lambda r: s.errors.append(f"http {r.status}: {r.url}") if r.status >= 400 else None)
        started = time.perf_counter()
        try:
            await page.goto(base + "/", wait_until="domcontentloaded", timeout=timeout_ms)
            await page.wait_for_selector(SETTLED, timeout=timeout_ms)
            await page.wait_for_function(NO_SKELETON, timeout=timeout_ms)
            s.open_seconds = time.perf_counter() - started
            started = time.perf_counter()
            await page.locator(f'[data-testid="stSidebarNav"] a[href="{link}"]').click(timeout=timeout_ms)
            await page.wait_for_function(ARRIVED, arg=title, timeout=timeout_ms, polling=100)
            s.click_seconds = time.perf_counter() - started
        except Exception as e:  # a page that never settles is a failed session, reported with the reason
            s.errors.append(f"not settled: {type(e).__name__}: {str(e).splitlines()[0]}")
        exceptions = page.locator('[data-testid="stException"]')
        for i in range(await exceptions.count()):
            s.errors.append("st.exception: " + " ".join((await exceptions.nth(i).inner_text()).split())[:300])
        s.route = next((c["value"] for c in await context.cookies() if c["name"] == "disclosure_route"), None)
        gate.done()
        walked = True
        await gate.all_walked.wait()
    finally:
        if not walked:  # a failed session still lets the others go
            gate.done()
        if context is not None:
            await context.close()


def browser_side_cpu(servers: list[int]) -> float:
    """CPU seconds of this process's tree (Playwright and Chromium) without the servers' subtrees."""
    return tree_cpu_seconds(os.getpid()) - sum(tree_cpu_seconds(pid) for pid in servers)


async def drive(
    base: str, sessions: int, time_limit: float, timeout_ms: int, ramp: float, servers: list[int]
) -> tuple[list[Session], bool, int, float]:
    """The sessions in one Chromium; also the browser side's CPU seconds, measured before it closes (as
    scripts/load_test.py does: a renderer that ends before it is reaped is not counted)."""
    from playwright.async_api import async_playwright

    default = next(path for path, is_default in app_pages() if is_default)
    others = [path for path, is_default in app_pages() if not is_default]
    titles = page_titles()
    plan = [Session(k, others[k % len(others)]) for k in range(sessions)]
    gate = Gate(sessions)
    cpu_before = browser_side_cpu(servers)
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
            + ["--no-first-run", "--disable-dev-shm-usage"],
        )
        try:
            probe = await browser.new_page()  # about:blank: asks no server anything
            agent = await probe.evaluate("navigator.userAgent")
            await probe.close()
            tasks = [
                asyncio.create_task(
                    run_session(
                        browser,
                        base,
                        s,
                        f"{agent} {AGENT_MARK}{s.number}",
                        titles[s.second_page],
                        f"{base}/" if s.second_page == default else f"{base}/{s.second_page}",  # the sidebar's hrefs are absolute
                        timeout_ms,
                        gate,
                        s.number * ramp,
                    )
                )
                for s in plan
            ]
            done, pending = await asyncio.wait(tasks, timeout=time_limit)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            for task in done:
                if not task.cancelled() and task.exception() is not None:
                    print(f"session failed: {type(task.exception()).__name__}: {task.exception()}", file=sys.stderr)
                    pending.add(task)
            return plan, not pending, gate.peak, browser_side_cpu(servers) - cpu_before
        finally:
            await browser.close()


NEW_REPORT = ROOT / "tests" / "fixtures" / "hongze-2024.pdf"  # a report data/ does not hold: publishing it is a change


def publish_new_version(store_root: Path) -> Path:
    """What the deployment's ingest job does while the replicas serve: one more report, as a new version."""
    subprocess.run(
        [sys.executable, "deploy/publish_store.py", str(store_root), str(NEW_REPORT)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    return (store_root / "current").resolve()


def open_store_files(pid: int) -> list[str]:
    """The store files a replica process holds open (DuckDB keeps its attached file open)."""
    names = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed while we looked
            continue
        if target.endswith(".duckdb"):
            names.append(target)
    return names


async def visit_each_replica(base: str, routes: list[str], timeout_ms: int) -> dict[str, float | None]:
    """Open `/` once on each replica (a browser whose route cookie names it); seconds until settled, None: did not."""
    from playwright.async_api import async_playwright

    seconds: dict[str, float | None] = {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            for route in routes:
                context = await browser.new_context(locale="zh-CN")
                await context.add_cookies([{"name": "disclosure_route", "value": route, "url": base}])
                page = await context.new_page()
                started = time.perf_counter()
                try:
                    await page.goto(base + "/", wait_until="domcontentloaded", timeout=timeout_ms)
                    await page.wait_for_selector(SETTLED, timeout=timeout_ms)
                    await page.wait_for_function(NO_SKELETON, timeout=timeout_ms)
                    seconds[route] = round(time.perf_counter() - started, 2)
                except Exception:
                    seconds[route] = None
                await context.close()
        finally:
            await browser.close()
    return seconds


def read_access_log(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def log_problems(path: Path, pattern: str) -> list[str]:
    if not path.exists():
        return []
    return [line.strip()[:300] for line in path.read_text(errors="replace").splitlines() if re.search(pattern, line)]


def _stats(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50": round(statistics.median(values), 2) if values else None,
        "max": round(max(values), 2) if values else None,
        "p95": round(percentile(values, 95), 2) if values else None,
    }


def summarise(sessions: list[Session], entries: list[dict], addresses: dict[str, str], completed: bool, peak: int) -> dict:
    """addresses: route name → the replica's host:port. Per replica the sessions each view counts, and the checks."""
    by_address = {addr: route for route, addr in addresses.items()}
    per_session: dict[int, dict] = {}
    for e in entries:
        mark = re.search(re.escape(AGENT_MARK) + r"(\d+)$", e.get("agent", ""))
        if not mark:
            continue
        k = int(mark.group(1))
        seen = per_session.setdefault(k, {"replicas": set(), "websockets": [], "requests": 0})
        seen["requests"] += 1
        for addr in (a.strip() for a in e["upstream"].split(",") if a.strip()):
            seen["replicas"].add(by_address.get(addr, addr))
        if e["request"].startswith("GET /_stcore/stream") and e["status"] == 101:
            seen["websockets"].append(by_address.get(e["upstream"], e["upstream"]))
    replicas = {
        route: {
            "address": addr,
            "sessions_by_cookie": sum(1 for s in sessions if s.route == route),
            "sessions_by_websocket": sum(1 for k, seen in per_session.items() if route in seen["websockets"]),
            "websockets": sum(seen["websockets"].count(route) for seen in per_session.values()),
            "requests": sum(1 for e in entries if e.get("served_by") == route),
        }
        for route, addr in addresses.items()
    }
    rows, not_sticky = [], []
    for s in sessions:
        seen = per_session.get(s.number, {"replicas": set(), "websockets": [], "requests": 0})
        sticky = s.route in addresses and seen["replicas"] == {s.route} and set(seen["websockets"]) == {s.route}
        if not sticky:
            not_sticky.append(s.number)
        rows.append(
            {
                "session": s.number,
                "second_page": s.second_page,
                "route_cookie": s.route,
                "replicas_seen_by_nginx": sorted(seen["replicas"]),
                "websockets": seen["websockets"],
                "requests": seen["requests"],
                "open_seconds": round(s.open_seconds, 2) if s.open_seconds is not None else None,
                "click_seconds": round(s.click_seconds, 2) if s.click_seconds is not None else None,
                "errors": s.errors,
            }
        )
    opens = [s.open_seconds for s in sessions if s.open_seconds is not None]
    clicks = [s.click_seconds for s in sessions if s.click_seconds is not None]
    unsettled = sum(1 for s in sessions if s.open_seconds is None or s.click_seconds is None)
    errors = sum(len(s.errors) for s in sessions)
    return {
        "sessions": len(sessions),
        "completed_in_time": completed,
        "peak_connected_sessions": peak,
        "unsettled": unsettled,
        "errors": errors,
        "open_settled": _stats(opens),
        "click_settled": _stats(clicks),
        "replicas": replicas,
        "both_replicas_served": all(r["sessions_by_cookie"] > 0 and r["sessions_by_websocket"] > 0 for r in replicas.values()),
        "not_sticky_sessions": not_sticky,
        "per_session": rows,
        "passed": completed
        and peak == len(sessions)
        and unsettled == 0
        and errors == 0
        and not not_sticky
        and all(r["sessions_by_cookie"] > 0 and r["sessions_by_websocket"] > 0 for r in replicas.values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=6, help="browser sessions (2–20)")
    parser.add_argument("--ramp", type=float, default=0.5, help="seconds between session starts")
    parser.add_argument("--time-limit", type=float, default=110, help="hard limit in seconds for the load run")
    parser.add_argument("--page-timeout", type=float, default=90, help="seconds one page may take to settle")
    parser.add_argument("--db", type=Path, help="an existing store (default: build one from data/ in a scratch folder)")
    parser.add_argument("--serve", action="store_true", help="no load run: serve through nginx until Ctrl-C")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    if not 2 <= args.sessions <= 20:
        parser.error("--sessions must be between 2 and 20")
    for need, how in ((NGINX, "apt-get install -y nginx"), (CHROMIUM, "apt-get install -y chromium fonts-noto-cjk")):
        if not Path(need).exists() and not (need == CHROMIUM and args.serve):
            parser.error(f"{need} is missing: {how}")
    # A terminated run still stops what it started (the finally below): SIGTERM becomes SystemExit.
    # Only the main thread may set a handler; the tests run main() in a thread of its own.
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous_handler = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143)) if in_main_thread else None
    scratch = tempfile.TemporaryDirectory(prefix="disclosure-replicas-")
    folder = Path(scratch.name)
    replicas: list[subprocess.Popen] = []
    nginx = previous_int = None
    try:
        started = time.perf_counter()
        db = args.db.absolute() if args.db else build_store(folder)  # not resolve(): a `current` symlink stays followed
        built = time.perf_counter() - started
        for n in range(2):
            proc, url = start_server({"DISCLOSURE_MODE": "public", "DISCLOSURE_DB": str(db)}, log=folder / f"replica-{n + 1}.log")
            replicas.append(proc)
            proc.url = url
        addresses = {route: proc.url.removeprefix("http://") for route, proc in zip(ROUTES, replicas)}
        prefix = folder / "nginx"
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        conf = write_nginx_conf(prefix, port, tuple(int(proc.url.rsplit(":", 1)[1]) for proc in replicas))
        nginx = start_nginx(prefix, conf, base)
        ready = time.perf_counter() - started
        print(
            f"store {db} ({'given' if args.db else f'built in {built:.1f} s'}); replicas "
            + ", ".join(f"{route} {addr}" for route, addr in addresses.items())
            + f"; nginx {base} — all up in {ready:.1f} s",
            flush=True,
        )
        if args.serve:
            print(f"serving on {base} (loopback only); Ctrl-C stops the replicas and nginx", flush=True)
            if in_main_thread:  # started in the background by a shell, SIGINT comes in ignored
                previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
            # A replica that stops is reported and the other goes on serving (its sessions fail over there).
            gone: set[str] = set()
            try:
                while nginx.poll() is None and len(gone) < len(replicas):
                    for route, proc in zip(ROUTES, replicas):
                        if route not in gone and proc.poll() is not None:
                            gone.add(route)
                            print(f"replica {route} exited ({proc.returncode}); its sessions fail over to the other", flush=True)
                    time.sleep(1)
            except KeyboardInterrupt:
                pass
            return 0
        cpu_before = [tree_cpu_seconds(p.pid) for p in replicas]
        nginx_before = tree_cpu_seconds(nginx.pid)
        print(f"{args.sessions} sessions, each `/` and one more page, ramp {args.ramp} s, limit {args.time_limit:.0f} s", flush=True)
        t0, load_before = time.perf_counter(), os.getloadavg()[0]
        sessions, completed, peak, browser_cpu = asyncio.run(
            drive(base, args.sessions, args.time_limit, int(args.page_timeout * 1000), args.ramp, [*(p.pid for p in replicas), nginx.pid])
        )
        wall = time.perf_counter() - t0
        cpu = [round(tree_cpu_seconds(p.pid) - before, 1) for p, before in zip(replicas, cpu_before)]
        nginx_cpu = tree_cpu_seconds(nginx.pid) - nginx_before
        # Ingest publishes a new version while the replicas run: each must read it on its next page, unrestarted.
        publish_check: dict = {"skipped": "--db names a store of its own"} if args.db else {}
        if not args.db:
            t1 = time.perf_counter()
            version = publish_new_version(folder / "store")
            publish_check = {"version": version.name, "publish_seconds": round(time.perf_counter() - t1, 1)}
            publish_check["visit_seconds"] = asyncio.run(visit_each_replica(base, list(ROUTES), int(args.page_timeout * 1000)))
            wanted = str(version / "disclosure.duckdb")
            publish_check["replicas_opened_it"] = {route: wanted in open_store_files(p.pid) for route, p in zip(ROUTES, replicas)}
        alive = all(p.poll() is None for p in replicas)
        stop_nginx(nginx)  # its WebSocket lines are written when the connections close: read the log after
        entries = read_access_log(prefix / "access.log")
        summary = summarise(sessions, entries, addresses, completed, peak)
        for stats, seconds, proc in zip(summary["replicas"].values(), cpu, replicas):
            stats["cpu_seconds"] = seconds
            stats["log_tracebacks"] = log_problems(proc.log, r"Traceback|\bERROR\b")
        summary["nginx_errors"] = log_problems(prefix / "error.log", r"\[(error|crit|alert|emerg)\]")
        summary["replicas_alive"] = alive
        summary["wall_seconds"] = round(wall, 1)
        summary["cpu_seconds_browser_side"] = round(browser_cpu, 1)
        summary["cpu_seconds_nginx"] = round(nginx_cpu, 1)
        # the machine's 1-minute load average before and after (others' work too: the settle times wait on it)
        summary["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        summary["cores"] = os.cpu_count()
        summary["startup_seconds"] = round(ready, 1)
        summary["new_version"] = publish_check
        summary["passed"] = (
            summary["passed"]
            and (args.db is not None or all(publish_check["replicas_opened_it"].values()))
            and alive
            and not summary["nginx_errors"]
            and not any(r["log_tracebacks"] for r in summary["replicas"].values())
        )
    finally:
        if nginx is not None:
            stop_nginx(nginx)
        for proc in replicas:
            stop_server(proc)
        scratch.cleanup()
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous_handler)  # main() may run inside another program
            if previous_int is not None:
                signal.signal(signal.SIGINT, previous_int)

    for row in summary["per_session"]:
        print(
            f"  session {row['session']}: / {row['open_seconds']} s, /{row['second_page']} {row['click_seconds']} s · "
            f"cookie {row['route_cookie']} · nginx sent its {row['requests']} requests to {','.join(row['replicas_seen_by_nginx']) or '-'}"
            + "".join(f"\n    {e}" for e in row["errors"][:5])
        )
    for route, r in summary["replicas"].items():
        print(
            f"  replica {route} ({r['address']}): sessions {r['sessions_by_cookie']} by cookie, {r['sessions_by_websocket']} by WebSocket "
            f"({r['websockets']} connections) · {r['requests']} requests · CPU {r['cpu_seconds']} s · log errors {len(r['log_tracebacks'])}"
        )
    o, c = summary["open_settled"], summary["click_settled"]
    print(
        f"opening / settled p50 {o['p50']} s, max {o['max']} s · second page p50 {c['p50']} s, max {c['max']} s · "
        f"unsettled {summary['unsettled']} · errors {summary['errors']} · not sticky {summary['not_sticky_sessions'] or 'none'} · "
        f"nginx errors {len(summary['nginx_errors'])} · connected at once {summary['peak_connected_sessions']} · "
        f"wall {summary['wall_seconds']} s · {'PASS' if summary['passed'] else 'FAIL'}"
    )
    print(
        f"CPU: replicas {' + '.join(str(r['cpu_seconds']) for r in summary['replicas'].values())} s, nginx {summary['cpu_seconds_nginx']} s, "
        f"browser side {summary['cpu_seconds_browser_side']} s (one machine: the browsers compete with the servers for its cores) · "
        f"load average {summary['load_average'][0]} → {summary['load_average'][1]} on {summary['cores']} cores"
    )
    check = summary["new_version"]
    if "skipped" in check:
        print(f"new store version: not published ({check['skipped']})")
    else:
        print(
            f"new store version versions/{check['version']} published in {check['publish_seconds']} s while serving; "
            + " · ".join(
                f"{route}: {'opened it' if opened else 'DID NOT open it'} on its next page ({check['visit_seconds'][route]} s)"
                for route, opened in check["replicas_opened_it"].items()
            )
        )
    for line in summary["nginx_errors"][:5]:
        print("  nginx: " + line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
