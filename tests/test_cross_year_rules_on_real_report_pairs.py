"""The cross-year rules on pairs of real consecutive reports: where the documents agree, no finding; where they really
disagree, a finding with the printed figures and the previous report's year. The disagreements are the documents'
own (checked by hand against the text):
- 三明市人民政府 2021 → 2022: 行政规范性文件 现行有效 3258 (2021, sanming-shi-2021.txt, the row 行政规范性文件 507 / 149 /
  3258), then 本年制发 487, 本年废止 137, 现行有效 2545 (2022): 3258 + 487 − 137 = 3608 ≠ 2545.
- 三明市人民政府 2022 → 2023: 2545 + 460 − 1672 = 1333 ≠ 2787 (sanming-shi-2023.txt prints 460 / 1672 / 2787).
(莆田市城市管理局 2024 is not one: putian-ptcg-2024.txt prints two of the row's three cells, 4 and 16, and the reader
leaves the third out and names it rather than guess it.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure.audit import audit_report
from disclosure.parse import parse_file

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def pair(previous: str, current: str):
    return parse_file(next(REPORTS.rglob(previous))), parse_file(next(REPORTS.rglob(current)))


def rule_findings(previous: str, current: str, rule: str):
    before, now = pair(previous, current)
    assert now.agency == before.agency and now.year == before.year + 1
    return [c for c in audit_report(now, before) if c.rule == rule]


@pytest.mark.parametrize(
    "previous, current",
    [
        ("putian-ptsjj-2021.txt", "putian-ptsjj-2022.txt"),  # 32 + 0 − 17 = 15
        ("putian-ptsjj-2022.txt", "putian-ptsjj-2023.txt"),  # 15 + 0 − 15 = 0
        ("putian-ptkjj-2022.txt", "putian-ptkjj-2023.txt"),  # 11 + 2 − 7 = 6
        ("putian-ptkjj-2023.txt", "putian-ptkjj-2024.txt"),  # 6 + 1 − 0 = 7
    ],
)
def test_documents_in_force_that_follow_last_years_report_give_no_finding(previous, current):
    assert rule_findings(previous, current, "in_force_break") == []


@pytest.mark.parametrize(
    "previous, current, figures",
    [
        ("sanming-shi-2021.txt", "sanming-shi-2022.txt", (2545, 3258, 487, 137, 3608)),
        ("sanming-shi-2022.txt", "sanming-shi-2023.txt", (2787, 2545, 460, 1672, 1333)),
    ],
)
def test_documents_in_force_that_do_not_follow_are_found_with_the_printed_figures(previous, current, figures):
    [finding] = rule_findings(previous, current, "in_force_break")
    in_force, prev_in_force, issued, repealed, expected = figures
    year = int(previous.rsplit("-", 1)[1][:4])
    assert finding.values == {
        "art20.normative.in_force": in_force,
        f"{year}:art20.normative.in_force": prev_in_force,
        "art20.normative.issued": issued,
        "art20.normative.repealed": repealed,
    }
    assert f"{expected:,}" in finding.message and f"{expected:,}" in finding.message_en


@pytest.mark.parametrize(
    "previous, current, carried",
    [
        ("sanming-shi-2022.txt", "sanming-shi-2023.txt", 1),  # 结转下年度继续办理 1 → 上年结转 1
        ("pingtan-shiyanqu-2021.txt", "pingtan-shiyanqu-2022.txt", 1),
        ("putian-ptstjj-2023.txt", "putian-ptstjj-2024.txt", 0),
    ],
)
def test_requests_carried_over_match_last_years_carried_forward(previous, current, carried):
    before, now = pair(previous, current)
    assert before.value("requests.carried_forward") == carried == now.value("requests.carried_over")
    assert [c for c in audit_report(now, before) if c.rule == "carryover_break"] == []
