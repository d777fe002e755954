"""The crosswalk of spec §4: which indicators of each template make up one trend series, and how
comparable each side is with the current (2019/2021) definition.

The data lives in catalog/crosswalk.csv, one line per (series, template):
`formula` is `term + term`, alternatives separated by ` | ` (the first that the report has wins);
a term is an indicator id, or `prefix.*` for all its child rows, with `[applicant]` for table 三
rows. A template without a line for a series has no such figure: its points are `not_reported`,
never 0.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import catalog
from .catalog import words
from .figures import figures_per
from .formula import parse

CROSSWALK_CSV = Path(__file__).resolve().parent / "catalog" / "crosswalk.csv"
SERIES_COLUMNS = [
    "year",
    "template",
    "value",
    "status",
    "comparability",
    "formula",
    "matched_zh",
    "matched_en",
]


@dataclass(frozen=True)
class Mapping:
    series: str
    label_zh: str
    label_en: str
    template: str
    formula: str
    comparability: str  # exact | approximate
    note_zh: str
    note_en: str


@lru_cache(maxsize=1)
def mappings() -> tuple[Mapping, ...]:
    with CROSSWALK_CSV.open(encoding="utf-8") as fh:
        rows = tuple(Mapping(**row) for row in csv.DictReader(fh))
    for m in rows:
        catalog.template(m.template)  # a line for a template the catalog does not know is an error
    return rows


def series_list() -> list[dict]:
    """The crosswalk series for a picker: id, zh/en labels and the templates that report them."""
    out: dict[str, dict] = {}
    for m in mappings():
        entry = out.setdefault(m.series, {"series": m.series, "label_zh": m.label_zh, "label_en": m.label_en, "templates": []})
        entry["templates"].append(m.template)
    return list(out.values())


def series_terms(series_id: str) -> list[str]:
    """The indicator ids a series reads in any template; a `prefix.*` term gives `prefix.*` (its child rows)."""
    return list(dict.fromkeys(t for m in mappings() if m.series == series_id for t in parse(m.formula).terms()))


def mapping(series_id: str, template: str) -> Mapping | None:
    for m in mappings():
        if m.series == series_id and m.template == template:
            return m
    return None


def series(facts: pd.DataFrame, agency: str, series_id: str) -> pd.DataFrame:
    """One point per report year of `agency`: value, template, status and comparability.

    `facts` has columns agency, year, template, indicator, applicant, value, status.
    """
    if series_id not in {m.series for m in mappings()}:
        raise KeyError(f"unknown crosswalk series: {series_id}")
    own = facts[facts["agency"] == agency]
    figures = figures_per(own, ["year", "template"])
    points = []
    for (year, template), group in own.groupby(["year", "template"], sort=True):
        point = _point(group, series_id, str(template), figures.get((year, template), {}))
        points.append({"year": int(year), "template": str(template), **point})
    return pd.DataFrame(points, columns=SERIES_COLUMNS)


def template_changes(points: pd.DataFrame) -> list[dict]:
    """Where the template changes along a series (口径变更): the year of the new template."""
    changes = []
    previous = None
    for row in points.sort_values("year").itertuples():
        if previous is not None and row.template != previous:
            changes.append({"year": int(row.year), "from": previous, "to": row.template})
        previous = row.template
    return changes


def not_in_template(template: str) -> dict:
    """A year whose template has no such row: a gap with its reason, never a 0."""
    return {
        "value": None,
        "status": "not_in_template",
        "comparability": "not_reported",
        "formula": "",
        **_matched(words("crosswalk_not_in_template", template=template)),
    }


def _matched(said: catalog.Words) -> dict[str, str]:
    """What a point matched, said in both languages (the series frame carries both)."""
    return {"matched_zh": said.zh, "matched_en": said.en}


def _point(group: pd.DataFrame, series_id: str, template: str, figures: dict[str, float | None]) -> dict:
    """One report's point of a series: `group` its facts, `figures` its figures (figures.figures_per)."""
    m = mapping(series_id, template)
    if m is None:
        return not_in_template(template)
    cells = {(r.indicator, r.applicant): (r.value, r.status) for r in group.itertuples()}

    def lookup(indicator: str, applicant: str):
        got = cells.get((indicator, applicant))
        if got is not None and got[1] == "reported" and not _is_missing(got[0]):
            return got[0], "reported", False
        if applicant == "total" and figures.get(indicator) is not None:
            return figures[indicator], "reported", True  # 总计 blank: the report's figure is the applicant columns' sum
        return None if got is None else (None, got[1], False)

    got = parse(m.formula).evaluate(lookup)
    if got.status == "absent":
        return {
            "value": None,
            "status": "absent",
            "comparability": "not_reported",
            "formula": m.formula,
            **_matched(words("crosswalk_row_missing", note=catalog.both(m.note_zh, m.note_en))),
        }
    note_zh, note_en = m.note_zh, m.note_en
    if got.derived:
        note_zh += "（总计列空白，按各类申请人之和）"
        note_en += " (total column blank: sum of the applicant columns)"
    return {
        "value": got.value,
        "status": got.status,
        "comparability": m.comparability,
        "formula": got.alternative,
        "matched_zh": note_zh,
        "matched_en": note_en,
    }


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)
