"""总览: one agency-year's key figures with the change on the year before (only against a report on the same headline set)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..headline import HEADLINES, headline_value


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    current: float | None
    previous: float | None  # None: no report the year before, or one on another headline set (no arrows across 2018→2019)

    @property
    def delta(self) -> float | None:
        return None if self.current is None or self.previous is None else self.current - self.previous


def headline_cards(values: pd.DataFrame, template: str, year: int, lang: str) -> list[Card]:
    """`values`: the `headline_values` query (year, template, indicator, value) for this year and the one before."""
    by_year = {int(y): dict(zip(g["indicator"], g["value"].where(g["value"].notna(), None))) for y, g in values.groupby("year")}
    before = values.loc[values["year"] == year - 1, "template"]
    prev_template = before.iloc[0] if not before.empty else None
    comparable = prev_template is not None and HEADLINES.get(prev_template) is HEADLINES[template]
    return [
        Card(
            h.key,
            h.en if lang == "en" else h.zh,
            headline_value(by_year.get(year, {}), h),
            headline_value(by_year.get(year - 1, {}), h) if comparable else None,
        )
        for h in HEADLINES[template]
    ]
