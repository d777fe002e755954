"""Narrative rules: figures the text states against the table, and text repeated from last year.

The text arrives as readers give it: one paragraph a line (text, HTML) or wrapped mid-sentence with
spaces around numbers and page footers in between (PDF). `sentences` rebuilds the sentences first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .. import catalog
from ..model import Check, Report
from ..narrative_figures import read_figures
from ..readers.text_layout import PAGE_FOOTER
from .facts import FactView, fmt, label, same
from .rules import finding

COPIED_SIMILARITY = 0.80  # narratives this similar (digits removed) count as copied
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
_FIGURE = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(人次|万元|条|件|次|篇|个|人|元|期|场|名|起|项)")
_APPROXIMATE = re.compile(r"(约|近|逾|超过|多达|将近|不足|不到|第)$")
# the opening every report must carry (basis, compiler, period, contact): repeating it is not copying
_PREAMBLE = re.compile(r"本报告|年度报告|统计期限|以下简称|如对本报告|联系(地址|电话|方式)|邮编")
_CHANGE = re.compile(r"同比|增长|增加|减少|下降|上升|较上年|比上年|环比|增幅|降幅")

T14 = frozenset({"2014"})
T19 = frozenset({"2019", "2021"})
ALL = T14 | T19
COUNT = frozenset({"件", "起"})
ITEMS = frozenset({"条"})
TIMES = frozenset({"次", "场"})
MONEY = frozenset({"元", "万元"})
PEOPLE = frozenset({"人", "名"})


@dataclass(frozen=True)
class FigurePattern:
    """Text before a figure that names an indicator. indicator None: recognised, but the template has
    no cell for it (e.g. the 2019+ information-processing fee), so the figure is not compared."""

    templates: frozenset
    indicator: str | None
    units: frozenset
    include: re.Pattern
    exclude: re.Pattern | None = None


def _p(templates, indicator, units, include, exclude=None) -> FigurePattern:
    return FigurePattern(templates, indicator, frozenset(units), re.compile(include), re.compile(exclude) if exclude else None)


# First match wins, so narrower patterns come before broader ones.
PATTERNS: list[FigurePattern] = [
    # 七、依申请公开信息收取的费用 exists only in the 2014 table; never map a fee onto 第二十条第（八）项
    _p(T14, "requests.fees", MONEY, r"收取|收费|费用|处理费", r"经费|行政事业性"),
    _p(T19, None, MONEY, r"费"),
    _p(ALL, "review.total", COUNT, r"行政复议", r"诉讼"),
    _p(T14, "litigation.total", COUNT, r"行政诉讼", r"复议"),
    _p(T19, None, COUNT, r"行政诉讼"),
    _p(T14, "complaints.total", COUNT, r"举报|投诉", r"申请"),
    _p(T19, None, COUNT, r"举报|投诉|信访"),
    _p(T14, "requests.received.online", COUNT, r"(网上|网络|在线|网站|电子邮件|邮箱).{0,10}申请"),
    _p(T14, "requests.received.in_person", COUNT, r"(当面|现场).{0,10}申请"),
    _p(T14, "requests.received.letter", COUNT, r"(信函|邮寄).{0,10}申请"),
    _p(T14, "requests.received.fax", COUNT, r"传真.{0,10}申请"),
    _p(T19, None, COUNT, r"(网上|网络|在线|网站|电子邮件|邮箱|当面|现场|信函|邮寄|传真).{0,10}申请"),
    _p(T19, "requests.carried_over", COUNT, r"上年结转|上一年度结转|上年度结转"),
    _p(T19, "requests.carried_forward", COUNT, r"结转(至|到|入)?下(一)?年"),
    _p(T14, None, COUNT, r"按时|按期|延期|法定期限"),
    _p(T14, "requests.closed", COUNT, r"办结.{0,6}申请|申请.{0,10}办结|办结", r"复议|诉讼"),
    _p(
        ALL,
        "requests.received",
        COUNT,
        r"(收到|受理|接收|接到|新收|共收).{0,20}申请|申请.{0,8}(收到|受理|接收)",
        r"办结|答复|复议|诉讼|不予|无法|其中|结转",
    ),
    _p(T14, "active.normative_issued", COUNT, r"(制发|制定|出台|印发).{0,10}规范性文件"),
    _p(T14, "active.normative_published", COUNT | ITEMS, r"公开.{0,10}规范性文件"),
    _p(T19, "art20.normative.issued", COUNT, r"(制发|制定|出台|印发).{0,10}规范性文件"),
    _p(T19, None, COUNT | ITEMS, r"规范性文件"),
    # channels, interpretations, press conferences and online interviews: the narrative-figure reader
    # (narrative_figures, catalog/text_figures.csv) reads them; check_narrative compares its figures
    _p(T14, None, ITEMS, r"网站|网页|微博|微信|公众号|公报"),
    _p(T14, "active.total", ITEMS, r"公开.{0,12}信息|发布.{0,12}信息", r"申请|解读|舆情|热点"),
    _p(T14, None, {"篇"}, r"解读"),
    _p(T14, "response.press_conferences.leaders", TIMES, r"(主要负责|主要领导|一把手).{0,15}新闻发布会"),
    _p(T14, None, TIMES, r"新闻发布会"),
    _p(T14, "response.online_interviews.leaders", TIMES | {"期"}, r"(主要负责|主要领导|一把手).{0,15}在线访谈"),
    _p(T14, None, TIMES | {"期"}, r"在线访谈"),
    _p(T14, "response.hot_topics", TIMES | ITEMS | {"个"}, r"热点|舆情"),
    _p(T14, "training.trainees", {"人次"} | PEOPLE, r"培训"),
    _p(T14, "training.classes", TIMES | {"期", "个"}, r"培训"),
    _p(T14, "training.meetings", TIMES, r"(召开|举办|组织).{0,20}会议"),
    _p(T14, "capacity.staff.full_time", PEOPLE, r"专职"),
    _p(T14, "capacity.staff.part_time", PEOPLE, r"兼职"),
    _p(T14, "capacity.staff", PEOPLE, r"从事.{0,12}(人员|工作)|工作人员"),
    _p(T14, "capacity.budget", MONEY, r"专项经费|经费"),
]


# Zero stated in words: '未收到政府信息公开申请', '未收取…费用'
ZERO_PATTERNS: list[tuple[frozenset, str, re.Pattern]] = [
    (ALL, "requests.received", re.compile(r"(未|没有)(收到|受理|接到|接收)[^,，;；。]{0,15}申请")),
    (T14, "requests.fees", re.compile(r"(未|没有)收取[^,，;；。]{0,20}费")),
    (ALL, "review.total", re.compile(r"(未|没有)(发生|被申请|收到|接到)[^,，;；。]{0,10}行政复议")),
    (T14, "litigation.total", re.compile(r"(未|没有)(发生|被提起|收到|接到)[^,，;；。]{0,10}行政诉讼")),
]


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


def _match(context: str, unit: str, template: str) -> FigurePattern | None:
    for p in PATTERNS:
        if template not in p.templates or unit not in p.units:
            continue
        if p.include.search(context) and not (p.exclude and p.exclude.search(context)):
            return p
    return None


def narrative_figures(text: str, template: str) -> list[NarrativeFigure]:
    """Every figure the text states for an indicator of this template (or for a recognised figure
    the template has no cell for, with indicator None). Approximate figures ('约', '160余次') and
    changes ('同比增加5件') are not statements of a cell, so they are left out."""
    out = []
    for sentence in sentences(text):
        for clause in _CLAUSE_BREAK.split(sentence):
            for templates, indicator, zero in ZERO_PATTERNS:
                m = zero.search(clause)
                if template in templates and m and not _CHANGE.search(clause):
                    out.append(NarrativeFigure(indicator, 0, m.group(0), sentence))
            start = 0
            for m in _FIGURE.finditer(clause):
                context = clause[start : m.start()]
                start = m.end()
                if _APPROXIMATE.search(context) or _CHANGE.search(context):
                    continue
                whole, frac, unit = m.groups()
                value: float | int = float(f"{whole.replace(',', '')}.{frac}") if frac else int(whole.replace(",", ""))
                pattern = _match(context, unit, template)
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
                f"正文称“{fig.raw}”（{label(fig.indicator)}），统计表为 {fmt(table_value)}",
                f"The narrative states {fmt(fig.value)} for '{label(fig.indicator, 'en')}'; the table says {fmt(table_value)}",
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
        stated = f"{fmt(fig.value)}{'余' if fig.at_least else ''}{fig.unit}"
        out.append(
            finding(
                "narrative_mismatch",
                f"正文称“{fig.sentence}”（{label(table_id)} {stated}），统计表为 {fmt(table_value)}",
                f"The narrative states {stated} for '{label(table_id, 'en')}'; the table says {fmt(table_value)}",
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


def check_copied(report: Report, previous: Report) -> list[Check]:
    similarity = narrative_similarity(report.narrative, previous.narrative)
    if similarity is None or similarity < COPIED_SIMILARITY:
        return []
    pct = round(similarity * 100)
    return [
        finding(
            "narrative_copied",
            f"去除数字后，本年度报告正文与 {previous.year} 年度报告正文相似度为 {pct}%（≥ {round(COPIED_SIMILARITY * 100)}%）",
            f"With figures removed, the narrative is {pct}% similar to the {previous.year} report's "
            f"(threshold {round(COPIED_SIMILARITY * 100)}%)",
            [],
            {"similarity": round(similarity, 3), "previous_year": previous.year},
        )
    ]
