"""A report's coverage, read from its own words: whose work its figures count — the agency itself (本机关), a
government with its own departments (本级政府), or a whole city or county (全市或全县汇总).

The classes are catalog rows (`catalog/coverage.csv`), the words that tell them apart too
(`catalog/coverage_phrases.csv`). A phrase counts only in the kind of sentence it belongs to:
- `compiled`: a sentence about the report itself — what it was compiled from (…汇总各县（区）人民政府和市直各单位的
  政府信息公开情况编制而成本报告; 由莆田市科技局编制的…年度报告);
- `figures`: a sentence stating one of the report's figures (…全市受理依申请公开事项128件).
"全市" or "本机关" anywhere else says nothing about coverage: a city report speaks of 全市保障房, and every 2019 and
2021 table has a row 本机关不掌握相关政府信息.

The compiled sentences are read first, then the figure sentences, each in document order; the first sentence a phrase
matches decides, and within one sentence the phrase table's order (the wider coverage first). A report whose words
match no phrase has no coverage ("" — not stated): it is never guessed from the agency's name."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent / "catalog"
STATEMENTS = ("compiled", "figures")
# a sentence about the report itself, and one that states a count (after NFKC: ASCII digits and punctuation)
_ABOUT_THE_REPORT = re.compile(r"报告|年报")
_COMPILED_VERB = re.compile(r"编制|汇总|综合|组成")
# a count of the report's own matter (requests, disclosures, fees), or its absence (全区未收到有关政府信息公开申请)
_STATES_A_FIGURE = re.compile(r"\d+\s*(?:件|条|份|个)|未收到|未收取|没有收到")
_REPORT_MATTER = re.compile(r"申请|公开|信息处理费")
_SENTENCE_END = re.compile(r"(?<=[。;；!！?？])")
EVIDENCE_BEFORE, EVIDENCE_AFTER = 40, 80  # the evidence: the sentence, or this much of it around the phrase


@dataclass(frozen=True)
class Coverage:
    id: str
    name_zh: str
    name_en: str
    covers: str  # itself | departments | region: what else of its region its figures already hold

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh


@dataclass(frozen=True)
class Phrase:
    coverage: str
    statement: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Reading:
    coverage: str  # a coverage id, or "" when the report does not say
    evidence: str = ""  # the sentence that says it, as the document prints it (NFKC'd where that changed its length)


@cache
def classes() -> dict[str, Coverage]:
    with (HERE / "coverage.csv").open(encoding="utf-8") as fh:
        return {r["id"]: Coverage(r["id"], r["name_zh"], r["name_en"], r["covers"]) for r in csv.DictReader(fh)}


@cache
def phrases() -> tuple[Phrase, ...]:
    with (HERE / "coverage_phrases.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for k, r in enumerate(rows, start=2):
        if r["coverage"] not in classes() or r["statement"] not in STATEMENTS:
            raise ValueError(f"catalog/coverage_phrases.csv line {k}: unknown coverage or statement {r['coverage']!r}/{r['statement']!r}")
        out.append(Phrase(r["coverage"], r["statement"], re.compile(r["pattern"])))
    return tuple(out)


def sentences(text: str) -> list[tuple[str, str]]:
    """The text's sentences, each as printed and NFKC'd (what the phrases match): the lines joined (an archived page
    breaks a sentence over lines: 共受理政府信息公开申请 / 545 / 件), cut at 。 ； ！ ？"""
    joined = "".join(line.strip() for line in text.splitlines())
    return [(s, unicodedata.normalize("NFKC", s)) for s in _SENTENCE_END.split(joined) if s]


def statement_kind(sentence: str) -> str | None:
    if _ABOUT_THE_REPORT.search(sentence) and _COMPILED_VERB.search(sentence):
        return "compiled"
    if _STATES_A_FIGURE.search(sentence) and _REPORT_MATTER.search(sentence):
        return "figures"
    return None


def read_coverage(text: str) -> Reading:
    """The report's coverage and the sentence that says it; Reading("") when its words do not say."""
    by_kind: dict[str, list[tuple[str, str]]] = {k: [] for k in STATEMENTS}
    for printed, sentence in sentences(text):
        kind = statement_kind(sentence)
        if kind is not None:
            by_kind[kind].append((printed, sentence))
    for kind in STATEMENTS:
        rows = [p for p in phrases() if p.statement == kind]
        for printed, sentence in by_kind[kind]:
            for phrase in rows:
                m = phrase.pattern.search(sentence)
                if m:
                    return Reading(phrase.coverage, _around(printed if len(printed) == len(sentence) else sentence, m))
    return Reading("")


def _around(sentence: str, m: re.Match) -> str:
    """The sentence, or the part of it around the phrase when it runs long (a page's header glued to the first line)."""
    start, end = max(0, m.start() - EVIDENCE_BEFORE), min(len(sentence), m.end() + EVIDENCE_AFTER)
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def stands_apart(coverage: str) -> bool:
    """A report whose figures already hold other agencies' (a government with its departments, a whole city)."""
    found = classes().get(coverage)
    return found is not None and found.covers != "itself"
