"""Template mappers: one module per national template, each with `map_rows(rows, name)`.

Detection looks at the tables, never at the year: a 2022 report on the 2019 layout is a 2019-layout
report (and the audit says so).
"""

from __future__ import annotations

import importlib

from .. import catalog
from ..cell_text import squeeze
from ..model import Extracted
from .matcher import label_rows


def _hits(labels: str, words: tuple[str, ...]) -> int:
    return sum(w in labels for w in words)


def detect_template(extracted: Extracted) -> str | None:
    """The template whose table the rows are (catalog/templates.csv: layout, markers, order)."""
    labels = "".join(squeeze(r.label) for r in extracted.rows)
    by_applicant = [t for t in catalog.templates() if t.by_applicant]
    # table 三's first rows, in any wording the label table knows
    opening = [
        squeeze(r["label"])
        for r in label_rows(by_applicant[0].id, "三")
        if r["indicator"] in ("requests.received", "requests.carried_over")
    ]
    if any(k in labels for k in opening):
        newest_first = sorted(by_applicant, key=lambda t: -t.order)
        for words in ("markers", "fallback_markers"):
            found = next(
                (t for t in newest_first if getattr(t, words) and _hits(labels, getattr(t, words)) >= max(1, t.markers_needed)), None
            )
            if found:
                return found.id
        return by_applicant[0].id
    for t in catalog.templates():
        if t.layout == "one_column" and t.markers and _hits(labels, t.markers) >= t.markers_needed:
            return t.id
    for t in catalog.templates():
        if t.layout == "year_cumulative" and mapper_for(t.id).is_local_table(extracted.rows):
            return t.id
    return None


def mapper_for(template: str):
    return importlib.import_module(f".{catalog.template(template).mapper}", __package__)
