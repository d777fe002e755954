"""The audit: rules that every correct report satisfies (spec §5), each finding a `Check`.

`audit_report(report)` runs the single-report rules; given the same agency's report for the year
before, it adds the cross-year ones. `RULES` describes every rule for the quality page;
`completeness(report)` gives the report card's counts.

`Check.values` keys: an indicator id for a total-column cell, `indicator|applicant` for an applicant
column of table 三, `YYYY:indicator` for a figure from the previous year's report; narrative findings
add `narrative_value` (the figure the text states, in the indicator's unit), copied-narrative findings
`similarity` and `previous_year`, blank-total findings `blank_rows`, completeness findings the counts. A blank cell is never a value here.
"""

from __future__ import annotations

from ..model import Check, Report
from .completeness import check_completeness, check_template_age, completeness, expected_cells
from .history import check_carryover, check_in_force
from .narrative import (
    COPIED_SIMILARITY,
    NarrativeFigure,
    check_copied,
    check_narrative,
    narrative_figures,
    narrative_similarity,
    sentences,
)
from .parts import check_parts, check_period, find_parts, parts_for, stated_periods
from .plausibility import check_plausible
from .rules import RULES, RULES_BY_ID, Rule
from .table_rules import check_tables

__all__ = [
    "audit_report",
    "RULES",
    "RULES_BY_ID",
    "Rule",
    "completeness",
    "expected_cells",
    "narrative_figures",
    "narrative_similarity",
    "sentences",
    "NarrativeFigure",
    "COPIED_SIMILARITY",
    "find_parts",
    "parts_for",
    "stated_periods",
]


def audit_report(report: Report, previous: Report | None = None) -> list[Check]:
    checks = check_tables(report)
    checks += check_narrative(report)
    checks += check_template_age(report)
    checks += check_completeness(report)
    checks += check_plausible(report)
    checks += check_parts(report)
    checks += check_period(report)
    if previous is not None and previous.year == report.year - 1:
        checks += check_carryover(report, previous)
        checks += check_in_force(report, previous)
        checks += check_copied(report, previous)
    return checks
