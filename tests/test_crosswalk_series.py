"""The crosswalk turns one agency's facts over the 2019 break into a series with, per point,
the template and how comparable it is — one-sided series are 'not_reported', never 0."""

import pandas as pd
import pytest

from disclosure import crosswalk

APPLICANTS = ("natural", "commercial", "research", "social", "legal", "other", "total")


def _facts():
    rows = []

    def add(year, template, indicator, applicant, value, status="reported"):
        rows.append(dict(agency="甲局", year=year, template=template, indicator=indicator, applicant=applicant, value=value, status=status))

    add(2018, "2014", "requests.received", "total", 40)
    add(2018, "2014", "requests.answered.already_public", "total", 5)
    add(2018, "2014", "requests.answered.granted", "total", 20)
    add(2018, "2014", "complaints.total", "total", 3)
    add(2018, "2014", "review.total", "total", 2)
    for applicant, v in zip(APPLICANTS, (30, 5, 0, 0, 1, 0, 36)):
        add(2019, "2019", "requests.received", applicant, v)
    # 总计 column left blank on an outcome row: the series sums the applicant columns
    for applicant, v in zip(APPLICANTS, (10, 2, 0, 0, 0, 0, None)):
        add(2019, "2019", "requests.outcome.granted", applicant, v, "reported" if v is not None else "blank")
    add(2019, "2019", "requests.outcome.other", "total", 4)
    add(2021, "2021", "requests.outcome.other.no_correction", "total", 1)
    add(2021, "2021", "requests.outcome.other.no_fee", "total", 0)
    add(2021, "2021", "requests.outcome.other.misc", "total", 2)
    add(2021, "2021", "requests.received", "total", 50)
    add(2021, "2021", "requests.outcome.granted", "total", None, "blank")
    add(2021, "2021", "litigation.direct.total", "total", 1)
    add(2021, "2021", "litigation.after_review.total", "total", 2)
    add(2021, "2021", "review.total", "total", 3)
    rows.append(
        dict(agency="乙局", year=2021, template="2021", indicator="requests.received", applicant="total", value=999, status="reported")
    )
    return pd.DataFrame(rows)


def _by_year(points):
    return {int(r.year): r for r in points.itertuples()}


def test_received_is_exact_on_both_sides_of_the_break():
    points = _by_year(crosswalk.series(_facts(), "甲局", "requests_received"))
    assert points[2018].value == 40 and points[2018].comparability == "exact" and points[2018].template == "2014"
    assert points[2019].value == 36 and points[2021].value == 50
    assert points[2021].comparability == "exact"


def test_granted_before_2019_is_approximate_sum_of_two_rows():
    points = _by_year(crosswalk.series(_facts(), "甲局", "granted"))
    assert points[2018].value == 25
    assert points[2018].comparability == "approximate"
    assert "同意公开" in points[2018].matched_zh and points[2018].matched_en


def test_blank_total_column_falls_back_to_applicant_sum_and_says_so():
    points = _by_year(crosswalk.series(_facts(), "甲局", "granted"))
    assert points[2019].value == 12
    assert "applicant" in points[2019].matched_en


def test_all_blank_cells_stay_blank_not_zero():
    points = _by_year(crosswalk.series(_facts(), "甲局", "granted"))
    assert points[2021].value is None or pd.isna(points[2021].value)
    assert points[2021].status == "blank"


def test_series_only_before_2019_is_not_reported_after():
    points = _by_year(crosswalk.series(_facts(), "甲局", "complaints"))
    assert points[2018].value == 3
    for year in (2019, 2021):
        assert points[year].comparability == "not_reported"
        assert points[year].value is None or pd.isna(points[year].value)


def test_series_only_after_2019_is_not_reported_before():
    points = _by_year(crosswalk.series(_facts(), "甲局", "other_outcome"))
    assert points[2018].comparability == "not_reported"
    assert points[2019].value == 4
    assert points[2021].value == 3  # 2021 Σ of the three split rows


def test_litigation_total_adds_both_suit_blocks():
    points = _by_year(crosswalk.series(_facts(), "甲局", "litigation_total"))
    assert points[2021].value == 3
    assert points[2018].comparability == "not_reported"  # 2018 report has no litigation row


def test_series_keeps_to_one_agency():
    points = crosswalk.series(_facts(), "乙局", "requests_received")
    assert list(points.year) == [2021] and list(points.value) == [999]


def test_template_changes_mark_the_break():
    points = crosswalk.series(_facts(), "甲局", "requests_received")
    assert crosswalk.template_changes(points) == [
        {"year": 2019, "from": "2014", "to": "2019"},
        {"year": 2021, "from": "2019", "to": "2021"},
    ]


def test_series_list_has_labels_in_both_languages():
    listed = {s["series"]: s for s in crosswalk.series_list()}
    assert {"requests_received", "granted", "denied", "review_total", "litigation_total", "normative_issued"} <= set(listed)
    assert all(s["label_zh"] and s["label_en"] for s in listed.values())
    assert listed["complaints"]["templates"] == ["2014"]


def test_crosswalk_never_maps_request_fees_onto_article_20_fees():
    for m in crosswalk.mappings():
        if m.series == "request_fees":
            assert "art20" not in m.formula


def test_unknown_series_is_an_error():
    with pytest.raises(KeyError):
        crosswalk.series(_facts(), "甲局", "no_such_series")


def test_series_terms_name_every_row_a_series_reads_in_any_template():
    # the local form's row first (catalog order: local, 2014, 2019, 2021), each term once
    assert crosswalk.series_terms("granted") == [
        "requests.answered.granted",
        "requests.answered.already_public",
        "requests.outcome.granted",
    ]
    assert "requests.outcome.denied.*" in crosswalk.series_terms("denied")


def test_a_star_term_touches_the_findings_on_its_child_rows():
    from disclosure.ui.findings import touching

    frame = pd.DataFrame(
        {
            "indicators": [["requests.outcome.denied.state_secret|total"], ["requests.received"], []],
            "values": [{}, {}, {"requests.outcome.denied.other": 3}],
        }
    )
    assert touching(frame, ["requests.outcome.denied.*"]).index.tolist() == [0, 2]
    assert touching(frame, ["requests.outcome.denied"]).index.tolist() == []  # an exact id is not a prefix
    assert touching(frame, None).index.tolist() == [0, 1, 2]
