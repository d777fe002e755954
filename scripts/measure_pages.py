"""Measure every dashboard page: script run time (warm cache, AppTest) and browser-settled time (Chromium).

    python scripts/measure_pages.py            # both, on the store the app uses (built from data/ if needed)
    python scripts/measure_pages.py --no-browser

Script run: the time Streamlit spends executing app.py + the page for one rerun, with the query cache
warm (median of several reruns). Settled: from navigation to the page in Chromium until the script
has finished and every plotly chart has drawn its SVG (the second load; the first warms the cache).
Budgets: 300 ms script run, 2.5 s settled.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# every page of the app's page table (catalog/pages.csv), by its file's stem
PAGES = tuple(Path(p.path).stem for p in __import__("disclosure.catalog", fromlist=["pages"]).pages())
SCRIPT_BUDGET_MS = 300
SETTLED_BUDGET_MS = 2500
CHARTS_DRAWN = """() => {
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.every(c => c.querySelector('svg.main-svg, canvas'));
}"""


def store() -> Path:
    from disclosure import settings
    from disclosure.store import Store

    db = Path(os.environ.get("DISCLOSURE_DB", settings.DEFAULT_DB))
    if "DISCLOSURE_DB" not in os.environ:
        Store(db).refresh_from_data()
    os.environ["DISCLOSURE_DB"] = str(db)
    return db


def views(db: Path) -> list[dict]:
    """One 2014-template agency-year (a real report first) and one 2021-template agency-year."""
    import duckdb

    from disclosure.sql import sql

    con = duckdb.connect(str(db), read_only=True)
    out = []
    for template in ("2014", "2021"):
        row = con.execute(sql("bench_report_of_template"), {"template": template}).fetchone()
        if row:
            out.append({"template": template, "agency": row[0], "year": int(row[1]), "is_sample": bool(row[2])})
    con.close()
    return out


def script_times(view: dict, runs: int = 7) -> dict[str, float]:
    """Median script run per page (ms) with a warm cache, timed around Streamlit's own exec of the script."""
    import streamlit.runtime.scriptrunner.script_runner as runner
    from streamlit.testing.v1 import AppTest

    from disclosure import agencies as agency_table

    timings: list[float] = []
    original = runner.exec_func_with_error_handling

    def timed(func, ctx):
        start = time.perf_counter()
        try:
            return original(func, ctx)
        finally:
            timings.append(time.perf_counter() - start)

    runner.exec_func_with_error_handling = timed
    out = {}
    try:
        for page in PAGES:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            # the view as a shared link gives it: the agency by its id and the year (a page without them ignores them)
            # (总览 is a scope's page: an agency in its link opens that agency's report instead)
            at.query_params.update(
                {"year": str(view["year"])} | ({} if page == "overview" else {"agency": agency_table.url_id(view["agency"])})
            )
            if view["is_sample"]:
                at.query_params["sample"] = "true"
            at.run()
            at.switch_page(f"pages/{page}.py").run()
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].value}")
            at.run()  # warm
            timings.clear()
            for _ in range(runs):
                at.run()
            out[page] = 1000 * statistics.median(timings)
    finally:
        runner.exec_func_with_error_handling = original
    return out


def page_url(base: str, page: str, view: dict) -> str:
    from disclosure import agencies as agency_table

    params = [("year", str(view["year"]))] + ([] if page == "overview" else [("agency", agency_table.url_id(view["agency"]))])
    if view["is_sample"]:
        params.append(("sample", "true"))
    return f"{base}/{page}?{urllib.parse.urlencode(params)}"


def settled_times(db: Path, all_views: list[dict]) -> dict[tuple[str, str], float]:
    from playwright.sync_api import sync_playwright

    from scripts.load_test import start_server, stop_server

    proc, base = start_server({"DISCLOSURE_DB": str(db)})
    out = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
            pg = context.new_page()
            for view in all_views:
                for page in PAGES:
                    url = page_url(base, page, view)
                    for _attempt in range(2):  # the first load warms the server's cache
                        start = time.perf_counter()
                        pg.goto(url)
                        pg.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
                        pg.wait_for_function(CHARTS_DRAWN, timeout=60000)
                        elapsed = time.perf_counter() - start
                    out[(page, view["template"])] = 1000 * elapsed
            browser.close()
    finally:
        stop_server(proc)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="only the script-run timings")
    args = parser.parse_args()
    db = store()
    all_views = views(db)
    scripts = {v["template"]: script_times(v) for v in all_views}
    settled = {} if args.no_browser else settled_times(db, all_views)
    print(f"store: {db}")
    for v in all_views:
        print(f"view {v['template']}: {v['agency']} {v['year']}")
    print()
    print("| page | view | script run (ms, warm) | settled in Chromium (ms) |")
    print("|---|---|---:|---:|")
    failed = False
    for page in PAGES:
        for v in all_views:
            s = scripts[v["template"]][page]
            b = settled.get((page, v["template"]))
            over = s > SCRIPT_BUDGET_MS or (b is not None and b > SETTLED_BUDGET_MS)
            failed |= over
            print(f"| {page} | {v['template']} | {s:.0f} | {'' if b is None else f'{b:.0f}'} |{' ⚠ over budget' if over else ''}")
    print(f"\nbudgets: script run ≤ {SCRIPT_BUDGET_MS} ms, settled ≤ {SETTLED_BUDGET_MS} ms")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
