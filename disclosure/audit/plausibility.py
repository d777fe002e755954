"""Figures no real table holds: negative counts, counts above ten million, numbers with absurdly many digits.

A number with more digits than settings.MAX_VALUE_DIGITS is never stored as a value (values.parse_number
refuses it); the cell's raw text is kept, and this rule names it.
"""

from __future__ import annotations

import re

from .. import settings
from ..catalog import label_of, words
from ..formats import format_value
from ..model import Check, Report
from .rules import finding

_DIGITS = re.compile(r"\d")


def check_plausible(report: Report) -> list[Check]:
    checks: list[Check] = []
    for f in report.facts:
        key = f.indicator if f.applicant == "total" else f"{f.indicator}|{f.applicant}"
        digits = len(_DIGITS.findall(f.raw or ""))
        if f.value is None and digits > settings.MAX_VALUE_DIGITS:
            shown = (f.raw[:24] + "…") if len(f.raw) > 24 else f.raw
            checks.append(
                finding(
                    "implausible_value",
                    words("finding_implausible_digits", row=label_of(f.indicator), raw=shown, digits=digits),
                    [f.indicator],
                    {key: None},
                    severity="error",
                )
            )
        elif isinstance(f.value, (int, float)) and (f.value < 0 or f.value > settings.PLAUSIBLE_MAX_COUNT):
            checks.append(
                finding(
                    "implausible_value",
                    words(
                        "finding_implausible_negative" if f.value < 0 else "finding_implausible_too_large",
                        row=label_of(f.indicator),
                        value=format_value(f.value, f.indicator),
                    ),
                    [f.indicator],
                    {key: f.value},
                )
            )
    return checks
