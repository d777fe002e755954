"""A report's figures: indicator → the figure its table gives, blank kept blank."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from ..model import APPLICANTS


def applicant_columns() -> tuple[str, ...]:
    return tuple(a for a in APPLICANTS if a != "total")


def figures_by(facts: pd.DataFrame, keys: list[str]) -> pd.Series:
    """The 总计 value per (keys…, indicator), falling back to the sum of the applicant columns when
    总计 is blank (table 三 often leaves it so); NaN where every cell is blank or n/a."""
    index = [*keys, "indicator"]
    reported = facts[(facts["status"] == "reported") & facts["value"].notna()]
    is_total = reported["applicant"] == "total"
    totals = reported[is_total].groupby(index)["value"].first()
    sums = reported[~is_total].groupby(index)["value"].sum()
    present = facts.groupby(index).size().index
    return totals.combine_first(sums).reindex(present)


def report_figures(facts: pd.DataFrame) -> dict[str, float | None]:
    """indicator → value of one report (see values_by); None for a blank/na cell; absent rows are absent keys.
    A plain loop: one report has a few hundred facts, where pandas' groupby overhead dominates."""
    totals: dict[str, float | None] = {}
    sums: dict[str, float] = {}
    for indicator, applicant, value, status in zip(facts["indicator"], facts["applicant"], facts["value"], facts["status"]):
        reported = status == "reported" and value is not None and value == value
        if applicant == "total":
            totals[indicator] = float(value) if reported else totals.get(indicator)
        else:
            totals.setdefault(indicator, None)
            if reported:
                sums[indicator] = sums.get(indicator, 0.0) + float(value)
    return {k: v if v is not None else sums.get(k) for k, v in totals.items()}


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
