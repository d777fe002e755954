"""Each table rule on a report that satisfies it and on one that breaks it."""

from disclosure import catalog
from disclosure.audit import audit_report
from disclosure.model import APPLICANTS, Fact, Report, Source


def make_report(template: str, year: int, values: dict, blanks=(), narrative: str = "") -> Report:
    """values: {'indicator' or 'indicator|applicant': number}; blanks: keys written as blank cells."""
    facts = []
    for key, v in values.items():
        indicator, _, applicant = key.partition("|")
        facts.append(Fact(indicator, applicant or "total", v, str(v), "reported"))
    for key in blanks:
        indicator, _, applicant = key.partition("|")
        facts.append(Fact(indicator, applicant or "total", None, "", "blank"))
    return Report("测试局", year, template, Source("t.txt", "txt", ""), facts, narrative=narrative)


def rules(report, severity=None):
    return [c.rule for c in audit_report(report) if severity is None or c.severity == severity]


def findings(report, rule):
    return [c for c in audit_report(report) if c.rule == rule]


# --- 2014 sums -------------------------------------------------------------------------------

INTAKE = {"requests.received.in_person": 2, "requests.received.fax": 0, "requests.received.online": 5, "requests.received.letter": 1}


def test_received_equal_to_its_four_intake_channels_passes():
    assert "sum_mismatch" not in rules(make_report("2014", 2016, {"requests.received": 8, **INTAKE}))


def test_received_differing_from_its_four_intake_channels_is_an_error():
    [c] = findings(make_report("2014", 2016, {"requests.received": 9, **INTAKE}), "sum_mismatch")
    assert c.severity == "error"
    assert c.indicators[0] == "requests.received"
    assert c.values["requests.received"] == 9 and c.values["requests.received.online"] == 5
    assert "9" in c.message and "8" in c.message


def test_a_blank_intake_channel_skips_the_sum_quietly():
    report = make_report(
        "2014",
        2016,
        {"requests.received": 9, "requests.received.in_person": 2, "requests.received.fax": 0, "requests.received.online": 5},
        blanks=["requests.received.letter"],
    )
    assert "sum_mismatch" not in rules(report)


def test_closed_on_time_plus_extended():
    good = {"requests.closed": 5, "requests.closed.on_time": 4, "requests.closed.extended": 1}
    assert "sum_mismatch" not in rules(make_report("2014", 2015, good))
    bad = dict(good, **{"requests.closed": 6})
    assert [c.indicators[0] for c in findings(make_report("2014", 2015, bad), "sum_mismatch")] == ["requests.closed"]


ANSWERED = {
    "requests.answered.already_public": 1,
    "requests.answered.granted": 3,
    "requests.answered.partial": 1,
    "requests.answered.denied": 2,
    "requests.answered.not_this_agency": 1,
    "requests.answered.not_exist": 0,
    "requests.answered.correction": 0,
    "requests.answered.other_route": 1,
}
DENIED = {
    "requests.answered.denied.state_secret": 0,
    "requests.answered.denied.commercial_secret": 1,
    "requests.answered.denied.privacy": 0,
    "requests.answered.denied.security_stability": 0,
    "requests.answered.denied.not_government_info": 1,
    "requests.answered.denied.other_law": 0,
}


def test_answered_is_the_sum_of_items_1_to_8_and_denied_of_its_six_reasons():
    assert "sum_mismatch" not in rules(make_report("2014", 2017, {"requests.answered": 9, **ANSWERED, **DENIED}))
    bad = make_report("2014", 2017, {"requests.answered": 10, **ANSWERED, **dict(DENIED, **{"requests.answered.denied.privacy": 3})})
    assert sorted(c.indicators[0] for c in findings(bad, "sum_mismatch")) == ["requests.answered", "requests.answered.denied"]


def test_staff_review_and_litigation_totals():
    good = {
        "capacity.staff": 3,
        "capacity.staff.full_time": 1,
        "capacity.staff.part_time": 2,
        "review.total": 2,
        "review.upheld": 1,
        "review.corrected": 1,
        "review.other": 0,
        "litigation.total": 1,
        "litigation.upheld": 0,
        "litigation.corrected": 0,
        "litigation.other": 1,
    }
    assert "sum_mismatch" not in rules(make_report("2014", 2018, good))
    bad = dict(good, **{"capacity.staff": 4, "review.total": 0, "litigation.total": 2})
    assert sorted(c.indicators[0] for c in findings(make_report("2014", 2018, bad), "sum_mismatch")) == [
        "capacity.staff",
        "litigation.total",
        "review.total",
    ]


def test_an_of_which_row_larger_than_its_parent_is_an_error():
    assert "part_exceeds_whole" not in rules(
        make_report(
            "2014",
            2018,
            {"active.total": 10, "active.normative_published": 2, "response.press_conferences": 3, "response.press_conferences.leaders": 3},
        )
    )
    [c] = findings(
        make_report("2014", 2018, {"response.press_conferences": 1, "response.press_conferences.leaders": 2}), "part_exceeds_whole"
    )
    assert c.severity == "error" and c.values == {"response.press_conferences.leaders": 2, "response.press_conferences": 1}


# --- group rows and channels -----------------------------------------------------------------

RESPONSE_CHANNELS = {
    "response.press_conferences": 1,
    "response.online_interviews": 0,
    "response.interpretations": 3,
    "response.social_media_events": 5,
    "response.other_events": 2,
}


def test_a_group_row_written_as_the_sum_of_its_rows_or_left_blank_passes():
    assert "group_row_value" not in rules(make_report("2014", 2018, {"response.channels": 11, **RESPONSE_CHANNELS}))
    assert "group_row_value" not in rules(make_report("2014", 2018, RESPONSE_CHANNELS, blanks=["response.channels"]))


def test_a_group_row_written_as_0_over_nonzero_rows_is_an_error():
    [c] = findings(make_report("2014", 2018, {"response.channels": 0, **RESPONSE_CHANNELS}), "group_row_value")
    assert c.severity == "error"
    assert c.indicators[0] == "response.channels" and "11" in c.message


def test_a_group_row_repeating_its_total_passes():
    report = make_report("2014", 2018, {"active": 50, "active.total": 50, "active.channel.website": 50, "active.channel.gazette": 3})
    assert "group_row_value" not in rules(report)


def test_a_group_over_people_offices_and_money_is_not_summed():
    report = make_report(
        "2014", 2018, {"capacity": 0, "capacity.offices": 1, "capacity.reading_points": 1, "capacity.staff": 29, "capacity.budget": 0}
    )
    assert "group_row_value" not in rules(report)


def _rows_under(heading: str) -> tuple[set[str], set[str]]:
    """The value rows under a 2014 heading (a sub-heading's rows in its place) and the units they count in."""
    rows, units = set(), set()
    for ind in catalog.indicators().values():
        if ind.parent == heading and "2014" in ind.templates:
            if ind.kind == "header":
                rows |= _rows_under(ind.id)[0]
                units.add("件")  # a sub-group of counts
            else:
                rows.add(ind.id)
                units.add(ind.unit)
    return rows, units


def test_every_2014_heading_over_rows_of_one_kind_has_its_sum_in_identities_csv():
    """The heading rules are data (identities.csv, relation one_of): they stay in step with the indicator table's
    headings — one for each heading whose rows count things that add up (条, 件, 次, 篇), none over people, offices
    and money, and its last sum is exactly its rows."""
    additive = {u.unit for u in catalog.units().values() if u.additive}
    rules_by_heading = {r.left[0][0]: r for r in catalog.identities("2014", expectations=True) if r.relation == "one_of"}
    for ind in catalog.indicators().values():
        if ind.kind != "header" or "2014" not in ind.templates:
            continue
        rows, units = _rows_under(ind.id)
        if len(units) <= 1 or units <= additive:
            assert ind.id in rules_by_heading, f"identities.csv has no heading rule for {ind.id}"
            assert {i for i, _ in rules_by_heading[ind.id].alternatives[-1]} == rows, ind.id
        else:
            assert ind.id not in rules_by_heading, f"{ind.id} heads rows of different kinds ({units}): not a sum"


CHANNELS = {
    "active.channel.gazette": 13,
    "active.channel.website": 98,
    "active.channel.weibo": 32,
    "active.channel.wechat": 122,
    "active.channel.other": 0,
}


def test_channels_above_the_total_is_an_info_note_not_an_error():
    report = make_report("2014", 2018, {"active.total": 236, **CHANNELS})
    [c] = findings(report, "channel_overlap")
    assert c.severity == "info"
    assert "265" in c.message and "236" in c.message
    assert not rules(report, "error")


def test_channels_equal_to_the_total_raise_nothing_and_below_it_a_warning():
    assert not {"channel_overlap", "channel_shortfall"} & set(rules(make_report("2014", 2018, {"active.total": 265, **CHANNELS})))
    [c] = findings(make_report("2014", 2018, {"active.total": 300, **CHANNELS}), "channel_shortfall")
    assert c.severity == "warning"


# --- 2019/2021 table 三 and 四 ----------------------------------------------------------------


def table3(received=None, carried_over=None, granted=None, unable=None, carried_forward=None, total_blank=False):
    """A small 2021 table 三: natural and commercial applicants, two outcome rows, all others 0."""
    received = received or {"natural": 5, "commercial": 2}
    carried_over = carried_over or {"natural": 1, "commercial": 0}
    granted = granted or {"natural": 4, "commercial": 1}
    unable = unable or {"natural": 1, "commercial": 1}
    carried_forward = carried_forward or {"natural": 1, "commercial": 0}
    rows = {
        "requests.received": received,
        "requests.carried_over": carried_over,
        "requests.outcome.granted": granted,
        "requests.outcome.unable.not_held": unable,
        "requests.carried_forward": carried_forward,
    }
    values, blanks = {}, []
    outcome_total = {c: granted.get(c, 0) + unable.get(c, 0) for c in APPLICANTS[:-1]}
    rows["requests.outcome.total"] = outcome_total
    for row, cols in rows.items():
        for col in APPLICANTS[:-1]:
            values[f"{row}|{col}"] = cols.get(col, 0)
        if total_blank and row != "requests.received":
            blanks.append(f"{row}|total")
        else:
            values[f"{row}|total"] = sum(cols.get(c, 0) for c in APPLICANTS[:-1])
    return values, blanks


def test_a_balanced_table_3_passes():
    values, blanks = table3()
    assert rules(make_report("2021", 2022, values, blanks), "error") == []


def test_received_plus_carried_over_must_equal_handled_plus_carried_forward_per_column():
    values, blanks = table3(carried_forward={"natural": 2, "commercial": 0})
    checks = findings(make_report("2021", 2022, values, blanks), "request_balance")
    assert {c.severity for c in checks} == {"error"}
    columns = {k.partition("|")[2] or "total" for c in checks for k in c.values}
    assert columns == {"natural", "total"}


def test_outcome_total_must_equal_the_sum_of_outcome_rows():
    values, blanks = table3()
    values["requests.outcome.total|natural"] = 6
    checks = findings(make_report("2021", 2022, values, blanks), "sum_mismatch")
    assert any(c.indicators[0] == "requests.outcome.total" and "requests.outcome.total|natural" in c.values for c in checks)


def test_the_total_column_must_equal_the_six_applicant_columns():
    values, blanks = table3()
    values["requests.outcome.granted|total"] = 7
    checks = findings(make_report("2021", 2022, values, blanks), "sum_mismatch")
    flagged = [c.indicators for c in checks if c.values.get("requests.outcome.granted") == 7]
    # the row's 总计 against its columns, and the 总计 column's outcomes against their total (5 ≠ 7 + 0)
    assert sorted(flagged) == [
        ["requests.outcome.granted"],
        ["requests.outcome.total", "requests.outcome.granted", "requests.outcome.unable.not_held"],
    ]


def test_a_blank_total_column_is_flagged_and_never_summed_as_zero():
    values, blanks = table3(total_blank=True)
    report = make_report("2021", 2022, values, blanks)
    [c] = findings(report, "blank_total_column")
    assert c.severity == "warning"
    assert "requests.outcome.total" in c.indicators and "requests.received" not in c.indicators
    assert rules(report, "error") == []
    values, blanks = table3()
    assert "blank_total_column" not in rules(make_report("2021", 2022, values, blanks))


def test_each_table_4_block_total_is_the_sum_of_its_four_results():
    good = {
        "review.upheld": 1,
        "review.corrected": 1,
        "review.other": 0,
        "review.pending": 0,
        "review.total": 2,
        "litigation.direct.upheld": 1,
        "litigation.direct.corrected": 0,
        "litigation.direct.other": 0,
        "litigation.direct.pending": 0,
        "litigation.direct.total": 1,
        "litigation.after_review.upheld": 2,
        "litigation.after_review.corrected": 0,
        "litigation.after_review.other": 1,
        "litigation.after_review.pending": 0,
        "litigation.after_review.total": 3,
    }
    assert "sum_mismatch" not in rules(make_report("2019", 2020, good))
    bad = dict(good, **{"review.total": 3, "litigation.after_review.total": 2})
    assert sorted(c.indicators[0] for c in findings(make_report("2019", 2020, bad), "sum_mismatch")) == [
        "litigation.after_review.total",
        "review.total",
    ]


def test_a_heading_over_a_total_written_as_0_is_compared_with_that_total():
    report = make_report("2014", 2018, {"active": 0, "active.total": 50, "active.channel.website": 50, "active.channel.gazette": 3})
    [c] = findings(report, "group_row_value")
    assert c.severity == "error"
    assert "50" in c.message and "53" not in c.message and "103" not in c.message
