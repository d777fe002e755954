"""Printed row label → indicator, over the label table (catalog/labels.csv): data, not code.

Labels are compared as keys (normalised, without spaces, punctuation, numbering markers and 其中):
first exactly, then as the end of a longer label (an archive glues headers and table titles in
front of the first row's label), then fuzzily (rapidfuzz) above a named threshold.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from .. import settings
from ..values import squeeze

_MARKERS = re.compile(r"^(?:其中|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、．]|[:：])+")


def label_key(label: str) -> str:
    key = squeeze(label)
    previous = None
    while key != previous:
        previous = key
        key = _MARKERS.sub("", key)
        key = re.sub(r"^(?:其中|\d{1,2})", "", key)
    return key


@lru_cache(maxsize=None)
def label_rows(template: str, table: str) -> tuple[dict, ...]:
    """The label table's rows of one table of one template, in printed order (a row's first
    label is the form's wording, later ones variants found in the wild)."""
    path = Path(__file__).resolve().parent.parent / "catalog" / "labels.csv"
    with path.open(encoding="utf-8") as fh:
        return tuple(r for r in csv.DictReader(fh) if template in r["templates"].split("|") and r["table"] == table)


@lru_cache(maxsize=None)
def label_table(template: str, table: str = "local") -> dict[str, str]:
    """variant key → indicator id, for one table of one template."""
    return {label_key(r["label"]): r["indicator"] for r in label_rows(template, table)}


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
