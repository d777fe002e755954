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


def new_agencies(frame: pd.DataFrame) -> pd.DataFrame:
    """The store's real agencies the registry has not confirmed: learned from a document's printed name, with the
    region, level and government inferred from it (`agencies` query rows: agency, is_sample, years). One row each, in
    the columns of catalog/agencies.csv a person fills in to confirm it, plus the years and reports it has."""
    names = frame["agency"].tolist()
    rows = []
    for name, is_sample, years in zip(frame["agency"], frame["is_sample"], frame["years"]):
        agency = agencies.registered(name)
        if agency.confirmed or is_sample:
            continue
        government = agencies.government_of(name, names)
        rows.append(
            {
                "name_zh": agency.name_zh,
                "region": agency.region,
                "level": agency.level,
                "government": government.name_zh if government is not None and government.name_zh != agency.name_zh else "",
                "first_report": int(min(years)),
                "last_report": int(max(years)),
                "reports": len(years),
            }
        )
    return pd.DataFrame(rows, columns=["name_zh", "region", "level", "government", "first_report", "last_report", "reports"])


def agency_table_rows(new: pd.DataFrame) -> str:
    """The new agencies as rows of catalog/agencies.csv (CSV text): the id and English name are left for the person
    who confirms them, lifetimes blank (unknown until the documents say)."""
    with agencies.PATH.open(encoding="utf-8") as fh:
        columns = fh.readline().strip().split(",")
    table = pd.DataFrame({c: [""] * len(new) for c in columns})
    for c in ("name_zh", "region", "level"):
        table[c] = new[c].tolist()
    return table.to_csv(index=False)
