"""Narrative rules: figures the text states against the table, and text repeated from last year.

The text arrives as readers give it: one paragraph a line (text, HTML) or wrapped mid-sentence with
spaces around numbers and page footers in between (PDF). `sentences` rebuilds the sentences first.
Which words before a figure name which table cell, which make it approximate or a change, and which
words state a zero are data: `catalog/narrative_table_figures.csv`, read by `table_figure_rules`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from .. import catalog
from ..formats import format_value
from ..model import Check, Report
from ..narrative_figures import read_figures
from ..readers.text_layout import PAGE_FOOTER
from .facts import FactView, label, same
from .rules import finding

COPIED_SIMILARITY = 0.80  # narratives this similar (digits removed) count as copied
COPIED_SENTENCE_SHARE = 0.6  # or this share of its sentences kept word for word (numbers aside)
MIN_PROSE_CHARS = 100  # too little prose to judge copying

_HEADING = re.compile(r"^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d))")
_SENTENCE_END = "。！？；!?;"
# full-width digits, letters and the full-width point (not the Chinese punctuation)
_FULLWIDTH = {
    c: unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0E)
}
_SPACE_NEAR_CJK = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
# a comma between digits and three more digits is a thousands separator, not a clause break
_CLAUSE_BREAK = re.compile(r",(?!\d{3}(?!\d))|[，、；：;:]")
# the opening every report must carry (basis, compiler, period, contact): repeating it is not copying
_PREAMBLE = re.compile(r"本报告|年度报告|统计期限|以下简称|如对本报告|联系(地址|电话|方式)|邮编")
CATALOG = Path(__file__).resolve().parent.parent / "catalog" / "narrative_table_figures.csv"


@dataclass(frozen=True)
class FigurePattern:
    """Words before a figure that name an indicator of the table. indicator None: recognised, but the
    template has no cell for it (e.g. the 2019+ information-processing fee), so the figure is not compared."""

    templates: frozenset
    indicator: str | None
    units: frozenset
    include: re.Pattern
    exclude: re.Pattern | None = None


@dataclass(frozen=True)
class ZeroPattern:
    """Words that state a cell is zero: '未收到政府信息公开申请', '未收取…费用'."""

    templates: frozenset
    indicator: str
    words: re.Pattern


@dataclass(frozen=True)
class TableFigureRules:
    """Everything catalog/narrative_table_figures.csv says about figures the text states for table cells."""

    figure: re.Pattern  # a number and its unit: groups whole, fraction, unit
    approximate: re.Pattern  # at the end of the words before a figure: not a statement
    change: re.Pattern  # in those words (or a zero's clause): a change on last year, not a statement
    patterns: tuple[FigurePattern, ...]  # first match wins, so narrower rows come before broader ones
    zeros: tuple[ZeroPattern, ...]


def _pipe_set(cell: str) -> frozenset:
    return frozenset(x.strip() for x in cell.split("|") if x.strip())


@lru_cache(maxsize=4)
def table_figure_rules(path: Path = CATALOG) -> TableFigureRules:
    """The rows of narrative_table_figures.csv, in order: one `units`, `approximate` and `change` row
    each, then `figure` rows (templates, indicator or blank, units, the words before the figure and
    the words that veto it) and `zero` rows (templates, indicator, the words stating zero)."""
    single: dict[str, re.Pattern] = {}
    units: frozenset = frozenset()
    patterns: list[FigurePattern] = []
    zeros: list[ZeroPattern] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            kind = row["kind"].strip()
            try:
                if kind == "units":
                    units = _pipe_set(row["pattern"])
                    alternatives = "|".join(sorted(units, key=lambda u: (-len(u), u)))  # 人次 before 人
                    single[kind] = re.compile(rf"(\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(\d+))?({alternatives})")
                elif kind in ("approximate", "change"):
                    single[kind] = re.compile(row["pattern"])
                elif kind == "figure":
                    patterns.append(
                        FigurePattern(
                            _pipe_set(row["templates"]),
                            row["indicator"].strip() or None,
                            _pipe_set(row["units"]),
                            re.compile(row["pattern"]),
                            re.compile(row["exclude"]) if row["exclude"] else None,
                        )
                    )
                elif kind == "zero":
                    zeros.append(ZeroPattern(_pipe_set(row["templates"]), row["indicator"].strip(), re.compile(row["pattern"])))
                else:
                    raise ValueError(f"unknown kind {kind!r}")
            except (re.error, ValueError) as e:
                raise ValueError(f"{path.name} line {line}: {e}") from None
    missing = {"units", "approximate", "change"} - set(single)
    if missing:
        raise ValueError(f"{path.name}: no {', '.join(sorted(missing))} row")
    unread = {u for p in patterns for u in p.units} - units
    if unread:
        raise ValueError(f"{path.name}: units {sorted(unread)} are named by a figure row but not in the units row")
    return TableFigureRules(single["units"], single["approximate"], single["change"], tuple(patterns), tuple(zeros))


@dataclass(frozen=True)
class NarrativeFigure:
    indicator: str | None  # None: a recognised figure the template has no cell for
    value: float | int  # in the indicator's unit (money in 万元)
    raw: str  # the words stating it, e.g. '区政府办代表区政府受理政府信息公开申请17件'
    sentence: str


def clean(text: str) -> str:
    """Full-width digits and letters made ASCII and no spaces beside Chinese characters
    ('申请 １７ 件' → '申请17件'). Chinese punctuation stays, so a finding quotes the sentence as written."""
    text = (text or "").translate(_FULLWIDTH).replace("\u3000", " ").replace("\xa0", " ")
    return _SPACE_NEAR_CJK.sub("", text).strip()


def paragraphs(text: str) -> list[str]:
    """Lines joined back into paragraphs: a line continues the previous one unless the previous one
    ended a sentence or was a heading of its own, or this one starts a numbered heading."""
    out: list[str] = []
    open_paragraph = False
    for raw_line in (text or "").splitlines():
        line = clean(raw_line)
        if not line or PAGE_FOOTER.match(line):
            continue
        starts_heading = bool(_HEADING.match(line))
        if open_paragraph and out and not starts_heading:
            out[-1] += line
        else:
            out.append(line)
        standalone_heading = starts_heading and len(line) <= 30 and not any(c in line for c in _SENTENCE_END)
        open_paragraph = not (line[-1] in _SENTENCE_END or line.endswith("|") or standalone_heading)
    return out


@lru_cache(maxsize=512)
def sentences(text: str) -> tuple[str, ...]:
    """Cached: a report's sentences serve the figure check, and its prose both its own copy check and
    the next year's."""
    out = []
    for para in paragraphs(text):
        for s in re.findall(rf"[^{_SENTENCE_END}]+[{_SENTENCE_END}]?", para):
            s = s.strip()
            if s:
                out.append(s)
    return tuple(out)


def _match(rules: TableFigureRules, context: str, unit: str, template: str) -> FigurePattern | None:
    for p in rules.patterns:
        if template not in p.templates or unit not in p.units:
            continue
        if p.include.search(context) and not (p.exclude and p.exclude.search(context)):
            return p
    return None


def narrative_figures(text: str, template: str) -> list[NarrativeFigure]:
    """Every figure the text states for an indicator of this template (or for a recognised figure
    the template has no cell for, with indicator None). Approximate figures ('约', '160余次') and
    changes ('同比增加5件') are not statements of a cell, so they are left out."""
    rules = table_figure_rules()
    out = []
    for sentence in sentences(text):
        for clause in _CLAUSE_BREAK.split(sentence):
            for zero in rules.zeros:
                m = zero.words.search(clause)
                if template in zero.templates and m and not rules.change.search(clause):
                    out.append(NarrativeFigure(zero.indicator, 0, m.group(0), sentence))
            start = 0
            for m in rules.figure.finditer(clause):
                context = clause[start : m.start()]
                start = m.end()
                if rules.approximate.search(context) or rules.change.search(context):
                    continue
                whole, frac, unit = m.groups()
                value: float | int = float(f"{whole.replace(',', '')}.{frac}") if frac else int(whole.replace(",", ""))
                pattern = _match(rules, context, unit, template)
                if pattern is None:
                    continue
                if unit == "元":
                    value = round(value / 10000, 6)
                out.append(NarrativeFigure(pattern.indicator, value, (context + m.group(0)).strip(), sentence))
    return out


def check_narrative(report: Report) -> list[Check]:
    view = FactView(report)
    out = _text_against_table(report, view)
    for fig in narrative_figures(report.narrative, report.template):
        if fig.indicator is None:
            continue
        table_value = view.value(fig.indicator)
        if table_value is None or same(table_value, fig.value):
            continue
        out.append(
            finding(
                "narrative_mismatch",
                f"正文称“{fig.raw}”（{label(fig.indicator)}），统计表为 {format_value(table_value, fig.indicator)}",
                f"The narrative states {format_value(fig.value, fig.indicator)} for '{label(fig.indicator, 'en')}'; the table says "
                f"{format_value(table_value, fig.indicator)}",
                [fig.indicator],
                {fig.indicator: table_value, "narrative_value": fig.value},
                sentence=fig.sentence,
            )
        )
    return out


def _text_against_table(report: Report, view: FactView) -> list[Check]:
    """Every channel or outreach figure the narrative states (spec §6) against the table row that
    counts the same thing, where the template has one (the seed's 236 against 98): the same
    narrative_mismatch rule. A lower bound ('7700余条') disagrees only when the table is below it."""
    pairs = catalog.text_table_pairs()
    out = []
    for fig in read_figures(report.narrative):
        table_id = pairs.get(fig.indicator)
        table_value = view.value(table_id) if table_id else None
        if table_value is None or same(table_value, fig.value) or (fig.at_least and table_value >= fig.value):
            continue
        stated = f"{format_value(fig.value, table_id)}{'余' if fig.at_least else ''}{fig.unit}"
        stated_en = (
            "at least " if fig.at_least else ""
        ) + f"{format_value(fig.value, table_id)} {catalog.unit_name(fig.unit, 'en')}".strip()
        out.append(
            finding(
                "narrative_mismatch",
                f"正文称“{fig.sentence}”（{label(table_id)} {stated}），统计表为 {format_value(table_value, table_id)}",
                f"The narrative states {stated_en} for '{label(table_id, 'en')}'; the table says {format_value(table_value, table_id)}",
                [table_id],
                {table_id: table_value, "narrative_value": fig.value},
                sentence=fig.sentence,
            )
        )
    return out


@lru_cache(maxsize=512)
def prose(text: str) -> str:
    """The narrative's sentences (lines ending a sentence, so not table labels) without digits,
    spaces or punctuation: what stays when a report is copied and only its figures updated."""
    kept = [s for s in sentences(text) if s[-1] in "。！？!?" and not _PREAMBLE.search(s)]
    return re.sub(r"[\d\s\W_]+", "", "".join(kept))


def narrative_similarity(text: str, other: str) -> float | None:
    a, b = prose(text), prose(other)
    if min(len(a), len(b)) < MIN_PROSE_CHARS:
        return None
    return fuzz.ratio(a, b) / 100


def _sentence_key(sentence: str) -> str:
    return re.sub(r"[\d\s\W_]+", "", sentence)


def carried_sentences(text: str, other: str) -> tuple[list[str], list[bool]]:
    """The text's prose sentences (as printed) and, for each, whether last year's text has it too
    (figures, spaces and punctuation aside): a sentence kept word for word with only its numbers changed."""
    kept = [s for s in sentences(text) if s[-1] in "。！？!?" and not _PREAMBLE.search(s) and len(_sentence_key(s)) >= 8]
    before = {_sentence_key(s) for s in sentences(other)}
    return kept, [_sentence_key(s) in before for s in kept]


def copied_passages(text: str, other: str, limit: int = 3) -> list[str]:
    """The longest runs of consecutive sentences carried over from last year's text, longest first."""
    kept, carried = carried_sentences(text, other)
    runs, run = [], []
    for s, c in zip(kept, carried):
        if c:
            run.append(s)
        elif run:
            runs.append("".join(run))
            run = []
    if run:
        runs.append("".join(run))
    return sorted(runs, key=len, reverse=True)[:limit]


def check_copied(report: Report, previous: Report) -> list[Check]:
    similarity = narrative_similarity(report.narrative, previous.narrative)
    if similarity is None:
        return []
    kept, carried = carried_sentences(report.narrative, previous.narrative)
    share = sum(carried) / len(kept) if kept else 0.0
    if similarity < COPIED_SIMILARITY and share < COPIED_SENTENCE_SHARE:
        return []
    pct = round(similarity * 100)
    passages = copied_passages(report.narrative, previous.narrative)
    return [
        finding(
            "narrative_copied",
            f"去除数字后，本年度报告正文与 {previous.year} 年度报告正文相似度为 {pct}%（≥ {round(COPIED_SIMILARITY * 100)}%），"
            f"{len(kept)} 句中有 {sum(carried)} 句（{round(share * 100)}%）与上年相同",
            f"With figures removed, the narrative is {pct}% similar to the {previous.year} report's "
            f"(threshold {round(COPIED_SIMILARITY * 100)}%); {sum(carried)} of {len(kept)} sentences ({round(share * 100)}%) are last year's",
            [],
            {
                "similarity": round(similarity, 3),
                "previous_year": previous.year,
                "carried_sentences": sum(carried),
                "sentences": len(kept),
            },
            sentence=passages[0] if passages else "",
        )
    ]
