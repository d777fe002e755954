"""单位对比: every agency of one year on one measure — a catalog rate or a value row — its figure, its rank among the
agencies of the scope, the scope's median and quartiles, and several measures side by side.

A measure is an indicator id (`requests.received`) or a rate of catalog/rates.csv as `rate:<id>` (`rate:disclosure`),
the form the URL carries. A rate is computed per agency by the catalog's Rate for that agency's template, over that
agency's figures (figures_by); without a numerator or with a blank or 0 denominator an agency has no rate: it is
listed, never ranked, never 0. Rates rank by their direction (higher_better: the highest is 1st; lower_better: the
lowest is 1st); a neutral rate and every count are ordered highest first with no better or worse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from .. import catalog
from ..figures import figures_by
from ..formats import format_value, step
from ..headline import HEADLINES

RATE = "rate:"  # a rate's measure id: RATE + the rate's id in catalog/rates.csv
DEFAULT_RATE = RATE + "disclosure"
DIRECTIONS = ("higher_better", "lower_better", "neutral")


def rate_id(measure_id: str) -> str | None:
    """The catalog rate a measure id names, None for an indicator."""
    return measure_id.removeprefix(RATE) if measure_id.startswith(RATE) else None


@dataclass
class Measure:
    """What the page ranks: one indicator, or one rate as each template of the year defines it."""

    id: str
    rates: dict[str, catalog.Rate] = field(default_factory=dict)  # template → its definition of the rate (rates only)

    @property
    def is_rate(self) -> bool:
        return rate_id(self.id) is not None

    @property
    def rate(self) -> catalog.Rate | None:
        """The rate's label, unit, format and direction (the same in every template's definition)."""
        return next(iter(self.rates.values()), None)

    @property
    def direction(self) -> str:
        return self.rate.direction if self.rate is not None else "neutral"

    @property
    def unit(self) -> str:
        return self.rate.unit if self.rate is not None else catalog.get(self.id).unit

    def label(self, lang: str = "zh") -> str:
        return self.rate.label(lang) if self.rate is not None else catalog.get(self.id).label(lang)

    def indicators(self) -> list[str]:
        """The rows the facts query needs: the indicator, or every term of every template's definition."""
        if not self.is_rate:
            return [self.id]
        return list(dict.fromkeys(i for r in self.rates.values() for i in r.indicators()))

    def text(self, value) -> str:
        """A figure as it reads: a rate to its format with its unit (85.3%), a count in its unit's step; blank stays blank."""
        if value is None or pd.isna(value):
            return ""
        if self.rate is not None:
            return format_value(value, self.rate) + self.rate.unit
        return format_value(value, self.id)

    def rounded(self, value) -> float | None:
        """The figure rounded half up to the step it is shown to, as a number (for the numbers tables)."""
        if value is None or pd.isna(value):
            return None
        shown = Decimal(repr(float(value))).quantize(Decimal(step(self.rate if self.rate is not None else self.id)), rounding=ROUND_HALF_UP)
        return float(shown)

    def sides(self, lang: str = "zh") -> tuple[str, str] | None:
        """(numerator, denominator) in the definition's words, when every template of the year defines the rate alike
        ("予以公开 + 部分公开", "办理结果总计"); None for an indicator or when the year's definitions differ."""
        definitions = {r.definition(lang) for r in self.rates.values()}
        if len(definitions) != 1:
            return None
        parts = next(iter(definitions)).split(" / ")
        if len(parts) != 2:
            return None
        return _unbracket(parts[0]), _unbracket(parts[1])


def _unbracket(words: str) -> str:
    words = words.strip()
    return words[1:-1].strip() if words.startswith("(") and words.endswith(")") else words


def measure(measure_id: str, templates_in_year: set[str]) -> Measure:
    """The measure an id names in a year (a rate keeps the definitions of the templates the year's reports use)."""
    rid = rate_id(measure_id)
    if rid is None:
        return Measure(measure_id)
    return Measure(measure_id, {t: r for t in sorted(templates_in_year) for r in catalog.rates(t) if r.id == rid})


def rate_options(templates_in_year: set[str]) -> list[str]:
    """The catalog's rates some template of the year defines, in the catalog's order."""
    return [RATE + i for i in dict.fromkeys(r.id for t in sorted(templates_in_year) for r in catalog.rates(t))]


def indicator_options(templates_in_year: set[str]) -> list[str]:
    """The value rows any report of the year can have."""
    return [i.id for i in catalog.indicators().values() if i.kind == "value" and templates_in_year & set(i.templates)]


def measure_options(templates_in_year: set[str]) -> list[str]:
    """What the page can rank: the year's rates first, then its value rows."""
    return rate_options(templates_in_year) + indicator_options(templates_in_year)


def default_indicator(options: list[str]) -> str | None:
    """The disclosure rate where the year's templates define it, else 本年新收, else the first option (None without any)."""
    for candidate in (DEFAULT_RATE, "requests.received"):
        if candidate in options:
            return candidate
    return options[0] if options else None


def default_multiples(options: list[str], template: str, n: int = 6) -> list[str]:
    """The template's headline indicators the year offers (at most n, one fewer to leave room), then the disclosure rate."""
    counts = [i for h in HEADLINES.get(template, []) for i in h.indicators if i in options]
    rates = [DEFAULT_RATE] if DEFAULT_RATE in options else []
    return counts[: n - len(rates)] + rates


@dataclass
class YearFigures:
    """One year's reports as the ranking reads them: every agency (in name order), its template, and its figures as one
    frame (agency × indicator; NaN where the row is blank or absent — neither is a figure). Built once per facts frame,
    so each measure is a few column sums, not a loop over a province's agencies."""

    agencies: list[str]
    templates: pd.Series  # agency → template
    wide: pd.DataFrame


def year_figures(facts: pd.DataFrame) -> YearFigures:
    """From the compare_figures query (a figure per agency and indicator, written at ingest) or from facts with their
    applicant cells (compare_facts), whose figures disclosure.figures works out here."""
    if facts.empty:
        return YearFigures([], pd.Series(dtype=object), pd.DataFrame())
    if "applicant" in facts.columns:
        wide = figures_by(facts, ["agency"]).unstack("indicator")
    else:
        rows = facts.dropna(subset=["indicator"])
        wide = rows.groupby(["agency", "indicator"])["value"].first().unstack("indicator")
    templates = (
        facts.dropna(subset=["template"]).groupby("agency")["template"].first() if "template" in facts.columns else pd.Series(dtype=object)
    )
    agencies = sorted(facts["agency"].dropna().unique())
    return YearFigures(agencies, templates, wide.reindex(agencies))


def _side(wide: pd.DataFrame, ids: list[str]) -> pd.Series:
    """A rate's side over each agency: the sum of its reported terms, NaN when none is reported (catalog `_sum_of`)."""
    present = [i for i in ids if i in wide.columns]
    if not present:
        return pd.Series(np.nan, index=wide.index)
    return wide[present].sum(axis=1, min_count=1)


def per_agency(facts: pd.DataFrame | YearFigures, measure_of: Measure | str, name=str, agencies=None) -> pd.DataFrame:
    """Every agency reporting that year — or only those of `agencies`, the scope, when given — as (agency, indicator:
    the measure's id, label: the agency as `name` gives it, value, numerator, denominator). NaN where the agency has no
    figure (its report lacks the row, or a rate's denominator is blank or 0); a rate's numerator and denominator as
    its definition sums them (blank when no term is reported), NaN for an indicator. `facts`: the compare_facts
    frame, or its year_figures (built once for several measures)."""
    year = facts if isinstance(facts, YearFigures) else year_figures(facts)
    m = measure_of if isinstance(measure_of, Measure) else measure(measure_of, set(year.templates.values))
    names = year.agencies
    if agencies is not None:
        scope = set(agencies)
        names = [n for n in names if n in scope]
    wide = year.wide.reindex(names)
    nothing = pd.Series(np.nan, index=wide.index)
    if m.is_rate:
        values, numerators, denominators = nothing.copy(), nothing.copy(), nothing.copy()
        templates = year.templates.reindex(names)
        for template, rate in m.rates.items():  # each agency by its own template's definition
            mine = wide[templates == template]
            if mine.empty:
                continue
            numerator, denominator = _side(mine, rate.terms(rate.numerator)), _side(mine, rate.terms(rate.denominator))
            numerators[mine.index], denominators[mine.index] = numerator, denominator
            values[mine.index] = rate.of_series(numerator, denominator)
    else:
        values = wide[m.id] if m.id in wide.columns else nothing
        numerators = denominators = nothing
    return pd.DataFrame(
        {
            "agency": names,
            "indicator": m.id,
            "label": [name(n) for n in names],
            "value": values.astype(float).values,
            "numerator": numerators.astype(float).values,
            "denominator": denominators.astype(float).values,
        }
    )


@dataclass(frozen=True)
class Spread:
    """The median and quartiles of the values shown (linear interpolation, as numpy's percentile)."""

    q1: float
    median: float
    q3: float


def spread(values) -> Spread | None:
    shown = np.asarray(values, dtype=float)
    shown = shown[~np.isnan(shown)]
    if not shown.size:
        return None
    q1, median, q3 = (float(v) for v in np.percentile(shown, [25, 50, 75]))
    return Spread(q1, median, q3)


def side(value: float, median: float, direction: str) -> str:
    """better | worse than the median by the measure's direction, at (the median itself), or neutral (no direction)."""
    if direction not in ("higher_better", "lower_better"):
        return "neutral"
    if value == median:
        return "at"
    return "better" if (value > median) == (direction == "higher_better") else "worse"


def ranked(frame: pd.DataFrame, direction: str = "neutral") -> pd.DataFrame:
    """The agencies with a figure in rank order, with their rank (ties share the better rank) and their side of the
    median (`side`): lower_better ranks the lowest 1st, higher_better and neutral the highest."""
    ascending = direction == "lower_better"
    out = frame.dropna(subset=["value"]).sort_values("value", ascending=ascending, kind="stable").reset_index(drop=True)
    out.insert(0, "rank", out["value"].rank(ascending=ascending, method="min").astype(int))
    middle = spread(out["value"])
    out["side"] = [side(v, middle.median, direction) for v in out["value"]] if middle is not None else []
    return out


def unranked(frame: pd.DataFrame) -> pd.DataFrame:
    """The agencies without a figure (for a rate: a blank or 0 denominator), in name order: listed, not ranked."""
    return frame[frame["value"].isna()].reset_index(drop=True)


def rank_of(ranking: pd.DataFrame, agency: str) -> int | None:
    hit = ranking.loc[ranking["agency"] == agency, "rank"]
    return None if hit.empty else int(hit.iloc[0])


def table(ranking: pd.DataFrame, without: pd.DataFrame, m: Measure, no_value: str) -> pd.DataFrame:
    """The numbers beside the ranking: rank, label, value — a rate as it reads (85.3%), `no_value` for an agency
    without one —, and for a rate its numerator and denominator; the ranked agencies first, then the unranked
    (their rank blank)."""
    rows = pd.concat([ranking, without], ignore_index=True)
    out = pd.DataFrame({"rank": pd.array([*ranking["rank"], *[pd.NA] * len(without)], dtype="Int64"), "label": rows["label"]})
    if m.is_rate:
        out["value"] = [m.text(v) if pd.notna(v) else no_value for v in rows["value"]]
        out["numerator"] = rows["numerator"].astype(float).values
        out["denominator"] = rows["denominator"].astype(float).values
    else:
        out["value"] = rows["value"].astype(float).values
    return out


def multiples_wide(panels: pd.DataFrame, measures: dict[str, Measure] | None = None) -> pd.DataFrame:
    """One row per agency, a column per measure: the numbers behind the small multiples (a rate rounded as it is shown)."""
    shown = panels.copy()
    for mid, m in (measures or {}).items():
        if m.is_rate:
            at = shown["indicator"] == mid
            shown.loc[at, "value"] = pd.Series([m.rounded(v) for v in shown.loc[at, "value"]], index=shown.index[at], dtype=float)
    wide = shown.pivot_table(index="agency", columns="indicator", values="value", aggfunc="first", dropna=False).reset_index()
    order = list(dict.fromkeys(panels["indicator"]))
    wide = wide[["agency", *[c for c in order if c in wide.columns]]]
    wide.columns.name = None
    return wide


def ends(ranking: pd.DataFrame, n: int, chosen: str | None = None) -> pd.DataFrame:
    """What a ranking chart draws when there are many agencies: the first and last n/2 in rank order, and the chosen
    agency wherever it ranks (its median and quartiles stay those of the whole ranking)."""
    if len(ranking) <= n:
        return ranking
    half = max(1, n // 2)
    keep = ranking.index[:half].union(ranking.index[-half:]).union(ranking.index[ranking["agency"] == chosen])
    return ranking.loc[keep]
