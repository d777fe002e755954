"""单位年报: one agency-year's key figures and rates (catalog), each with its change on the year before — only
against a report of the same template family (no arrows across 2018 → 2019: "口径不同" instead)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import catalog
from ..headline import HEADLINES, all_indicators, family, headline_value
from .scope import agency_figures, headline_unit


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    current: float | None
    previous: float | None  # None: no report the year before, one on another family, or a blank figure there
    change: str = "no_previous"  # compared | not_comparable | no_previous
    direction: str = "neutral"
    unit: str = "件"  # the catalog's unit (scope.headline_unit), a rate's own
    help: str | None = None  # a rate's definition

    @property
    def delta(self) -> float | None:
        return None if self.current is None or self.previous is None else self.current - self.previous


def previous_template(reports: pd.DataFrame, year: int) -> str | None:
    """The template of the agency's report the year before (`reports`: its scope_reports rows); None: no report."""
    before = reports.loc[reports["year"] == year - 1, "template"]
    return before.iloc[0] if not before.empty else None


def change_state(template: str, previous_template: str | None) -> str:
    if previous_template is None:
        return "no_previous"
    return "compared" if family(previous_template) == family(template) else "not_comparable"


def headline_cards(values: pd.DataFrame, template: str, year: int, lang: str, previous_template: str | None = None) -> list[Card]:
    """`values`: the report's facts for this year and the one before (scope_facts over `report_indicators()`: every
    column, read by the figures rule — 总计, else the applicant columns' sum), or its figures as (year, template,
    indicator, value); `previous_template`: the template of the agency's report the year before (None: no report),
    else read from `values`."""
    by_year = _figures_by_year(values)
    if previous_template is None:
        before = values.loc[values["year"] == year - 1, "template"]
        previous_template = before.iloc[0] if not before.empty else None
    change = change_state(template, previous_template)
    return [
        Card(
            h.key,
            h.label(lang),
            headline_value(by_year.get(year, {}), h),
            headline_value(by_year.get(year - 1, {}), h) if change == "compared" else None,
            change,
            h.direction,
            headline_unit(h),
        )
        for h in HEADLINES[template]
    ]


def _figures_by_year(values: pd.DataFrame) -> dict[int, dict[str, float | None]]:
    if "applicant" in values.columns:  # facts: figures.figures_by's rule, as 依申请公开 and the rates read them
        return {y: figures for (_, y), figures in agency_figures(values).items()}
    return {int(y): {i: None if v != v else float(v) for i, v in zip(g["indicator"], g["value"])} for y, g in values.groupby("year")}


def report_indicators() -> list[str]:
    """Every indicator 单位年报's cards read: the report view's headlines and every catalog rate's terms."""
    return sorted(set(all_indicators()) | set(rate_indicators()))


def rate_indicators() -> list[str]:
    """Every indicator a catalog rate reads, in any template."""
    return sorted({i for r in catalog.all_rates() for i in r.indicators()})


def rate_cards(facts: pd.DataFrame, agency: str, template: str, year: int, lang: str, previous_template: str | None) -> list[Card]:
    """The template's catalog rates for the agency-year (facts: its rates' indicators, this year and the one before)."""
    figures = agency_figures(facts)
    now, before = figures.get((agency, year), {}), figures.get((agency, year - 1), {})
    change = change_state(template, previous_template)
    cards = []
    for rate in catalog.rates(template):
        previous_rate = catalog.rate(rate.id, previous_template) if change == "compared" else None
        cards.append(
            Card(
                rate.id,
                rate.label(lang),
                rate.value(now),
                previous_rate.value(before) if previous_rate else None,
                change,
                rate.direction,
                rate.unit,
                rate.definition(lang),
            )
        )
    return cards
