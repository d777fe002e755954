"""How much of its template a report filled in, and whether the template fits the year."""

from __future__ import annotations

from .. import catalog
from ..catalog import both, indicators, words
from ..model import APPLICANTS, Check, Report
from .facts import FactView
from .rules import finding
from .table_rules import outcome_rows

# the rows every local form seen has (spec §1c); the rest vary by province and year
LOCAL_CORE_ROWS = ("active.total", "requests.received", "requests.answered", "review.total", "litigation.total")


def expected_cells(report: Report) -> list[tuple[str, str]]:
    """(indicator, applicant) cells the report's template asks for. Group headings are not asked for
    (their value is optional), and a 2021 report may keep the single 其他处理 row instead of three."""
    view = FactView(report)
    template = catalog.template(report.template)
    outcomes = set(outcome_rows(view)) if template.by_applicant else set()
    cells = []
    for ind in indicators().values():
        if report.template not in ind.templates or ind.kind != "value":
            continue
        if not template.national and ind.id not in LOCAL_CORE_ROWS:
            continue  # local forms differ from province to province: only their shared core is asked for
        if ind.id.startswith("requests.outcome.other") and ind.id not in outcomes:
            continue
        for col in APPLICANTS if ind.by_applicant and template.by_applicant else ("total",):
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
            words(
                "finding_completeness",
                expected=c["expected"],
                reported=c["reported"],
                blank=c["blank"],
                na=c["na"],
                absent=c["absent"],
                unreadable=words("finding_completeness_unreadable", n=c["unreadable"]).both() if c["unreadable"] else "",
            ),
            sorted({k.split("|")[0] for k in unfilled}),
            {k: c[k] for k in ("expected", "reported", "blank", "na", "absent", "unreadable")},
        )
    ]


def check_template_age(report: Report) -> list[Check]:
    """A national table used after its years in force (templates.csv). Within one family (2019 → 2021) the
    newer form is told apart only by rows the older one has and it lacks (第二十条's 2019-only columns,
    第（九）项): a 2021+ report that merely keeps the single 其他处理 row is on the 2021 form."""
    used = catalog.template(report.template)
    if not used.national or used.in_force(report.year) or (used.last_year is not None and report.year < used.last_year):
        return []
    due = next((t for t in catalog.templates() if t.national and t.in_force(report.year)), None)
    if due is None:
        return []
    old_rows: list[str] = []
    if due.family == used.family:
        old_rows = [
            i.id for i in indicators().values() if used.id in i.templates and due.id not in i.templates and FactView(report).has(i.id)
        ]
        if not old_rows:
            return []
    return [
        finding(
            "template_outdated",
            words(
                "finding_template_outdated",
                year=report.year,
                used=both(used.name("zh"), used.name("en")),
                due=both(due.name("zh"), due.name("en")),
                from_year=due.first_year,
            ),
            old_rows,
            {"year": report.year, "template": report.template},
        )
    ]
