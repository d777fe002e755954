"""The key figures leadership sees first (catalog/headlines.csv): per view (one report, a scope of agencies) and
template family, each one indicator or a sum of a few. Figures of one family compare year over year; across
families (2014 → 2019) they do not."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import catalog
from .formula import Formula, parse

PATH = Path(__file__).resolve().parent / "catalog" / "headlines.csv"


@dataclass(frozen=True)
class Headline:
    key: str
    zh: str
    en: str
    formula: Formula | None  # summed (disclosure/formula.py); blank only when every part is blank; None for a rate
    templates: str  # the templates it is defined for ("2019|2021")
    direction: str = "neutral"
    rate: str | None = None  # a catalog rate (rates.csv) instead of a sum: its label and direction are the rate's

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    @property
    def indicators(self) -> tuple[str, ...]:
        return tuple(self.formula.indicators()) if self.formula else ()


@cache
def headlines(view: str) -> dict[str, list[Headline]]:
    """template → its key figures in `view` ("report" or "scope"); templates of one family share one list."""
    with PATH.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["view"] == view]
    families: dict[str, list[Headline]] = {}
    for r in rows:
        rate = r["indicators"][5:] if r["indicators"].startswith("rate:") else None
        families.setdefault(r["templates"], []).append(
            Headline(
                r["key"],
                r["label_zh"],
                r["label_en"],
                None if rate else parse(r["indicators"]),
                r["templates"],
                r["direction"] or "neutral",
                rate,
            )
        )
    out = {t: hs for family, hs in families.items() for t in family.split("|")}
    for t in out:
        catalog.template(t)  # a headline for a template the catalog does not know is an error
    return {t: out.get(t, []) for t in catalog.template_ids()}  # a report without its statistics table has none


HEADLINES = headlines("report")


def family(template: str | None) -> str | None:
    """The template's family (catalog/templates.csv), None for a report without a table: figures compare within one."""
    if template is None:
        return None
    t = catalog.template(template)
    return t.family if t.has_table and HEADLINES[t.id] else None


def headline_value(values: dict[str, float | None], headline: Headline) -> float | None:
    return headline.formula.over(values) if headline.formula else None


def all_indicators(view: str = "report") -> list[str]:
    return sorted({i for hs in headlines(view).values() for h in hs for i in h.indicators})
