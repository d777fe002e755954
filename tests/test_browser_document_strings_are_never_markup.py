"""Agency and file names that carry Markdown, LaTeX, HTML and URLs are stored, then every page is visited in
Chromium: no element, link, image request or KaTeX node is made from them, and their text shows as typed."""

from __future__ import annotations

import urllib.parse

import pytest
from conftest import wait_for_app
from seed_forms import seed_text

from scripts.load_test import start_server, stop_server

# agency (forced by the report's title line) → file name
HOSTILE = {
    "![t](https://evil.example/t.png)局": "![i](evil.png).txt",
    "[点此领取补贴](https://evil.example/claim)局": "[链接](javascript:alert(1)).txt",
    "$\\color{red}{\\Huge假}$局": "$x^2$-公式.txt",
    "<b>粗</b><i>斜</i><br>局": "<img src=x onerror=alert(1)>.txt",
    "https://evil.example/auto局": "www.evil.example.txt",
}
PAGES = ("", "channels", "requests", "trends", "compare", "glossary", "quality", "import")
# text nodes that only exist alone when markup was made from a name: KaTeX's 假, plotly's or HTML's <b>粗</b> / <i>斜</i>
ISOLATED = ("假", "粗", "斜", "点此领取补贴", "t", "i", "链接")

DOM_CHECK = """(isolated) => {
  const out = [];
  for (const img of document.querySelectorAll('img, image')) {
    const src = img.getAttribute('src') || img.getAttribute('href') || '';
    if (src.includes('evil') || src === 'x' || src.endsWith('.png') && !src.startsWith('data:') && !src.includes('/_stcore/') && !src.includes('favicon')) out.push('img ' + src);
  }
  for (const a of document.querySelectorAll('a')) {
    const href = a.getAttribute('href') || '';
    let target;
    try { target = new URL(href, location.href); } catch (e) { out.push('a bad ' + href); continue; }
    // the app's own links (to another page with the agency in the query) are fine; any other origin is not
    if (target.origin !== location.origin || target.protocol !== location.protocol || a.textContent.trim() === '点此领取补贴' || a.textContent.trim() === '链接') out.push('a ' + href);
  }
  if (document.querySelector('.katex, .katex-html, math')) out.push('katex');
  for (const el of document.querySelectorAll('b, i, strong, em, tspan, span, p, div, text')) {
    if (el.children.length === 0 && isolated.includes(el.textContent.trim())) out.push(el.tagName + ' ' + el.textContent.trim());
    const weight = el.getAttribute && (el.getAttribute('style') || '');
    if (el.tagName.toLowerCase() === 'tspan' && /font-weight:\\s*bold/.test(weight) && el.textContent.includes('粗') && !el.textContent.includes('<b>')) out.push('bold tspan ' + el.textContent);
  }
  return out;
}"""


def hostile_report(agency: str) -> str:
    return f"{agency}2018年政府信息公开工作年度报告\n" + seed_text()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    from disclosure.store import Store

    folder = tmp_path_factory.mktemp("hostile-names")
    for agency, name in HOSTILE.items():
        (folder / name).write_text(hostile_report(agency), encoding="utf-8")
    db = folder / "store.duckdb"
    summary = Store(db).ingest_paths([folder])
    assert len(summary.added) == len(HOSTILE), summary.lines()
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    stored = {a for (a,) in con.execute("SELECT agency FROM reports").fetchall()}
    con.close()
    assert stored == set(HOSTILE)  # the names are stored as written: data, not cleaned-up markup
    proc, url = start_server({"DISCLOSURE_DB": str(db)}, log=folder / "streamlit.log")
    yield url
    stop_server(proc)


def page_url(base: str, page: str, agency: str) -> str:
    if page in ("glossary", "import"):
        return f"{base}/{page}"
    params = [("agencies", agency)] if page == "trends" else [("agency", agency), ("year", 2018)]
    return f"{base}/{page}?{urllib.parse.urlencode(params)}"


@pytest.mark.slow  # every page for each name, 11–15 s a name; the plotly test below keeps one name in the quick tier
@pytest.mark.parametrize("agency", sorted(HOSTILE))
def test_no_page_makes_markup_from_a_hostile_name(hostile_server, chromium, agency):
    context = chromium.new_context(viewport={"width": 1400, "height": 2400}, locale="zh-CN")
    pg = context.new_page()
    requests: list[str] = []
    pg.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for name in PAGES:
            pg.goto(page_url(hostile_server, name, agency))
            wait_for_app(pg, timeout=120000)
            pg.wait_for_timeout(300)  # plotly draws charts just after the script's end
            assert pg.locator('[data-testid="stException"]').count() == 0, name
            found = pg.evaluate(DOM_CHECK, list(ISOLATED))
            assert found == [], f"{name or 'overview'}: {found}"
            if name in ("compare", "quality"):
                # the name shows as typed somewhere on the page (escaped, not dropped)
                shown = pg.inner_text("body").replace("\n", "").replace("\u2060", "")  # md_text's invisible autolink breaks
                assert agency in shown or agency in pg.content(), name
    finally:
        context.close()
    foreign = [
        u
        for u in requests
        if urllib.parse.urlsplit(u).scheme in ("http", "https", "ws", "wss") and urllib.parse.urlsplit(u).hostname != "127.0.0.1"
    ]
    strays = [u for u in requests if urllib.parse.urlsplit(u).path in ("/x", "/evil.png")]
    assert foreign == [] and strays == [], foreign + strays  # no image or page fetched from a name
    assert dialogs == []


def test_plotly_titles_and_labels_show_tags_as_text(hostile_server, chromium):
    agency = "<b>粗</b><i>斜</i><br>局"
    context = chromium.new_context(viewport={"width": 1400, "height": 2400}, locale="zh-CN")
    pg = context.new_page()
    try:
        pg.goto(page_url(hostile_server, "compare", agency))
        wait_for_app(pg, timeout=120000)
        pg.wait_for_function("() => document.querySelectorAll('svg.main-svg').length > 0", timeout=30000)
        texts = pg.evaluate("() => [...document.querySelectorAll('svg text')].map(t => t.textContent)")
        assert any("<b>粗</b>" in t for t in texts), texts  # the tag is text in the chart, not bold
    finally:
        context.close()
