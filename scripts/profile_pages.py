"""Where one warm page view's time goes, page by page: script run, queries, view frames, figures, serialisation, elements.

    nice python scripts/profile_pages.py                     # 总览, 单位对比, 年度趋势, 依申请公开 on the store built from data/
    nice python scripts/profile_pages.py --pages overview,report,channels,quality --runs 9
    DISCLOSURE_DB=/tmp/bench/bench_100000.duckdb nice python scripts/profile_pages.py --markdown

A page view here is what a new visitor's session costs the server once the process has served that view before: each
page's default view (no URL parameters, as a visitor arriving from a link sees it) is opened twice in fresh AppTest
sessions to warm the process (imports, query and view caches), then `--runs` more fresh sessions are timed and the
median of each figure kept. Times are CPU time of the script's thread (time.thread_time), so other work on a
shared machine does not inflate them. The run is timed around Streamlit's own exec of app.py + the page; inside it,
time is booked to the innermost of these (the rest is "other": Streamlit's element and widget calls, page code, i18n):

- queries: `ui.data.query` (the named query's cache lookup, and on a miss the query itself);
- views: `disclosure.views.*` functions and the pages' `per_version` views (their cache lookup included);
- figures: building plotly figures (`ui.charts.*`);
- figure serialisation: `st.plotly_chart` (the figure's dict, its JSON, its element id);
- Arrow serialisation: `st.dataframe` (a frame or Styler to Arrow bytes);
- shared charts: `ui.exports.shared_chart` (its cache lookup, and the replay of a chart drawn for an earlier session;
  on a miss the figure's building and serialising inside it are booked to those phases).

Then what the page sends: elements (every element and block in the page's tree), their protobuf bytes, and the time
to serialise them (as the server does for each message, twice: once to hash, once to send). Results: one table;
`--markdown` for docs/measurements.md, `--json` for the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ("overview", "compare", "trends", "requests")
PHASES = ("queries", "views", "figures", "figure_json", "arrow", "shared_charts")


class Clock:
    """Time booked to the innermost active phase: a phase called inside another is taken out of the outer one."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self.stack: list[list] = []  # [phase, started, time taken by inner phases]

    def wrap(self, phase: str, fn):
        clock = self

        def timed(*args, **kwargs):
            if clock.stack and clock.stack[-1][0] == phase:  # the same phase nested: booked once, at the outer call
                return fn(*args, **kwargs)
            clock.stack.append([phase, time.thread_time(), 0.0])
            try:
                return fn(*args, **kwargs)
            finally:
                _, started, inner = clock.stack.pop()
                spent = time.thread_time() - started
                clock.totals[phase] += spent - inner
                clock.calls[phase] += 1
                if clock.stack:
                    clock.stack[-1][2] += spent

        timed.__wrapped__ = fn
        timed.__name__ = getattr(fn, "__name__", "timed")
        timed.__qualname__ = getattr(fn, "__qualname__", "timed")
        timed.__module__ = getattr(fn, "__module__", __name__)
        return timed

    def reset(self) -> None:
        self.totals.clear()
        self.calls.clear()


def instrument(clock: Clock) -> None:
    """Wrap the functions each phase names; pages look them up on their modules at run time, so the wrappers are seen."""
    import importlib
    import inspect
    import pkgutil

    import streamlit as st
    from streamlit.delta_generator import DeltaGenerator

    import disclosure.views
    from disclosure.ui import charts, data, exports

    data.query = clock.wrap("queries", data.query)
    original_per_version = data.per_version

    def per_version(fn):
        return clock.wrap("views", original_per_version(fn))

    data.per_version = per_version
    if hasattr(exports, "shared_chart"):
        exports.shared_chart = clock.wrap("shared_charts", exports.shared_chart)
    for info in pkgutil.iter_modules(disclosure.views.__path__):
        module = importlib.import_module(f"disclosure.views.{info.name}")
        for name, fn in vars(module).items():
            if inspect.isfunction(fn) and fn.__module__ == module.__name__ and not name.startswith("_"):
                setattr(module, name, clock.wrap("views", fn))
    for name, fn in vars(charts).items():
        if inspect.isfunction(fn) and fn.__module__ == charts.__name__ and not name.startswith("_") and name not in ("plot_config",):
            setattr(charts, name, clock.wrap("figures", fn))
    DeltaGenerator.plotly_chart = clock.wrap("figure_json", DeltaGenerator.plotly_chart)
    DeltaGenerator.dataframe = clock.wrap("arrow", DeltaGenerator.dataframe)
    st.plotly_chart = st._main.plotly_chart
    st.dataframe = st._main.dataframe


def tree_nodes(node) -> list:
    out = []
    for child in getattr(node, "children", {}).values():
        out.append(child)
        out.extend(tree_nodes(child))
    return out


def sent(at) -> dict:
    """The page's elements and blocks, their protobuf bytes, and the time to serialise each twice (hash, send)."""
    nodes = tree_nodes(at._tree)
    protos = [n.proto for n in nodes if getattr(n, "proto", None) is not None]
    started = time.thread_time()
    size = 0
    for proto in protos:
        size += len(proto.SerializeToString(deterministic=True))
        proto.SerializeToString()
    return {"elements": len(nodes), "kb": size / 1024, "proto_ms": 1000 * (time.thread_time() - started)}


def open_page(page: str, timeout: float):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    return at


def one_script_cache() -> None:
    """AppTest compiles app.py and the page afresh on every run (a new ScriptCache each time); a server compiles each
    script once per process. One cache for every run, as a server has, so the figures are what a server spends."""
    import streamlit.testing.v1.app_test as app_test
    import streamlit.testing.v1.local_script_runner as local_runner
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    cache = ScriptCache()
    app_test.ScriptCache = local_runner.ScriptCache = lambda: cache


def profile(pages: list[str], runs: int, timeout: float) -> dict:
    import streamlit.runtime.scriptrunner.script_runner as runner

    one_script_cache()

    clock = Clock()
    instrument(clock)
    script: list[float] = []
    original = runner.exec_func_with_error_handling

    def timed(func, ctx):
        started = time.thread_time()
        try:
            return original(func, ctx)
        finally:
            script.append(time.thread_time() - started)

    runner.exec_func_with_error_handling = timed
    out = {}
    try:
        for page in pages:
            for _ in range(2):  # warm the process: imports, query and view caches, shared sections
                open_page(page, timeout).run()
            samples = []
            for _ in range(runs):
                at = open_page(page, timeout)
                script.clear()
                clock.reset()
                at.run()
                if at.exception:
                    raise RuntimeError(f"{page}: {at.exception[0].value}")
                run = sum(script)  # a run that reruns itself counts every pass
                phases = {p: clock.totals.get(p, 0.0) for p in PHASES}
                samples.append({"script_ms": 1000 * run, **{f"{p}_ms": 1000 * v for p, v in phases.items()}} | sent(at))
                samples[-1]["other_ms"] = samples[-1]["script_ms"] - sum(samples[-1][f"{p}_ms"] for p in PHASES)
            out[page] = {k: round(statistics.median(s[k] for s in samples), 1) for k in samples[0]}
    finally:
        runner.exec_func_with_error_handling = original
    return out


COLUMNS = (
    ("script_ms", "script run"),
    ("queries_ms", "queries"),
    ("views_ms", "views"),
    ("figures_ms", "figures"),
    ("figure_json_ms", "figure JSON"),
    ("arrow_ms", "Arrow"),
    ("shared_charts_ms", "shared charts"),
    ("other_ms", "other"),
    ("proto_ms", "protobuf"),
    ("elements", "elements"),
    ("kb", "KB"),
)


def markdown(result: dict) -> str:
    head = "| page | " + " | ".join(name for _, name in COLUMNS) + " |"
    rule = "|---|" + "---:|" * len(COLUMNS)
    rows = [
        f"| {page} | " + " | ".join(f"{r[k]:.1f}" if k in ("kb", "proto_ms") else f"{r[k]:.0f}" for k, _ in COLUMNS) + " |"
        for page, r in result.items()
    ]
    return "\n".join([head, rule, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    if "DISCLOSURE_DB" not in os.environ:
        from disclosure.store import Store
        from disclosure.ui.data import store

        Store(store().path).refresh_from_data()
    load = os.getloadavg()
    result = profile([p for p in args.pages.split(",") if p], args.runs, args.timeout)
    print(
        f"store: {os.environ.get('DISCLOSURE_DB', 'data/ (default)')} · median of {args.runs} fresh sessions · CPU ms of the script thread, except elements and KB"
    )
    print(markdown(result))
    print(f"load average before → after: {load[0]:.2f} → {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
