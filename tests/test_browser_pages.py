"""Every dashboard page in Chromium, for a 2014-form and a 2021-form agency-year: it runs without an
exception or console error, its charts draw, its URL reopens the same view, its downloads produce files.
Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import urllib.parse

import pytest
from conftest import click_when_still, open_expander, screenshot, wait_for_app

from disclosure.agencies import url_id

PAGES = ("overview", "channels", "requests", "trends", "compare", "glossary")
VIEWS = {
    "2014": ("开封市质量技术监督局", 2018, "开封市质量技术监督局"),
    "2021": ("示例市农业农村局", 2021, "示例市农业农村局"),
}
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
  .every(c => c.querySelector('svg.main-svg, canvas'))"""


def url(base: str, page: str, view: str) -> str:
    agency, year, shown = VIEWS[view]
    if page == "glossary":
        return f"{base}/glossary"
    params = [("agencies", shown)] if page == "trends" else [("agency", shown), ("year", year)]
    path = "" if page == "overview" else page  # the default page lives at the root
    return f"{base}/{path}?{urllib.parse.urlencode(params)}"


FULL_HEIGHT = """() => { const m = document.querySelector('[data-testid="stMain"]');
  return Math.max(m ? m.scrollHeight : 0, document.body.scrollHeight) }"""


@pytest.fixture(scope="module")
def warm_app(app_server, chromium):
    """The first request builds the store from data/ when the server's store lacks the data signature."""
    pg = chromium.new_page()
    pg.goto(app_server)
    wait_for_app(pg, timeout=300000)
    pg.close()
    return app_server


def settle(pg) -> None:
    """Script finished, the whole page inside the viewport (plotly draws charts as they come into
    view, and the full-page screenshot shows everything), every chart drawn."""
    wait_for_app(pg)
    pg.set_viewport_size({"width": 1400, "height": min(max(pg.evaluate(FULL_HEIGHT), 1000), 8000)})
    pg.wait_for_function(CHARTS_DRAWN, timeout=30000)


def app_errors(pg) -> list[str]:
    """Console errors, less the 404s of Streamlit's own probe of <page>/_stcore/health and host-config
    (the frontend tries the page path as its base URL before the root when a page URL is opened)."""
    probes = sum(1 for u in pg.failed_urls if "/_stcore/" in u)
    errors = [e for e in pg.console_errors if not e.startswith("Failed to load resource: the server responded with a status of 404")]
    other_404 = [e for e in pg.console_errors if e not in errors][probes:]
    return errors + other_404 + [u for u in pg.failed_urls if "/_stcore/" not in u]


def shown_selection(pg) -> str:
    """What the pickers show (a selectbox's value may sit in its input rather than in its text)."""
    return pg.evaluate("""() => [...document.querySelectorAll('[data-testid="stSelectbox"], [data-testid="stMultiSelect"]')]
      .map(b => b.innerText + ' ' + [...b.querySelectorAll('input')].map(i => i.value || i.getAttribute('aria-label') || '').join(' ')).join(' | ')""")


def watch(pg):
    pg.failed_urls = []
    pg.on("response", lambda r: pg.failed_urls.append(r.url) if r.status >= 400 else None)
    return pg


def charts_expected(page: str, view: str) -> int:
    """How many charts a page draws for the view (channels has none for a 2021 report: it says so)."""
    return {"overview": 0, "glossary": 0, "channels": 3 if view == "2014" else 0, "requests": 3, "trends": 1, "compare": 2}[page]


# the 2021 view is slow (8 s): the quick tier keeps 2014 in Chromium, and AppTest runs every page on 2021 reports
@pytest.mark.parametrize("view", ["2014", pytest.param("2021", marks=pytest.mark.slow)])
def test_every_page_renders_without_errors(warm_app, page, view):
    watch(page)
    for name in PAGES:
        page.goto(url(warm_app, name, view))
        settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0, f"{name}: exception shown"
        charts = page.locator('[data-testid="stPlotlyChart"]')
        assert charts.count() >= charts_expected(name, view), f"{name}: {charts.count()} charts"
        for i in range(charts.count()):
            assert charts.nth(i).locator("svg.main-svg, canvas").count() > 0, f"{name}: chart {i} not drawn"
        if name not in ("glossary", "trends"):
            assert VIEWS[view][0] in shown_selection(page), f"{name}: the URL's agency is not selected"
        screenshot(page, f"{name}-{view}")
    assert app_errors(page) == []


def legend_of(pg) -> list[str]:
    return sorted(pg.evaluate("() => [...document.querySelectorAll('.legendtext')].map(e => e.textContent)"))


def test_a_views_url_reopens_the_same_view(warm_app, page, chromium):
    """Two agencies and two series chosen in the URL come back as the same chart in a fresh browser."""
    agencies = [VIEWS["2021"][2], "示例市统计局"]
    series = ["requests_received", "granted"]  # crosswalk series ids: a link carries ids, never labels
    link = f"{warm_app}/trends?" + urllib.parse.urlencode([("agencies", url_id(a)) for a in agencies] + [("series", s) for s in series])
    page.goto(link)
    settle(page)
    legend = legend_of(page)
    assert len(legend) == 4 and all(any(a in x for x in legend) for a in agencies)
    assert "series=" in page.url and "agencies=" in page.url  # the selection stays in the address bar
    other = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN").new_page()
    other.goto(page.url)
    settle(other)
    assert legend_of(other) == legend
    other.context.close()


def test_downloads_produce_files(warm_app, page, tmp_path):
    watch(page)
    page.goto(url(warm_app, "channels", "2014"))
    settle(page)
    numbers = open_expander(page, "查看数据")
    for button, suffix in (("下载 CSV", ".csv"), ("下载 Excel", ".xlsx")):
        with page.expect_download(timeout=60000) as info:  # the file is built on the server on click
            click_when_still(numbers.get_by_role("button", name=button))
        target = tmp_path / ("channels" + suffix)
        info.value.save_as(target)
        data = target.read_bytes()
        if suffix == ".csv":
            text = data.decode("utf-8-sig")
            assert data.startswith(b"\xef\xbb\xbf") and "网站公开,98" in text and "各渠道合计 Σ,265" in text
        else:
            assert data[:2] == b"PK" and len(data) > 1000
    assert app_errors(page) == []
