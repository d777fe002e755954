"""The key figures leadership sees first (catalog/headlines.csv): per view (one report, a scope of agencies) and
template family, each one indicator or a sum of a few. Figures of one family compare year over year; across
families (2014 → 2019) they do not."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATH = Path(__file__).resolve().parent / "catalog" / "headlines.csv"
TEMPLATES = ("2014", "2019", "2021", "local", "none")


@dataclass(frozen=True)
class Headline:
    key: str
    zh: str
    en: str
    indicators: tuple[str, ...]  # summed; blank only when every part is blank
    family: str  # the templates it is defined for ("2019|2021"): comparable only within one family
    direction: str = "neutral"
    rate: str | None = None  # a catalog rate (rates.csv) instead of a sum: its label and direction are the rate's

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


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
                () if rate else tuple(s.strip() for s in r["indicators"].split("+")),
                r["templates"],
                r["direction"] or "neutral",
                rate,
            )
        )
    out = {t: hs for family, hs in families.items() for t in family.split("|")}
    return {t: out.get(t, []) for t in TEMPLATES} | out  # "none": a report published without its statistics table


HEADLINES = headlines("report")


def family(template: str | None) -> str | None:
    """The headline family of a template (None for a report without a table): figures compare within one."""
    hs = HEADLINES.get(template or "none")
    return hs[0].family if hs else None


def headline_value(values: dict[str, float | None], headline: Headline) -> float | None:
    parts = [values.get(i) for i in headline.indicators]
    present = [p for p in parts if p is not None]
    return sum(present) if present else None


def all_indicators(view: str = "report") -> list[str]:
    return sorted({i for hs in headlines(view).values() for h in hs for i in h.indicators})
