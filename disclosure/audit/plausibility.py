"""Figures no real table holds: negative counts, counts above ten million, numbers with absurdly many digits.

A number with more digits than settings.MAX_VALUE_DIGITS is never stored as a value (values.parse_number
refuses it); the cell's raw text is kept, and this rule names it.
"""

from __future__ import annotations

import re

from .. import settings
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
                    f"{f.indicator}：数值“{shown}”有 {digits} 位数字，不作为数值入库",
                    f"{f.indicator}: '{shown}' has {digits} digits; not stored as a number",
                    [f.indicator],
                    {key: None},
                    severity="error",
                )
            )
        elif isinstance(f.value, (int, float)) and (f.value < 0 or f.value > settings.PLAUSIBLE_MAX_COUNT):
            what_zh, what_en = ("为负数", "is negative") if f.value < 0 else ("超过一千万", "is above ten million")
            checks.append(
                finding(
                    "implausible_value",
                    f"{f.indicator}：数值 {format_value(f.value, f.indicator)} {what_zh}",
                    f"{f.indicator}: {format_value(f.value, f.indicator)} {what_en}",
                    [f.indicator],
                    {key: f.value},
                )
            )
    return checks
