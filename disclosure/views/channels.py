"""公开渠道: proactive disclosure, responses and intake by channel (one-column tables), the channel figures the
narrative states, and an agency's channel history from table years to text years."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .. import catalog
from ..figures import indicator_rows


def channel_rows(figures: dict, section: str, name: Callable[[str], str]) -> pd.DataFrame:
    """The section's channel rows the report has (indicator, label, value, and the unit each counts in: 次 and 篇 are
    charted apart)."""
    rows = indicator_rows(figures, catalog.group(section), name)
    return rows.assign(unit=[catalog.get(i).unit for i in rows["indicator"]])


def missing_rows(figures: dict, section: str) -> list[str]:
    """The section's rows the report does not have at all (absent, not blank)."""
    return [i for i in catalog.group(section) if i not in figures]


def channel_sum(rows: pd.DataFrame) -> float | None:
    s = rows["value"].sum(min_count=1)
    return None if s != s else float(s)


def channel_total_finding(findings: pd.DataFrame) -> dict | None:
    """The audit's word on channels against 主动公开总数 (channel_overlap: normal; channel_shortfall: a gap):
    the page shows it and never decides it again."""
    if findings is None or findings.empty:
        return None
    hit = findings[findings["rule"].isin(["channel_overlap", "channel_shortfall"])]
    return None if hit.empty else hit.iloc[0].to_dict()


def text_figures(text_facts: pd.DataFrame, name: Callable[[str], str]) -> pd.DataFrame:
    """The figures the narrative states (label, value, unit as written, sentence, and the unit the catalog counts the
    row in: the chart's panels), marked 据正文 by their labels."""
    return pd.DataFrame(
        {
            "label": [name(i) for i in text_facts["indicator"]],
            "value": text_facts["value"].tolist(),
            "unit_written": text_facts["unit_written"].fillna("").tolist(),
            "sentence": text_facts["evidence"].fillna("").tolist(),
            "unit": [catalog.get(i).unit for i in text_facts["indicator"]],
        }
    )


def history_indicators() -> list[str]:
    pairs = catalog.text_table_pairs()
    return sorted(set(pairs) | set(pairs.values()))


def channel_history(history: pd.DataFrame) -> tuple[pd.DataFrame, int | None]:
    """The `channel_history` query's rows with the channel each figure counts (a text id and its table row share
    one), its source (table or text) and the unit the channel counts in (its table row's); and the first year the text
    takes over from a table, if it does."""
    pairs = catalog.text_table_pairs()
    channel_of = {**pairs, **{v: v for v in pairs.values()}}
    channels = history["indicator"].map(channel_of)
    out = history.assign(
        channel=channels,
        source=["text" if s == "from_text" else "table" for s in history["status"]],
        unit=[catalog.get(c).unit for c in channels],
    ).dropna(subset=["value"])
    table_years = out.loc[out["source"] == "table", "year"]
    text_years = out.loc[out["source"] == "text", "year"]
    later_text = text_years[text_years > table_years.max()] if not table_years.empty else text_years.iloc[0:0]
    return out, (int(later_text.min()) if not later_text.empty else None)
