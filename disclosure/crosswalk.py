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
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .figures import report_figures
from .model import TEMPLATES

CROSSWALK_CSV = Path(__file__).resolve().parent / "catalog" / "crosswalk.csv"
_TERM = re.compile(r"^(?P<id>[a-z0-9_.]+?)(?P<star>\.\*)?(?:\[(?P<applicant>[a-z_]+)\])?$")
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
        return tuple(Mapping(**row) for row in csv.DictReader(fh))


def series_list() -> list[dict]:
    """The crosswalk series for a picker: id, zh/en labels and the templates that report them."""
    out: dict[str, dict] = {}
    for m in mappings():
        entry = out.setdefault(m.series, {"series": m.series, "label_zh": m.label_zh, "label_en": m.label_en, "templates": []})
        entry["templates"].append(m.template)
    return list(out.values())


def series_terms(series_id: str) -> list[str]:
    """The indicator ids a series reads in any template; a `prefix.*` term gives `prefix.*` (its child rows)."""
    terms: dict[str, None] = {}
    for m in mappings():
        if m.series != series_id:
            continue
        for alternative in m.formula.split(" | "):
            for term in alternative.split(" + "):
                match = _TERM.match(term.strip())
                if match:
                    terms[match.group("id") + (".*" if match.group("star") else "")] = None
    return list(terms)


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
    points = []
    for (year, template), group in own.groupby(["year", "template"], sort=True):
        points.append({"year": int(year), "template": str(template), **_point(group, series_id, str(template))})
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
        "matched_zh": f"{template} 模板无此指标",
        "matched_en": f"not reported in the {template} template",
    }


def _point(group: pd.DataFrame, series_id: str, template: str) -> dict:
    m = mapping(series_id, template)
    if m is None:
        return not_in_template(template)
    lookup = {(r.indicator, r.applicant): (r.value, r.status) for r in group.itertuples()}
    figures = report_figures(group)
    for alternative in m.formula.split(" | "):
        value, status, fallback = _evaluate(alternative.strip(), lookup, figures)
        if status != "absent":
            note_zh, note_en = m.note_zh, m.note_en
            if fallback:
                note_zh += "（总计列空白，按各类申请人之和）"
                note_en += " (total column blank: sum of the applicant columns)"
            return {
                "value": value,
                "status": status,
                "comparability": m.comparability,
                "formula": alternative.strip(),
                "matched_zh": note_zh,
                "matched_en": note_en,
            }
    return {
        "value": None,
        "status": "absent",
        "comparability": "not_reported",
        "formula": m.formula,
        "matched_zh": m.note_zh + "（本报告未列此行）",
        "matched_en": m.note_en + " (row missing from this report)",
    }


def _evaluate(formula: str, lookup: dict, figures: dict) -> tuple[float | int | None, str, bool]:
    """(value, status, used the applicant-sum fallback). status: reported | blank | na | absent."""
    total = 0
    reported = present = False
    statuses = set()
    fallback = False
    for term in formula.split(" + "):
        m = _TERM.match(term.strip())
        if not m:
            raise ValueError(f"bad crosswalk term: {term}")
        applicant = m.group("applicant") or "total"
        ids = _expand(m.group("id"), bool(m.group("star")), lookup)
        for indicator in ids:
            value, status, used_fallback = _one(indicator, applicant, lookup, figures)
            if status == "absent":
                continue
            present = True
            statuses.add(status)
            fallback = fallback or used_fallback
            if status == "reported" and value is not None:
                total += value
                reported = True
    if not present:
        return None, "absent", False
    if reported:
        return total, "reported", fallback
    return None, ("na" if statuses == {"na"} else "blank"), False


def _one(indicator: str, applicant: str, lookup: dict, figures: dict):
    got = lookup.get((indicator, applicant))
    if got is not None and got[1] == "reported" and not _is_missing(got[0]):
        return got[0], "reported", False
    if applicant == "total" and figures.get(indicator) is not None:
        return figures[indicator], "reported", True  # 总计 blank: the report's figure is the applicant columns' sum
    if got is None:
        return None, "absent", False
    return None, got[1], False


def _expand(prefix: str, star: bool, lookup: dict) -> list[str]:
    if not star:
        return [prefix]
    return sorted({ind for ind, _ in lookup if ind.startswith(prefix + ".")})


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


assert set(TEMPLATES) == {"2014", "2019", "2021"}  # the crosswalk file names these three
