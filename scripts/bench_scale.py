"""Scale benchmark: stores of ~1k / 10k / 100k reports, every page and named query timed, the pandas peer beside it.

    python scripts/bench_scale.py                              # 1k, 10k and 100k, Chromium on, artifacts/bench_scale.json
    python scripts/bench_scale.py --sizes 1k,10k --no-browser  # smaller, no browser
    python scripts/bench_scale.py --sizes 500 --runs 1 --no-browser --json /tmp/b.json   # the smoke test's run
    python scripts/bench_scale.py --markdown                   # also print the tables for README

For each size, in one run and one heavy process at a time:

1. Stores. The base store is built from data/ (`Store.refresh_from_data()`, as `python -m disclosure build` does),
   then copied and its reports replicated in DuckDB (queries/bench_replicate.sql: range() × the reports, set-based)
   until the store holds at least the size: copy n of a report belongs to a new agency, the name with the suffix ·000n
   (real and 示例 names alike, the sample flag kept), with a new report_id; its facts and findings are copied. The
   stores stay in --dir (default /tmp/bench: base.duckdb, bench_<reports>.duckdb) until the next run rebuilds them
   (--reuse keeps a replicated store that is already there). Build time and file size are recorded.
2. Named queries: every query the pages run, through `Store(path).reader().query(name, **params)` with the pages'
   parameters (one agency-year, a 5-agency trend, all agencies of a year …): the first run and the median of --runs.
3. Page script runs: Streamlit's AppTest with DISCLOSURE_DB on the store, each page opened by its URL parameters;
   cold = the first run in a fresh AppTest after st.cache_data.clear(), warm = the median of --runs reruns. The time
   is Streamlit's own exec of app.py + the page (as scripts/measure_pages.py times it); the AppTest wall time is kept too.
4. Chromium (--no-browser to skip): `streamlit run app.py` on the store (scripts/load_test.start_server), Debian's
   Chromium through Playwright opens every page by its URL twice (a first pass on a fresh server, then a warm one);
   a page has settled when its title is the heading, the script state is "notRunning" and no skeleton is left
   (Streamlit's e2e wait), and drawn once every plotly chart has its SVG. Bytes: the WebSocket frames the browser
   received for the page, and the HTTP responses (the first page's include the app's static files). The server's
   RSS (its process tree, from /proc) at start, after the first pass and after the second.
5. The pandas peer, on the same two questions: trends (5 agencies' 收到申请 series, requests.received|total, per
   year) and comparison (every agency's requests.received|total and disclosure rate in one year). The product answers
   with its named queries and view functions (trends_facts → views.trends.trend_points; compare_templates +
   compare_figures → views.compare.year_figures / per_agency). Peer (a) "shared frame": every fact joined with its
   report in one DataFrame with categoricals, loaded once (load time and RSS), each answer a pandas filter of it and
   the same view functions. Peer (b) "cache_data style": each answer re-reads a frame filtered on one key from DuckDB
   into pandas (what a st.cache_data app does on a miss), then filters the rest in pandas, then the same view functions.
   Each side runs in a fresh process of its own, so its RSS is its own; the answers are checked to agree.

Every SQL statement is a named file in queries/ (bench_*.sql here). Targets at 100k (issue #15): warm script run
≤ 300 ms and cold ≤ 1 s per page, settled in Chromium ≤ 3 s, ≤ 1 MB sent per page, server RSS ≤ 600 MB after every
page, and the product at least as fast as the shared-frame peer on both questions at 10k and 100k with less memory.
A page that fails is recorded with its error and the run goes on. Results: a table per size on stdout, the JSON file.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure.sql import run_script, sql  # noqa: E402

PAGES = ("overview", "report", "channels", "requests", "trends", "compare", "glossary", "quality")
SERIES = ["requests_received"]  # the trends question's series: 收到申请 across the templates (requests.received|total)
COMPARE_MEASURES = ["requests.received", "rate:disclosure"]  # the comparison question's measures
TRENDS_AGENCIES = 5
TARGETS = {"warm_ms": 300, "cold_ms": 1000, "settle_s": 3.0, "sent_bytes": 1_000_000, "server_rss_mb": 600}
CHROMIUM = "/usr/bin/chromium"
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .every(c => c.querySelector('svg.main-svg, canvas'))"""
EXCEPTIONS = '[data-testid="stException"], [data-testid="stAlertContentError"]'


# --- small helpers ------------------------------------------------------------------------------------------


def parse_size(text: str) -> int:
    text = text.strip().lower()
    scale = 1000 if text.endswith("k") else 1
    return int(float(text.rstrip("k")) * scale)


def label(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def memory_mb(pid: int | str = "self") -> dict[str, float]:
    """VmRSS and VmHWM (peak) of one process, in MB, from /proc."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return {"rss_mb": round(out.get("VmRSS", 0.0), 1), "hwm_mb": round(out.get("VmHWM", 0.0), 1)}


def tree_rss_mb(root: int) -> float:
    """RSS of a process and every live descendant, in MB (shared pages counted in each)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += memory_mb(pid)["rss_mb"]
        todo.extend(children.get(pid, []))
    return round(total, 1)


def timed(func, runs: int) -> dict:
    """First run and median of `runs` more, in ms; the last result."""
    start = time.perf_counter()
    result = func()
    first = 1000 * (time.perf_counter() - start)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(1000 * (time.perf_counter() - start))
    return {"first_ms": round(first, 1), "warm_ms": round(statistics.median(times), 1) if times else None, "result": result}


def connect(path: Path, read_only: bool = False):
    import duckdb

    # two threads, as the app's reader has (settings.duckdb_config)
    return duckdb.connect(str(path), read_only=read_only, config={"threads": 2})


# --- 1. stores ----------------------------------------------------------------------------------------------


def build_base(folder: Path) -> dict:
    """The store as `python -m disclosure build` makes it from data/ (data/reports real, data/sample 示例), built anew."""
    from disclosure.store import Store

    db = folder / "base.duckdb"
    for old in (db, Path(str(db) + ".wal")):
        old.unlink(missing_ok=True)
    start = time.perf_counter()
    summary = Store(db).refresh_from_data()
    seconds = time.perf_counter() - start
    return {"path": str(db), "build_s": round(seconds, 2), "summary": summary.lines()[-1] if summary else "", **store_counts(db)}


def store_counts(db: Path) -> dict:
    con = connect(db, read_only=True)
    try:
        cur = con.execute(sql("bench_store_counts"))
        row = dict(zip([d[0] for d in cur.description], cur.fetchone()))
    finally:
        con.close()
    return {**{k: int(v) for k, v in row.items()}, "size_mb": round(db.stat().st_size / 1e6, 1)}


def replicate(base: dict, size: int, folder: Path, reuse: bool) -> dict:
    """A store of at least `size` reports: the base store's reports copied ceil(size / base reports) times in DuckDB."""
    copies = max(1, math.ceil(size / base["reports"]))
    db = folder / f"bench_{copies * base['reports']}.duckdb"
    if reuse and db.exists():
        return {"path": str(db), "copies": copies, "replicate_s": None, "reused": True, **store_counts(db)}
    tmp = db.with_suffix(".building")
    for old in (db, tmp, Path(str(db) + ".wal"), Path(str(tmp) + ".wal")):
        old.unlink(missing_ok=True)
    start = time.perf_counter()
    shutil.copyfile(base["path"], tmp)
    con = connect(tmp)
    try:
        run_script(con, "bench_replicate", {"copies": copies})
        con.execute(sql("store_checkpoint"))
    finally:
        con.close()
    os.replace(tmp, db)
    seconds = time.perf_counter() - start
    return {"path": str(db), "copies": copies, "replicate_s": round(seconds, 2), "reused": False, **store_counts(db)}


def pick_view(base_db: Path) -> dict:
    """The agency-year the pages open — the 2021-template year with the most real reports, and the real agency with the
    most reports among those reporting that year — and the trends question's agencies (the real agencies with the most
    reports, that one among them), read from the base store: each is copy 0 of its agency."""
    from disclosure import agencies as agency_table

    con = connect(base_db, read_only=True)
    try:
        rows = con.execute(sql("bench_view_agencies")).fetchall()
        found = con.execute(sql("bench_view_year")).fetchone()
    finally:
        con.close()
    if not rows:
        raise SystemExit("the base store holds no real report: data/reports is empty")
    year = int(found[0]) if found else None
    main = next((r for r in rows if year in (r[2] or [])), rows[0])
    if year is None or year not in (main[2] or []):
        year = max(main[2]) if main[2] else None
    five = [r[0] for r in rows[:TRENDS_AGENCIES]]
    if main[0] not in five:
        five = [main[0], *five[: TRENDS_AGENCIES - 1]]
    return {
        "agency": main[0],
        "agency_id": agency_table.url_id(main[0]),
        "year": year,
        "trend_agencies": five,
        "trend_ids": [agency_table.url_id(a) for a in five],
    }


def page_params(page: str, view: dict) -> dict:
    """The URL parameters each page is opened with (as a shared link would carry them)."""
    one = {"agency": view["agency_id"], "year": str(view["year"])}
    return {
        "overview": {"year": str(view["year"])},  # the scope "all" (a link naming an agency opens 单位年报)
        "report": one,
        "channels": one,
        "requests": one,
        "trends": {"agency": view["agency_id"], "agencies": view["trend_ids"], "series": SERIES[0]},
        "compare": one,
        "glossary": {},
        "quality": one,
    }[page]


SAMPLE_PAGES = ("overview", "compare", "quality")  # the pages that list every agency: with --sample-views, again with 示例 on


def visits(view: dict, sample_views: bool = False) -> list[tuple[str, str, dict]]:
    """(name, page, URL parameters) of every page view measured: each page as a shared link opens it, and with
    `sample_views` the pages that list every agency once more with the 示例 switch on (every agency of the store)."""
    out = [(page, page, page_params(page, view)) for page in PAGES]
    if sample_views:
        out += [(f"{page}+sample", page, {**page_params(page, view), "sample": "true"}) for page in SAMPLE_PAGES]
    return out


# --- 2. named queries ---------------------------------------------------------------------------------------


def query_cases(db: Path, view: dict) -> list[tuple[str, str, dict]]:
    """(case, query name, params): every named query the pages (and the briefs they offer) run, as they call it."""
    from disclosure.store import Store
    from disclosure.views import channels as channels_view
    from disclosure.views import compare as compare_view
    from disclosure.views import overview as overview_view
    from disclosure.views import scope as scope_view

    reader = Store(db).reader()
    try:
        real = reader.query("agencies", include_sample=False)["agency"].tolist()
        templates = reader.query("compare_templates", year=view["year"], include_sample=False)
    finally:
        reader.close()
    in_year = set(templates["template"])
    options = compare_view.measure_options(in_year)
    main_template = templates["template"].iloc[0] if not templates.empty else "2021"
    shown = [compare_view.default_indicator(options), *compare_view.default_multiples(options, main_template)]
    needed = sorted({row for i in dict.fromkeys(shown) for row in compare_view.measure(i, in_year).indicators()})
    a, y, five = view["agency"], view["year"], view["trend_agencies"]
    return [
        ("agencies[all]", "agencies", {"include_sample": True}),
        ("agencies[real]", "agencies", {"include_sample": False}),
        ("report_header", "report_header", {"agency": a, "year": y}),
        ("report_facts", "report_facts", {"agency": a, "year": y}),
        ("scope_reports[one]", "scope_reports", {"agencies": [a]}),
        ("scope_reports[all]", "scope_reports", {"agencies": real}),
        ("scope_facts[one]", "scope_facts", {"agencies": [a], "year": y, "indicators": overview_view.report_indicators()}),
        ("scope_facts[all]", "scope_facts", {"agencies": real, "year": y, "indicators": scope_view.needed_indicators()}),
        ("compare_templates", "compare_templates", {"year": y, "include_sample": False}),
        ("compare_figures", "compare_figures", {"year": y, "include_sample": False, "indicators": needed}),
        ("trends_facts[5]", "trends_facts", {"agencies": five}),
        ("channel_history", "channel_history", {"agency": a, "indicators": channels_view.history_indicators()}),
        ("quality_findings", "quality_findings", {"agency": a, "year": y}),
        ("quality_rule_counts[all years]", "quality_rule_counts", {"year": None, "include_sample": False}),
        ("quality_ranking[all years]", "quality_ranking", {"year": None, "include_sample": False}),
        ("quality_skipped_files", "quality_skipped_files", {}),
        ("brief_findings[one]", "brief_findings", {"agencies": [a], "year": y}),
    ]


def child_queries(db: Path, view: dict, runs: int) -> dict:
    from disclosure.store import Store

    cases = query_cases(db, view)
    start = time.perf_counter()
    reader = Store(db).reader()
    open_ms = 1000 * (time.perf_counter() - start)
    out = {}
    try:
        for case, name, params in cases:
            try:
                r = timed(lambda name=name, params=params: reader.query(name, **params), runs)
                out[case] = {"query": name, "first_ms": r["first_ms"], "warm_ms": r["warm_ms"], "rows": len(r["result"])}
            except Exception as e:  # a query that fails is recorded, the rest still run
                out[case] = {"query": name, "error": f"{type(e).__name__}: {e}"[:300]}
    finally:
        reader.close()
    return {"reader_open_ms": round(open_ms, 1), "queries": out, "memory": memory_mb()}


# --- 3. page script runs (AppTest) --------------------------------------------------------------------------


def child_pages(db: Path, view: dict, runs: int, warmup_db: Path | None = None, sample_views: bool = False) -> dict:
    """Each page cold (fresh AppTest, st.cache_data cleared) and warm (median of `runs` reruns)."""
    os.environ["DISCLOSURE_DB"] = str(db)
    import streamlit as st
    import streamlit.runtime.scriptrunner.script_runner as runner
    from streamlit.testing.v1 import AppTest

    exec_times: list[float] = []
    original = runner.exec_func_with_error_handling

    def timed_exec(func, ctx):
        start = time.perf_counter()
        try:
            return original(func, ctx)
        finally:
            exec_times.append(1000 * (time.perf_counter() - start))

    runner.exec_func_with_error_handling = timed_exec

    def one_run(at) -> tuple[float, float]:
        exec_times.clear()
        start = time.perf_counter()
        at.run()
        wall = 1000 * (time.perf_counter() - start)
        return sum(exec_times), wall  # a run that reruns itself (st.rerun, st.switch_page) counts every pass

    # every page once on the small base store first, so a cold run below pays for its queries, not for the first
    # import of the modules a page uses (a server has those loaded after its first page)
    if warmup_db is not None:
        os.environ["DISCLOSURE_DB"] = str(warmup_db)
        for page in PAGES:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            if page != "overview":
                at.switch_page(f"pages/{page}.py")
            at.run()
        os.environ["DISCLOSURE_DB"] = str(db)
    out = {}
    for name, page, params in visits(view, sample_views):
        entry: dict = {"params": params}
        try:
            st.cache_data.clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            for key, value in entry["params"].items():
                at.query_params[key] = value
            if page != "overview":
                at.switch_page(f"pages/{page}.py")
            entry["cold_ms"], entry["cold_wall_ms"] = (round(v, 1) for v in one_run(at))
            if at.exception:
                entry["error"] = str(at.exception[0].value)[:300]
            errors = [e.value for e in at.error]
            if errors:
                entry["error_boxes"] = [str(e)[:200] for e in errors]
            warm = [one_run(at) for _ in range(runs)]
            entry["warm_ms"] = round(statistics.median(w[0] for w in warm), 1) if warm else None
            entry["warm_wall_ms"] = round(statistics.median(w[1] for w in warm), 1) if warm else None
            entry["title"] = at.title[0].value if at.title else None
        except Exception as e:  # a page that fails is recorded, the rest still run
            entry["error"] = f"{type(e).__name__}: {e}"[:300]
        out[name] = entry
    runner.exec_func_with_error_handling = original
    return {"pages": out, "memory": memory_mb()}


# --- 5. the product and its pandas peer on the same questions -----------------------------------------------


def trends_name(series_id: str) -> str:
    from disclosure.views import trends as trends_view

    return trends_view.unique_names(SERIES, "zh", "跨口径")[series_id]


def trends_answer(facts, agencies: list[str]):
    from disclosure.views import trends as trends_view

    return trends_view.trend_points(facts, agencies, SERIES, trends_name)


def compare_answer(facts, in_year: set[str]) -> dict:
    from disclosure.views import compare as compare_view

    figures = compare_view.year_figures(facts)
    return {i: compare_view.per_agency(figures, compare_view.measure(i, in_year)) for i in COMPARE_MEASURES}


def compare_rows(in_year: set[str]) -> list[str]:
    from disclosure.views import compare as compare_view

    return sorted({row for i in COMPARE_MEASURES for row in compare_view.measure(i, in_year).indicators()})


def trends_digest(points) -> list:
    shown = points.dropna(subset=["value"])
    return sorted((str(a), int(y), round(float(v), 6)) for a, y, v in zip(shown["agency"], shown["year"], shown["value"]))


def compare_digest(answer: dict) -> dict:
    return {
        i: sorted((str(a), round(float(v), 6)) for a, v in zip(frame["agency"], frame["value"]) if v == v) for i, frame in answer.items()
    }


def child_side(side: str, db: Path, view: dict, runs: int) -> dict:
    """One side of the peer comparison in a process of its own: its answer times, its memory, digests of its answers."""
    from disclosure.store import Store
    from disclosure.views import compare as compare_view  # noqa: F401  (every side imports the same modules first)
    from disclosure.views import trends as trends_view  # noqa: F401

    five, year = view["trend_agencies"], view["year"]
    out: dict = {"side": side, "memory_start": memory_mb()}
    if side == "product":
        reader = Store(db).reader()

        def trends():
            return trends_answer(reader.query("trends_facts", agencies=five), five)

        def compare():
            in_year = set(reader.query("compare_templates", year=year, include_sample=True)["template"])
            facts = reader.query("compare_figures", year=year, include_sample=True, indicators=compare_rows(in_year))
            return compare_answer(facts, in_year)

    elif side == "shared_frame":
        import pyarrow as pa
        import pyarrow.compute as pc

        con = connect(db, read_only=True)
        start = time.perf_counter()
        batches = []
        for batch in con.execute(sql("bench_peer_frame")).to_arrow_reader(1_000_000):
            columns = [
                pc.dictionary_encode(c) if pa.types.is_string(c.type) or pa.types.is_large_string(c.type) else c for c in batch.columns
            ]
            batches.append(pa.record_batch(columns, names=batch.schema.names))
        table = pa.Table.from_batches(batches).unify_dictionaries()
        del batches
        frame = table.to_pandas()
        del table
        frame["year"] = frame["year"].astype("int16")
        frame["seq"] = frame["seq"].astype("int16")
        con.close()
        out["load_s"] = round(time.perf_counter() - start, 2)
        out["memory_loaded"] = memory_mb()
        out["frame_rows"] = len(frame)
        out["frame_mb"] = round(frame.memory_usage(deep=True).sum() / 1e6, 1)

        def trends():
            return trends_answer(frame[frame["agency"].isin(five)], five)

        def compare():
            in_frame = frame[frame["year"] == year]
            in_year = set(in_frame["template"].unique())
            return compare_answer(in_frame[in_frame["indicator"].isin(compare_rows(in_year))], in_year)

    elif side == "cache_data":
        from disclosure.views import trends as trends_view

        con = connect(db, read_only=True)
        series_rows = sorted({term.split("[")[0].removesuffix(".*") for term in trends_view.series_indicators(SERIES)})

        def trends():
            facts = con.execute(sql("bench_peer_indicator_facts"), {"indicators": series_rows}).df()
            return trends_answer(facts[facts["agency"].isin(five)], five)

        def compare():
            facts = con.execute(sql("bench_peer_year_facts"), {"year": year}).df()
            in_year = set(facts["template"].unique())
            return compare_answer(facts[facts["indicator"].isin(compare_rows(in_year))], in_year)

    else:
        raise SystemExit(f"no side {side}")
    for name, func, digest in (("trends", trends, trends_digest), ("compare", compare, compare_digest)):
        r = timed(func, runs)
        out[name] = {"first_ms": r["first_ms"], "warm_ms": r["warm_ms"], "digest": digest(r["result"])}
    out["memory_end"] = memory_mb()
    return out


# --- 4. Chromium --------------------------------------------------------------------------------------------


def browser_run(db: Path, view: dict, page_timeout_s: float, sample_views: bool = False) -> dict:
    """Every page view opened by its URL in Chromium, twice (a first pass on a fresh server, then a warm one), after
    one visit to 指标说明 that loads the app's static files into the browser's cache (recorded as `bundle`)."""
    from playwright.sync_api import sync_playwright

    from scripts.load_test import ARRIVED, page_titles, start_server, stop_server

    titles = page_titles()
    log = Path(tempfile.mkstemp(prefix="bench-scale-streamlit-", suffix=".log")[1])
    proc, base = start_server({"DISCLOSURE_DB": str(db)}, timeout=120, log=log)
    out: dict = {"server_rss_mb": {"start": tree_rss_mb(proc.pid)}, "passes": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            pg = context.new_page()
            counters = {"ws": 0, "ws_frames": 0, "ws_sent": 0}
            requests: list = []
            bad: list[str] = []

            def on_ws(ws) -> None:
                def received(payload) -> None:
                    counters["ws"] += len(payload.encode() if isinstance(payload, str) else payload)
                    counters["ws_frames"] += 1

                def sent(payload) -> None:
                    counters["ws_sent"] += len(payload.encode() if isinstance(payload, str) else payload)

                ws.on("framereceived", received)
                ws.on("framesent", sent)

            pg.on("websocket", on_ws)
            pg.on("requestfinished", lambda req: requests.append(req))
            pg.on("response", lambda r: bad.append(f"http {r.status} {r.url}") if r.status >= 400 and "/_stcore/" not in r.url else None)
            pg.on("pageerror", lambda e: bad.append(f"pageerror: {e}"))

            def visit(page: str, params: dict) -> dict:
                path = "" if page == "overview" else page
                url = f"{base}/{path}" + (f"?{urllib.parse.urlencode(params, doseq=True)}" if params else "")
                counters.update(ws=0, ws_frames=0, ws_sent=0)
                requests.clear()
                bad.clear()
                seen: dict = {}
                start = time.perf_counter()
                try:
                    pg.goto(url, wait_until="domcontentloaded", timeout=page_timeout_s * 1000)
                    pg.wait_for_function(ARRIVED, arg=titles[page], timeout=page_timeout_s * 1000, polling=50)
                    seen["settle_s"] = round(time.perf_counter() - start, 2)
                    try:
                        pg.wait_for_function(CHARTS_DRAWN, timeout=30000, polling=50)
                        seen["drawn_s"] = round(time.perf_counter() - start, 2)
                    except Exception:
                        seen["drawn_s"] = None
                except Exception as e:  # a page that never settles is recorded with the reason; the others still run
                    seen["settle_s"] = None
                    seen["error"] = f"not settled: {type(e).__name__}: {str(e).splitlines()[0]}"[:300]
                pg.wait_for_timeout(300)  # frames still in flight after the finish message
                seen["ws_bytes"] = counters["ws"]
                seen["ws_frames"] = counters["ws_frames"]
                seen["ws_sent_bytes"] = counters["ws_sent"]
                http = static = 0
                for req in list(requests):
                    try:
                        sizes = req.sizes()
                        n = max(0, sizes["responseBodySize"]) + max(0, sizes["responseHeadersSize"])
                    except Exception:  # a request the browser answered from its cache has no sizes
                        continue
                    if "/static/" in urllib.parse.urlsplit(req.url).path:
                        static += n  # the app's JavaScript and fonts: fetched once, then from the browser's cache
                    else:
                        http += n
                seen["http_bytes"] = http
                seen["static_bytes"] = static
                seen["sent_bytes"] = seen["ws_bytes"] + http  # what the page itself sends: its messages, its media
                exceptions = pg.locator(EXCEPTIONS).count()
                if exceptions or bad:
                    seen["errors"] = [f"{exceptions} error element(s)"] * bool(exceptions) + bad[:5]
                return seen

            out["bundle"] = visit("glossary", {})
            for pass_name in ("first", "warm"):
                out["passes"][pass_name] = {name: visit(page, params) for name, page, params in visits(view, sample_views)}
                out["server_rss_mb"][f"after_{pass_name}"] = tree_rss_mb(proc.pid)
            browser.close()
    finally:
        stop_server(proc)
    out["server_log_tracebacks"] = log.read_text(errors="replace").count("Traceback")
    log.unlink(missing_ok=True)
    return out


# --- the run ------------------------------------------------------------------------------------------------


def run_child(kind: str, db: Path, view: dict, runs: int, extra: list[str] = ()) -> dict:
    """One measurement in a fresh Python process (its memory its own, no cache carried over); its JSON result."""
    with tempfile.NamedTemporaryFile(prefix="bench-scale-", suffix=".json", delete=False) as fh:
        result = Path(fh.name)
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--db", str(db), "--view", json.dumps(view)]
    cmd += ["--runs", str(runs), "--child-out", str(result), *extra]
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", DISCLOSURE_DB=str(db))
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    try:
        if proc.returncode != 0:
            return {"error": f"child {kind} exited {proc.returncode}: {proc.stderr[-3000:]}"}
        data = json.loads(result.read_text())
        data["child_s"] = round(time.perf_counter() - start, 1)
        return data
    finally:
        result.unlink(missing_ok=True)


def peer_summary(sides: dict) -> dict:
    """Time and memory ratios of each peer to the product (> 1: the product is faster / smaller), answers compared."""
    product = sides.get("product", {})
    out = {}
    for peer in ("shared_frame", "cache_data"):
        side = sides.get(peer, {})
        if "error" in side or "error" in product:
            out[peer] = {"error": side.get("error") or product.get("error")}
            continue
        entry = {}
        for q in ("trends", "compare"):
            p, o = product[q], side[q]
            entry[q] = {
                "product_ms": p["warm_ms"],
                "peer_ms": o["warm_ms"],
                "peer_over_product": round(o["warm_ms"] / p["warm_ms"], 2) if p["warm_ms"] else None,
                "product_first_ms": p["first_ms"],
                "peer_first_ms": o["first_ms"],
                "same_answer": p["digest"] == o["digest"],
            }
        entry["product_rss_mb"] = product["memory_end"]["rss_mb"]
        entry["peer_rss_mb"] = side["memory_end"]["rss_mb"]
        entry["product_hwm_mb"] = product["memory_end"]["hwm_mb"]
        entry["peer_hwm_mb"] = side["memory_end"]["hwm_mb"]
        entry["rss_peer_over_product"] = round(entry["peer_rss_mb"] / entry["product_rss_mb"], 2) if entry["product_rss_mb"] else None
        if peer == "shared_frame":
            entry["load_s"] = side["load_s"]
            entry["frame_mb"] = side["frame_mb"]
            entry["frame_rows"] = side["frame_rows"]
        out[peer] = entry
    return out


def measure_size(size: int, base: dict, view: dict, args) -> dict:
    print(f"\n== {label(size)}: building the store", flush=True)
    store = replicate(base, size, args.dir, args.reuse)
    db = Path(store["path"])
    print(f"   {store['reports']} reports, {store['facts']} facts, {store['size_mb']} MB in {store['replicate_s']} s", flush=True)
    result: dict = {"store": store}
    print("   named queries …", flush=True)
    result["queries"] = run_child("queries", db, view, args.runs)
    print("   page script runs (AppTest) …", flush=True)
    extra = ["--warmup-db", base["path"]] + ["--sample-views"] * args.sample_views
    result["pages"] = run_child("pages", db, view, args.runs, extra)
    print("   the product and its pandas peer …", flush=True)
    sides = {side: run_child(side, db, view, args.runs) for side in ("product", "shared_frame", "cache_data")}
    result["peer_sides"] = {k: {kk: vv for kk, vv in v.items() if kk not in ("trends", "compare")} for k, v in sides.items()}
    result["peer"] = peer_summary(sides)
    if args.browser:
        print("   Chromium …", flush=True)
        try:
            result["browser"] = browser_run(db, view, args.page_timeout, args.sample_views)
        except Exception as e:  # the browser part fails alone
            result["browser"] = {"error": f"{type(e).__name__}: {e}"[:500]}
    result["over_targets"] = over_targets(size, result)
    return result


def over_targets(size: int, result: dict) -> list[str]:
    """What this size misses of issue #15's targets (they are set for 100k; checked at every size)."""
    out = []
    for page, p in (result.get("pages", {}).get("pages") or {}).items():
        if p.get("error"):
            out.append(f"{page}: error {p['error']}")
        if (p.get("warm_ms") or 0) > TARGETS["warm_ms"]:
            out.append(f"{page}: warm script run {p['warm_ms']:.0f} ms > {TARGETS['warm_ms']} ms")
        if (p.get("cold_ms") or 0) > TARGETS["cold_ms"]:
            out.append(f"{page}: cold script run {p['cold_ms']:.0f} ms > {TARGETS['cold_ms']} ms")
    browser = result.get("browser") or {}
    for pass_name, visits in (browser.get("passes") or {}).items():
        for page, v in visits.items():
            if v.get("error"):
                out.append(f"{page} ({pass_name} visit): {v['error']}")
            if (v.get("settle_s") or 0) > TARGETS["settle_s"]:
                out.append(f"{page} ({pass_name} visit): settled in {v['settle_s']} s > {TARGETS['settle_s']} s")
            if v.get("sent_bytes", 0) > TARGETS["sent_bytes"]:
                out.append(f"{page} ({pass_name} visit): {v['sent_bytes'] / 1e6:.2f} MB sent > 1 MB")
    rss = (browser.get("server_rss_mb") or {}).get("after_warm")
    if rss and rss > TARGETS["server_rss_mb"]:
        out.append(f"server RSS {rss:.0f} MB after every page > {TARGETS['server_rss_mb']} MB")
    if size >= 10_000:
        for peer, entry in (result.get("peer") or {}).items():
            if peer != "shared_frame" or "error" in entry:
                continue
            for q in ("trends", "compare"):
                if entry[q]["peer_over_product"] is not None and entry[q]["peer_over_product"] < 1:
                    out.append(
                        f"{q}: the shared-frame peer is faster ({entry[q]['peer_ms']} ms vs the product's {entry[q]['product_ms']} ms)"
                    )
            if entry["peer_rss_mb"] < entry["product_rss_mb"]:
                out.append(f"the shared-frame peer uses less memory ({entry['peer_rss_mb']} MB vs {entry['product_rss_mb']} MB)")
    return out


# --- output -------------------------------------------------------------------------------------------------


def fmt(value, spec: str = ".0f", none: str = "–") -> str:
    return none if value is None else format(value, spec)


def kb(n) -> str:
    return "–" if n is None else f"{n / 1000:.0f}"


def print_size(size: int, r: dict) -> None:
    s = r["store"]
    print(f"\n### {label(size)}: {s['reports']} reports ({s['agencies']} agencies), {s['facts']} facts, {s['checks']} findings")
    print(f"store {s['size_mb']} MB, replicated in {fmt(s['replicate_s'], '.1f')} s")
    pages = (r.get("pages") or {}).get("pages") or {}
    browser = r.get("browser") or {}
    first = (browser.get("passes") or {}).get("first", {})
    warm = (browser.get("passes") or {}).get("warm", {})
    print("\n| page | script cold ms | script warm ms | settle s (first / warm) | drawn s | ws KB | http KB | error |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for page in dict.fromkeys([*pages, *first]):
        p, f, w = pages.get(page, {}), first.get(page, {}), warm.get(page, {})
        err = p.get("error") or f.get("error") or w.get("error") or ""
        settle = f"{fmt(f.get('settle_s'), '.2f')} / {fmt(w.get('settle_s'), '.2f')}" if f or w else "–"
        print(
            f"| {page} | {fmt(p.get('cold_ms'))} | {fmt(p.get('warm_ms'))} | {settle} | {fmt(w.get('drawn_s'), '.2f')} "
            f"| {kb(w.get('ws_bytes'))} | {kb(w.get('http_bytes'))} | {err[:80]} |"
        )
    if pages.get("error") or (r.get("pages") or {}).get("error"):
        print("pages:", (r.get("pages") or {}).get("error"))
    if browser.get("bundle"):
        fetched = browser["bundle"]["static_bytes"] + sum(v.get("static_bytes", 0) for v in first.values())
        print(f"\nthe app's static files (JavaScript, fonts; fetched once, then cached): {fetched / 1e6:.1f} MB")
    if browser.get("server_rss_mb"):
        rss = browser["server_rss_mb"]
        print(
            f"\nserver RSS: {rss.get('start')} MB at start, {rss.get('after_first')} after the first pass, {rss.get('after_warm')} after the second"
        )
    elif browser.get("error"):
        print(f"\nbrowser: {browser['error']}")
    queries = (r.get("queries") or {}).get("queries") or {}
    print("\n| query | first ms | warm ms | rows |")
    print("|---|---:|---:|---:|")
    for case, q in queries.items():
        if "error" in q:
            print(f"| {case} | error: {q['error'][:80]} | | |")
        else:
            print(f"| {case} | {fmt(q['first_ms'], '.1f')} | {fmt(q['warm_ms'], '.1f')} | {q['rows']} |")
    if (r.get("queries") or {}).get("error"):
        print("queries:", r["queries"]["error"])
    print("\n| question | product ms | shared frame ms (ratio) | cache_data ms (ratio) | same answer |")
    print("|---|---:|---:|---:|---|")
    peer = r.get("peer") or {}
    sf, cd = peer.get("shared_frame", {}), peer.get("cache_data", {})
    for q in ("trends", "compare"):
        a, b = sf.get(q, {}), cd.get(q, {})
        same = "yes" if a.get("same_answer") and b.get("same_answer") else "NO" if a or b else "–"
        print(
            f"| {q} | {fmt(a.get('product_ms'), '.1f')} | {fmt(a.get('peer_ms'), '.1f')} (×{fmt(a.get('peer_over_product'), '.2f')}) "
            f"| {fmt(b.get('peer_ms'), '.1f')} (×{fmt(b.get('peer_over_product'), '.2f')}) | {same} |"
        )
    if "error" not in sf and sf:
        print(
            f"memory (RSS at the end, MB): product {sf['product_rss_mb']}, shared frame {sf['peer_rss_mb']} "
            f"(×{fmt(sf['rss_peer_over_product'], '.2f')}; frame {sf['frame_mb']} MB, loaded in {sf['load_s']} s), "
            f"cache_data {cd.get('peer_rss_mb')} (×{fmt(cd.get('rss_peer_over_product'), '.2f')})"
        )
    for side, e in peer.items():
        if "error" in e:
            print(f"{side}: {e['error'][:300]}")
    print("\nover the targets:" if r["over_targets"] else "\nwithin every target")
    for line in r["over_targets"]:
        print(f"  - {line}")


def markdown(report: dict) -> str:
    """The README's tables: sizes as columns."""
    sizes = list(report["sizes"])
    head = " | ".join(sizes)
    lines = [f"Base: {report['base']['reports']} reports from data/, built in {report['base']['build_s']} s, then replicated.", ""]
    lines += [f"| store | {head} |", "|---|" + "---:|" * len(sizes)]
    rows = {
        "reports": lambda r: f"{r['store']['reports']:,}",
        "agencies": lambda r: f"{r['store']['agencies']:,}",
        "facts": lambda r: f"{r['store']['facts']:,}",
        "file MB": lambda r: f"{r['store']['size_mb']:.0f}",
        "replicate s": lambda r: fmt(r["store"]["replicate_s"], ".1f"),
        "server RSS MB after every page": lambda r: fmt(((r.get("browser") or {}).get("server_rss_mb") or {}).get("after_warm")),
    }
    for name, cell in rows.items():
        lines.append(f"| {name} | " + " | ".join(cell(report["sizes"][s]) for s in sizes) + " |")
    lines += ["", f"| page: script cold / warm ms · settled s · KB sent | {head} |", "|---|" + "---:|" * len(sizes)]
    names = dict.fromkeys(n for r in report["sizes"].values() for n in ((r.get("pages") or {}).get("pages") or {}))
    for page in names:
        cells = []
        for s in sizes:
            r = report["sizes"][s]
            p = ((r.get("pages") or {}).get("pages") or {}).get(page, {})
            w = (((r.get("browser") or {}).get("passes") or {}).get("warm") or {}).get(page, {})
            cell = "error" if p.get("error") else f"{fmt(p.get('cold_ms'))} / {fmt(p.get('warm_ms'))}"
            if w:
                cell += f" · {fmt(w.get('settle_s'), '.1f')} s · {kb(w.get('sent_bytes'))}"
            cells.append(cell)
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    lines += ["", f"| named query: first / warm ms | {head} |", "|---|" + "---:|" * len(sizes)]
    cases = list((report["sizes"][sizes[0]].get("queries") or {}).get("queries") or {})
    for case in cases:
        cells = []
        for s in sizes:
            q = ((report["sizes"][s].get("queries") or {}).get("queries") or {}).get(case, {})
            cells.append("error" if "error" in q else f"{fmt(q.get('first_ms'))} / {fmt(q.get('warm_ms'))}")
        lines.append(f"| {case} | " + " | ".join(cells) + " |")
    lines += ["", f"| question: product ms · shared frame (×) · cache_data (×) | {head} |", "|---|" + "---:|" * len(sizes)]
    for q in ("trends", "compare"):
        cells = []
        for s in sizes:
            peer = report["sizes"][s].get("peer") or {}
            a, b = peer.get("shared_frame", {}).get(q, {}), peer.get("cache_data", {}).get(q, {})
            cells.append(
                f"{fmt(a.get('product_ms'))} · {fmt(a.get('peer_ms'))} (×{fmt(a.get('peer_over_product'), '.1f')}) · "
                f"{fmt(b.get('peer_ms'))} (×{fmt(b.get('peer_over_product'), '.1f')})"
            )
        lines.append(f"| {q} | " + " | ".join(cells) + " |")
    cells = []
    for s in sizes:
        sf = (report["sizes"][s].get("peer") or {}).get("shared_frame", {})
        cd = (report["sizes"][s].get("peer") or {}).get("cache_data", {})
        cells.append(f"{fmt(sf.get('product_rss_mb'))} · {fmt(sf.get('peer_rss_mb'))} · {fmt(cd.get('peer_rss_mb'))}")
    lines.append("| RSS MB: product · shared frame · cache_data | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1k,10k,100k", help="store sizes in reports, comma-separated (1k = 1000)")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per query, page and answer (their median)")
    parser.add_argument("--browser", action=argparse.BooleanOptionalAction, default=True, help="the Chromium pass (default on)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench"), help="where the stores are kept")
    parser.add_argument("--reuse", action="store_true", help="keep a replicated store already in --dir")
    parser.add_argument("--json", type=Path, default=ROOT / "artifacts" / "bench_scale.json", help="the results file")
    parser.add_argument("--markdown", action="store_true", help="also print the README's tables")
    parser.add_argument(
        "--sample-views",
        action="store_true",
        help=f"also open {', '.join(SAMPLE_PAGES)} with the 示例 switch on (every agency; minutes at 100k)",
    )
    parser.add_argument("--page-timeout", type=float, default=120, help="seconds a page may take to settle in Chromium")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--view", help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--warmup-db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        view = json.loads(args.view)
        if args.child == "queries":
            data = child_queries(args.db, view, args.runs)
        elif args.child == "pages":
            data = child_pages(args.db, view, args.runs, args.warmup_db, args.sample_views)
        else:
            data = child_side(args.child, args.db, view, args.runs)
        args.child_out.write_text(json.dumps(data, ensure_ascii=False, default=str))
        return 0

    if args.browser and not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is missing (apt-get install -y chromium fonts-noto-cjk), or pass --no-browser")
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    args.dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print(f"base store from data/ → {args.dir}/base.duckdb", flush=True)
    base = build_base(args.dir)
    print(f"   {base['reports']} reports, {base['facts']} facts in {base['build_s']} s ({base['summary']})", flush=True)
    view = pick_view(Path(base["path"]))
    print(f"   pages open {view['agency']} {view['year']}; trends: {', '.join(view['trend_agencies'])}", flush=True)
    report = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "runs": args.runs,
        "targets": TARGETS,
        "base": base,
        "view": view,
        "sizes": {},
    }
    for size in sizes:
        report["sizes"][label(size)] = measure_size(size, base, view, args)
        print_size(size, report["sizes"][label(size)])
        args.json.parent.mkdir(parents=True, exist_ok=True)
        report["total_s"] = round(time.perf_counter() - started, 1)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str))  # written after every size
    print(f"\ntotal {report['total_s']} s; results in {args.json}")
    if args.markdown:
        print("\n" + markdown(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
