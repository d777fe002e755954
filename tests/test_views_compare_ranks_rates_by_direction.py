"""单位对比's view (disclosure/views/compare.py), without Streamlit: a rate per agency from the catalog's Rate over that
agency's figures, no rate for a blank or 0 denominator, the rank by the rate's direction, the median and quartiles, each
agency's side of the median, the scope, and the numbers table with the counts beside the rate."""

from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pytest

from disclosure import catalog
from disclosure.views import compare

GRANTED, PARTIAL, TOTAL = "requests.outcome.granted", "requests.outcome.partial", "requests.outcome.total"


def _facts(rows: list[tuple[str, str, str, float | None]], template: str = "2021") -> pd.DataFrame:
    """(agency, indicator, applicant, value) rows of one year's reports; a None value is a blank cell."""
    return pd.DataFrame(
        [
            {
                "agency": a,
                "is_sample": True,
                "template": template,
                "indicator": i,
                "applicant": c,
                "value": v,
                "status": "reported" if v is not None else "blank",
            }
            for a, i, c, v in rows
        ]
    )


def _outcomes(agency: str, granted, partial, total) -> list[tuple]:
    return [(agency, GRANTED, "total", granted), (agency, PARTIAL, "total", partial), (agency, TOTAL, "total", total)]


FACTS = _facts(
    _outcomes("甲", 8.0, 1.0, 10.0)  # 90 %
    + _outcomes("乙", 3.0, 0.0, 6.0)  # 50 %
    + _outcomes("丙", 1.0, None, 4.0)  # 25 %: a blank term adds nothing
    + _outcomes("丁", 0.0, 0.0, 0.0)  # no rate: 0 denominator
    + _outcomes("戊", 2.0, 1.0, None)  # no rate: blank denominator
    + [("己", TOTAL, "total", None), ("己", TOTAL, "natural", 4.0), ("己", TOTAL, "legal", 1.0), ("己", GRANTED, "total", 4.0)]  # 80 %
    + [("庚", None, None, None)]  # a report without any of the rows (the query's LEFT JOIN row)
)
DISCLOSURE = compare.measure("rate:disclosure", {"2021"})


def test_a_rate_is_its_catalog_definition_over_each_agencys_figures():
    frame = compare.per_agency(FACTS, DISCLOSURE).set_index("agency")
    assert list(frame.index) == ["丁", "丙", "乙", "己", "庚", "戊", "甲"]  # every agency of the year, in name order
    assert frame.loc["甲", "value"] == pytest.approx(90.0) and frame.loc["乙", "value"] == pytest.approx(50.0)
    assert frame.loc["丙", "value"] == pytest.approx(25.0)
    assert frame.loc["己", "value"] == pytest.approx(80.0)  # a blank 总计 is the sum of the applicant columns
    assert (frame.loc["甲", "numerator"], frame.loc["甲", "denominator"]) == (9.0, 10.0)
    # a 0 or blank denominator: no rate (never 0 %), its parts as reported
    assert frame[["value"]].loc[["丁", "戊", "庚"]].isna().all().all()
    assert frame.loc["丁", "denominator"] == 0.0 and pd.isna(frame.loc["戊", "denominator"]) and frame.loc["戊", "numerator"] == 3.0


def test_a_rate_follows_each_agencys_template():
    mixed = pd.concat(
        [
            _facts(_outcomes("新", 1.0, 1.0, 4.0), "2019"),
            _facts([("旧", "requests.answered", "total", 5.0), ("旧", "requests.answered.granted", "total", 4.0)], "2014"),
        ]
    )
    m = compare.measure("rate:disclosure", {"2014", "2019"})
    assert set(m.indicators()) >= {GRANTED, TOTAL, "requests.answered", "requests.answered.granted"}
    values = compare.per_agency(mixed, m).set_index("agency")["value"]
    assert values.to_dict() == {"新": pytest.approx(50.0), "旧": pytest.approx(80.0)}
    assert m.sides("zh") is None  # the two templates define it in other words: generic column names
    assert DISCLOSURE.sides("zh") == ("予以公开 + 部分公开", "办理结果总计")


def test_the_scope_ranks_only_its_agencies():
    frame = compare.per_agency(FACTS, DISCLOSURE, agencies=["甲", "丙", "丁", "不在本年"])
    assert list(frame["agency"]) == ["丁", "丙", "甲"]
    ranking = compare.ranked(frame, "higher_better")
    assert list(ranking["agency"]) == ["甲", "丙"] and list(compare.unranked(frame)["agency"]) == ["丁"]


def test_the_rank_follows_the_direction():
    frame = compare.per_agency(FACTS, DISCLOSURE)
    higher = compare.ranked(frame, "higher_better")
    assert list(higher["agency"]) == ["甲", "己", "乙", "丙"] and list(higher["rank"]) == [1, 2, 3, 4]
    lower = compare.ranked(frame, "lower_better")
    assert list(lower["agency"]) == ["丙", "乙", "己", "甲"] and list(lower["rank"]) == [1, 2, 3, 4]
    neutral = compare.ranked(frame, "neutral")
    assert list(neutral["agency"]) == list(higher["agency"]) and set(neutral["side"]) == {"neutral"}
    assert list(compare.unranked(frame)["agency"]) == ["丁", "庚", "戊"]


def test_the_median_and_quartiles_are_numpys_and_each_agency_is_on_a_side_of_the_median():
    values = [90.0, 80.0, 50.0, 25.0, 10.0]
    s = compare.spread(values)
    assert s.median == statistics.median(values)
    assert (s.q1, s.q3) == (pytest.approx(np.percentile(values, 25)), pytest.approx(np.percentile(values, 75)))
    assert compare.spread([]) is None
    frame = pd.DataFrame({"agency": list("abcde"), "label": list("abcde"), "value": values})
    assert list(compare.ranked(frame, "higher_better")["side"]) == ["better", "better", "at", "worse", "worse"]
    assert list(compare.ranked(frame, "lower_better")["side"]) == ["better", "better", "at", "worse", "worse"]  # lowest first
    assert list(compare.ranked(frame, "lower_better")["value"]) == sorted(values)


def test_the_numbers_table_lists_counts_beside_the_rate_and_no_rate_without_a_value():
    frame = compare.per_agency(FACTS, DISCLOSURE)
    table = compare.table(compare.ranked(frame, "higher_better"), compare.unranked(frame), DISCLOSURE, "无比率")
    assert list(table.columns) == ["rank", "label", "value", "numerator", "denominator"]
    assert table["rank"].tolist()[:4] == [1, 2, 3, 4] and table["rank"].iloc[4:].isna().all()
    assert table["value"].tolist() == ["90%", "80%", "50%", "25%", "无比率", "无比率", "无比率"]
    assert table["numerator"].iloc[:4].tolist() == [9.0, 4.0, 3.0, 1.0] and table["denominator"].iloc[:4].tolist() == [10.0, 5.0, 6.0, 4.0]
    counts = compare.per_agency(FACTS, TOTAL)
    plain = compare.table(compare.ranked(counts), compare.unranked(counts), compare.measure(TOTAL, {"2021"}), "无比率")
    assert list(plain.columns) == ["rank", "label", "value"] and plain["value"].iloc[-1] != plain["value"].iloc[-1]  # blank, not 0


def test_a_rate_reads_to_its_catalog_format_with_its_unit():
    assert DISCLOSURE.text(200 / 3) == "66.7%" and DISCLOSURE.text(None) == "" and DISCLOSURE.rounded(200 / 3) == 66.7
    assert compare.measure(TOTAL, {"2021"}).text(1234.0) == "1,234"
    assert DISCLOSURE.label("en") == "Disclosure rate" and DISCLOSURE.direction == "higher_better"


def test_the_years_rates_come_first_and_the_disclosure_rate_is_the_default():
    options = compare.measure_options({"2021"})
    rates = [o for o in options if compare.rate_id(o)]
    assert options[: len(rates)] == rates == ["rate:" + r.id for r in catalog.rates("2021")]
    assert compare.default_indicator(options) == "rate:disclosure"
    assert compare.default_indicator(["requests.received", "review.total"]) == "requests.received"
    assert compare.measure_options({"none"}) == [] and compare.default_indicator([]) is None  # a year of tableless reports
    multiples = compare.default_multiples(options, "2021")
    assert multiples[-1] == "rate:disclosure" and len(multiples) == 6


def test_a_rate_means_the_same_in_every_template_that_defines_it():
    rows = [r for t in ("2014", "2019", "2021", "local") for r in catalog.rates(t)]
    for rid in {r.id for r in rows}:
        same = {(r.label_zh, r.label_en, r.direction, r.unit, r.format) for r in rows if r.id == rid}
        assert len(same) == 1, rid  # one label, direction, unit and format: the page ranks across templates
        assert all(len(r.definition_zh.split(" / ")) == 2 and len(r.definition_en.split(" / ")) == 2 for r in rows if r.id == rid)
