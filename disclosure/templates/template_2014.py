"""国办发〔2014〕32号 统计表: one value column, sections 一…九, rows as in indicators.csv.

Labels are matched fuzzily within the current section (the same words — 被依法纠错数, 其他情形数 —
recur under 行政复议 and 行政诉讼, so the section decides), and in table order.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import catalog, settings
from ..catalog import words
from ..cell_text import normalize, parse_cell, squeeze
from ..model import Check, Fact, ReportError, Row
from .matcher import best_of, label_rows

TEMPLATE = "2014"
_SECTION_HEAD = re.compile(r"^([一二三四五六七八九十]+)[、.]")
_NUMERALS = "一二三四五六七八九"
# top-level section number → the indicator ids in that section, in table order
SECTION_ROOTS = [
    "active",
    "response",
    "requests",
    "review.total",
    "litigation.total",
    "complaints.total",
    "requests.fees",
    "capacity",
    "training",
]
_HEADER_WORDS = ("统计指标", "单位", "统计数")


def _section_of(indicator_id: str) -> int:
    if indicator_id == "requests.fees":
        return SECTION_ROOTS.index("requests.fees")
    prefix = indicator_id.split(".")[0]
    return next(n for n, root in enumerate(SECTION_ROOTS) if root.split(".")[0] == prefix)


def _sections() -> list[list[catalog.Indicator]]:
    sections: list[list[catalog.Indicator]] = [[] for _ in SECTION_ROOTS]
    for ind in catalog.for_template(TEMPLATE):
        sections[_section_of(ind.id)].append(ind)
    return sections


@lru_cache(maxsize=1)
def _label_keys() -> dict[str, tuple[str, ...]]:
    """indicator → the printed labels of its row (label table, 2014 统计表): the form's wording first."""
    keys: dict[str, list[str]] = {}
    for r in label_rows(TEMPLATE, "统计表"):
        keys.setdefault(r["indicator"], []).append(squeeze(r["label"]))
    return {k: tuple(v) for k, v in keys.items()}


def map_rows(rows: list[Row], name: str, narrative: str = "") -> tuple[list[Fact], list[Check]]:
    sections = _sections()
    keys = _label_keys()
    facts: dict[str, Fact] = {}
    checks: list[Check] = []
    section = -1
    last_section_seen = -1
    for row in rows:
        label = normalize(row.label)
        key = squeeze(label)
        if not key or _is_header(key) or not row.cells:
            continue
        head = _SECTION_HEAD.match(label)
        if head and head.group(1) in _NUMERALS:
            section = _NUMERALS.index(head.group(1))
            last_section_seen = max(last_section_seen, section)
        if section < 0:
            continue
        indicator = _best_match(key, sections[section], keys, facts)
        if indicator is None:
            checks.append(
                Check.said("unmapped_row", "warning", words("finding_row_not_mapped", name=name, label=label), values={"label": label})
            )
            continue
        facts[indicator.id] = _fact(indicator, row)
    if last_section_seen < len(SECTION_ROOTS) - 1:
        reached = SECTION_ROOTS[last_section_seen] if last_section_seen >= 0 else "none"
        raise ReportError(name, "refusal_table_2014_cut_off", section=_NUMERALS[max(last_section_seen, 0)], reached=reached)
    ordered = [facts[i.id] for s in sections for i in s if i.id in facts]
    return [f for f in ordered if f is not None], checks


def _is_header(key: str) -> bool:
    return sum(w in key for w in _HEADER_WORDS) >= 2


def _best_match(key: str, candidates, keys, taken) -> catalog.Indicator | None:
    """The section's row this label names (rows already read are not offered again)."""
    open_rows = {ind.id: ind for ind in candidates if ind.id not in taken}
    best, _ = best_of(key, ((i, keys.get(i, ())) for i in open_rows), settings.LABEL_SECTION_SCORE)
    return open_rows.get(best) if best else None


def _fact(indicator: catalog.Indicator, row: Row) -> Fact | None:
    cells = [c for c in row.cells]
    raw = cells[-1] if cells else ""
    unit_cell = normalize(cells[-2]) if len(cells) >= 2 else ""
    value, status = parse_cell(raw, unit=unit_cell if unit_cell in ("元", "万元") else "")
    if status == "unreadable":
        value, status = None, "blank" if not raw.strip() else "na"
    if indicator.kind == "header" and status != "reported":
        return None  # a group row's value is recorded only when one is written
    return Fact(indicator.id, "total", value, normalize(raw), status)
