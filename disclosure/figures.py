"""A report's figures: indicator → the figure its table gives — the 总计 cell, or the sum of the applicant columns when
总计 is blank (table 三 often leaves it so) — blank kept blank. The one place that rule is written (the crosswalk
and every view read it from here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from .model import APPLICANTS


def applicant_columns() -> tuple[str, ...]:
    return tuple(a for a in APPLICANTS if a != "total")


def figures_by(facts: pd.DataFrame, keys: list[str]) -> pd.Series:
    """The 总计 value per (keys…, indicator), falling back to the sum of the applicant columns when
    总计 is blank (table 三 often leaves it so); NaN where every cell is blank or n/a."""
    index = [*keys, "indicator"]
    value = facts["value"].where((facts["status"] == "reported") & facts["value"].notna())
    cells = facts[index].assign(
        total=value.where(facts["applicant"] == "total"),
        # the applicant columns of table 三, never a local form's 历年累计 (applicant "cumulative")
        parts=value.where(facts["applicant"].isin(applicant_columns())),
    )
    grouped = cells.groupby(index, sort=True)  # one pass: every row the reports have, blank ones included
    totals, sums = grouped["total"].first(), grouped["parts"].sum(min_count=1)
    return totals.fillna(sums).astype(float).rename("value")


def figures_per(facts: pd.DataFrame, keys: list[str]) -> dict[tuple, dict[str, float | None]]:
    """(keys…) → indicator → the figure (see figures_by), worked out in one pass over many reports' facts: a series
    of an agency's years reads its reports' figures from here, not one frame operation a year."""
    out: dict[tuple, dict[str, float | None]] = {}
    if facts.empty:
        return out
    for key, v in figures_by(facts, keys).items():
        out.setdefault(tuple(key[:-1]), {})[key[-1]] = None if v != v else float(v)
    return out


def report_figures(facts: pd.DataFrame) -> dict[str, float | None]:
    """indicator → the figure of one report (see figures_by); None for a blank/na row; absent rows are absent keys."""
    if facts.empty:
        return {}
    return {k: None if v != v else float(v) for k, v in figures_by(facts, []).items()}


def indicator_rows(figures: dict, ids: Iterable[str], name: Callable[[str], str], group: str | None = None) -> pd.DataFrame:
    """A tidy frame (indicator, label, value[, group]) of the rows the report has; absent rows are left out."""
    rows = [{"indicator": i, "label": name(i), "value": figures[i]} for i in ids if i in figures]
    frame = pd.DataFrame(rows, columns=["indicator", "label", "value"])
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    if group is not None:
        frame["group"] = group
    return frame


def table_cells(facts: pd.DataFrame) -> pd.DataFrame:
    """The table's own cells, without the figures read from the narrative (status from_text, shown apart)."""
    return facts[facts["status"] != "from_text"]


def text_cells(facts: pd.DataFrame) -> pd.DataFrame:
    return facts[facts["status"] == "from_text"]
