"""Shared fixtures: a store built from data/ once per run, a Streamlit server on it, Debian's Chromium."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = "/usr/bin/chromium"
sys.path.insert(0, str(ROOT))


# What makes a test more than a unit test: a browser, a Streamlit server or AppTest run of the app, or the store
# built from all of data/. `-m unit` selects the rest: the edit loop's tier (README).
_NOT_UNIT_FIXTURES = {"app_server", "chromium", "page", "app_env", "built_store", "data_parsed"}
_NOT_UNIT_WORDS = ("AppTest", "start_server", "sync_playwright")


def pytest_collection_modifyitems(config, items):
    module_words: dict[str, bool] = {}
    for item in items:
        path = str(item.fspath)
        if path not in module_words:
            text = Path(path).read_text(encoding="utf-8")
            module_words[path] = any(w in text for w in _NOT_UNIT_WORDS)
        if not (
            module_words[path]
            or _NOT_UNIT_FIXTURES & set(item.fixturenames)
            or item.get_closest_marker("slow")
            or item.get_closest_marker("heavy")
        ):
            item.add_marker(pytest.mark.unit)


@pytest.fixture(scope="session")
def data_parsed() -> dict:
    """Every report file in data/ (real reports + 示例数据), parsed once per run as the app's build parses
    it (in the sandbox, in the build's order): path → Report, or the ReportError it was refused with.
    Shared by built_store and the tests over the sample set: read it, never change it."""
    from disclosure import pipeline, settings
    from disclosure.model import ReportError
    from disclosure.store import report_files

    parsed = {}
    for path in report_files([d for d in (settings.REPORTS_DIR, settings.SAMPLE_DIR) if d.exists()]):
        try:
            parsed[path] = pipeline.read_file(path)
        except ReportError as e:
            parsed[path] = e
    return parsed


@pytest.fixture(scope="session")
def built_store(tmp_path_factory, data_parsed) -> Path:
    """The store as the app builds it on first start from data/ (ingest_paths: parse every file, then
    one write), written from data_parsed so no file is parsed twice."""
    from disclosure import settings
    from disclosure.model import ReportError
    from disclosure.store import IngestSummary, Store

    db = tmp_path_factory.mktemp("store") / "disclosure.duckdb"
    summary, accepted = IngestSummary(), []
    for path, report in data_parsed.items():
        if isinstance(report, ReportError):
            summary.rejected.append((path.name, report.reason))
        else:
            accepted.append((report, path.is_relative_to(settings.SAMPLE_DIR)))
    Store(db).ingest_reports(accepted, summary)
    return db


@pytest.fixture(scope="session")
def reports_store(tmp_path_factory, worker_id, testrun_uid) -> Path:
    """A store of the real reports of data/reports/ only (ingest_paths, as `python -m disclosure ingest` builds it),
    built once a run — once for all the run's xdist workers, the first to need it building it under a lock — and
    shared by the unit tests that read one: read it (`reports_reader`), never write it; a test that writes takes
    `reports_store_copy`."""
    import fcntl

    from disclosure.store import Store

    if worker_id == "master":  # one process: its own temporary folder
        db = tmp_path_factory.mktemp("reports-store") / "store.duckdb"
        Store(db).ingest_paths([ROOT / "data" / "reports"])
        return db
    shared = tmp_path_factory.getbasetemp().parent / f"reports-store-{testrun_uid}"  # the workers' common folder
    shared.mkdir(exist_ok=True)
    db = shared / "store.duckdb"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "built").exists():
            Store(db).ingest_paths([ROOT / "data" / "reports"])
            (shared / "built").touch()
    return db


@pytest.fixture(scope="session")
def reports_reader(reports_store):
    from disclosure.store import Store

    reader = Store(reports_store).reader()
    yield reader
    reader.close()


@pytest.fixture()
def reports_store_copy(reports_store, tmp_path) -> Path:
    """The store of data/reports/ as this test's own file (tmp_path/store.duckdb), to write on."""
    import shutil

    db = tmp_path / "store.duckdb"
    shutil.copyfile(reports_store, db)
    return db


@pytest.fixture()
def app_env(built_store, monkeypatch):
    """Point AppTest at a copy of the built store."""
    monkeypatch.setenv("DISCLOSURE_DB", str(built_store))
    return built_store


def _first_visit(browser, url: str) -> None:
    """Open "/" once, so the store is checked and the caches are warm before the first test measures
    anything (a first deep link to a fresh server also works: page_setup() leaves Streamlit's v1
    multipage mode, which it assumes for an app with a pages/ folder until st.navigation has run)."""
    context = browser.new_context()
    pg = context.new_page()
    pg.goto(url)
    wait_for_app(pg)
    context.close()


@pytest.fixture(scope="session")
def app_server(built_store, chromium):
    """`streamlit run app.py` on loopback against the built store; yields its base URL."""
    from scripts.load_test import start_server, stop_server

    proc, url = start_server({"DISCLOSURE_DB": str(built_store)}, log=built_store.parent / "streamlit.log")
    _first_visit(chromium, url)
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright. In CI a missing browser fails the run instead of skipping."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")
        pytest.skip("Chromium not installed (apt-get install -y chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture()
def page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="zh-CN")
    pg = context.new_page()
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" and not _base_path_probe(m) else None)
    pg.on("pageerror", lambda e: pg.console_errors.append(str(e)))
    yield pg
    context.close()


def _base_path_probe(message) -> bool:
    """Streamlit's frontend, opened on a page URL such as /requests, first probes /requests/_stcore/health
    and /requests/_stcore/host-config to find the server's base path; those 404s are expected."""
    url = (message.location or {}).get("url", "")
    return "404" in message.text and re.search(r"/[^/]+/_stcore/(health|host-config)$", url) is not None


def wait_for_app(pg, timeout: int = 60000) -> None:
    """As Streamlit's own e2e tests wait: the script has finished and no skeleton is left."""
    pg.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    pg.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0", timeout=timeout)


def wait_until_still(target, timeout: float = 30.0) -> None:
    """Until the element's box is the same over three polls 0.1 s apart. Playwright's own stability
    check compares two animation frames, too short for an expander's opening animation followed by the
    layout of the table inside it."""
    deadline, last, still = time.time() + timeout, None, 0
    while still < 3:
        box = target.bounding_box()
        still = still + 1 if box is not None and box == last else 0
        last = box
        if time.time() > deadline:
            raise AssertionError(f"element kept moving for {timeout:.0f} s: {last}")
        time.sleep(0.1)


def click_when_still(target) -> None:
    """Click once the element has stopped moving: a button that moves between the pointer's down and up
    gets no click (the page does; seen in CI as a download that never came)."""
    for attempt in range(3):  # a rerun may redraw the element mid-wait: the locator finds the new one
        try:
            target.scroll_into_view_if_needed()
            wait_until_still(target)
            target.click()
            return
        except Exception as e:
            if "not attached" not in str(e) or attempt == 2:
                raise


def open_expander(within, label: str):
    """Open the first expander (in a page or a locator) whose summary reads `label`; returns it once its
    content has settled."""
    page = getattr(within, "page", within)  # a Locator knows its page; a Page is its own
    expander = within.locator('[data-testid="stExpander"]').filter(has=page.locator("summary", has_text=label)).first
    click_when_still(expander.locator("summary").first)
    expander.locator('[data-testid="stExpanderDetails"]').wait_for(state="visible")
    wait_until_still(expander)
    return expander


SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def screenshot(pg, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    out = SCREENSHOTS / f"{name}.png"
    pg.screenshot(path=str(out), full_page=True)
    return out


def open_numbers(at):
    """Open every 「查看数据」 expander of an AppTest page and rerun: they make and send their table only while open
    (disclosure.ui.exports.numbers). Returns the AppTest."""
    from streamlit.elements.lib.utils import user_key_from_element_id

    from disclosure.ui.exports import numbers_open_key

    suffix = numbers_open_key("")
    keys = [user_key_from_element_id(e.proto.id) for e in at.expander if e.proto.id]
    closed = [k for k in keys if k and k.endswith(suffix) and not at.session_state[k]]
    for key in closed:
        at.session_state[key] = True
    return at.run() if closed else at
