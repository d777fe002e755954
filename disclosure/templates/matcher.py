"""Printed row label → indicator, over the label table (catalog/labels.csv): data, not code.

The one matcher of every template. Labels are compared as keys (normalised, without spaces,
punctuation, numbering markers and 其中): `match` tries exactly, then as the end of a longer label
(an archive glues headers and table titles in front of the first row's label), then fuzzily
(rapidfuzz) above a named threshold. `similarity` and `best_of` are the same comparison for the
mappers that narrow the candidates first by the table's own structure — the 2014 table by its
section, table 三 by its printed order; every threshold is a named setting.
"""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from .. import settings
from ..cell_text import squeeze

_MARKERS = re.compile(r"^(?:其中|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、．]|[:：])+")


def label_key(label: str) -> str:
    key = squeeze(label)
    previous = None
    while key != previous:
        previous = key
        key = _MARKERS.sub("", key)
        key = re.sub(r"^(?:其中|\d{1,2})", "", key)
    return key


@cache
def label_rows(template: str, table: str) -> tuple[dict, ...]:
    """The label table's rows of one table of one template, in printed order (a row's first
    label is the form's wording, later ones variants found in the wild)."""
    path = Path(__file__).resolve().parent.parent / "catalog" / "labels.csv"
    with path.open(encoding="utf-8") as fh:
        return tuple(r for r in csv.DictReader(fh) if template in r["templates"].split("|") and r["table"] == table)


@cache
def label_table(template: str, table: str = "local") -> dict[str, str]:
    """variant key → indicator id, for one table of one template."""
    return {label_key(r["label"]): r["indicator"] for r in label_rows(template, table)}


def similarity(key: str, variant: str, partial: bool = False) -> float:
    """0–100: how close a label key is to a variant. `partial`: extra words around the label
    ('（单位：件）') do not sink a clear match."""
    if not key:
        return 0.0
    score = fuzz.ratio(key, variant)
    if partial and len(key) >= 4 and len(variant) >= 4:
        score = max(score, fuzz.partial_ratio(key, variant) * 0.95)
    return score


def best_of(key: str, candidates, threshold: float, partial: bool = False) -> tuple[str | None, float]:
    """The candidate (id, its variants) whose best variant is closest to `key`, if at `threshold`."""
    best, best_score = None, 0.0
    for ident, variants in candidates:
        score = max((similarity(key, v, partial) for v in variants), default=0.0)
        if score > best_score:
            best, best_score = ident, score
    return (best, best_score) if best_score >= threshold else (None, best_score)


@lru_cache(maxsize=65536)
def match(label: str, template: str, table_name: str = "local") -> str | None:
    table = label_table(template, table_name)
    key = label_key(label)
    if not key:
        return None
    if key in table:
        return table[key]
    ends = [v for v in table if len(v) >= settings.LABEL_SUFFIX_MIN_CHARS and key.endswith(v)]
    if ends:
        return table[max(ends, key=len)]
    best = process.extractOne(key, list(table), scorer=fuzz.ratio, score_cutoff=settings.LABEL_MATCH_SCORE)
    return table[best[0]] if best else None
