"""Every page in each language, as AppTest sees it: no Chinese in the English view (but the language switch's own
name), no known English chrome in the Chinese view. The browser side is tests/test_browser_views_hold.py."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from disclosure import catalog

PAGES = {
    "overview": {"agency": "sanming-shi", "year": "2021"},
    "channels": {"agency": "sanming-shi", "year": "2016"},
    "requests": {"agency": "sanming-shi", "year": "2021"},
    "trends": {"agency": "sanming-shi", "agencies": "sanming-shi", "series": "requests_received"},
    "compare": {"agency": "shili-nyj", "year": "2019"},
    "glossary": {"q": "复议"},
    "quality": {"agency": "kaifeng-zjj", "year": "2018"},
    "import": {},
    "review": {},
}
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]")


def test_every_page_of_the_app_is_in_the_language_run():
    assert set(PAGES) | {"report"} == {p.name for p in catalog.pages()}  # 单位年报: test_page_glossary's English run


ENGLISH_IN_ZH = re.compile(r"\b[A-Z][a-z]+(?: [a-z]+)+\b")  # a capitalised English phrase
ZH_ALLOWED = {"English"}  # the language switch names English in English
EN_ALLOWED = {"中文"}


def shown_text(at: AppTest) -> list[str]:
    """What the page writes as text: titles, headings, captions, markdown, alerts, metric and expander labels,
    widget labels and options (report text shown with st.text is the document's own words and is left out)."""
    out = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success"):
        out += [el.value for el in at.get(kind)]
    out += [m.label for m in at.metric] + [e.label for e in at.expander]
    for kind in ("selectbox", "multiselect", "radio", "text_input", "toggle"):
        for w in at.get(kind):
            out.append(w.label)
            out += [str(o) for o in getattr(w, "options", [])]
    return [s for s in out if isinstance(s, str)]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_speaks_only_the_chosen_language(app_env, page, lang):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in {**PAGES[page], **({"lang": "en"} if lang == "en" else {})}.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception
    text = shown_text(at)
    if lang == "en":
        leaks = {w for s in text for w in re.findall(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+", s)} - EN_ALLOWED
    else:
        leaks = {w for s in text for w in ENGLISH_IN_ZH.findall(s)} - ZH_ALLOWED
    assert not leaks, (page, lang, sorted(leaks)[:20])
