"""Across a 口径变更 the trend line is cut (a thin dotted connector, a shaded band, the marker), approximate points are
drawn open, and the change on the year before is not computed: read from the figure JSON and the year-over-year view."""

from __future__ import annotations

import pandas as pd

from disclosure.ui import charts
from disclosure.views.trends import yoy

POINTS = pd.DataFrame(
    [
        {
            "agency": "甲",
            "series": "收到申请",
            "year": y,
            "template": tpl,
            "value": v,
            "comparability": c,
            "matched_zh": "",
            "matched_en": "",
        }
        for y, tpl, v, c in [
            (2017, "2014", 10.0, "approximate"),
            (2018, "2014", 12.0, "approximate"),
            (2019, "2019", 7.0, "exact"),
            (2020, "2019", 8.0, "exact"),
        ]
    ]
)


def _figure() -> dict:
    fig = charts.trend_lines(POINTS, "t", "口径变更", lambda a, b, ta, tb: f"{a}→{b}", str)
    return fig.to_plotly_json()


def _solid_segments(trace: dict) -> list[tuple]:
    xs, ys = trace["x"], trace["y"]
    return [(xs[k], xs[k + 1]) for k in range(len(xs) - 1) if ys[k] is not None and ys[k + 1] is not None]


def test_no_solid_segment_crosses_the_2018_2019_break():
    fig = _figure()
    lines = [tr for tr in fig["data"] if tr.get("mode") == "lines" and (tr.get("line") or {}).get("dash") in (None, "solid")]
    assert lines, "the series is drawn"
    for trace in lines:
        assert all(not (a <= 2018 and b >= 2019) for a, b in _solid_segments(trace)), _solid_segments(trace)
    connectors = [tr for tr in fig["data"] if tr.get("meta") == "template_change_connector"]
    assert [(c["x"], c["line"]["dash"]) for c in connectors] == [([2018, 2019], "dot")]
    assert any(s["type"] == "rect" and s["x0"] > 2018 and s["x1"] < 2019 for s in fig["layout"]["shapes"])  # the band
    assert charts.break_shapes(charts.trend_lines(POINTS, "t", "口径变更", lambda *a: "", str)) == [2018.5]


def test_approximate_points_are_drawn_open():
    markers = next(tr for tr in _figure()["data"] if tr.get("mode") == "markers" and tr.get("customdata"))
    assert markers["marker"]["symbol"] == ["circle-open", "circle-open", "circle", "circle"]


def test_the_change_across_the_break_is_not_comparable():
    changes = yoy(POINTS).set_index("year")
    assert bool(changes.loc[2019, "template_change"]) and pd.isna(changes.loc[2019, "change"])  # not −41.7 %
    assert changes.loc[2020, "change"] == 1.0 and not changes.loc[2020, "template_change"]
