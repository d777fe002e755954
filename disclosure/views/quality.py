"""数据质量: a report's completeness against its template, findings counted by rule and severity, the ranking."""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd

from .. import agencies, pipeline
from ..store import report_from_rows

SEVERITIES = ("error", "warning", "info")


def completeness(header: pd.Series, facts: pd.DataFrame) -> dict:
    """The report card's counts (expected, reported, blank, na, absent, unreadable, share_reported) of one stored report:
    `header` a `report_header` row, `facts` its `report_facts` rows."""
    return pipeline.completeness_counts(report_from_rows(header, facts, unit_column="unit_written"))


def rule_stack(by_rule: pd.DataFrame) -> tuple[list[str], dict[str, list]]:
    """Rule titles ordered by their findings (largest last, so on top of a horizontal bar chart) and per
    severity the counts in that order (None where a rule has no finding of that severity)."""
    order = by_rule.groupby("title", sort=False)["findings"].sum().sort_values().index.tolist()
    stacks = {}
    for severity in SEVERITIES:
        part = by_rule[by_rule["severity"] == severity].set_index("title").reindex(order)
        if part["findings"].notna().any():
            stacks[severity] = [None if pd.isna(v) else int(v) for v in part["findings"]]
    return order, stacks


def card_links(ranking: pd.DataFrame, page: str = "quality") -> list[str]:
    """A link to each ranked report's card on this page."""
    return [f"{page}?" + urlencode({"agency": agencies.url_id(a), "year": int(y)}) for a, y in zip(ranking["agency"], ranking["year"])]


def ocr_figures(facts: pd.DataFrame, lowest: int = 5) -> tuple[int, pd.DataFrame]:
    """A report's figures read by OCR (`report_facts` rows with a confidence): how many, and the least sure first
    (indicator, applicant, value, raw, confidence). (0, empty) for a report read from text."""
    if facts.empty or "confidence" not in facts:
        return 0, pd.DataFrame(columns=["indicator", "applicant", "value", "raw", "confidence"])
    read = facts[facts["confidence"].notna()]
    return len(read), read.sort_values("confidence", kind="stable")[["indicator", "applicant", "value", "raw", "confidence"]].head(lowest)
