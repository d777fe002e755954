"""年度趋势 page: a series across the 2018→2019 and 2020→2021 template changes, marked and explained; gaps stay gaps."""

from __future__ import annotations

import json
from urllib.parse import parse_qs

import pandas as pd
from conftest import ROOT
from streamlit.testing.v1 import AppTest
from test_page_requests import sample_truth

from disclosure.agencies import url_id as agency_id
from disclosure.ui import charts

AGENCY = "示例市农业农村局"  # a sample agency with a report in every year 2014–2024


def open_trends(agencies: list[str], series: list[str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["sample"] = "true"  # the sample agencies are off by default while real reports are in the store
    at.run()
    at.switch_page("pages/trends.py").run()
    at.multiselect(key="w.agencies").set_value(agencies).run()
    at.multiselect(key="w.series").set_value(series).run()
    assert not at.exception, at.exception[0].value
    return at


def points_trace(fig: dict, k: int = 0) -> dict:
    """The k-th series' points (the markers with their hover); its line is cut at each template change."""
    return [tr for tr in fig["data"] if tr.get("mode") == "markers" and tr.get("customdata")][k]


def trend_figure(at: AppTest) -> dict:
    return json.loads(next(el for el in at.get("plotly_chart") if el.key == "trend-chart").proto.spec)


def test_requests_received_crosses_2018_2019_with_a_template_change_marker(app_env):
    truth_2018, truth_2019 = sample_truth(AGENCY, 2018), sample_truth(AGENCY, 2019)
    at = open_trends([AGENCY], ["requests_received"])
    fig = trend_figure(at)
    line = points_trace(fig)
    points = dict(zip(line["x"], line["y"]))
    assert points[2018] == truth_2018["requests.received|total"]  # 2014 form: 收到申请数
    assert points[2019] == truth_2019["requests.received|total"]  # 2019 form: 本年新收, 总计 column
    assert sorted(s["x0"] for s in fig["layout"]["shapes"] if (s.get("line") or {}).get("dash") == "dash") == [2018.5, 2020.5]
    marks = [a for a in fig["layout"]["annotations"] if a["text"] == "口径变更"]
    assert [a["x"] for a in marks] == [2018.5, 2020.5]
    assert "2014版" in marks[0]["hovertext"] and "2019版" in marks[0]["hovertext"]
    # on hover, each point says which template it comes from and how it was matched
    hover = dict(zip(line["x"], line["customdata"]))
    assert hover[2018][1] == "口径一致" and "收到申请数" in hover[2018][2]
    assert "本年新收" in hover[2019][2]


def test_approximate_matches_say_so_on_hover(app_env):
    at = open_trends([AGENCY], ["granted"])
    line = points_trace(trend_figure(at))
    hover = dict(zip(line["x"], line["customdata"]))
    assert hover[2017][1] == "近似对应" and hover[2021][1] == "口径一致"
    truth = sample_truth(AGENCY, 2017)
    assert (
        dict(zip(line["x"], line["y"]))[2017] == truth["requests.answered.already_public|total"] + truth["requests.answered.granted|total"]
    )


def test_a_series_the_template_lacks_is_a_gap_not_zero(app_env):
    at = open_trends([AGENCY], ["ind:active.channel.website"])
    line = points_trace(trend_figure(at))
    points = dict(zip(line["x"], line["y"]))
    assert points[2016] == sample_truth(AGENCY, 2016)["active.channel.website|total"]
    assert all(points[y] is None for y in range(2019, 2025))
    assert all(tr["connectgaps"] is False for tr in trend_figure(at)["data"] if tr.get("mode") == "lines" and "meta" not in tr)


def test_yoy_table_has_absolute_and_percentage_change_and_marks_the_change(app_env):
    at = open_trends([AGENCY], ["requests_received"])
    yoy = next(d.value for d in at.dataframe if "增减 %" in d.value.columns)
    row = yoy[yoy["年度"] == 2019].iloc[0]
    before = sample_truth(AGENCY, 2018)["requests.received|total"]
    assert row["上年"] == before and pd.isna(row["增减"]) and pd.isna(row["增减 %"])  # across the break: not comparable
    assert row["口径变更"] == "与上年口径不同，不可直接比较"
    same = yoy[yoy["年度"] == 2018].iloc[0]
    assert same["增减"] == sample_truth(AGENCY, 2018)["requests.received|total"] - sample_truth(AGENCY, 2017)["requests.received|total"]
    assert yoy[yoy["年度"] == 2017].iloc[0]["口径变更"] == ""


def test_several_agencies_get_one_line_each(app_env):
    other = "示例市统计局"
    at = open_trends([AGENCY, other], ["requests_received"])
    names = [t["name"] for t in trend_figure(at)["data"] if t.get("showlegend", True)]
    assert names == [f"收到申请 · {AGENCY}", f"收到申请 · {other}"]


def test_no_marker_when_the_years_do_not_cross_a_change():
    points = pd.DataFrame(
        {
            "agency": "a",
            "series": "s",
            "year": [2015, 2016, 2017],
            "template": "2014",
            "value": [1.0, None, 3.0],
            "comparability": "exact",
            "matched_zh": "m",
        }
    )
    fig = charts.trend_lines(points, "t", "口径变更", lambda *a: "h", str)
    assert charts.break_shapes(fig) == [] and list(fig.data[0].y) == [1.0, None, 3.0]


def findings_on(store, agencies: list[str], indicator: str) -> list[tuple[str, int, int]]:
    """(agency, year, number of findings) naming the indicator, straight from the store's checks."""
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    marks = ", ".join("?" for _ in agencies)
    rows = con.execute(
        f"""SELECT r.agency, r.year, count(*) FROM reports r JOIN checks c USING (report_id)
            WHERE r.agency IN ({marks}) AND (list_contains(c.indicators, ?) OR list_contains(c.indicators, ? || '|total')
                  OR json_exists(c."values", '$."' || ? || '"') OR json_exists(c."values", '$."' || ? || '|total"'))
            GROUP BY ALL ORDER BY 1, 2""",
        [*agencies, indicator, indicator, indicator, indicator],
    ).fetchall()
    con.close()
    return rows


def trend_expander(at: AppTest):
    return next(e for e in at.expander if e.label.startswith("本图相关的数据质量提示"))


def test_trend_findings_list_every_charted_agency_year_with_a_finding_on_the_series(app_env):
    """Under the chart: the audit's findings on the chosen series, for every agency-year it draws —
    here the narrative sentences that disagree with the table's 收到申请 figure."""
    agencies = ["示例市教育局", "示例市水利局"]
    expected = findings_on(app_env, agencies, "requests.received")
    assert expected, "the sample set has narrative defects on 收到申请 for these agencies"
    expander = trend_expander(open_trends(agencies, ["requests_received"]))
    assert expander.label == f"本图相关的数据质量提示（{sum(n for *_, n in expected)}）"
    headings = [m.value for m in expander.markdown if m.value.startswith("**")]
    assert headings == [f"**{agency} · {year}**" for agency, year, _ in expected]
    links = [parse_qs(link.query_string) for link in expander.get("page_link")]
    # ids, and the reader's sample setting (sample agencies are shown because the link turned them on)
    assert links == [{"agency": [agency_id(agency)], "year": [str(year)], "sample": ["true"]} for agency, year, _ in expected]


def test_trend_findings_follow_the_series_not_the_whole_report(app_env):
    """示例市教育局 2015 has findings on 收到申请; a chart of its website channel does not list them."""
    agency = "示例市教育局"
    assert findings_on(app_env, [agency], "requests.received")
    expected = findings_on(app_env, [agency], "active.channel.website")
    expander = trend_expander(open_trends([agency], ["ind:active.channel.website"]))
    assert expander.label == f"本图相关的数据质量提示（{sum(n for *_, n in expected)}）"
    assert all("收到申请" not in m.value for m in expander.markdown)


def test_a_row_and_its_crosswalk_series_side_by_side_draw_both(app_env):
    at = open_trends([AGENCY], ["requests_received", "ind:requests.received", "granted", "ind:requests.outcome.granted"])
    names = [d["name"] for d in trend_figure(at)["data"] if d.get("showlegend", True) and d.get("name") != "口径变更"]
    assert names == ["收到申请（跨口径）", "收到申请", "予以公开（跨口径）", "予以公开"]
    assert len(set(names)) == len(names)
