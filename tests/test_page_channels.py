"""公开渠道 page: the founding report's channels against its total; 2019+ reports draw no channels at all."""

from __future__ import annotations

import json

import duckdb
import pandas as pd
from conftest import ROOT, open_numbers
from streamlit.testing.v1 import AppTest

from disclosure.ui import charts
from disclosure.views.channels import channel_rows

FOUNDING = "开封市质量技术监督局"


def open_page(page: str, agency: str | None = None, year: int | None = None) -> AppTest:
    """A page opened as a link opens it: the report in the URL (every picker is bound to it)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if agency is not None:
        at.query_params["agency"] = agency
    if year is not None:
        at.query_params["year"] = str(year)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception[0].value
    return open_numbers(at)  # the 查看数据 tables are made only while open


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def test_founding_report_channels_are_13_98_32_122_0_against_236(app_env):
    at = open_page("channels", FOUNDING, 2018)
    active = figures(at)[0]
    bars = {trace["name"]: trace["y"][0] for trace in active["data"]}
    assert bars == {"政府公报公开": 13, "网站公开": 98, "政务微博公开": 32, "政务微信公开": 122, "其他方式公开": 0, "主动公开总数": 236}
    # Σ channels beside the total, in the chart's labels and in the numbers table
    assert {a["text"] for a in active["layout"]["annotations"]} == {"<b>265</b>", "<b>236</b>"}
    table = at.dataframe[0].value
    assert dict(zip(table["指标"], table["数量"])) == {
        "政府公报公开": 13,
        "网站公开": 98,
        "政务微博公开": 32,
        "政务微信公开": 122,
        "其他方式公开": 0,
        "各渠道合计 Σ": 265,
        "主动公开总数": 236,
    }
    overlap = [c.value for c in at.caption if "265" in c.value]
    assert overlap and "236" in overlap[0] and "29" in overlap[0]


def bars(fig: dict) -> dict:
    """Category → figure over every bar panel of a chart (figures of different units are on panels of their own)."""
    return {y: x for trace in fig["data"] if trace["type"] == "bar" for y, x in zip(trace["y"], trace["x"])}


def test_founding_report_responses_and_intake_channels(app_env):
    at = open_page("channels", FOUNDING, 2018)
    response, intake = figures(at)[1:3]
    assert bars(response) == {
        "新闻发布会": 0,
        "在线访谈": 0,
        "政策解读稿件": 3,
        "微博微信回应": 5,
        "其他方式回应": 3,
    }
    assert bars(intake) == {"当面申请": 1, "传真申请": 0, "网络申请": 0, "信函申请": 0}
    # 次 and 篇 on panels of their own, each value axis named with its unit
    units = {trace["xaxis"]: trace["meta"]["unit"] for trace in response["data"]}
    assert units == {"x": "次", "x2": "篇"}
    assert [response["layout"][a]["title"]["text"] for a in ("xaxis", "xaxis2")] == ["数量（次）", "数量（篇）"]
    assert all(json.loads(el.proto.config)["displaylogo"] is False for el in at.get("plotly_chart"))
    keys = {b.key for b in at.get("download_button")}
    # CSV + Excel for each of the three tables, the text's figures and the channel history
    assert keys == {f"numbers-{t}-{kind}" for t in ("active", "response", "intake", "text", "history") for kind in ("csv", "xlsx")}


def test_channels_page_in_english(app_env):
    at = open_page("channels", FOUNDING, 2018)
    at.session_state["view.lang"] = "en"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Channels"
    assert list(bars(figures(at)[1])) == [
        "Press conferences",
        "Online interviews",
        "Weibo/WeChat responses",
        "Other responses",
        "Policy explainers",  # counted in articles: a panel of its own, under the events'
    ]


def test_2019_plus_report_draws_no_table_channels_only_what_its_text_states(app_env, built_store):
    con = duckdb.connect(str(built_store), read_only=True)
    row = con.execute("SELECT agency, year FROM reports WHERE template IN ('2019', '2021') ORDER BY year DESC, agency LIMIT 1").fetchone()
    con.close()
    at = open_page("channels", row[0], int(row[1]))
    assert {el.key for el in at.get("plotly_chart")} <= {"channels-text", "channels-history"}  # no table channel chart
    assert any("不再分渠道" in i.value for i in at.info)


def test_absent_channel_rows_are_left_out_not_drawn_as_zero():
    # 2014–2015 forms may lack 政务微信: no bar, and Σ is over the channels the report has
    values = {"active.channel.gazette": 4.0, "active.channel.website": 10.0, "active.channel.weibo": None, "active.total": 12.0}
    rows = channel_rows(values, "active_channels", lambda i: i)
    assert list(rows["indicator"]) == ["active.channel.gazette", "active.channel.website", "active.channel.weibo"]
    assert pd.isna(rows["value"].iloc[2])
    fig = charts.channels_vs_total(rows, "total", 12.0, "sum", "t")
    assert [t.name for t in fig.data] == ["active.channel.gazette", "active.channel.website", "total"]
    assert {a.text for a in fig.layout.annotations} == {"<b>14</b>", "<b>12</b>"}


def test_channel_history_crosses_2018_to_2019_from_table_to_text(app_env):
    at = open_page("channels", "莆田市人民政府", 2019)
    fig = next(json.loads(el.proto.spec) for el in at.get("plotly_chart") if el.key == "channels-history")
    names = [d["name"] for d in fig["data"]]
    assert any(n.endswith("（统计表）") for n in names) and any(n.endswith("（据正文）") for n in names)
    table_years = {x for d in fig["data"] if d["name"].endswith("（统计表）") for x in d["x"]}
    text_years = {x for d in fig["data"] if d["name"].endswith("（据正文）") for x in d["x"]}
    assert max(table_years) == 2018 and 2019 in text_years
    assert [s["x0"] for s in fig["layout"]["shapes"]] == [2018.5]
    assert [a["text"] for a in fig["layout"]["annotations"]] == ["表格→正文"]
    # table and text figures are separate traces: never one line, never summed
    assert all(not (n.endswith("（统计表）") and n.endswith("（据正文）")) for n in names)


def test_a_2019_report_shows_the_text_figures_its_key_has(app_env):
    key = json.loads((ROOT / "tests" / "keys" / "text" / "putian-shi-2019.json").read_text(encoding="utf-8"))
    at = open_page("channels", "莆田市人民政府", 2019)
    fig = next(json.loads(el.proto.spec) for el in at.get("plotly_chart") if el.key == "channels-text")
    assert sorted(bars(fig).values()) == sorted(float(f["value"]) for f in key["figures"])
    assert "据正文" in fig["layout"]["title"]["text"]
