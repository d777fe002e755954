"""How much of its template a report filled in, and whether the template fits the year."""

from __future__ import annotations

from ..catalog import indicators
from ..model import APPLICANT_TEMPLATES, APPLICANTS, Check, Report
from .facts import FactView
from .rules import finding
from .table_rules import outcome_rows

# the rows every local form seen has (spec §1c); the rest vary by province and year
LOCAL_CORE_ROWS = ("active.total", "requests.received", "requests.answered", "review.total", "litigation.total")
# rows that only the 2019 layout has (第二十条 新制作/新公开/对外公开总数量, 上一年项目数量, 第（九）项 采购)
_LAYOUT_2019_ONLY = [i.id for i in indicators().values() if i.templates == ("2019",)]


def expected_cells(report: Report) -> list[tuple[str, str]]:
    """(indicator, applicant) cells the report's template asks for. Group headings are not asked for
    (their value is optional), and a 2021 report may keep the single 其他处理 row instead of three."""
    view = FactView(report)
    outcomes = set(outcome_rows(view)) if report.template in APPLICANT_TEMPLATES else set()
    cells = []
    for ind in indicators().values():
        if report.template not in ind.templates or ind.kind != "value":
            continue
        if report.template == "local" and ind.id not in LOCAL_CORE_ROWS:
            continue  # local forms differ from province to province: only their shared core is asked for
        if ind.id.startswith("requests.outcome.other") and ind.id not in outcomes:
            continue
        for col in APPLICANTS if ind.by_applicant and report.template in APPLICANT_TEMPLATES else ("total",):
            cells.append((ind.id, col))
    return cells


def completeness(report: Report) -> dict:
    """Counts for the report card: of the cells the template asks for, how many are reported,
    blank, n/a (——) or absent (the row is missing). Blank and absent are never counted as zero."""
    view = FactView(report)
    counts = {"reported": 0, "blank": 0, "na": 0, "absent": 0, "unreadable": 0}
    missing: dict[str, list[str]] = {"blank": [], "na": [], "absent": [], "unreadable": []}
    for ind, col in expected_cells(report):
        fact = view.fact(ind, col)
        status = "absent" if fact is None else fact.status if fact.status in counts else "unreadable"
        if status == "reported" and fact.value is None:
            status = "blank"
        counts[status] += 1
        if status != "reported":
            missing[status].append(ind if col == "total" else f"{ind}|{col}")
    expected = sum(counts.values())
    return {
        "template": report.template,
        "expected": expected,
        **counts,
        "share_reported": round(counts["reported"] / expected, 4) if expected else 0.0,
        "cells": missing,
    }


def check_completeness(report: Report) -> list[Check]:
    c = completeness(report)
    if c["expected"] == 0 or c["reported"] == c["expected"]:
        return []  # a fully filled table is not a finding; completeness() still says so for the card
    unfilled = [k for status in ("blank", "na", "absent", "unreadable") for k in c["cells"][status]]
    return [
        finding(
            "completeness",
            f"模板应填 {c['expected']} 格：已填 {c['reported']}，空白 {c['blank']}，不适用 {c['na']}，缺行 {c['absent']}"
            + (f"，无法识别 {c['unreadable']}" if c["unreadable"] else ""),
            f"Of {c['expected']} cells the template asks for: {c['reported']} reported, {c['blank']} blank, "
            f"{c['na']} n/a, {c['absent']} missing" + (f", {c['unreadable']} unreadable" if c["unreadable"] else ""),
            sorted({k.split("|")[0] for k in unfilled}),
            {k: c[k] for k in ("expected", "reported", "blank", "na", "absent", "unreadable")},
        )
    ]


def check_template_age(report: Report) -> list[Check]:
    if report.template == "2014" and report.year >= 2019:
        return [
            finding(
                "template_outdated",
                f"{report.year} 年度报告仍使用 2014 年统计表（2019 年起应使用新条例下的报告格式）",
                f"A {report.year} report on the 2014 table (the 2019 format applies from 2019)",
                [],
                {"year": report.year, "template": report.template},
            )
        ]
    if report.template == "2019" and report.year >= 2021:
        # a 2021+ report that only keeps the single 其他处理 row is on the 2021 form; the 2019 layout
        # shows in 第二十条's 2019-only columns and 第（九）项
        old_rows = [i for i in _LAYOUT_2019_ONLY if FactView(report).has(i)]
        if old_rows:
            return [
                finding(
                    "template_outdated",
                    f"{report.year} 年度报告的第二十条表仍为 2019 年格式（含新公开数量、对外公开总数量或第（九）项政府集中采购等），"
                    "2021 年起应使用 2021 年格式",
                    f"A {report.year} report whose article 20 table keeps the 2019 layout (columns such as newly "
                    "published / total published, or item (9) procurement); the 2021 format applies from 2021",
                    old_rows,
                    {"year": report.year, "template": report.template},
                )
            ]
    return []
