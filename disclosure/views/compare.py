"""单位对比: every agency of one year on one indicator — its figure, its rank — and several indicators side by side."""

from __future__ import annotations

import pandas as pd

from .. import catalog
from ..figures import figures_by
from ..headline import HEADLINES


def indicator_options(templates_in_year: set[str]) -> list[str]:
    """The value rows any report of the year can have."""
    return [i.id for i in catalog.indicators().values() if i.kind == "value" and templates_in_year & set(i.templates)]


def default_indicator(options: list[str]) -> str:
    return "requests.received" if "requests.received" in options else options[0]


def default_multiples(options: list[str], template: str, n: int = 6) -> list[str]:
    """The template's headline indicators the year offers, at most n."""
    return [i for h in HEADLINES[template] for i in h.indicators if i in options][:n]


def per_agency(facts: pd.DataFrame, indicator: str, name=str) -> pd.DataFrame:
    """Every agency reporting that year (agency, indicator, label — the agency as `name` gives it —, value), NaN where
    its report lacks the row."""
    names = sorted(facts["agency"].unique()) if not facts.empty else []
    figures = figures_by(facts, ["agency"]) if not facts.empty else None
    got = (
        figures.xs(indicator, level="indicator")
        if figures is not None and indicator in figures.index.get_level_values("indicator")
        else pd.Series(dtype=float)
    )
    return pd.DataFrame(
        {
            "agency": names,
            "indicator": indicator,
            "label": [name(n) for n in names],
            "value": pd.to_numeric(got.reindex(names), errors="coerce").values,
        }
    )


def ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """Agencies with a figure, largest first, with their rank (ties share the better rank)."""
    out = frame.dropna(subset=["value"]).sort_values("value", ascending=False).reset_index(drop=True)
    out.insert(0, "rank", out["value"].rank(ascending=False, method="min").astype(int))
    return out


def rank_of(ranking: pd.DataFrame, agency: str) -> int | None:
    hit = ranking.loc[ranking["agency"] == agency, "rank"]
    return None if hit.empty else int(hit.iloc[0])


def multiples_wide(panels: pd.DataFrame) -> pd.DataFrame:
    """One row per agency, a column per indicator: the numbers behind the small multiples."""
    return panels.pivot_table(index="agency", columns="indicator", values="value", aggfunc="first").reset_index()
