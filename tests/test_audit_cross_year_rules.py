"""Carry-over and documents-in-force chains between one agency's consecutive reports."""

from disclosure.audit import audit_report
from disclosure.model import Fact, Report, Source


def make_report(template: str, year: int, values: dict) -> Report:
    facts = [Fact(k.partition("|")[0], k.partition("|")[2] or "total", v, str(v), "reported") for k, v in values.items()]
    return Report("测试局", year, template, Source("t.txt", "txt", ""), facts)


def findings(report, previous, rule):
    return [c for c in audit_report(report, previous) if c.rule == rule]


def test_carried_over_equal_to_last_years_carried_forward_passes():
    previous = make_report("2021", 2022, {"requests.carried_forward|natural": 3, "requests.carried_forward|total": 3})
    current = make_report("2021", 2023, {"requests.carried_over|natural": 3, "requests.carried_over|total": 3})
    assert findings(current, previous, "carryover_break") == []


def test_carried_over_differing_from_last_years_carried_forward_is_a_warning_per_column():
    previous = make_report(
        "2019", 2020, {"requests.carried_forward|natural": 3, "requests.carried_forward|legal": 1, "requests.carried_forward|total": 4}
    )
    current = make_report(
        "2021", 2021, {"requests.carried_over|natural": 3, "requests.carried_over|legal": 0, "requests.carried_over|total": 3}
    )
    [c] = findings(current, previous, "carryover_break")
    assert c.severity == "warning"
    assert c.values == {
        "requests.carried_over|legal": 0,
        "2020:requests.carried_forward|legal": 1,
        "requests.carried_over": 3,
        "2020:requests.carried_forward": 4,
    }


def test_no_carryover_check_without_the_previous_year_or_across_the_2014_break():
    current = make_report("2019", 2019, {"requests.carried_over|total": 5})
    assert findings(current, None, "carryover_break") == []
    previous_2014 = make_report("2014", 2018, {"requests.received": 2})
    assert findings(current, previous_2014, "carryover_break") == []


def test_documents_in_force_follow_last_year_plus_issued_minus_repealed():
    previous = make_report("2021", 2022, {"art20.normative.in_force": 8, "art20.rules.in_force": 2})
    current = make_report(
        "2021",
        2023,
        {
            "art20.normative.in_force": 10,
            "art20.normative.issued": 3,
            "art20.normative.repealed": 1,
            "art20.rules.in_force": 2,
            "art20.rules.issued": 0,
            "art20.rules.repealed": 0,
        },
    )
    assert findings(current, previous, "in_force_break") == []


def test_documents_in_force_that_do_not_follow_are_a_warning():
    previous = make_report("2021", 2022, {"art20.normative.in_force": 8})
    current = make_report("2021", 2023, {"art20.normative.in_force": 8, "art20.normative.issued": 3, "art20.normative.repealed": 0})
    [c] = findings(current, previous, "in_force_break")
    assert c.severity == "warning"
    assert c.indicators[0] == "art20.normative.in_force" and "11" in c.message


def test_in_force_chain_needs_both_years_on_the_2021_template():
    previous = make_report("2019", 2020, {"art20.normative.total_published": 8})
    current = make_report("2021", 2021, {"art20.normative.in_force": 1, "art20.normative.issued": 3, "art20.normative.repealed": 0})
    assert findings(current, previous, "in_force_break") == []
