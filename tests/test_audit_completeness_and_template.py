"""Completeness counts (blank vs zero vs n/a vs absent), the template-age rule, and the rule list."""

import pytest

from disclosure.audit import RULES, RULES_BY_ID, audit_report, completeness, expected_cells
from disclosure.catalog import for_template
from disclosure.model import Fact, Report, Source


def make_report(template: str, year: int, values: dict, blanks=(), nas=()) -> Report:
    facts = [Fact(k.partition("|")[0], k.partition("|")[2] or "total", v, str(v), "reported") for k, v in values.items()]
    facts += [Fact(k.partition("|")[0], k.partition("|")[2] or "total", None, "", "blank") for k in blanks]
    facts += [Fact(k.partition("|")[0], k.partition("|")[2] or "total", None, "——", "na") for k in nas]
    return Report("测试局", year, template, Source("t.txt", "txt", ""), facts)


def full_2014() -> dict:
    return {i.id: 0 for i in for_template("2014") if i.kind == "value"}


def test_a_fully_filled_2014_table_is_complete_and_raises_no_completeness_finding():
    report = make_report("2014", 2016, full_2014())
    c = completeness(report)
    assert c["expected"] == c["reported"] == len(full_2014())
    assert (c["blank"], c["na"], c["absent"], c["share_reported"]) == (0, 0, 0, 1.0)
    assert not [x for x in audit_report(report) if x.rule == "completeness"]


def test_blank_na_and_absent_cells_are_counted_apart_never_as_zero():
    values = full_2014()
    del values["active.channel.wechat"]  # the row is missing (older forms)
    del values["requests.fees"]
    del values["capacity.budget"]
    report = make_report("2014", 2015, values, blanks=["requests.fees"], nas=["capacity.budget"])
    c = completeness(report)
    assert (c["reported"], c["blank"], c["na"], c["absent"]) == (len(values), 1, 1, 1)
    assert c["cells"] == {"blank": ["requests.fees"], "na": ["capacity.budget"], "absent": ["active.channel.wechat"], "unreadable": []}
    [finding] = [x for x in audit_report(report) if x.rule == "completeness"]
    assert finding.severity == "info"
    assert finding.values["blank"] == 1 and finding.values["absent"] == 1
    assert set(finding.indicators) == {"requests.fees", "capacity.budget", "active.channel.wechat"}


def test_a_2021_report_may_keep_the_single_other_outcome_row():
    single = make_report("2021", 2024, {"requests.outcome.other|total": 0})
    cells = set(expected_cells(single))
    assert ("requests.outcome.other", "natural") in cells
    assert ("requests.outcome.other.misc", "natural") not in cells
    split = make_report("2021", 2024, {"requests.outcome.other.misc|total": 0})
    cells = set(expected_cells(split))
    assert ("requests.outcome.other", "natural") not in cells
    assert ("requests.outcome.other.no_fee", "total") in cells


@pytest.mark.parametrize("template,year", [("2014", 2018), ("2019", 2019), ("2019", 2020), ("2021", 2021), ("2021", 2024)])
def test_a_template_in_force_for_its_year_is_not_outdated(template, year):
    assert not [c for c in audit_report(make_report(template, year, {"review.total": 0})) if c.rule == "template_outdated"]


def test_a_2019_year_on_the_2014_table_is_outdated():
    [c] = [c for c in audit_report(make_report("2014", 2019, {"review.total": 0})) if c.rule == "template_outdated"]
    assert c.severity == "warning" and c.values == {"year": 2019, "template": "2014"}


def test_a_2022_report_on_the_2019_layout_with_item_9_is_outdated():
    report = make_report("2019", 2022, {"art20.procurement.items": 4, "art20.rules.published": 0})
    [c] = [c for c in audit_report(report) if c.rule == "template_outdated"]
    assert set(c.indicators) == {"art20.procurement.items", "art20.rules.published"}


def test_a_2022_report_that_only_keeps_the_single_other_row_is_not_outdated():
    report = make_report("2019", 2022, {"requests.outcome.other|total": 0, "art20.rules.issued": 1})
    assert not [c for c in audit_report(report) if c.rule == "template_outdated"]


def test_every_rule_is_described_in_both_languages_and_every_finding_names_a_listed_rule():
    assert len(RULES) == len(RULES_BY_ID)
    for rule in RULES:
        assert rule.severity in ("error", "warning", "info")
        assert rule.title_zh and rule.title_en and rule.description_zh and rule.description_en
    report = make_report(
        "2014",
        2020,
        {"response.channels": 0, "response.interpretations": 3, "active.total": 1, "active.channel.website": 1, "active.channel.weibo": 1},
    )
    checks = audit_report(report)
    assert checks and all(c.rule in RULES_BY_ID and c.message and c.message_en for c in checks)
