"""Views that hold, in Chromium: a link reopens the same view in the other language, each view speaks one language,
and at 390 px nothing runs off the screen outside a table's own scroller."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import screenshot, wait_for_app

pytestmark = pytest.mark.slow  # three minutes of Chromium; the AppTest side (test_pages_*) is in the quick tier

# Each page with a view set on it: ids only, as a link carries them.
VIEWS = {
    "": "agency=sanming-shi&year=2021",
    "channels": "agency=sanming-shi&year=2016",
    "requests": "agency=sanming-shi&year=2021",
    "trends": "agency=sanming-shi&year=2021&agencies=sanming-shi&agencies=shili-nyj&series=requests_received&series=ind:requests.received",
    "compare": "agency=shili-nyj&year=2019&indicator=review.total&multiples=requests.received&multiples=review.total",
    "glossary": "template=2014&q=%E5%A4%8D%E8%AE%AE",
    "quality": "agency=kaifeng-zjj&year=2018&years=2018",
    "import": "",
}
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")
# Kept in the English view: the language switch names Chinese in Chinese; report text quoted as evidence (stText) and
# file names are the documents' own words.
EN_ALLOWED = {"中文"}
# Streamlit's own chrome that has no label parameter; each is checked to be the only English left in the Chinese view.
ZH_ALLOWED = {"English", "Skip to main content", "Excel", "CSV", "PNG", "PDF"}
ENGLISH_CHROME = ("Upload", "Browse files", "Drag and drop", "per file", "Select all", "Page not found", "Choose an option", "No results")


def _open(pg, base: str, page: str, query: str) -> None:
    pg.goto(f"{base}/{page}" + (f"?{query}" if query else ""))
    wait_for_app(pg)
    pg.wait_for_timeout(300)  # plotly draws after the script run ends


def _params(url: str) -> dict[str, list[str]]:
    query = parse_qs(urlsplit(url).query)
    query.pop("lang", None)
    return query


def _figures(pg) -> list[list[float]]:
    """The numbers every chart on the page draws (each trace's x and y), in page order."""
    return pg.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].map(el => (el.data || []).flatMap(tr =>
             [...(tr.x || []), ...(tr.y || []), ...((tr.link || {}).value || [])].filter(v => typeof v === 'number')))"""
    )


def _visible_text(pg) -> str:
    """The text a reader sees: the page's text nodes outside quoted report text, plus SVG text of the charts."""
    return pg.evaluate(
        """() => {
             const skip = el => el.closest('[data-testid="stText"], [data-testid="stIconMaterial"], [data-testid="stCode"]');
             const out = [];
             const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
             let n;
             while ((n = walk.nextNode())) {
               const el = n.parentElement;
               if (!el || skip(el)) continue;
               const style = getComputedStyle(el);
               if (style.display === 'none' || style.visibility === 'hidden') continue;
               if (el.closest('style, script, noscript')) continue;
               out.push(n.textContent);
             }
             return out.join('\\n');
           }"""
    )


@pytest.mark.parametrize("page", list(VIEWS))
def test_a_link_reopens_the_same_view_in_the_other_language(app_server, chromium, page):
    sender = chromium.new_context(viewport={"width": 1440, "height": 1000})
    pg = sender.new_page()
    _open(pg, app_server, page, VIEWS[page])
    url, figures = pg.url, _figures(pg)
    sender.close()
    assert not any(CJK.search(k) for k in parse_qs(urlsplit(url).query)), url
    recipient = chromium.new_context(viewport={"width": 1440, "height": 1000})
    pg = recipient.new_page()
    _open(pg, app_server, page, urlsplit(url).query + "&lang=en" if urlsplit(url).query else "lang=en")
    try:
        assert _params(pg.url) == _params(url), (url, pg.url)  # the same choices, by id
        assert _figures(pg) == figures  # the same numbers drawn
        assert pg.evaluate("document.documentElement.lang") == "en"
    finally:
        recipient.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_speaks_one_language(app_server, chromium, lang):
    context = chromium.new_context(viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    problems = []
    for page, query in VIEWS.items():
        _open(pg, app_server, page, "&".join(q for q in (query, "lang=en" if lang == "en" else "") if q))
        text = _visible_text(pg)
        title = pg.title()
        if lang == "en":
            found = {w for w in re.findall(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+", text)} - EN_ALLOWED
            if CJK.search(title):
                found.add(f"title: {title}")
        else:
            found = {phrase for phrase in ENGLISH_CHROME if phrase in text}
            found |= set(re.findall(r"\b[A-Z][a-z]+(?: [a-z]+){1,}\b", text)) - ZH_ALLOWED
        if found:
            problems.append((page or "overview", sorted(found)[:20]))
        assert pg.evaluate("document.documentElement.lang") == ("en" if lang == "en" else "zh-CN")
    context.close()
    assert not problems, problems


def test_at_390_px_nothing_runs_off_the_screen(app_server, chromium):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    pg = context.new_page()
    wide = []
    for lang in ("zh", "en"):
        for page, query in VIEWS.items():
            _open(pg, app_server, page, "&".join(q for q in (query, "lang=en" if lang == "en" else "") if q))
            over = pg.evaluate(
                """() => {
                     const limit = document.documentElement.clientWidth + 1;
                     const main = document.querySelector('[data-testid="stMain"]');
                     const out = [];
                     if (document.documentElement.scrollWidth > limit) out.push('document ' + document.documentElement.scrollWidth);
                     if (main && main.scrollWidth > main.clientWidth + 1) out.push('main ' + main.scrollWidth);
                     // inside a scroller of its own that fits (a table, a widget's chip row) an element may run on;
                     // an SVG clips what it cannot show, so text cut by a chart's edge still counts
                     const scrolled = el => {
                       for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
                         if (a instanceof SVGElement) continue;
                         const o = getComputedStyle(a).overflowX;
                         if (o !== 'visible' && a.getBoundingClientRect().right <= limit) return true;
                       }
                       return false;
                     };
                     for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
                       if (el.closest('[data-testid="stDataFrame"], [data-testid="stTable"], .modebar-container')) continue;
                       const r = el.getBoundingClientRect();
                       if (r.width > 0 && r.right > limit && !scrolled(el))
                         out.push((el.getAttribute('data-testid') || el.tagName) + ' ' + Math.round(r.right) + ' ' + (el.textContent || '').slice(0, 40));
                     }
                     return out.slice(0, 5);
                   }"""
            )
            if over:
                wide.append((lang, page or "overview", over))
            screenshot(pg, f"390-{lang}-{page or 'overview'}")
    context.close()
    assert not wide, wide
