"""总览's scope figures without Streamlit (disclosure/views/scope.py, disclosure/scopes.py): sums over the scope's
agencies, rates pooled from the catalog, the change over the agencies comparable both years (none across 2018 →
2019), coverage states, each agency's side of the median by the rate's direction, and scopes as URL ids."""

from __future__ import annotations

import pandas as pd
import pytest

from disclosure import catalog, scopes
from disclosure.views import scope as view
from disclosure.views.changes import change_side


def _facts(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"agency": a, "year": y, "template": t, "indicator": i, "applicant": "total", "value": v, "status": "reported"}
            for a, y, t, i, v in rows
        ]
    )


def _reports(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"agency": a, "year": y, "template": t, "is_sample": False, "source_name": f"{a}-{y}", "errors": e, "warnings": 0}
            for a, y, t, e in rows
        ]
    )


def _outcomes(agency, year, template, received, granted, partial, total):
    return [
        (agency, year, template, "requests.received", received),
        (agency, year, template, "requests.outcome.granted", granted),
        (agency, year, template, "requests.outcome.partial", partial),
        (agency, year, template, "requests.outcome.total", total),
    ]


def test_key_figures_sum_counts_pool_rates_and_compare_the_same_agencies():
    reports = _reports([("甲", 2021, "2021", 0), ("乙", 2021, "2021", 1), ("丙", 2021, "2021", 0), ("甲", 2020, "2019", 0)])
    facts = _facts(
        _outcomes("甲", 2021, "2021", 10, 6, 2, 10)
        + _outcomes("乙", 2021, "2021", 30, 3, 0, 30)
        + _outcomes("丙", 2021, "2021", 0, 0, 0, 0)
        + _outcomes("甲", 2020, "2019", 4, 4, 0, 4)
    )
    figures = {f.key: f for f in view.key_figures(reports, facts, 2021)}
    assert figures["received"].value == 40 and figures["received"].agencies == 3
    rate = catalog.rate("disclosure", "2021")
    assert figures["disclosure"].value == pytest.approx(rate.of(6 + 2 + 3, 10 + 30))  # Σ numerators / Σ denominators
    # 2019 and 2021 are one family: compared, over 甲 alone (the only agency with both years)
    assert figures["received"].change == "compared" and figures["received"].compared == 1
    assert figures["received"].base_value == 4 and figures["received"].now_compared == 10 and figures["received"].delta == 6
    assert figures["disclosure"].delta == pytest.approx(80.0 - 100.0)
    assert figures["disclosure"].direction == "higher_better" and figures["received"].direction == "neutral"
    assert figures["review"].value is None  # no agency has the row: blank, not 0


def test_no_change_across_the_2019_template_change_and_none_without_a_report():
    reports = _reports([("甲", 2019, "2019", 0), ("甲", 2018, "2014", 0)])
    facts = _facts([("甲", 2019, "2019", "requests.received", 5.0), ("甲", 2018, "2014", "requests.received", 9.0)])
    received = next(f for f in view.key_figures(reports, facts, 2019) if f.key == "received")
    assert received.change == "not_comparable" and received.delta is None
    received = next(f for f in view.key_figures(reports[reports["year"] == 2019], facts, 2019) if f.key == "received")
    assert received.change == "no_previous"


def test_coverage_marks_reported_errors_no_table_and_missing_from_the_first_report_on():
    reports = _reports([("甲", 2020, "2019", 0), ("甲", 2022, "2021", 2), ("乙", 2021, "none", 0)])
    grid = view.coverage(reports, ["甲", "乙", "丙"], [2020, 2021, 2022])
    assert grid.loc["甲"].tolist() == ["reported", "missing", "errors"]
    assert grid.loc["乙"].tolist() == ["", "no_table", "missing"]  # nothing expected before its first report
    assert grid.loc["丙"].tolist() == ["", "", ""]
    done = view.reporting(reports, ["甲", "乙", "丙"], 2022)
    assert (done.agencies, done.reported, done.with_errors, done.missing) == (3, 1, 1, ["乙"])


def test_sides_of_the_median_follow_the_rate_direction():
    reports = _reports([(a, 2021, "2021", 0) for a in "甲乙丙"])
    rows = []
    for agency, corrected, granted in zip("甲乙丙", (0, 1, 3), (1, 2, 4)):
        rows += _outcomes(agency, 2021, "2021", 4, granted, 0, 4)
        rows += [(agency, 2021, "2021", "review.total", 4.0), (agency, 2021, "2021", "review.corrected", float(corrected))]
    spread = view.rate_spread(reports, _facts(rows), 2021)
    review = spread[spread["rate"] == "review_corrected"].set_index("agency")
    assert review["median"].iloc[0] == 25.0
    # lower is better for the correction rate: 甲 (0 %) is better, 丙 (75 %) worse, 乙 on the median
    assert review["side"].to_dict() == {"甲": "better", "乙": "level", "丙": "worse"}
    disclosure = spread[spread["rate"] == "disclosure"].set_index("agency")
    assert disclosure["side"].to_dict() == {"甲": "worse", "乙": "level", "丙": "better"}  # 25 %, 50 %, 100 %
    far = view.outliers(spread, per_rate=1)
    assert set(far["agency"]) <= {"甲", "丙"} and set(far["rate"]) == {"review_corrected", "disclosure"}


def test_change_side_reads_direction():
    assert change_side(3, "higher_better") == "better" and change_side(-3, "higher_better") == "worse"
    assert change_side(3, "lower_better") == "worse" and change_side(-3, "lower_better") == "better"
    assert change_side(3, "neutral") == "neutral" and change_side(0, "higher_better") == "neutral" and change_side(None, "x") == "neutral"


def test_scopes_are_ids_in_a_link_and_an_agency_of_no_known_place_is_in_no_region():
    names = ["莆田市人民政府", "莆田市统计局", "三明市人民政府", "某某局"]
    for param in ("all", "region:putian", "level:dept", "group:putian-shi,putian-tjj"):
        assert scopes.from_param(param, names).to_param() == param
    assert scopes.from_param("region:putian").agencies(names) == ["莆田市人民政府", "莆田市统计局"]
    assert scopes.from_param("level:gov").agencies(names) == ["莆田市人民政府", "三明市人民政府"]
    assert scopes.from_param("group:putian-tjj,nobody", names).members == ("putian-tjj",)
    assert scopes.ALL.agencies(names) == names
    assert scopes.from_param("region:atlantis") is None and scopes.from_param("planet:mars") is None
    assert scopes.from_param("region:putian").name("en") == "Putian" and scopes.ALL.name() == "全部单位"
    assert scopes.Scope("group", members=("a", "b", "c", "d")).name() == "a、b等4家单位"
    # the agency the table lacks is a department by its name (levels.csv), of no region and no government
    assert scopes.from_param("level:dept").agencies(names) == ["莆田市统计局", "某某局"]
    assert scopes.from_param("gov:putian-shi", names).agencies(names) == ["莆田市人民政府", "莆田市统计局"]
    assert {s.to_param() for s in scopes.choices(names)} == {
        "all", "region:putian", "region:sanming", "level:gov", "level:dept", "gov:putian-shi"
    }  # fmt: skip


def test_coverage_of_a_year_nobody_reported_is_all_gaps():
    reports = _reports([("甲", 2020, "2019", 0)])
    grid = view.coverage(reports, ["甲", "乙"], [2019, 2020, 2021])
    assert grid.loc["甲"].tolist() == ["", "reported", "missing"] and grid.loc["乙"].tolist() == ["", "", ""]
