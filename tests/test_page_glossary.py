"""指标说明 page: every indicator with label, unit, templates, definition and source; the crosswalk table."""
from __future__ import annotations

from disclosure import catalog, crosswalk
from test_page_channels import open_page


def test_every_indicator_is_explained(app_env):
    at = open_page("glossary")
    table = at.dataframe[0].value
    assert len(table) == len(catalog.indicators())
    row = table[table["id"] == "active.total"].iloc[0]
    assert row["指标"] == "（一）主动公开政府信息数" and row["单位"] == "条" and row["适用表格"] == "2014"
    assert row["定义"] == catalog.get("active.total").definition_zh and "国办发〔2014〕32号" in row["表格出处"]
    assert (table["定义"] != "").sum() >= len(table) - 5


def test_search_and_template_filter(app_env):
    at = open_page("glossary")
    at.text_input(key="q").set_value("行政复议").run()
    table = at.dataframe[0].value
    assert set(table["id"]) >= {"review.total", "review.upheld"} and "active.total" not in set(table["id"])
    at.text_input(key="q").set_value("").run()
    at.selectbox(key="template").set_value("2021").run()
    table = at.dataframe[0].value
    assert len(table) == len(catalog.for_template("2021"))


def test_crosswalk_table_lists_every_mapping(app_env):
    at = open_page("glossary")
    table = at.dataframe[1].value
    assert len(table) == len(crosswalk.mappings())
    granted_2014 = table[(table["指标"] == "予以公开") & (table["表格口径"] == "2014")].iloc[0]
    assert granted_2014["可比性"] == "近似对应" and "already_public" in granted_2014["formula"]
