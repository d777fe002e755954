"""The indicator catalog: each metric defined once (id, labels zh/en, unit, template(s), parent, kind).

`indicators.csv` is the spec's file, copied verbatim; `indicator_text.csv` adds the English label and
plain definitions; `columns.csv` names the tables' value columns (the applicant columns of table 三,
本年度 and 历年累计). Charts, tables, exports, the audit's messages and the glossary all read from here.
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


@cache
def groups() -> dict[str, tuple[str, ...]]:
    """Named groups of indicators in table order (`indicator_groups.csv`): the channels, the 2014 answers,
    the 2019/2021 outcome groups. Charts, the audit and the views read them; none keeps its own list."""
    out: dict[str, list[str]] = {}
    with (HERE / "indicator_groups.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["group"], []).append(r["indicator"])
    return {k: tuple(v) for k, v in out.items()}


def group(name: str) -> tuple[str, ...]:
    return groups()[name]


@dataclass(frozen=True)
class Rate:
    """A rate defined once (`rates.csv`): a sum of figures over a sum of figures, per template.

    A term is an indicator id or `group:<name>`; `direction` says whether a higher value is better
    (higher_better), worse (lower_better) or neither (neutral), for colours and rankings.
    """

    id: str
    templates: tuple[str, ...]
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    unit: str
    format: str
    direction: str
    label_zh: str
    label_en: str
    definition_zh: str
    definition_en: str

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh

    def definition(self, lang: str = "zh") -> str:
        return self.definition_en if lang == "en" else self.definition_zh

    def terms(self, side: tuple[str, ...]) -> list[str]:
        return [i for term in side for i in (group(term[6:]) if term.startswith("group:") else (term,))]

    def indicators(self) -> list[str]:
        """Every indicator the rate reads, numerator first (what a query for it must fetch)."""
        return list(dict.fromkeys(self.terms(self.numerator) + self.terms(self.denominator)))

    def parts(self, figures: dict[str, float | None]) -> tuple[float | None, float | None]:
        """(numerator, denominator) over a report's figures: a side is the sum of its reported terms, None when none is."""
        return _sum_of(figures, self.terms(self.numerator)), _sum_of(figures, self.terms(self.denominator))

    def value(self, figures: dict[str, float | None]) -> float | None:
        """The rate in percent; None when the numerator is blank or the denominator blank or 0 (never a 0 % for want of data)."""
        return self.of(*self.parts(figures))

    def of(self, numerator: float | None, denominator: float | None) -> float | None:
        """The rate of given parts (a scope pools its agencies' parts): None when either is blank or the denominator 0."""
        if numerator is None or not denominator:
            return None
        return 100.0 * numerator / denominator

    def of_series(self, numerator, denominator):
        """`of` over aligned pandas Series (one value per agency): NaN where either side is blank or the denominator 0."""
        usable = numerator.notna() & denominator.notna() & (denominator != 0)
        return (100.0 * numerator / denominator.where(usable)).where(usable)


def _sum_of(figures: dict[str, float | None], ids: list[str]) -> float | None:
    present = [figures[i] for i in ids if figures.get(i) is not None]
    return sum(present) if present else None


@cache
def _rate_rows() -> tuple[Rate, ...]:
    with (HERE / "rates.csv").open(encoding="utf-8") as fh:
        return tuple(
            Rate(
                id=r["id"],
                templates=tuple(r["templates"].split("|")),
                numerator=tuple(s.strip() for s in r["numerator"].split("+")),
                denominator=tuple(s.strip() for s in r["denominator"].split("+")),
                unit=r["unit"],
                format=r["format"],
                direction=r["direction"],
                label_zh=r["label_zh"],
                label_en=r["label_en"],
                definition_zh=r["definition_zh"],
                definition_en=r["definition_en"],
            )
            for r in csv.DictReader(fh)
        )


def all_rates() -> tuple[Rate, ...]:
    """Every template's definition of every rate."""
    return _rate_rows()


def rates(template: str) -> list[Rate]:
    """The rates a template's table allows, in the catalog's order."""
    return [r for r in _rate_rows() if template in r.templates]


def rate(rate_id: str, template: str) -> Rate | None:
    """The rate's definition for a template; None when that template's table cannot give it."""
    return next((r for r in rates(template) if r.id == rate_id), None)


@dataclass(frozen=True)
class Column:
    """A value column of the statistics tables (`columns.csv`): table 三's applicant columns on the 2019/2021
    forms — 自然人, the five 法人或其他组织 columns, 总计 — and the local forms' 本年度 and 历年累计. `id` is
    the Fact's `applicant`; a form that names a column its own way has its own row (总计 is 本年度 on local forms)."""

    id: str
    templates: tuple[str, ...]
    label_zh: str
    label_en: str
    group_zh: str  # the heading over several columns (法人或其他组织), else ""
    group_en: str

    def label(self, lang: str = "zh") -> str:
        return self.label_en if lang == "en" else self.label_zh


@cache
def _columns() -> tuple[Column, ...]:
    with (HERE / "columns.csv").open(encoding="utf-8") as fh:
        return tuple(
            Column(r["id"], tuple(r["templates"].split("|")), r["label_zh"], r["label_en"], r["group_zh"], r["group_en"])
            for r in csv.DictReader(fh)
        )


def columns(template: str) -> list[Column]:
    """The template's named value columns in table order (none for the one-column 2014 form)."""
    return [c for c in _columns() if template in c.templates]


def column(column_id: str, template: str = "2019") -> Column:
    """The column as `template` names it; a template without its own name for it (2014's one column) takes the first."""
    rows = [c for c in _columns() if c.id == column_id]
    if not rows:
        raise KeyError(column_id)
    return next((c for c in rows if template in c.templates), rows[0])


def column_label(column_id: str, lang: str = "zh", template: str = "2019") -> str:
    return column(column_id, template).label(lang)


@dataclass(frozen=True)
class Unit:
    """A unit as reports print it (`units.csv`), the one table every reader, the audit and the views use."""

    unit: str
    name_en: str
    format: str  # the step a figure in it is shown to
    kind: str  # count | people | money | share | '' (no unit)
    roles: frozenset  # what a narrative figure in it can count: items, events, issues (spec §6)
    cell: bool  # a table cell may print it after its figure
    additive: bool  # a table group counted in several of these units still adds up


@cache
def units() -> dict[str, Unit]:
    with (HERE / "units.csv").open(encoding="utf-8") as fh:
        return {
            r["unit"]: Unit(
                r["unit"],
                r["name_en"],
                r["format"],
                r["kind"],
                frozenset(x for x in r["role"].split("|") if x),
                r["cell"] == "yes",
                r["additive"] == "yes",
            )
            for r in csv.DictReader(fh)
        }


def unit_words(*, cell: bool | None = None, kinds: tuple[str, ...] = ("count", "people", "money")) -> tuple[str, ...]:
    """Units read after a number (a table cell's when `cell`), longest first so 人次 is tried before 人
    and 万元 before 元."""
    out = [u.unit for u in units().values() if u.unit and u.kind in kinds and (cell is None or u.cell == cell)]
    return tuple(sorted(out, key=lambda u: (-len(u), u)))


@cache
def unit_formats() -> dict[str, str]:
    """unit → the step a figure in it is shown to (`units.csv`: 1 for counts, 0.000001 for 万元, 0.01 for no unit)."""
    return {u.unit: u.format for u in units().values()}


@cache
def _names_en(file: str, key: str) -> dict[str, str]:
    with (HERE / file).open(encoding="utf-8") as fh:
        return {r[key]: r["name_en"] for r in csv.DictReader(fh)}


def section_name(section: str, lang: str = "zh") -> str:
    """A table section (indicators' `section`, printed in Chinese) in the reader's language (`sections.csv`)."""
    return _names_en("sections.csv", "section").get(section, section) if lang == "en" else section


def unit_name(unit: str, lang: str = "zh") -> str:
    """A unit as written (条, 件, 万元 …) in the reader's language (`units.csv`); an unknown unit stays as written."""
    return _names_en("units.csv", "unit").get(unit, unit) if lang == "en" and unit else unit


@cache
def colours() -> dict[str, str]:
    """One colour per outcome group and per review/lawsuit result (`colours.csv`), the same on every chart."""
    with (HERE / "colours.csv").open(encoding="utf-8") as fh:
        return {r["key"]: r["colour"] for r in csv.DictReader(fh)}


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
