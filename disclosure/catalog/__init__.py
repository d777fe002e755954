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

from ..formula import Formula, parse

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


class UnknownTemplate(KeyError):
    """A template id that catalog/templates.csv does not know: said in one line, never passed over."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Template:
    """A statistics-table template (`templates.csv`): the national 2014, 2019 and 2021 formats, the provincial
    local form, and `none` (a report published without its table). Code asks a template what it is
    (its layout, family, years in force, mapper, names) instead of comparing ids."""

    id: str
    family: str  # figures compare year over year within one family (2019 and 2021 share table 三)
    order: int  # older forms first; the newer wins a tie
    first_year: int | None
    last_year: int | None  # None: still in force
    layout: str  # one_column | year_cumulative (本年度 + 历年累计) | applicants (table 三's columns) | none
    national: bool
    mapper: str  # the module in templates/ that maps its rows; "" for none
    prescribes_parts: bool  # its circular prescribes the report's parts and their headings (catalog/report_parts.csv)
    markers: tuple[str, ...]  # words of its tables that tell it from its family's other templates
    markers_needed: int
    fallback_markers: tuple[str, ...]  # weaker words, tried when no template's markers are found
    tables: tuple[str, ...]  # its statistics tables in printed order (一; 二 三 四)
    name_zh: str
    name_en: str
    short_zh: str
    short_en: str

    @property
    def has_table(self) -> bool:
        return self.layout != "none"

    @property
    def one_column(self) -> bool:
        """One value column per row (plus 历年累计 on local forms): the 2014 national table's rows or their local wording."""
        return self.layout in ("one_column", "year_cumulative")

    @property
    def by_applicant(self) -> bool:
        """Tables 二/三/四 with table 三's applicant columns."""
        return self.layout == "applicants"

    def in_force(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (self.last_year is None or year <= self.last_year)

    def name(self, lang: str = "zh", short: bool = False) -> str:
        if short:
            return self.short_en if lang == "en" else self.short_zh
        return self.name_en if lang == "en" else self.name_zh


def _year(text: str) -> int | None:
    return int(text) if text else None


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in text.split("|") if w)


@cache
def templates() -> tuple[Template, ...]:
    """Every template, oldest form first."""
    with (HERE / "templates.csv").open(encoding="utf-8") as fh:
        rows = [
            Template(
                id=r["id"],
                family=r["family"],
                order=int(r["order"]),
                first_year=_year(r["first_year"]),
                last_year=_year(r["last_year"]),
                layout=r["layout"],
                national=r["national"] == "yes",
                mapper=r["mapper"],
                prescribes_parts=r["prescribes_parts"] == "yes",
                markers=_words(r["markers"]),
                markers_needed=int(r["markers_needed"] or 0),
                fallback_markers=_words(r["fallback_markers"]),
                tables=_words(r["tables"]),
                name_zh=r["name_zh"],
                name_en=r["name_en"],
                short_zh=r["short_zh"],
                short_en=r["short_en"],
            )
            for r in csv.DictReader(fh)
        ]
    return tuple(sorted(rows, key=lambda t: t.order))


def template(template_id: str) -> Template:
    """The template of that id; an id templates.csv does not know is an error (UnknownTemplate), never a silent skip."""
    for t in templates():
        if t.id == template_id:
            return t
    known = ", ".join(t.id for t in templates())
    raise UnknownTemplate(f"unknown template {template_id!r} (catalog/templates.csv knows {known})")


def template_ids(**wanted) -> tuple[str, ...]:
    """Template ids, oldest first, optionally only those whose fields have the values given (layout="applicants",
    national=True, prescribes_parts=True …); a field templates.csv does not have is an error."""
    for field in wanted:
        if field not in Template.__dataclass_fields__:
            raise TypeError(f"templates.csv has no field {field!r}")
    return tuple(t.id for t in templates() if all(getattr(t, f) == v for f, v in wanted.items()))


def no_table_template() -> str:
    """The id a report without a statistics table is stored under."""
    return template_ids(layout="none")[0]


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


# relations every correct table satisfies: readers may settle a doubtful cell by them (cell_search, OCR)
IDENTITY_RELATIONS = ("eq", "ge")
# relations the audit expects of a table without every correct table satisfying them: a heading row that repeats
# one of its sums, channels that add up to more (one item on several channels) or less than the items published
EXPECTATION_RELATIONS = ("one_of", "sum_le", "sum_ge")
MIN_SUMMED_PARTS = 2  # `sum_le`: one reported part alone is not a sum of channels


@dataclass(frozen=True)
class Broken:
    """An identity a report's table does not satisfy: its cells with their values, and for `ge` the pairs of a
    part above its whole; for `one_of` the right side is the sum the heading is compared with."""

    left: tuple[tuple[str, str, float], ...]
    right: tuple[tuple[str, str, float], ...]
    pairs: tuple[tuple[tuple[str, str, float], tuple[str, str, float]], ...] = ()

    @property
    def left_sum(self) -> float:
        return sum(v for *_, v in self.left)

    @property
    def right_sum(self) -> float:
        return sum(v for *_, v in self.right)


@dataclass(frozen=True)
class Identity:
    """Σ left == Σ right (`eq`) or each left ≥ each right (`ge`), over cells `(indicator, column)`:
    the table arithmetic of spec §5, from identities.csv. The audit checks it; cell_search reads
    mangled archive tables by it. The audit's expectations (EXPECTATION_RELATIONS) are rows of the same table."""

    name: str
    left: tuple[tuple[str, str], ...]
    right: tuple[tuple[str, str], ...]
    relation: str  # eq | ge | one_of | sum_le | sum_ge
    finding: str = ""  # the audit rule a broken identity is reported as (sum_mismatch, request_balance, part_exceeds_whole)
    table: str = ""  # the statistics table it concerns (三), where the template has several
    severity: str = ""  # the severity of its finding, when not the rule's (a heading over rows of different kinds)
    alternatives: tuple[tuple[tuple[str, str], ...], ...] = ()  # `one_of`: each sum the left may repeat, in order

    def holds(self, left: list, right: list) -> bool:
        """Whether the identity holds over its cells' values (in `left`/`right` order, None for no figure): the one
        check of the relation, for the audit, cell_search and the survey. A blank left cell, or no right figure
        at all, leaves nothing to check; a right cell without a figure is no part of the sum."""
        right = [v for v in right if v is not None]
        if any(v is None for v in left) or not right:
            return True
        if self.relation == "ge":
            return all(lv >= rv - 1e-6 for lv in left for rv in right)
        return abs(sum(left) - sum(right)) < 1e-6

    def broken(self, value, present) -> Broken | None:
        """The identity over one report — `value(indicator, column)` its reported figure or None, `present(…)` whether
        the table has the cell at all — or None when it holds or cannot be checked. Blank is not zero: a rule with a
        blank cell is skipped; rows the form does not print are no part of its sums."""
        left = tuple((i, c, value(i, c)) for i, c in self.left)
        if any(v is None for *_, v in left):
            return None
        if self.relation == "one_of":  # a heading repeats the first of its sums that is reported whole, or another
            sums = [tuple((i, c, value(i, c)) for i, c in alt) for alt in self.alternatives]
            whole = [cells for cells in sums if cells and all(v is not None for *_, v in cells)]
            if not whole or any(_same(left[0][2], sum(v for *_, v in cells)) for cells in whole):
                return None
            return Broken(left, whole[0])
        if self.relation in ("sum_le", "sum_ge"):
            cells = tuple((i, c, value(i, c)) for i, c in self.right)
            reported = tuple(cell for cell in cells if cell[2] is not None)
            if self.relation == "sum_le":  # the reported parts, blank ones left out, add up to no more than the whole
                if len(reported) < MIN_SUMMED_PARTS or sum(v for *_, v in reported) <= left[0][2] + 1e-6:
                    return None
            elif len(reported) < len(cells) or sum(v for *_, v in reported) >= left[0][2] - 1e-6:
                return None  # every part reported, adding up to no less than the whole
            return Broken(left, reported)
        right = tuple((i, c, value(i, c)) for i, c in self.right if present(i, c))
        if not right or any(v is None for *_, v in right):
            return None
        if self.holds([v for *_, v in left], [v for *_, v in right]):
            return None
        pairs = ()
        if self.relation == "ge":
            pairs = tuple((lc, rc) for lc in left for rc in right if lc[2] < rc[2] and not _same(lc[2], rc[2]))
        return Broken(left, right, pairs)


def _same(a, b) -> bool:
    return abs(float(a) - float(b)) < 1e-6


@cache
def _identity_rows(template: str) -> tuple[dict, ...]:
    with (HERE / "identities.csv").open(encoding="utf-8") as fh:
        return tuple(r for r in csv.DictReader(fh) if template in r["templates"].split("|"))


def identities(template: str, row_ids=(), present=None, expectations: bool = False) -> list[Identity]:
    """The template's table arithmetic over the report's rows: per-row rules (`*`) are spelled out for each of
    `row_ids`, and a formula's alternatives (the single or the split 其他处理) are chosen by the rows `present`
    (by default `row_ids`). With `expectations`, also the audit's expectations (EXPECTATION_RELATIONS)."""
    rules = _identities(template, tuple(row_ids), tuple(sorted(present)) if present is not None else tuple(row_ids))
    return [r for r in rules if expectations or r.relation in IDENTITY_RELATIONS]


@lru_cache(maxsize=4096)
def _identities(template: str, row_ids: tuple, present_rows: tuple) -> tuple[Identity, ...]:
    out = []
    present = set(present_rows)
    for r in _identity_rows(template):
        columns = r["columns"].split("|")
        finding = r["finding"] or ("sum_mismatch" if r["relation"] == "eq" else "part_exceeds_whole")
        if r["relation"] not in IDENTITY_RELATIONS + EXPECTATION_RELATIONS:
            raise ValueError(f"identities.csv {r['name']}: no relation {r['relation']!r}")
        if r["per"] == "column":
            left, right = parse(r["left"]), parse(r["right"])
            for col in columns:
                alternatives = tuple(tuple(c for t in alt for c in t.cells(col)) for alt in right.alternatives)
                out.append(
                    Identity(
                        f"{r['name']}[{col}]",
                        left.cells(col, present),
                        right.cells(col, present),
                        r["relation"],
                        finding,
                        r["table"],
                        r["severity"],
                        alternatives if r["relation"] == "one_of" else (),
                    )
                )
        else:
            for ind in row_ids:
                out.append(
                    Identity(
                        f"{r['name']}[{ind}]",
                        tuple((ind, c) for c in r["left_columns"].split("|")),
                        tuple((ind, c) for c in columns),
                        r["relation"],
                        finding,
                        r["table"],
                        r["severity"],
                    )
                )
    return tuple(out)


@lru_cache(maxsize=1)
def text_table_pairs() -> dict[str, str]:
    """A narrative figure's indicator (text.*) → the table row that counts the same thing, where a
    template has one (2014 and local channel and response rows): the pair the audit compares."""
    with (HERE / "text_table_pairs.csv").open(encoding="utf-8") as fh:
        return {r["text_indicator"]: r["table_indicator"] for r in csv.DictReader(fh)}


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


@cache
def table2_layouts() -> dict[tuple[str, str], tuple[str, ...]]:
    """(template, table 二 subject) → its value columns as the national form prints them (`table2_layouts.csv`):
    read when a report drops table 二's column header line."""
    with (HERE / "table2_layouts.csv").open(encoding="utf-8") as fh:
        return {(r["template"], r["subject"]): tuple(r["columns"].split("|")) for r in csv.DictReader(fh)}


@dataclass(frozen=True)
class Rate:
    """A rate defined once (`rates.csv`): a sum of figures over a sum of figures, per template.

    Numerator and denominator are formulas (disclosure/formula.py); `direction` says whether a higher value is better
    (higher_better), worse (lower_better) or neither (neutral), for colours and rankings.
    """

    id: str
    templates: tuple[str, ...]
    numerator: Formula
    denominator: Formula
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

    def terms(self, side: Formula) -> list[str]:
        return side.indicators()

    def indicators(self) -> list[str]:
        """Every indicator the rate reads, numerator first (what a query for it must fetch)."""
        return list(dict.fromkeys(self.numerator.indicators() + self.denominator.indicators()))

    def parts(self, figures: dict[str, float | None]) -> tuple[float | None, float | None]:
        """(numerator, denominator) over a report's figures: a side is the sum of its reported terms, None when none is."""
        return self.numerator.over(figures), self.denominator.over(figures)

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


@cache
def _rate_rows() -> tuple[Rate, ...]:
    with (HERE / "rates.csv").open(encoding="utf-8") as fh:
        return tuple(
            Rate(
                id=r["id"],
                templates=tuple(r["templates"].split("|")),
                numerator=parse(r["numerator"]),
                denominator=parse(r["denominator"]),
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


def column(column_id: str, template: str | None = None) -> Column:
    """The column as `template` names it; a template without its own name for it (2014's one column) takes the first."""
    rows = [c for c in _columns() if c.id == column_id]
    if not rows:
        raise KeyError(column_id)
    return next((c for c in rows if template in c.templates), rows[0])


def column_label(column_id: str, lang: str = "zh", template: str | None = None) -> str:
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


STRINGS_CSV = HERE / "strings.csv"


def read_strings(path: Path = STRINGS_CSV) -> dict[str, tuple[str, str]]:
    """key → (zh, en). A key given twice, or a row without its Chinese or English, is an error in the table."""
    out: dict[str, tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != ["key", "zh", "en"]:
            raise ValueError(f"{path.name}: the columns are key,zh,en, not {reader.fieldnames}")
        for line, row in enumerate(reader, start=2):
            key, zh, en = row["key"].strip(), row["zh"] or "", row["en"] or ""
            if key in out:
                raise ValueError(f"{path.name} line {line}: {key} is defined twice")
            if not key or not zh.strip() or not en.strip():
                raise ValueError(f"{path.name} line {line}: a row needs a key, its Chinese and its English")
            out[key] = (zh, en)
    return out


@cache
def strings() -> dict[str, tuple[str, str]]:
    """Every word the product shows (strings.csv): the pages' (ui.i18n.t) and the findings' (words)."""
    return read_strings()


def say(key: str, lang: str, params: dict | None = None) -> str:
    """One string of strings.csv in one language with its parameters filled. A parameter whose words differ by
    language (a row's label, a fragment said in words of its own) is given as {"zh": …, "en": …}; a missing
    parameter is a KeyError, never a "{row}" left on screen."""
    zh, en = strings()[key]
    return (en if lang == "en" else zh).format(**{k: in_language(v, lang) for k, v in (params or {}).items()})


def t_in(key: str, language: str, **fmt) -> str:
    """A string of strings.csv in a given language (ui.i18n.t says it in the page's): for code with no page,
    the brief, the review and the CLI, which need no Streamlit to say a word."""
    return say(key, language, fmt) if fmt else strings()[key][1 if language == "en" else 0]


def in_language(value, lang: str):
    """A parameter as `lang` says it: a {"zh", "en"} pair gives its side, anything else is itself."""
    if isinstance(value, dict) and value.keys() == {"zh", "en"}:
        return value["en" if lang == "en" else "zh"]
    return value


# between the items of a list and the clauses of a sentence, as each language writes them
SEPARATORS = {"list": ("、", ", "), "clause": ("；", "; ")}


def joined(parts, sep: str = "list") -> dict[str, str]:
    """Several parameters (each a {"zh", "en"} pair or plain text) said as one list, in both languages."""
    zh, en = SEPARATORS[sep]
    parts = list(parts)
    return {"zh": zh.join(str(in_language(p, "zh")) for p in parts), "en": en.join(str(in_language(p, "en")) for p in parts)}


def both(zh: str, en: str) -> dict[str, str]:
    """A parameter whose words differ by language (a template's or a column's name)."""
    return {"zh": zh, "en": en}


@dataclass(frozen=True)
class Words:
    """A message as its key in strings.csv and its parameters (JSON-able: text, figures, {"zh", "en"} pairs), said
    in either language when it is shown: a finding keeps these, not a sentence in one language."""

    key: str
    params: dict

    def text(self, lang: str) -> str:
        return say(self.key, lang, self.params)

    @property
    def zh(self) -> str:
        return self.text("zh")

    @property
    def en(self) -> str:
        return self.text("en")

    def both(self) -> dict[str, str]:
        """Said in both languages, to go into another message as one of its parameters."""
        return {"zh": self.zh, "en": self.en}


def words(key: str, **params) -> Words:
    """The words of strings.csv `key` with their parameters, for a message made here and said later in the
    language of the page that shows it."""
    if key not in strings():
        raise KeyError(f"strings.csv has no row {key!r}")
    return Words(key, params)


def label_of(indicator: str) -> dict[str, str]:
    """An indicator's label in both languages, as a message's parameter (its id when the catalog lacks it)."""
    ind = indicators().get(indicator)
    return both(ind.label("zh"), ind.label("en")) if ind else both(indicator, indicator)


@dataclass(frozen=True)
class Page:
    """A dashboard page (`pages.csv`, in sidebar order): app.py builds its navigation from these rows and the
    tests walk every page from them."""

    path: str
    title_key: str  # its title in catalog/strings.csv
    icon: str
    default: bool

    @property
    def name(self) -> str:
        """The page's URL path: its file name."""
        return Path(self.path).stem


@cache
def pages() -> tuple[Page, ...]:
    with (HERE / "pages.csv").open(encoding="utf-8") as fh:
        return tuple(Page(r["path"], r["title_key"], r["icon"], r["default"] == "yes") for r in csv.DictReader(fh))


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
