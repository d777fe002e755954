"""年度趋势 on real reports: 三明市人民政府's requests from the 福建 local form (2013–2018) through the
2019 format to the 2021 format, with both template changes marked and explained, and the values
the hand-written answer keys give."""

from __future__ import annotations

import json

from conftest import ROOT
from test_page_trends import open_trends, points_trace, trend_figure

AGENCY = "三明市人民政府"


def _key(case: str) -> dict:
    return json.loads((ROOT / "tests" / "keys" / "corpus" / f"{case}.json").read_text(encoding="utf-8"))["facts"]


def test_one_agency_crosses_local_2019_and_2021_with_both_breaks_marked(app_env):
    fig = trend_figure(open_trends([AGENCY], ["requests_received"]))
    line = points_trace(fig)
    points = dict(zip(line["x"], line["y"]))
    assert min(line["x"]) == 2013 and max(line["x"]) == 2025
    assert points[2013] == _key("sanming-shi-2013")["requests.received|total"]  # local form: 受理…申请总数
    assert points[2017] == _key("sanming-shi-2017")["requests.received|total"]
    assert points[2019] == _key("sanming-shi-2019")["requests.received|total"]  # 2019 format: 本年新收, 总计
    assert points[2021] == _key("sanming-shi-2021")["requests.received|total"]  # 2021 format
    assert points[2014] is None and points[2020] is None  # no report for those years: gaps, not zeros
    marks = [a for a in fig["layout"]["annotations"] if a["text"] == "口径变更"]
    assert [a["x"] for a in marks] == [2018.5, 2020.5]
    assert "地方统计表" in marks[0]["hovertext"] and "2019版" in marks[0]["hovertext"]
    assert "2019版" in marks[1]["hovertext"] and "2021版" in marks[1]["hovertext"]
    hover = dict(zip(line["x"], line["customdata"]))
    assert hover[2017][1] == "近似对应" and "受理" in hover[2017][2]  # local ↔ national is approximate (spec §1c)
    assert hover[2019][1] == "口径一致"
