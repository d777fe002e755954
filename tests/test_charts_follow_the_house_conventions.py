"""The house chart conventions, read from the figure JSON: horizontal value labels, whole-number ticks on counts,
legends below the plot, colours from the catalog, a source subtitle, and a text description beside every chart."""

from __future__ import annotations

import json

import pandas as pd
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from disclosure import catalog
from disclosure.ui import charts


def test_count_bars_have_horizontal_labels_and_whole_number_ticks():
    frame = pd.DataFrame({"label": ["甲", "乙"], "value": [1.0, 3.0]})
    fig = charts.bars(frame, "t").to_plotly_json()
    assert fig["data"][0]["textangle"] == 0
    assert fig["layout"]["xaxis"]["tickformat"] == ",d" and fig["layout"]["xaxis"]["dtick"] == 1  # no 0.2 steps


def test_outcome_groups_take_their_colours_from_the_catalog_and_the_legend_sits_below():
    frame = pd.DataFrame({"indicator": ["a", "b"], "label": ["予以公开", "不予公开"], "value": [3.0, 2.0], "group": ["granted", "denied"]})
    fig = charts.grouped_outcomes(frame, "t", {"granted": "予以公开", "denied": "不予公开"}).to_plotly_json()
    assert [tr["marker"]["color"] for tr in fig["data"]] == [catalog.colours()["granted"], catalog.colours()["denied"]]
    assert fig["layout"]["legend"]["y"] < 0


def test_a_long_title_breaks_and_the_source_is_a_subtitle():
    fig = charts.bars(pd.DataFrame({"label": ["甲"], "value": [1.0]}), "Sanming Municipal People's Government 2021 · from the text")
    charts.add_source_note(fig, ["公开年报看板 · 三明市人民政府 · 2021", "来源文件：sanming-shi-2021.txt"])
    layout = fig.to_plotly_json()["layout"]
    assert "<br>" in layout["title"]["text"]
    assert layout["title"]["subtitle"]["text"] == "公开年报看板 · 三明市人民政府 · 2021<br>来源文件：sanming-shi-2021.txt"


def test_every_chart_on_a_page_has_its_source_and_a_description(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["agency"] = "sanming-shi"
    at.query_params["year"] = "2021"
    at.switch_page("pages/requests.py")
    at.run()
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    assert specs and all("sanming-shi-2021.txt" in s["layout"]["title"]["subtitle"]["text"] for s in specs)
    descriptions = [el.proto.body for el in at.get("html") if el.proto.body.startswith('<p class="sr-only"')]
    assert len(descriptions) == len(specs) and all("图表：" in d and "三明市人民政府" in d for d in descriptions)


def test_the_flow_names_each_nodes_figure():
    links = pd.DataFrame({"source": ["新收", "上年结转", "办理"], "target": ["办理", "办理", "予以公开"], "value": [1200.0, 34.0, 1234.0]})
    labels = charts.flow(links, "t").to_plotly_json()["data"][0]["node"]["label"]
    assert labels == ["新收 1,200", "上年结转 34", "办理 1,234", "予以公开 1,234"]
