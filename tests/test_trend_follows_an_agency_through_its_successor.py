"""年度趋势 follows an agency through its 机构改革 (catalog/agencies.csv: 平潭县人民政府, last year 2013, successor
平潭综合实验区): with 跟随机构改革 on (URL `follow=1`), one line reads the county's reports to 2013 and the zone's from
2014, with a break labelled 机构改革 / Reorganisation at 2013.5 drawn like a template change; off, the county's line
stops in 2013. Read from the figure JSON of the real store's page, in Chinese and in English."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from disclosure.ui import charts
from disclosure.ui.chart_contract import breaches
from disclosure.views import trends as view

COUNTY, ZONE = "平潭县人民政府", "平潭综合实验区"
LABELS = {"zh": "机构改革", "en": "Reorganisation"}


def open_trends(agency: str, follow: bool, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["agencies"] = "pingtan-xian"
    at.query_params["series"] = "requests_received"
    if follow:
        at.query_params["follow"] = "1"
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/trends.py").run()
    assert not at.exception, at.exception[0].value
    return at


def trend_figure(at: AppTest) -> dict:
    return json.loads(next(el for el in at.get("plotly_chart") if el.key == "trend-chart").proto.spec)


def points_trace(fig: dict) -> dict:
    return next(tr for tr in fig["data"] if tr.get("mode") == "markers" and tr.get("customdata"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_county_is_followed_into_the_zone_with_a_labelled_reorganisation_break(app_env, lang):
    at = open_trends("pingtan-xian", follow=True, lang=lang)
    assert at.toggle(key="w.follow").value is True
    fig = trend_figure(at)
    line = points_trace(fig)
    points = dict(zip(line["x"], line["y"]))
    # the county's own reports to 2013 (pingtan-xian-2012.txt: 全县共收到…申请21条), the zone's after (pingtan-shiyanqu-2021.txt: 全区共收到70件申请)
    assert points[2012] == 21 and points[2021] == 70
    assert min(points) == 2011 and max(points) >= 2021
    reorg = [s for s in fig["layout"]["shapes"] if s.get("name") == "reorg_break"]
    assert [s["x0"] for s in reorg] == [2013.5] and reorg[0]["line"]["dash"] == "dash"  # drawn like a template change
    marks = [a for a in fig["layout"]["annotations"] if a["text"] == LABELS[lang]]
    assert [a["x"] for a in marks] == [2013.5]
    names = ("Pingtan County People's Government", "Pingtan Comprehensive Experimental Zone") if lang == "en" else (COUNTY, ZONE)
    assert all(n in marks[0]["hovertext"] for n in names) and "2013" in marks[0]["hovertext"]
    # each point says whose report it is
    hover = dict(zip(line["x"], line["customdata"]))
    assert names[0] in hover[2013][4] and names[1] in hover[2014][4]
    # no solid line across the break, and the chart keeps the contract
    assert not breaches(fig, lang, proper_names=frozenset((COUNTY, ZONE)))
    solid = [tr for tr in fig["data"] if tr.get("mode") == "lines" and tr.get("meta") != "template_change_connector"]
    for tr in solid:
        pairs = [(a, b) for a, b, ya, yb in zip(tr["x"], tr["x"][1:], tr["y"], tr["y"][1:]) if ya is not None and yb is not None]
        assert not any(a < 2013.5 < b for a, b in pairs)
    caption = " ".join(c.value for c in at.caption)
    assert (ZONE if lang == "zh" else names[1]) in caption  # the succession is said under the chart
    # the change on the year before is not computed across the hand-over, and the row says why
    change, why = ("增减", "口径变更") if lang == "zh" else ("Change", "Template change")
    yoy = next(d.value for d in at.dataframe if change in d.value.columns and why in d.value.columns)
    handover = yoy[yoy[yoy.columns[2]] == 2014].iloc[0]
    assert pd.isna(handover[change]) and handover[why] == (
        "机构改革：报告单位与上年不同，不可直接比较"
        if lang == "zh"
        else "Reorganisation: another agency's report than the year before, not comparable"
    )


def test_without_following_the_county_line_ends_with_the_county(app_env):
    at = open_trends("pingtan-xian", follow=False)
    assert at.toggle(key="w.follow").value is False
    fig = trend_figure(at)
    assert max(points_trace(fig)["x"]) == 2013
    assert not [s for s in fig["layout"]["shapes"] if s.get("name") == "reorg_break"]


def test_a_successor_is_followed_back_to_its_predecessor():
    """国家税务总局平潭综合实验区税务局 (from 2018) reads the local tax bureau's reports before 2018; the zone, which
    existed all along, never takes the county's years."""
    assert view.reporter("国家税务总局平潭综合实验区税务局", 2013) == "平潭综合实验区地方税务局"
    assert view.reporter("平潭综合实验区地方税务局", 2020) == "国家税务总局平潭综合实验区税务局"
    assert view.reporter(ZONE, 2012) == ZONE and view.reporter(COUNTY, 2014) == ZONE
    assert set(view.lineage(COUNTY)) == {COUNTY, ZONE}


def _points(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "agency": "甲",
                "series": "收到申请",
                "year": y,
                "template": "2014",
                "value": v,
                "comparability": "exact",
                "matched_zh": "",
                "matched_en": "",
                "reporter": r,
                "coverage": c,
            }
            for y, v, r, c in rows
        ]
    )


def test_a_planted_change_of_coverage_is_a_labelled_break_and_no_change_is_computed():
    """Planted: a city's 2015 report states 全市汇总 (region), its 2016 report 本级政府 (government)."""
    points = _points(
        [(2014, 390.0, "甲", "region"), (2015, 456.0, "甲", "region"), (2016, 128.0, "甲", "government"), (2017, 140.0, "甲", "")]
    )
    assert view.other_breaks(points) == [view.Break("coverage", 2015, 2016, "region", "government")]
    fig = charts.trend_lines(
        points, "t", "口径变更", lambda *a: "", str, other_breaks={"coverage": ("统计范围变化", lambda a, b, was, now: f"{was}→{now}")}
    )
    assert charts.break_shapes(fig, "coverage") == [2015.5] and charts.break_shapes(fig) == []
    assert [a["text"] for a in fig.to_plotly_json()["layout"]["annotations"]] == ["统计范围变化"]
    changes = view.yoy(points).set_index("year")
    assert bool(changes.loc[2016, "template_change"]) and pd.isna(changes.loc[2016, "change"])  # not −71.9 %
    # a report that does not state its coverage (2017) makes no break
    assert not bool(changes.loc[2017, "template_change"]) and changes.loc[2017, "change"] == 12.0


def test_sanming_2013_and_2015_state_the_same_coverage_so_no_break_is_drawn():
    """sanming-shi-2013.txt (各级各部门受理依申请公开信息394条) and sanming-shi-2015.txt (全市受理依申请公开事项128件)
    both count the whole city: the fall is in the documents, not a change of coverage the chart may invent."""
    points = _points([(2013, 394.0, "三明市人民政府", "region"), (2015, 128.0, "三明市人民政府", "region")])
    assert view.other_breaks(points) == []


def test_a_break_without_a_label_fails_the_contract():
    points = _points([(2014, 1.0, "甲", "region"), (2015, 2.0, "甲", "own")])
    fig = charts.trend_lines(points, "t", "口径变更", lambda *a: "", str, other_breaks={"coverage": ("统计范围变化", lambda *a: "")})
    spec = fig.to_plotly_json()
    spec["layout"]["annotations"] = []
    assert any("no label" in b.what for b in breaches(spec, "zh"))
