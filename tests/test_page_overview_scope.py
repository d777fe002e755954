"""总览 under AppTest on the store built from data/: the scope in the URL, sample data off while real reports exist,
change colours that follow each figure's direction (read from the metric elements and the spread chart's figure
JSON), no change across the 2018 → 2019 template break, and a coverage grid of the scope's agencies."""

from __future__ import annotations

import json
from statistics import median

from conftest import ROOT, open_numbers
from streamlit.testing.v1 import AppTest

from disclosure import catalog
from disclosure.views.changes import change_side

COLOUR = {"better": "GREEN", "worse": "RED", "neutral": "GRAY"}
RATES_BY_LABEL = {r.label_zh: r for t in ("2014", "2019", "2021", "local") for r in catalog.rates(t)}


def _open(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception[0].value
    return at


def _colour(metric) -> str:
    from streamlit.proto.Metric_pb2 import Metric

    return Metric.MetricColor.Name(metric.proto.color)


def _delta_number(text: str) -> float | None:
    head = text.replace("个百分点", "").replace(",", "")
    try:
        return float(head)
    except ValueError:
        return None


def _coverage_agencies(at) -> list[str]:
    grid = next(
        d.value for d in open_numbers(at).dataframe if "2011" in d.value.columns or "2014" in d.value.columns
    )  # 查看数据: every year
    return grid.iloc[:, 0].tolist()


def test_root_shows_real_agencies_only_and_keeps_the_url_clean(app_env):
    at = _open()
    assert at.title[0].value == "总览"
    agencies = _coverage_agencies(at)
    assert agencies and not [a for a in agencies if a.startswith("示例")]  # sample data off: real reports exist
    assert "scope" not in at.query_params  # the default scope is not written


def test_change_colours_follow_direction_on_every_card(app_env):
    for params in (
        {},
        {"sample": "true", "scope": "region:shili", "year": "2021"},
        {"sample": "true", "scope": "region:shili", "year": "2017"},
    ):
        at = _open(**params)
        checked = 0
        for metric in at.metric:
            delta = _delta_number(metric.proto.delta)
            rate = RATES_BY_LABEL.get(metric.label)
            if delta is None:
                assert _colour(metric) in ("GRAY", "RED"), metric.label  # words (no base year figure) or the error count
                continue
            direction = rate.direction if rate else "neutral"  # counts have no better or worse
            assert _colour(metric) == COLOUR[change_side(delta, direction)], (params, metric.label, delta)
            assert metric.proto.delta_description.startswith("比")  # the base year named
            checked += 1
        assert checked >= 4, params


def test_no_change_is_drawn_across_the_2019_template_break(app_env):
    at = _open(sample="true", scope="region:shili", year="2019")  # the sample agencies' 2018 reports are on the 2014 form
    deltas = [m.proto.delta for m in at.metric if m.label != "已报告单位"]
    assert deltas and set(deltas) == {"口径不同，不可比"}
    assert all(_colour(m) == "GRAY" for m in at.metric if m.label != "已报告单位")


def test_spread_chart_colours_each_agency_by_its_side_of_the_median(app_env):
    at = _open(sample="true", scope="region:shili", year="2021")
    fig = json.loads(next(el for el in at.get("plotly_chart") if el.key == "overview-spread").proto.spec)
    rows = dict(zip(fig["layout"]["yaxis"]["tickvals"], fig["layout"]["yaxis"]["ticktext"]))
    colours = catalog.colours()
    points: dict[int, list[tuple[float, str]]] = {}
    medians = {}
    for trace in fig["data"]:
        if trace["name"] == "中位数":
            medians = dict(zip(trace["y"], trace["x"]))
            continue
        side = {"优于中位数": "better", "差于中位数": "worse", "等于中位数": "level", "无优劣之分": "neutral"}[trace["name"]]
        assert trace["marker"]["color"] == colours.get(f"side_{side}", colours["side_neutral"])
        for x, y in zip(trace["x"], trace["y"]):
            points.setdefault(y, []).append((x, side))
    directions = set()
    for row, shown in points.items():
        rate = RATES_BY_LABEL[rows[row]]
        mid = median(x for x, _ in shown)
        assert medians[row] == mid
        for x, side in shown:
            if rate.direction == "neutral":
                expected = "neutral"
            elif x == mid:
                expected = "level"
            else:
                expected = "better" if (x > mid) == (rate.direction == "higher_better") else "worse"
            assert side == expected, (rate.id, x, mid, side)
        directions.add(rate.direction)
    assert {"higher_better", "lower_better"} <= directions  # 公开率 and the correction rates both drawn


def test_scope_from_the_url_narrows_the_agencies_and_names_itself(app_env):
    at = _open(scope="region:putian")
    agencies = _coverage_agencies(at)
    assert agencies and all(a.startswith("莆田市") for a in agencies)
    assert at.query_params["scope"] == "region:putian"
    assert any(h.value.startswith("莆田市 · ") for h in at.subheader)
    at = _open(scope="group:putian-tjj,sanming-shi", lang="en")
    assert _coverage_agencies(at) == ["Sanming Municipal People's Government", "Putian Municipal Statistics Bureau"]
    assert any(h.value.startswith("Putian Municipal Statistics Bureau, Sanming") for h in at.subheader)
    at = _open(scope="region:atlantis")  # an unknown scope: every agency, no error
    assert at.title[0].value == "总览" and len(_coverage_agencies(at)) > 5


def test_picking_a_group_asks_for_agencies_first(app_env):
    at = _open()
    at.selectbox(key="w.scope_kind").set_value("group").run()
    assert not at.exception
    assert any("请先选择" in i.value for i in at.info)
    at.multiselect(key="w.scope_group").set_value(["莆田市统计局"]).run()
    assert _coverage_agencies(at) == ["莆田市统计局"]
    assert at.query_params["scope"] == "group:putian-tjj"
