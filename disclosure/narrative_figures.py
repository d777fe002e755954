"""Figures stated only in a report's narrative (spec §6): what went out through each channel, policy
interpretations, press conferences, online interviews — the agency's own figure for the year.

Every word that says what a figure is lives in `catalog/text_figures.csv`, one row per pattern:
`define` rows are macros (`{NUM}`, `{UNIT}`, …) the later rows use; `include` rows are regexes with a
named group `n` (the number) and optionally `unit` and `bound…` groups (a lower bound: 余, 多, 以上,
超过); `exclude` rows veto a figure, with the reason in `note`. An exclude with its own `n` group vetoes
only the number it names (a platform count, readership); one without vetoes every figure of its
indicators whose sentence, up to the end of the figure's clause, holds it (a total over several years,
another body's total). This module knows only numbers, clauses and sentences.

The narrative is prepared once: invisible characters (U+200B) dropped and lines joined — archives break
lines inside sentences and inside numbers (`1\\n62` is 162) — except around numbered headings. Each
pattern then makes one pass over the whole text (the patterns start with a literal wherever they can,
so a pass is a fast search). Punctuation is matched in both widths and numbers are read after NFKC, so
a figure's unit and sentence are cut from the text as printed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path

CATALOG = Path(__file__).resolve().parent / "catalog" / "text_figures.csv"

_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\ufeff", "\x00")
_HEADING = r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[、.．](?!\d))"
# Every line break goes (a sentence's end is its punctuation) except around a numbered heading:
# after a short heading line, and before any heading.
_HEADING_LINE = re.compile(r"(?m)^(" + _HEADING + r"[^\n,，。；;：:]{0,24})\n")
_BEFORE_HEADING = re.compile(r"\n(?=" + _HEADING + ")")
_BREAK = re.compile(r"\n\s*")
_SENTENCE_ENDS = "。；;！!？?\n"
_CLAUSE_ENDS = _SENTENCE_ENDS + "，,：:"
_SENTENCE_END = re.compile("[" + _SENTENCE_ENDS + "]")
_CLAUSE_END = re.compile("[" + _CLAUSE_ENDS + "]")
_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}
_KEEP = "\x00"  # stands for a kept line break while the others are removed


@dataclass(frozen=True)
class TextFigure:
    indicator: str
    value: int | float
    unit: str
    at_least: bool
    sentence: str  # the clause(s) the figure was read from, as printed, line breaks removed


@dataclass(frozen=True)
class _Include:
    indicator: str
    regex: re.Pattern
    vetoes: tuple[_Exclude, ...]


@dataclass(frozen=True)
class _Exclude:
    indicators: tuple[str, ...]  # ids or fnmatch patterns ('*', 'text.channel.*')
    regex: re.Pattern
    note: str

    @property
    def positional(self) -> bool:
        return "n" in self.regex.groupindex

    def applies_to(self, indicator: str) -> bool:
        return any(fnmatchcase(indicator, p) for p in self.indicators)


def _expand(pattern: str, macros: dict[str, str]) -> str:
    def one(m: re.Match) -> str:
        if m.group(1) not in macros:
            raise ValueError(f"text_figures.csv: {{{m.group(1)}}} is used before it is defined")
        return macros[m.group(1)]

    return _MACRO.sub(one, pattern)


@lru_cache(maxsize=4)
def _rules(path: Path = CATALOG) -> tuple[_Include, ...]:
    macros: dict[str, str] = {}
    includes: list[tuple[str, re.Pattern]] = []
    excludes: list[_Exclude] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            kind, pattern = row["kind"].strip(), _expand(row["pattern"], macros)
            try:
                if kind == "define":
                    re.compile(pattern)
                    macros[row["indicator"].strip()] = pattern
                elif kind == "include":
                    regex = re.compile(pattern)
                    if "n" not in regex.groupindex:
                        raise ValueError("an include pattern needs a group named n")
                    includes.append((row["indicator"].strip(), regex))
                elif kind == "exclude":
                    indicators = tuple(p.strip() for p in row["indicator"].split("|") if p.strip())
                    excludes.append(_Exclude(indicators, re.compile(pattern), row.get("note", "")))
                else:
                    raise ValueError(f"unknown kind {kind!r}")
            except (re.error, ValueError) as e:
                raise ValueError(f"{path.name} line {line}: {e}") from None
    return tuple(_Include(ind, rx, tuple(x for x in excludes if x.applies_to(ind))) for ind, rx in includes)


def _keep_after(m: re.Match) -> str:
    return m.group(1) + _KEEP


def _prepare(narrative: str) -> str:
    """The narrative with its lines joined (keeping breaks around numbered headings) and invisible
    characters dropped; everything else as printed."""
    text = narrative
    for ch in _INVISIBLE:
        if ch in text:
            text = text.replace(ch, "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for space in (" \n", "\t\n", "\u3000\n"):  # str.replace is cheaper than a regex here
        while space in text:
            text = text.replace(space, "\n")
    text = _HEADING_LINE.sub(_keep_after, text)
    text = _BEFORE_HEADING.sub(_KEEP, text)
    return _BREAK.sub("", text).replace(_KEEP, "\n")


def _number(token: str) -> int | float | None:
    t = unicodedata.normalize("NFKC", token).replace(" ", "").replace(",", "")
    scale = 1
    if t and t[-1] in _MULTIPLIERS:
        t, scale = t[:-1], _MULTIPLIERS[t[-1]]
    if t.replace(".", "", 1).isdigit():
        v = float(t) * scale if "." in t else int(t) * scale
    else:
        v = _chinese_number(t)
        if v is None:
            return None
        v *= scale
    if isinstance(v, float):
        v = int(v) if v.is_integer() else round(v, 6)
    return v


def _chinese_number(t: str) -> int | None:
    """两 → 2, 十二 → 12, 三百零五 → 305; digits read one by one otherwise (二〇一九 → 2019)."""
    if not t or any(c not in _DIGITS and c not in _POWERS for c in t):
        return None
    if not any(c in _POWERS for c in t):
        return int("".join(str(_DIGITS[c]) for c in t))
    total, digit = 0, None
    for c in t:
        if c in _DIGITS:
            digit = _DIGITS[c]
        else:
            total += (1 if digit is None else digit) * _POWERS[c]
            digit = None
    return total + (digit or 0)


def _start_of(text: str, pos: int, ends: str) -> int:
    return max(text.rfind(c, 0, pos) for c in ends) + 1


def _end_of(text: str, pos: int, ends: re.Pattern) -> int:
    m = ends.search(text, pos)
    return m.start() if m else len(text)


def _bounded(m: re.Match) -> bool:
    return any(v for k, v in m.groupdict().items() if k.startswith("bound"))


def _vetoed(rule: _Include, m: re.Match, text: str) -> bool:
    n_start, n_end = m.span("n")
    sentence_start = min(_start_of(text, n_start, _SENTENCE_ENDS), m.start())
    sentence_end = _end_of(text, n_end, _SENTENCE_END)
    clause_end = _end_of(text, m.end(), _CLAUSE_END)
    for veto in rule.vetoes:
        if veto.positional:  # it names a number: that number only
            for x in veto.regex.finditer(text, sentence_start, sentence_end):
                if x.start("n") < n_end and n_start < x.end("n"):
                    return True
        elif veto.regex.search(text, sentence_start, clause_end):
            return True
    return False


def read_figures(narrative: str) -> list[TextFigure]:
    """The channel and outreach figures a narrative states for the report year, in text order."""
    if not narrative:
        return []
    text = _prepare(narrative)
    best: dict[tuple[int, int], tuple[int, int, _Include, re.Match]] = {}
    for order, rule in enumerate(_rules()):
        for m in rule.regex.finditer(text):
            span = m.span("n")
            # one number, one figure: the channel named nearest before it takes it, then catalog order
            rank = (-m.start(), order)
            if span not in best or rank < best[span][:2]:
                best[span] = (*rank, rule, m)
    out = []
    for span in sorted(best):
        _, _, rule, m = best[span]
        value = _number(m.group("n"))
        if value is None or _vetoed(rule, m, text):
            continue
        unit = text[m.start("unit") : m.end("unit")] if "unit" in rule.regex.groupindex and m.group("unit") else ""
        start, end = _start_of(text, m.start(), _CLAUSE_ENDS), _end_of(text, m.end(), _CLAUSE_END)
        sentence = text[start:end].replace("\n", "").strip()
        out.append(TextFigure(rule.indicator, value, unit, _bounded(m), sentence))
    return out
