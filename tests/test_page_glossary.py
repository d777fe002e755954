"""指标说明 page: every indicator with label, unit, templates, definition and source; the crosswalk table."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest
from test_page_channels import FOUNDING, open_page

from disclosure import catalog, crosswalk
from disclosure.ui.i18n import STRINGS, agency_name


def test_every_indicator_is_explained(app_env):
    at = open_page("glossary")
    table = at.dataframe[0].value
    assert len(table) == len(catalog.indicators())
    row = table[table["id"] == "active.total"].iloc[0]
    assert row["指标"] == "（一）主动公开政府信息数" and row["计量单位"] == "条" and row["适用表格"] == "2014 / local"
    assert row["定义"] == catalog.get("active.total").definition_zh and "国办发〔2014〕32号" in row["表格出处"]
    assert (table["定义"] != "").sum() >= len(table) - 5


def test_search_and_template_filter(app_env):
    at = open_page("glossary")
    at.text_input(key="w.q").set_value("行政复议").run()
    table = at.dataframe[0].value
    assert set(table["id"]) >= {"review.total", "review.upheld"} and "active.total" not in set(table["id"])
    at.text_input(key="w.q").set_value("").run()
    at.selectbox(key="w.template").set_value("2021").run()
    table = at.dataframe[0].value
    assert len(table) == len(catalog.for_template("2021"))


def test_crosswalk_table_lists_every_mapping(app_env):
    at = open_page("glossary")
    table = at.dataframe[1].value
    assert len(table) == len(crosswalk.mappings())
    granted_2014 = table[(table["指标"] == "予以公开") & (table["表格口径"] == "2014")].iloc[0]
    assert granted_2014["可比性"] == "近似对应" and "already_public" in granted_2014["formula"]


CJK = re.compile(r"[\u3400-\u9fff]")
PAGES = [p.name for p in catalog.pages()]


def test_the_english_run_covers_every_page_file():
    assert sorted(PAGES) == sorted(p.stem for p in (ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("page", PAGES)
def test_every_dashboard_page_runs_in_english(app_env, page):
    """Each page on the founding report, opened as a link opens it (the view in the URL, so no picker is
    matched by its label, which AppTest formats outside the script run, i.e. in Chinese): no exception,
    its English title, and no Chinese in what the app itself writes — headings, widget labels, table
    columns — once the agency's name (document data, shown as printed) is left out."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if page == "trends":
        at.query_params["agencies"] = FOUNDING
    elif page not in ("glossary", "import", "review"):
        at.query_params["agency"] = FOUNDING
        at.query_params["year"] = "2018"
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, f"{page}: {at.exception[0].value}"
    assert at.radio(key="w.lang").value == "en"
    assert [el.value for el in at.title] == [STRINGS[f"page_{page}"][1]]

    written = [el.value for kind in ("title", "header", "subheader") for el in getattr(at, kind)]
    written += [
        w.label for kind in ("selectbox", "multiselect", "toggle", "text_input", "radio", "button", "checkbox") for w in getattr(at, kind)
    ]
    written += [str(c) for frame in at.dataframe for c in frame.value.columns]
    chinese = [text for text in written if CJK.search(str(text).replace(FOUNDING, ""))]
    assert chinese == [], f"{page}: {chinese}"

    # something to read: a table, a chart or (import) the uploader
    assert at.dataframe or at.get("plotly_chart") or at.get("file_uploader"), page
    picked = [w.value for w in at.selectbox] + [v for w in at.multiselect for v in w.value]
    if page not in ("glossary", "import", "overview", "review"):  # the view is the founding report's, taken from the URL
        assert FOUNDING in picked, f"{page}: {picked}"
    if page == "overview":  # every agency (the scope) in the year of the link
        assert picked == ["all", 2018]
    if page in ("channels", "requests", "compare"):
        # decoded, not the raw spec: plotly writes non-ASCII as \u escapes unless the optional orjson is installed
        specs = " ".join(json.dumps(json.loads(el.proto.spec), ensure_ascii=False) for el in at.get("plotly_chart"))
        assert agency_name(FOUNDING, "en") in specs, page  # the agency table's English name
