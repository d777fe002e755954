"""The indicator catalog: each metric defined once (id, labels zh/en, unit, template(s), parent, kind).

`indicators.csv` is the spec's file, copied verbatim; `indicator_text.csv` adds the English label and
plain definitions. Charts, tables, exports and the glossary all read from here.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Indicator:
    id: str
    templates: tuple[str, ...]
    section: str
    label_zh: str
    unit: str
    parent: str
    kind: str  # header | value
    by_applicant: bool
    label_en: str = ""
    short_zh: str = ""
    short_en: str = ""
    definition_zh: str = ""
    definition_en: str = ""
    source_zh: str = ""

    def label(self, lang: str = "zh", short: bool = True) -> str:
        if lang == "en":
            return (self.short_en if short and self.short_en else self.label_en) or self.id
        return (self.short_zh if short and self.short_zh else self.label_zh) or self.id


@lru_cache(maxsize=1)
def indicators() -> dict[str, Indicator]:
    text: dict[str, dict] = {}
    text_path = HERE / "indicator_text.csv"
    if text_path.exists():
        with text_path.open(encoding="utf-8") as fh:
            text = {r["id"]: r for r in csv.DictReader(fh)}
    out = {}
    rows = []
    # indicators.csv is the spec's, verbatim; indicators_local.csv adds the local-form rows (spec §1c)
    for name in ("indicators.csv", "indicators_local.csv", "indicators_text.csv"):
        with (HERE / name).open(encoding="utf-8") as fh:
            rows.extend(csv.DictReader(fh))
    for r in rows:
        t = text.get(r["id"], {})
        out[r["id"]] = Indicator(
            id=r["id"],
            templates=tuple(r["templates"].split("|")),
            section=r["section"],
            label_zh=r["label_zh"],
            unit=r["unit"],
            parent=r["parent"],
            kind=r["kind"],
            by_applicant=r["by_applicant"] == "yes",
            label_en=t.get("label_en", ""),
            short_zh=t.get("short_zh", ""),
            short_en=t.get("short_en", ""),
            definition_zh=t.get("definition_zh", ""),
            definition_en=t.get("definition_en", ""),
            source_zh=t.get("source_zh", ""),
        )
    return out


def for_template(template: str) -> list[Indicator]:
    return [i for i in indicators().values() if template in i.templates]


def get(indicator_id: str) -> Indicator:
    return indicators()[indicator_id]


def reported_label(ind: Indicator, template: str) -> str:
    """The row label as the given template prints it (the catalog joins variants with ／)."""
    parts = [p.strip() for p in ind.label_zh.split("／")]
    if len(parts) == 1:
        text = parts[0]
    elif ind.templates[0] == "2014":
        text = parts[0] if template == "2014" else parts[-1]
    else:  # 2019 wording first, 2021 wording second; the 2021 side omits the shared prefix
        text = parts[0] if template == "2019" else parts[-1]
        if template != "2019" and parts[0].startswith("第二十条") and not text.startswith("第二十条"):
            text = parts[0].rsplit(" ", 1)[0] + " " + text
    text = re.sub(r"\((?:2019|2021)\)", "", text)
    return re.sub(r"\s*\((?:single row|[A-Za-z]).*\)$", "", text).strip()


@dataclass(frozen=True)
class Identity:
    """Σ left == Σ right (`eq`) or each left ≥ each right (`ge`), over cells `(indicator, column)`:
    the table arithmetic of spec §5, from identities.csv. The audit checks it; cell_search reads
    mangled archive tables by it."""

    name: str
    left: tuple[tuple[str, str], ...]
    right: tuple[tuple[str, str], ...]
    relation: str  # eq | ge


@cache
def _identity_rows(template: str) -> tuple[dict, ...]:
    with (HERE / "identities.csv").open(encoding="utf-8") as fh:
        return tuple(r for r in csv.DictReader(fh) if template in r["templates"].split("|"))


def identities(template: str, row_ids=()) -> list[Identity]:
    """The template's table arithmetic; per-row rules (`*`) are spelled out for `row_ids`."""
    out = []
    for r in _identity_rows(template):
        columns = r["columns"].split("|")
        if r["per"] == "column":
            left = [t.strip() for t in r["left"].split("+")]
            right = [t.strip() for t in r["right"].split("+")]
            for col in columns:
                out.append(Identity(f"{r['name']}[{col}]", tuple((i, col) for i in left), tuple((i, col) for i in right), r["relation"]))
        else:
            for ind in row_ids:
                out.append(
                    Identity(
                        f"{r['name']}[{ind}]",
                        tuple((ind, c) for c in r["left_columns"].split("|")),
                        tuple((ind, c) for c in columns),
                        r["relation"],
                    )
                )
    return out


@lru_cache(maxsize=1)
def text_table_pairs() -> dict[str, str]:
    """A narrative figure's indicator (text.*) → the table row that counts the same thing, where a
    template has one (2014 and local channel and response rows): the pair the audit compares."""
    with (HERE / "text_table_pairs.csv").open(encoding="utf-8") as fh:
        return {r["text_indicator"]: r["table_indicator"] for r in csv.DictReader(fh)}


def sums(template: str) -> list[tuple[str, tuple[str, ...]]]:
    """total = Σ parts rules of one value column (the 总计 column only), as (total, parts)."""
    out = []
    for r in _identity_rows(template):
        if r["per"] == "column" and r["relation"] == "eq" and r["columns"] == "total" and "+" not in r["left"]:
            out.append((r["left"].strip(), tuple(t.strip() for t in r["right"].split("+"))))
    return out


@dataclass(frozen=True)
class TableBounds:
    """Where a report's statistics tables begin and end in text that has lost its grid (a PDF text
    layer), from text_table_bounds.csv: the templates' words, so a reader of lines needs none.

    `opens` is searched in a short label with its spaces removed (a table's title, header or first
    row); `closes` is matched at the start of a label-only line (the report's sections after its tables).
    """

    opens: re.Pattern
    closes: re.Pattern


@cache
def text_table_bounds() -> TableBounds:
    with (HERE / "text_table_bounds.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))

    def either(bound: str) -> re.Pattern:
        return re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["bound"] == bound))

    return TableBounds(either("opens"), either("closes"))
