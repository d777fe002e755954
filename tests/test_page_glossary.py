"""指标说明 page: every indicator with label, unit, templates, definition and source; the crosswalk table."""

from __future__ import annotations

import json

from test_page_channels import open_page

from disclosure import catalog, crosswalk


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


def test_every_dashboard_page_runs_in_english(app_env):
    # The founding report only: AppTest formats a selectbox's options outside the script run (so in
    # Chinese), and a sample agency's label differs by language (示例数据 / Sample data), which AppTest
    # cannot match; the browser tests cover 2021 reports.
    from conftest import ROOT
    from streamlit.testing.v1 import AppTest

    from disclosure.ui.i18n import agency_name

    # (compare's indicator picker and the glossary's template picker have language-dependent labels too)
    for page in ("channels", "requests", "trends"):
        for agency, year in (("开封市质量技术监督局", 2018),):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.session_state["view.lang"] = "en"
            at.run()
            at.switch_page(f"pages/{page}.py").run()
            # set through session state: AppTest formats options outside the script, i.e. in Chinese
            if page in ("channels", "requests", "compare"):
                at.session_state["view.agency"] = agency
                at.session_state["view.year"] = year
            elif page == "trends":
                at.session_state["view.agencies"] = [agency]
            at.run()
            # decoded, not the raw spec: plotly writes non-ASCII as \u escapes unless the optional orjson is installed
            specs = " ".join(json.dumps(json.loads(el.proto.spec), ensure_ascii=False) for el in at.get("plotly_chart"))
            assert page == "trends" or agency_name(agency, "en") in specs  # the agency table's English name
            assert not at.exception, f"{page} {agency}: {at.exception[0].value}"
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in at.title[0].value), at.title[0].value
