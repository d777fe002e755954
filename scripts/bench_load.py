"""Load benchmark: a crowd of sessions over Streamlit's websocket (no browser) against the app as shipped, and a floor.

    nice python scripts/bench_load.py                        # real store; 2 replicas behind nginx; then the floor page
    nice python scripts/bench_load.py --add incoming/        # with more reports published into the store, as a new version
    nice python scripts/bench_load.py --store 100k --reuse   # the same at a ~100k-report store (bench_scale's replication)
    nice python scripts/bench_load.py --topology single      # one Streamlit process instead of the replicas
    nice python scripts/bench_load.py --json artifacts/bench_load.json --markdown

The scenario (issue 29): `--sessions` (20) sessions connect at one moment; each walks `--rounds` (2) rounds over
总览, 单位对比, 年度趋势 and 依申请公开 (`--pages`), starting at a different page, with no pause between pages. A
session opens the app as a browser does — `GET /` (nginx's route cookie), then the websocket `/_stcore/stream` with
that cookie, its first page asked by its URL path — and moves on as the sidebar does (a rerun naming the next page's
script hash); like the browser it tells the server which large messages it already holds (cached_message_hashes). A
page view lasts from the request until the server's last `script_finished` of that view (reruns and st.switch_page
followed); it fails when it does not finish within `--page-timeout` seconds, or shows an exception or an error box,
or the page is not found. Nothing is drawn: the times are the server's, as a visitor's own browser would receive them.

The app runs as deploy/compose.yaml ships it: the store published by deploy/publish_store.py (data/reports and
data/sample), two `streamlit run app.py` replicas in public mode on that one file, Debian's nginx in front with
deploy/nginx-replicas.conf (scripts/replicas.py's set-up, on free loopback ports). Before the crowd, one session per
replica opens each page once (a deployment that has served a visitor; `--no-warmup` to measure from a fresh start).
Then the floor, in the same run and the same way: scripts/bench_floor_app.py — a plain page with one plotly chart over
a 1-million-row in-memory DuckDB table — in one Streamlit process, the same crowd over its one page.

BENCH_REPLICA_ENV="NAME=value ..." adds environment variables to the app's processes (to try a setting; the figures
in README are taken without it).

Reported for each: page views, failed, median and p95 page time, server CPU seconds per page view (every process of
the server: replicas and nginx, from /proc), peak RSS of the server (sampled every 0.2 s, summed over its processes),
and the load average before and after (other work on the machine slows every figure but the CPU per page view).
Targets on the real store: 0 failed, p95 ≤ 3 s, ≤ 0.15 CPU-s per page view, peak RSS ≤ 600 MB; at 100k reports,
p95 ≤ 5 s and 0 failed. Exit status 0 when the app's run meets them. Nothing leaves the machine: every listener binds
127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_scale import build_base, parse_size, replicate, tree_rss_mb  # noqa: E402
from scripts.load_test import free_port, percentile, start_server, stop_server, tree_cpu_seconds  # noqa: E402

PAGES = ("overview", "compare", "trends", "requests")  # 总览, 单位对比, 年度趋势, 依申请公开
FLOOR_SCRIPT = "scripts/bench_floor_app.py"
SHIPPED_ENV = {k: v for k, v in (a.split("=", 1) for a in os.environ.get("BENCH_REPLICA_ENV", "").split()) if k}
FOLDER_NOTES = ("README.md", "SOURCES.csv")  # a corpus folder's notes beside its reports, not reports
TARGETS = {"real": {"p95_s": 3.0, "cpu_s_per_view": 0.15, "peak_rss_mb": 600}, "scale": {"p95_s": 5.0}}


# --- the servers -----------------------------------------------------------------------------------------------


@dataclass
class Server:
    """A running server: its URL, its processes, and how to stop them."""

    name: str
    url: str
    procs: list = field(default_factory=list)  # (kind, Popen)
    entry_pages: dict[str, str] = field(default_factory=dict)  # page → the URL path a visitor opens it at

    def pids(self) -> list[int]:
        return [p.pid for _, p in self.procs]

    def cpu_seconds(self) -> float:
        return sum(tree_cpu_seconds(pid) for pid in self.pids())

    def rss_mb(self) -> float:
        return sum(tree_rss_mb(pid) for pid in self.pids())

    def stop(self) -> None:
        from scripts.replicas import stop_nginx

        for kind, proc in reversed(self.procs):
            stop_nginx(proc) if kind == "nginx" else stop_server(proc)


def app_entry_pages() -> dict[str, str]:
    """The URL path each page opens at: the default page at the root, the others at their name (app.py's table)."""
    from disclosure import catalog

    return {p.name: "" if p.default else p.name for p in catalog.pages()}


def start_app(db: Path, topology: str, scratch: Path) -> Server:
    env = {"DISCLOSURE_MODE": "public", "DISCLOSURE_DB": str(db), **SHIPPED_ENV}
    if topology == "single":
        proc, url = start_server(env, log=scratch / "app.log")
        return Server("app (1 process)", url, [("app", proc)], app_entry_pages())
    from scripts.replicas import start_nginx, write_nginx_conf

    ports = (free_port(), free_port())
    server = Server("app (2 replicas + nginx)", "", entry_pages=app_entry_pages())
    try:
        for n, port in enumerate(ports, 1):
            proc, _ = start_server(env, log=scratch / f"replica{n}.log", port=port)
            server.procs.append(("app", proc))
        prefix = scratch / "nginx"
        listen = free_port()
        server.url = f"http://127.0.0.1:{listen}"
        conf = write_nginx_conf(prefix, listen, ports)
        server.procs.append(("nginx", start_nginx(prefix, conf, server.url)))
    except BaseException:
        server.stop()
        raise
    return server


def start_floor(scratch: Path) -> Server:
    proc, url = start_server({}, log=scratch / "floor.log", script=FLOOR_SCRIPT)
    return Server("floor (1 plain page, 1 process)", url, [("app", proc)], {"floor": ""})


# --- one session over the websocket ----------------------------------------------------------------------------


@dataclass
class View:
    session: int
    page: str
    round: int
    seconds: float | None  # None: did not finish
    bytes: int = 0
    messages: int = 0
    error: str = ""


def route_cookie(url: str) -> str:
    """GET / as a browser does first; the cookie nginx sets to keep this session on its replica ("" without nginx)."""
    with urllib.request.urlopen(url + "/", timeout=30) as response:
        cookies = [h.split(";", 1)[0] for h in response.headers.get_all("Set-Cookie") or []]
        response.read()
    return "; ".join(c for c in cookies if c.startswith("disclosure_route="))


async def one_view(ws, back: bytes, timeout: float, held: set[str]) -> tuple[float | None, int, int, str, dict]:
    """Send one rerun request; read until the view's last script_finished. Returns (seconds, bytes, messages, error,
    page hashes seen in navigation messages)."""
    from streamlit.proto.Alert_pb2 import Alert
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    started = time.perf_counter()
    await ws.send(back)
    size = count = 0
    error, hashes = "", {}
    deadline = started + timeout
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            return None, size, count, error or "timeout", hashes
        try:
            raw = await asyncio.wait_for(ws.recv(), left)
        except TimeoutError:
            return None, size, count, error or "timeout", hashes
        size += len(raw)
        count += 1
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if msg.metadata.cacheable and msg.hash:
            held.add(msg.hash)
        if kind in ("navigation", "new_session"):
            pages = msg.navigation.app_pages if kind == "navigation" else msg.new_session.app_pages
            hashes.update({p.url_pathname: p.page_script_hash for p in pages})
        elif kind == "page_not_found":
            error = error or "page not found"
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            what = element.WhichOneof("type")
            if what == "exception":
                error = error or f"exception: {element.exception.message[:200]}"
            elif what == "alert" and element.alert.format == Alert.ERROR:
                error = error or f"error box: {element.alert.body[:200]}"
        elif kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
            return time.perf_counter() - started, size, count, error, hashes
        elif kind == "script_finished" and msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            return time.perf_counter() - started, size, count, error or "compile error", hashes


async def run_session(server: Server, number: int, pages: list[str], rounds: int, timeout: float, views: list[View], start) -> None:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg

    order = pages[number % len(pages) :] + pages[: number % len(pages)]  # sessions start at different pages
    await start.wait()
    try:
        cookie = await asyncio.to_thread(route_cookie, server.url)
        headers = {"Cookie": cookie} if cookie else {}
        ws_url = server.url.replace("http://", "ws://") + "/_stcore/stream"
        async with websockets.connect(ws_url, subprotocols=["streamlit"], additional_headers=headers, max_size=None) as ws:
            hashes: dict[str, str] = {}
            held: set[str] = set()
            for r in range(rounds):
                for n, page in enumerate(order):
                    back = BackMsg()
                    path = server.entry_pages[page]
                    if r == 0 and n == 0:
                        back.rerun_script.page_name = path  # the first page by its URL, as a browser opens it
                    else:
                        back.rerun_script.page_script_hash = hashes[path]  # the sidebar's link to the page
                    back.rerun_script.cached_message_hashes.extend(sorted(held))
                    seconds, size, count, error, seen = await one_view(ws, back.SerializeToString(), timeout, held)
                    hashes.update(seen)
                    views.append(View(number, page, r + 1, seconds, size, count, error))
                    if seconds is None:
                        return  # the connection is in an unknown state: the session's other views count as not done
    except Exception as e:  # a session that cannot connect: its views are missing, counted as failed
        views.append(View(number, "connect", 0, None, error=f"{type(e).__name__}: {e}"[:200]))


class Sampler:
    """The server's summed RSS every 0.2 s, its peak kept."""

    def __init__(self, server: Server) -> None:
        self.server, self.peak, self._stop = server, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.server.rss_mb())
            self._stop.wait(0.2)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.server.rss_mb())


async def crowd(server: Server, sessions: int, pages: list[str], rounds: int, timeout: float) -> tuple[list[View], float]:
    views: list[View] = []
    start = asyncio.Event()
    tasks = [asyncio.create_task(run_session(server, s, pages, rounds, timeout, views, start)) for s in range(sessions)]
    began = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    return views, time.perf_counter() - began


def measure(server: Server, sessions: int, pages: list[str], rounds: int, timeout: float, warmup: int) -> dict:
    """Warm-up sessions (not counted), then the crowd: views, times, CPU, RSS and the load average around it."""
    if warmup:
        asyncio.run(crowd(server, warmup, pages, 1, timeout))
    load_before = os.getloadavg()
    cpu_before = server.cpu_seconds()
    with Sampler(server) as sampler:
        views, wall = asyncio.run(crowd(server, sessions, pages, rounds, timeout))
    cpu = server.cpu_seconds() - cpu_before
    load_after = os.getloadavg()
    done = [v.seconds for v in views if v.seconds is not None and not v.error]
    expected = sessions * rounds * len(pages)
    failed = expected - len(done)
    per_page = {}
    for page in pages:
        times = [v.seconds for v in views if v.page == page and v.seconds is not None and not v.error]
        per_page[page] = {
            "views": len(times),
            "p50_s": round(statistics.median(times), 2) if times else None,
            "p95_s": round(percentile(times, 95), 2) if times else None,
            "kb_per_view": round(sum(v.bytes for v in views if v.page == page) / max(1, len(times)) / 1024, 1),
        }
    return {
        "server": server.name,
        "sessions": sessions,
        "rounds": rounds,
        "pages": pages,
        "views_expected": expected,
        "views_done": len(done),
        "failed": failed,
        "p50_s": round(statistics.median(done), 2) if done else None,
        "p95_s": round(percentile(done, 95), 2) if done else None,
        "max_s": round(max(done), 2) if done else None,
        "wall_s": round(wall, 1),
        "server_cpu_s": round(cpu, 1),
        "cpu_s_per_view": round(cpu / max(1, len(views)), 3),
        "peak_rss_mb": round(sampler.peak),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in load_after],
        "per_page": per_page,
        "errors": [
            f"session {v.session} {v.page} (round {v.round}): {v.error or 'not finished'}" for v in views if v.error or v.seconds is None
        ][:20],
    }


# --- the store -----------------------------------------------------------------------------------------------


def real_store(scratch: Path, more: list[Path]) -> tuple[Path, dict]:
    """The store as the compose ingest job publishes it; `more` folders published into it as the next version (the
    job's `run --rm ingest ... /incoming`): reports waiting to join data/reports, to measure the store they will make."""
    import subprocess

    from scripts.bench_scale import store_counts
    from scripts.replicas import build_store

    db = build_store(scratch)
    reports = [f for folder in more for f in sorted(folder.rglob("*")) if f.is_file() and f.name not in FOLDER_NOTES]
    if reports:
        publish = [sys.executable, "deploy/publish_store.py", str(scratch / "store"), *map(str, reports)]
        subprocess.run(publish, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    counts = store_counts(db)
    added = f" + {', '.join(map(str, more))}" if more else ""
    return db, {
        "store": f"real: data/reports + data/sample{added} ({counts['reports']} reports, {counts['sample_reports']} of them 示例; {counts['agencies']} agencies)"
    }


def scale_store(size: int, folder: Path, reuse: bool) -> tuple[Path, dict]:
    folder.mkdir(parents=True, exist_ok=True)
    base_db = folder / "base.duckdb"
    if reuse and base_db.exists():
        from scripts.bench_scale import store_counts

        base = {"path": str(base_db), **store_counts(base_db)}
    else:
        base = build_base(folder)
    big = replicate(base, size, folder, reuse)
    return Path(big["path"]), {"store": f"{big['reports']:,} reports ({big['agencies']:,} agencies, {big['facts']:,} facts)"}


# --- report -------------------------------------------------------------------------------------------------


def line(r: dict) -> str:
    return (
        f"{r['server']}: {r['views_done']}/{r['views_expected']} views · failed {r['failed']} · p50 {r['p50_s']} s · "
        f"p95 {r['p95_s']} s · max {r['max_s']} s · {r['cpu_s_per_view']} CPU-s per view · peak RSS {r['peak_rss_mb']} MB · "
        f"wall {r['wall_s']} s · load average {r['load_before'][0]} → {r['load_after'][0]}"
    )


def markdown(report: dict) -> str:
    rows = [
        "| server | views · failed | p50 | p95 | CPU-s per view | peak RSS | load average (1 min) before → after |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for r in report["runs"]:
        rows.append(
            f"| {r['server']} | {r['views_done']}/{r['views_expected']} · {r['failed']} | {r['p50_s']} s | **{r['p95_s']} s** | "
            f"{r['cpu_s_per_view']} | {r['peak_rss_mb']} MB | {r['load_before'][0]} → {r['load_after'][0]} |"
        )
    return "\n".join(rows)


def verdict(report: dict) -> list[str]:
    app = report["runs"][0]
    targets = TARGETS["scale" if report["scale"] else "real"]
    misses = [f"{app['failed']} failed page views"] if app["failed"] else []
    if app["p95_s"] is None or app["p95_s"] > targets["p95_s"]:
        misses.append(f"p95 {app['p95_s']} s > {targets['p95_s']} s")
    if "cpu_s_per_view" in targets and app["cpu_s_per_view"] > targets["cpu_s_per_view"]:
        misses.append(f"{app['cpu_s_per_view']} CPU-s per view > {targets['cpu_s_per_view']}")
    if "peak_rss_mb" in targets and app["peak_rss_mb"] > targets["peak_rss_mb"]:
        misses.append(f"peak RSS {app['peak_rss_mb']} MB > {targets['peak_rss_mb']} MB")
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pages", default=",".join(PAGES), help="the pages each session walks, by URL name")
    parser.add_argument("--store", default="real", help="real (data/), or a size such as 100k (a replicated store)")
    parser.add_argument("--add", type=Path, nargs="*", default=[], help="report folders published into the real store too")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench"), help="where the replicated stores are kept")
    parser.add_argument("--reuse", action="store_true", help="keep a replicated store already in --dir")
    parser.add_argument("--topology", choices=("shipped", "single"), default="shipped")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor page")
    parser.add_argument("--no-warmup", action="store_true", help="measure from freshly started servers")
    parser.add_argument("--page-timeout", type=float, default=60)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    pages = [p for p in args.pages.split(",") if p]
    unknown = set(pages) - set(app_entry_pages())
    if unknown:
        parser.error(f"no such page: {', '.join(sorted(unknown))}")

    scratch_dir = tempfile.TemporaryDirectory(prefix="disclosure-bench-load-")
    scratch = Path(scratch_dir.name)
    report: dict = {"scale": args.store != "real", "cores": os.cpu_count(), "runs": []}
    try:
        db, about = real_store(scratch, args.add) if args.store == "real" else scale_store(parse_size(args.store), args.dir, args.reuse)
        report.update(about)
        print(f"store: {report['store']} · {args.sessions} sessions × {args.rounds} rounds × {', '.join(pages)}", flush=True)
        server = start_app(db, args.topology, scratch)
        try:
            warmup = 0 if args.no_warmup else (2 if args.topology == "shipped" else 1)
            report["runs"].append(measure(server, args.sessions, pages, args.rounds, args.page_timeout, warmup))
        finally:
            server.stop()
        print(line(report["runs"][-1]), flush=True)
        if not args.no_floor:
            floor = start_floor(scratch)
            try:
                run = measure(floor, args.sessions, ["floor"], args.rounds * len(pages), args.page_timeout, 0 if args.no_warmup else 1)
                report["runs"].append(run)
            finally:
                floor.stop()
            print(line(report["runs"][-1]), flush=True)
    finally:
        scratch_dir.cleanup()
    app = report["runs"][0]
    for page, stats in app["per_page"].items():
        print(f"  {page:<10} views {stats['views']:>3}  p50 {stats['p50_s']} s  p95 {stats['p95_s']} s  {stats['kb_per_view']} KB a view")
    for error in app["errors"]:
        print("  " + error)
    misses = verdict(report)
    report["targets_missed"] = misses
    print("targets: " + ("met" if not misses else "missed — " + "; ".join(misses)))
    if args.markdown:
        print(markdown(report))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if not misses else 1


if __name__ == "__main__":
    sys.exit(main())
