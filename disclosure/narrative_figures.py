"""The one reader of figures in a report's sentences, for the text facts (spec §6) and for the audit.

The text arrives as readers give it: one paragraph a line (text, HTML) or wrapped mid-sentence with
spaces around numbers and page footers in between (PDF), archives with every number on a line of its
own. `prepare` rebuilds it once: full-width digits made ASCII, spaces beside Chinese characters and
invisible characters dropped, lines joined back into paragraphs (a line continues the one before unless
that one ended a sentence or was a heading of its own). Then one pass finds every number with its unit
(the units are `catalog/units.csv`'s, the one unit table), and each consumer reads its figures from
those tokens and the sentence and clause each lies in:

- `read_figures` — the channel and outreach figures (spec §6) by the grammar of
  `catalog/text_grammar.csv`: a channel sentence is a platform + a verb + a number + a unit, in either
  order (通过“平潭发布”公众号发布信息672条; 召开12场新闻发布会), with the spec's exclusions. A clause
  without a platform of its own takes the one named last before it in its sentence; a sentence that
  starts with its verb continues the platform the sentence before named last.
- `read_table_figures` — figures the text states for table cells (the audit's narrative_mismatch
  rule), by the words before each figure in `catalog/text_table_figures.csv`.
"""

from __future__ import annotations

import bisect
import csv
import re
import unicodedata
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import agencies, catalog
from .readers.text_layout import PAGE_FOOTER

HERE = Path(__file__).resolve().parent / "catalog"
GRAMMAR = HERE / "text_grammar.csv"
TABLE_FIGURES = HERE / "text_table_figures.csv"

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u2060\x00"), None)
# full-width digits, letters and the full-width point (not the Chinese punctuation)
_FULLWIDTH = {
    c: unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF0E)
}
_NEEDS_TRANSLATION = re.compile("[\u200b\u200c\u200d\ufeff\u2060\x00\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0e]")
_NEEDS_TRANSLATION_RUN = re.compile("[\u200b\u200c\u200d\ufeff\u2060\x00\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0e]+")
_SPACE_NEAR_CJK = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
_SPACE_IN_LINE = re.compile(r"[^\S\n]+")


def _drop_spaces_near_cjk(text: str) -> str:
    """The same, line by line: a run of spaces beside a Chinese character goes (one scan for the runs,
    which most characters are not)."""

    def run(m: re.Match) -> str:
        start, end = m.span()
        return "" if start and text[start - 1] > "\x7f" or end < len(text) and text[end] > "\x7f" else m.group()

    return _SPACE_IN_LINE.sub(run, text)


_HEADING = re.compile(r"^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.．、](?!\d))")
_SENTENCE_END = "。！？；!?;"
_SENTENCE = re.compile(rf"[^{_SENTENCE_END}\n]+[{_SENTENCE_END}]?")
# the channel grammar reads clauses (，：) within sentences (。！？) and their parts (；)
_SENTENCE_STOP = re.compile(r"[。！？!?\n]")
_PART_STOP = re.compile(r"[。！？!?\n；;]")
_PART_CHARS, _SENTENCE_CHARS = frozenset("。！？!?\n；;"), frozenset("。！？!?\n")
# a comma between digits and three more digits is a thousands separator, not a clause break
_CLAUSE_STOP = re.compile(r"[。！？!?\n；;，：:]|,(?!\d{3}(?!\d))")
# the audit's clauses also end at 、 (a list of figures for different cells)
_CELL_CLAUSE_STOP = re.compile(r"[。！？!?\n；;，、：:]|,(?!\d{3}(?!\d))")
_MACRO = re.compile(r"\{([A-Z][A-Z_]*)\}")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}
_MULTIPLIERS = {"万": 10_000, "亿": 100_000_000}


# ---------------------------------------------------------------- the text, prepared once


def clean(text: str) -> str:
    """Full-width digits and letters made ASCII, invisible characters dropped and no spaces beside
    Chinese characters ('申请 １７ 件' → '申请17件'). Chinese punctuation stays, so a finding quotes the
    sentence as written."""
    text = (text or "").translate(_INVISIBLE).translate(_FULLWIDTH).replace("\u3000", " ").replace("\xa0", " ")
    return _SPACE_NEAR_CJK.sub("", text).strip()


def paragraphs(text: str) -> list[str]:
    """Lines joined back into paragraphs: a line continues the previous one unless the previous one
    ended a sentence or was a heading of its own, or this one starts a numbered heading."""
    out: list[list[str]] = []  # each paragraph's lines, joined at the end (a table of one cell per line is one long paragraph)
    open_paragraph = False
    whole = text or ""
    if _NEEDS_TRANSLATION.search(whole):  # str.translate costs a pass; most texts need none
        whole = _translated(whole)
    whole = whole.replace("\u3000", " ").replace("\xa0", " ")
    lines = [line for line in (x.strip() for x in _drop_spaces_near_cjk(whole).splitlines()) if line]
    for i, line in enumerate(lines):
        if PAGE_FOOTER.match(line) and not (open_paragraph and _figure_split_over_lines(line, lines[i + 1] if i + 1 < len(lines) else "")):
            continue
        starts_heading = bool(_HEADING.match(line))
        if open_paragraph and out and not starts_heading:
            out[-1].append(line)
        else:
            out.append([line])
        standalone_heading = starts_heading and len(line) <= 30 and not any(c in line for c in _SENTENCE_END)
        open_paragraph = not (line[-1] in _SENTENCE_END or line.endswith("|") or standalone_heading)
    return ["".join(p) for p in out]


def _translated(text: str) -> str:
    """Invisible characters dropped and full-width digits and letters made ASCII: the runs that need it only."""
    return _NEEDS_TRANSLATION_RUN.sub(lambda m: m.group().translate(_INVISIBLE).translate(_FULLWIDTH), text)


def _figure_split_over_lines(line: str, following: str) -> bool:
    """Archives print every number of a sentence on a line of its own ('发布解读数量' / '7' / '件，如…',
    '政府信息' / '2' / '4份'): a bare number inside an open sentence whose next line goes on with its
    digits, its unit or a date word is the sentence's figure, not a page number."""
    return line.isdigit() and bool(_continues_a_figure().match(following))


@lru_cache(maxsize=1)
def _continues_a_figure() -> re.Pattern:
    return re.compile("(?:" + "|".join(map(re.escape, catalog.unit_words())) + r"|[\d余多万亿%.年月日。；，,])")


@lru_cache(maxsize=512)
def sentences(text: str) -> tuple[str, ...]:
    """The narrative's sentences (ending at 。！？； or a paragraph's end). Cached: a report's sentences
    serve the figure checks, and its prose both its own copy check and the next year's."""
    out = []
    for s in _SENTENCE.findall(prepare(text).text):
        s = s.strip()
        if s:
            out.append(s)
    return tuple(out)


class Token(NamedTuple):
    """A number and its unit as the text prints them."""

    start: int  # where the figure's words begin (a 超过 before the number included)
    n_start: int
    n_end: int
    end: int  # after the unit (and a 以上)
    number: str  # as printed, 万/亿 included
    unit: str
    at_least: bool
    plain: bool  # ASCII digits right before the unit: no 万/亿, no 余/多, no Chinese numerals


@dataclass(frozen=True)
class Prepared:
    text: str  # the paragraphs, one a line
    tokens: tuple[Token, ...]
    clause_stops: tuple[int, ...]
    part_stops: tuple[int, ...]
    sentence_stops: tuple[int, ...]

    def span(self, pos: int, stops: tuple[int, ...]) -> tuple[int, int]:
        """The clause, part or sentence (by its stops) that holds `pos`: start inclusive, end at its stop."""
        i = bisect.bisect_left(stops, pos)
        start = stops[i - 1] + 1 if i else 0
        end = stops[i] if i < len(stops) else len(self.text)
        return start, end


@lru_cache(maxsize=256)
def prepare(narrative: str) -> Prepared:
    text = "\n".join(paragraphs(narrative))
    g = grammar()
    tokens = []
    for regex in g.tokens:
        for m in regex.finditer(text):
            start = m.start()
            before = g.bound_before.search(text, max(0, start - 4), start)
            bound = bool(before or m.group("bound_after") or m.group("bound_unit"))
            number = m.group("n")
            plain = number.replace(",", "").replace(".", "", 1).isdigit() and m.end("n") == m.start("unit")
            tokens.append(Token(before.start() if before else start, start, m.end("n"), m.end(), number, m.group("unit"), bound, plain))
    for m in g.bare.finditer(text):
        tokens.append(Token(m.start("n"), m.start("n"), m.end("n"), m.end("n"), m.group("n"), "", False, False))
    tokens.sort(key=lambda t: t.n_start)
    # every sentence stop is a part stop and every part stop a clause stop: one scan for all three
    stops = tuple(m.start() for m in _CLAUSE_STOP.finditer(text))
    parts = tuple(i for i in stops if text[i] in _PART_CHARS)
    sents = tuple(i for i in parts if text[i] in _SENTENCE_CHARS)
    return Prepared(text, tuple(tokens), stops, parts, sents)


def number_value(token: str) -> int | float | None:
    """'1,022' → 1022, '7.7万' → 77000, '两' → 2, '三百零五' → 305; None for anything else."""
    t = unicodedata.normalize("NFKC", token).replace(" ", "").replace(",", "")
    scale = 1
    if t and t[-1] in _MULTIPLIERS:
        t, scale = t[:-1], _MULTIPLIERS[t[-1]]
    if t.replace(".", "", 1).isdigit():
        v: int | float = float(t) * scale if "." in t else int(t) * scale
    else:
        c = _chinese_number(t)
        if c is None:
            return None
        v = c * scale
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


# ---------------------------------------------------------------- the channel grammar (spec §6)


@dataclass(frozen=True)
class TextFigure:
    indicator: str
    value: int | float
    unit: str
    at_least: bool
    sentence: str  # the clause(s) the figure was read from, as printed, line breaks removed


@dataclass(frozen=True)
class _Exclude:
    scope: str  # number | part | subject
    indicators: tuple[str, ...]  # ids or fnmatch patterns ('*', 'text.channel.*')
    regex: re.Pattern
    note: str

    def applies_to(self, indicator: str) -> bool:
        return any(fnmatchcase(indicator, p) for p in self.indicators)


@dataclass(frozen=True)
class Grammar:
    """Everything catalog/text_grammar.csv says, compiled."""

    tokens: tuple[re.Pattern, ...]  # a number and its unit
    bound_before: re.Pattern  # right before a number: a lower bound
    bare: re.Pattern  # a count printed without a unit
    platforms: re.Pattern  # every platform word (one alternation without groups: a fast scan)
    platform_words: tuple  # (platform, its words), in catalog order
    figures: dict  # (platform, role) → indicator
    objects: dict  # platform → the object its figure must name
    verbs: dict  # platform ('*' for all) → regex
    fillers: dict  # platform → a full-match regex of the words allowed between verb and number
    unit_object: re.Pattern  # after a unit: the words before a platform that follows
    continues: re.Pattern  # a sentence part that starts with its verb
    no_inherit: re.Pattern  # a clause that never takes the platform of the clause before
    year_part: re.Pattern  # 其中2018年度…: the year's part of a total over several years
    table_header: re.Pattern  # an inline statistics table starts (指标名称): no narrative figures until the next section
    vehicle: re.Pattern  # the words before a platform that make it the vehicle of its sentence
    part: re.Pattern  # words after which a smaller figure of the same kind is a part of the one before
    topic: re.Pattern  # right after a platform word: it names contents, not the channel
    body: re.Pattern  # a body named by its name (市环保局)
    predicate: re.Pattern  # words that make a body after them an object
    excludes: tuple[_Exclude, ...]
    roles: dict  # unit → frozenset of roles

    def platform_of(self, text: str, pos: int, word: str) -> str:
        """Which platform the word found at pos is (the first whose words match it there)."""
        for platform, words in self.platform_words:
            m = words.match(text, pos)
            if m and m.group() == word:
                return platform
        raise AssertionError(word)

    def verb(self, platform: str) -> re.Pattern:
        return self.verbs[platform]

    def filler(self, platform: str) -> re.Pattern:
        return self.fillers[platform]


def _expand(pattern: str, macros: dict[str, str], path: Path) -> str:
    def one(m: re.Match) -> str:
        if m.group(1) not in macros:
            raise ValueError(f"{path.name}: {{{m.group(1)}}} is used before it is defined")
        return macros[m.group(1)]

    return _MACRO.sub(one, pattern)


def _rows(path: Path):
    with path.open(encoding="utf-8", newline="") as fh:
        yield from enumerate(csv.DictReader(fh), start=2)


@lru_cache(maxsize=4)
def grammar(path: Path = GRAMMAR) -> Grammar:
    units = catalog.units()
    unit_alt = "|".join(re.escape(u) for u in catalog.unit_words())
    macros: dict[str, str] = {}
    platforms: dict[str, list[str]] = {}
    figures: dict[tuple[str, str], str] = {}
    objects: dict[str, str] = {}
    verbs: dict[str, list[str]] = {}
    fillers: dict[str, list[str]] = {}
    singles: dict[str, str] = {}
    excludes: list[tuple[str, str, str, str]] = []
    for line, row in _rows(path):
        if None in row or None in row.values():
            raise ValueError(f"{path.name} line {line}: {len(row) - (None in row)} fields where 5 belong (quote a pattern holding a comma)")
        kind, name, words = row["kind"].strip(), row["name"].strip(), row["words"]
        applies = [p.strip() for p in (row["applies"] or "").split("|") if p.strip()]
        try:
            if kind == "define":
                macros[name] = _expand(words, macros, path)
                re.compile(macros[name])
            elif kind == "platform":
                re.compile(words)
                platforms.setdefault(name, []).append(words)
            elif kind == "figure":
                for role in applies:
                    figures[(words.strip(), role)] = name
            elif kind == "object":
                objects[name] = words
            elif kind == "verb":
                for p in name.split("|"):
                    verbs.setdefault(p, []).append(words)
            elif kind == "filler":
                for p in name.split("|"):
                    fillers.setdefault(p, []).append(words)
            elif kind in _SINGLES:
                singles[kind] = words
            elif kind == "exclude":
                excludes.append((name, row["applies"], _expand(words, macros, path), row.get("note", "")))
            else:
                raise ValueError(f"unknown kind {kind!r}")
        except (re.error, ValueError) as e:
            raise ValueError(f"{path.name} line {line}: {e}") from None
    missing = {"DIGITS", "NUMERALS", "BOUND_BEFORE", "BOUND_AFTER", "NUM", "BARE", "AFTER_UNIT"} - set(macros)
    if missing:
        raise ValueError(f"{path.name}: no define row for {', '.join(sorted(missing))}")
    unknown = {p for p, _ in figures} - set(platforms)
    if unknown:
        raise ValueError(f"{path.name}: figure rows name platforms no platform row defines: {sorted(unknown)}")
    platform_re = re.compile("|".join(w for words_ in platforms.values() for w in words_))
    platform_words = tuple((p, re.compile("|".join(ws))) for p, ws in platforms.items())
    every_verb = verbs.get("*", [])
    verb_res = {p: re.compile("|".join(every_verb + verbs.get(p, []))) for p in [*platforms, "*"]}
    filler_res = {p: re.compile("(?:" + "|".join(fillers.get("*", []) + fillers.get(p, [])) + ")*") for p in platforms}
    all_verbs = "|".join(v for vs in verbs.values() for v in vs)
    return Grammar(
        # one pass for numbers in digits, one for numerals: each starts with its character class
        tokens=tuple(
            re.compile("(?P<n>" + macros[kind] + ")" + macros["BOUND_AFTER"] + "(?P<unit>" + unit_alt + ")" + macros["AFTER_UNIT"])
            for kind in ("DIGITS", "NUMERALS")
        ),
        bound_before=re.compile(macros["BOUND_BEFORE"]),
        bare=re.compile(macros["BARE"]),
        platforms=platform_re,
        platform_words=platform_words,
        figures=figures,
        objects={p: re.compile(o) for p, o in objects.items()},
        verbs=verb_res,
        fillers=filler_res,
        unit_object=re.compile(singles.get("unit_object", "(?!)")),
        continues=re.compile(singles.get("continue", "(?!)")),
        predicate=re.compile(singles.get("predicate", "(?!)") + "|" + all_verbs),
        no_inherit=re.compile(singles.get("no_inherit", "(?!)")),
        year_part=re.compile(singles.get("year_part", "(?!)")),
        table_header=re.compile(singles.get("table_header", "(?!)")),
        part=re.compile(singles.get("part", "(?!)")),
        topic=re.compile(singles.get("topic", "(?!)")),
        body=re.compile(singles.get("body", "(?!)")),
        vehicle=re.compile("(?:" + singles.get("vehicle", "(?!)") + r")[^，,。；;：:\n]{0,20}$"),
        excludes=tuple(_exclude(path, *x) for x in excludes),
        roles={u: units[u].roles for u in units},
    )


_SCOPES = ("number", "part", "clause", "subject")
# the kinds of text_grammar.csv with one pattern each
_SINGLES = ("unit_object", "continue", "predicate", "no_inherit", "year_part", "table_header", "vehicle", "part", "topic", "body")


def _exclude(path: Path, scope: str, applies: str, pattern: str, note: str) -> _Exclude:
    regex = re.compile(pattern)
    if scope not in _SCOPES:
        raise ValueError(f"{path.name}: an exclude's scope is one of {', '.join(_SCOPES)}, not {scope!r}")
    if scope == "number" and "n" not in regex.groupindex:
        raise ValueError(f"{path.name}: an exclude of one number needs a group named n: {pattern}")
    return _Exclude(scope, tuple(p.strip() for p in applies.split("|") if p.strip()), regex, note)


class _Mention(NamedTuple):
    start: int
    end: int
    platform: str


_PARENTHETICAL = re.compile(r"[（(][^（()）\n]{0,40}[）)]")


def _mentions(g: Grammar, text: str) -> list[_Mention]:
    """Every platform named, in text order, except inside brackets (（含报告、整改、解读） describes a
    document, it does not name the channel a figure went out through) and at the end of a list of
    contents (…政策解读等内容公开)."""
    inside = [m.span() for m in _PARENTHETICAL.finditer(text)] if "（" in text or "(" in text else []
    out = []
    for m in g.platforms.finditer(text):
        if g.topic.match(text, m.end()):
            continue
        if inside:
            i = bisect.bisect_right(inside, (m.start(), len(text))) - 1
            if i >= 0 and inside[i][0] < m.start() and m.end() < inside[i][1]:
                continue
        out.append(_Mention(m.start(), m.end(), g.platform_of(text, m.start(), m.group())))
    return out


def _takes(g: Grammar, platform: str, unit: str) -> str | None:
    """The indicator a figure of this platform in this unit is, if the grammar has one."""
    for role in sorted(g.roles.get(unit, ())) or [""]:
        indicator = g.figures.get((platform, role))
        if indicator:
            return indicator
    if unit == "":  # a bare count (政策解读数量为0) counts what the platform's items are
        return g.figures.get((platform, "items"))
    return None


def _names_object(g: Grammar, platform: str, tail: str, after: str, inherited: bool = False) -> bool:
    """A platform whose figure must name what it counts (the website: 信息) names it between the verb
    and the number, after the unit (公开的425条政府信息中), or the figure ends its clause (政府网站公开348条):
    门户网站共公开15个年度的统计年鉴 counts something else. A figure that takes its platform from a clause
    before must name it itself: …通过局部门网站的…“行政监督”栏目进行公开，2018年我局共公开12份 counts a column's
    documents."""
    obj = g.objects.get(platform)
    if obj is None or obj.search(tail) or not after.strip() and not inherited:
        return True
    m = obj.search(after[:12])
    return bool(m and g.filler(platform).fullmatch(after[: m.start()]))


def _topical_after(g: Grammar, platform: str, after: str) -> bool:
    """公开395条征地信息: after the unit, a word not of the filler before 信息 makes it one topic's count."""
    m = re.match(r"[^，,。；;：:、\n]{0,8}?信息", after)
    return bool(m and not g.filler(platform).fullmatch(after[: m.end() - 2]))


def _bind(g: Grammar, p: Prepared, tok: Token, mentions: list[_Mention], last_before: _Mention | None):
    """(mention, words between verb and number ok) for a token: the platform named nearest before the
    number in its clause; else one after it in the clause (number first: 召开12场新闻发布会); else the
    platform named last before it in its sentence, or in the sentence before when this one starts with
    its verb."""
    text = p.text
    c_start, c_end = p.span(tok.n_start, p.clause_stops)
    # the platform named nearest before the number in its clause (a list of channels shares one verb:
    # 新浪微博32条,微信公众号122条)
    if last_before is not None and last_before.start >= c_start:
        mention = last_before
        segment = text.rfind("、", mention.end, tok.start)
        if segment >= 0 and g.verb(mention.platform).search(text, segment, tok.start):
            return mention, "", False  # 、通过政府公开栏等形式公开14条: a list item with its own verb and no platform
        gap = text[mention.end : tok.start]
        verbs = list(g.verb(mention.platform).finditer(gap))
        tail = gap[verbs[-1].end() :] if verbs else gap
        # another measure of the same output may stand before it: 共发布信息185期1214篇
        bare = _without_figures(g, tail)
        return mention, tail, g.filler(mention.platform).fullmatch(bare) is not None
    head = text[c_start : tok.start]
    for mention in mentions[bisect.bisect_left(mentions, (tok.end,)) :]:
        if mention.end > c_end:
            break
        if "、" in text[tok.end : mention.start] or any(tok.end <= t.n_start < mention.start for t in p.tokens):
            break  # the platform belongs to the next item of a list (公开各类科技创新政策83条、政策解读文件176条)
        if _takes(g, mention.platform, tok.unit) is None:
            continue
        verbs = list(g.verb(mention.platform).finditer(head))
        if verbs and g.filler(mention.platform).fullmatch(head[verbs[-1].end() :]):
            return mention, head[verbs[-1].end() :], True
        m = g.unit_object.match(text, tok.end)
        if m:
            return mention, "", True
        break
    if last_before is not None and last_before.start < c_start:
        verbs = list(g.verb(last_before.platform).finditer(head))
        tail = head[verbs[-1].end() :] if verbs else ""
        return last_before, tail, bool(verbs) and g.filler(last_before.platform).fullmatch(tail) is not None
    return None, "", False


def _without_figures(g: Grammar, words: str) -> str:
    """The words between a verb and a figure without the figures before it, and the 、 after each of them:
    a list of figures after one verb (分别公布信息163条、72条) shares the verb."""
    for regex in g.tokens:
        if regex.search(words):
            kept, pos = [], 0
            for m in regex.finditer(words):
                kept.append(words[pos : m.start()])
                pos = m.end() + (words[m.end() : m.end() + 1] == "、")
            kept.append(words[pos:])
            words = "".join(kept)
    return words


def _veto(g: Grammar, p: Prepared, indicator: str, tok: Token) -> str | None:
    """The note of the first exclusion that vetoes this figure, or None. The year's part of a total
    (其中2018年度…) is judged by its own clause: what made the total one over several years is not its."""
    text = p.text
    part_start, _ = p.span(tok.n_start, p.part_stops)
    clause_start, _ = p.span(tok.n_start, p.clause_stops)
    if g.year_part.match(text, clause_start):
        part_start = clause_start
    sentence_start, _ = p.span(tok.n_start, p.sentence_stops)
    _, clause_end = p.span(tok.n_start, p.clause_stops)
    for x in g.excludes:
        if not x.applies_to(indicator):
            continue
        if x.scope == "number":
            for m in x.regex.finditer(text, part_start, clause_end):
                if m.start("n") < tok.n_end and tok.n_start < m.end("n"):
                    return x.note
        elif x.scope == "part":
            if x.regex.search(text, part_start, clause_end):
                return x.note
        elif x.scope == "clause":
            if x.regex.search(text, p.span(tok.n_start, p.clause_stops)[0], clause_end):
                return x.note
        elif x.scope == "subject":
            for m in x.regex.finditer(text, sentence_start, clause_end):
                c_start, _ = p.span(m.start(), p.clause_stops)
                if not g.predicate.search(text, c_start, m.start()):
                    return x.note
    return None


# what follows a figure's unit, up to the next list item or bracket: what it counts, if named
_RUN_AFTER = re.compile(r"[^、（(]*")
_BODY_NOTE = "another body's figure: the subject of the sentence is a body named by its name, not the reporting agency"
_REGION = re.compile(r"^(?:[\u4e00-\u9fff]{2}(?:省|市|县)|[市县省])")


def _core(name: str) -> str:
    """A body's name without its region: 莆田市统计局 and 市统计局 are both 统计局."""
    return _REGION.sub("", name)


def _abbreviates(short: str, name: str) -> bool:
    """市质监局 is 质量技术监督局 and 科技局 科学技术局: every character of the short name, in order, in
    the long one (and the same last character, 局 or 委)."""
    chars = iter(name)
    return bool(short) and short[-1] == name[-1:] and all(c in chars for c in short)


def _own_names(agency: str) -> frozenset:
    if not agency:
        return frozenset()
    found = agencies.find(agency)
    names = (agency, *(found.aliases if found else ()), *((found.name_zh,) if found else ()))
    return frozenset(_core(n) for n in names if n)


def _other_body(g: Grammar, p: Prepared, tok: Token, own: frozenset) -> str | None:
    part_start, _ = p.span(tok.n_start, p.part_stops)
    for m in g.body.finditer(p.text, part_start, tok.start):
        core = _core(m.group())
        if any(_abbreviates(core, o) or _abbreviates(o, core) for o in own if o):
            continue
        if p.text.rfind("《", part_start, m.start()) > p.text.rfind("》", part_start, m.start()):
            continue  # a document's title names the bodies that issued it (《莆田市财政局…的通知》)
        c_start, _ = p.span(m.start(), p.clause_stops)
        if not g.predicate.search(p.text, c_start, m.start()):
            return _BODY_NOTE
    return None


_OWNER_NOTE = "another body's items: a body named right before the platform word owns them (省…厅政策解读)"
_OWNER_GAP = re.compile(r"[^，,。；;：:\n、“”《》]{0,4}")


def _owner_before(g: Grammar, p: Prepared, mention: _Mention, own: frozenset) -> str | None:
    """A body named right before the platform word (within a few characters: 省海洋与渔业厅政策解读) owns
    the items, whatever verb comes before it; the reporting agency's own name does not."""
    lo = max(0, mention.start - 20)
    for m in g.body.finditer(p.text, lo, mention.start):
        if not _OWNER_GAP.fullmatch(p.text, m.end(), mention.start):
            continue
        core = _core(m.group())
        if not any(_abbreviates(core, o) or _abbreviates(o, core) for o in own if o):
            return _OWNER_NOTE
    return None


_PART_NOTE = "a part of the larger figure of the same kind before it (其中 / 本级)"
_OVER_YEARS_NOTE = "a total over several years: the year's part of it follows (其中2018年度…)"


def _part_of_a_figure_before(g: Grammar, p: Prepared, tok: Token, figure: TextFigure, before: list) -> str | None:
    part_start, _ = p.span(tok.n_start, p.part_stops)
    if g.year_part.match(p.text, p.span(tok.n_start, p.clause_stops)[0]):
        return None  # the year's own figure, not a part of one (the total before it is the one left out)
    for earlier, etok in before:
        if etok.n_start < part_start or earlier.indicator != figure.indicator or not earlier.value > figure.value:
            continue
        if g.part.search(p.text, etok.end, p.span(tok.n_start, p.clause_stops)[1]):
            return _PART_NOTE
    return None


def _topic(g: Grammar, p: Prepared, mentions: list[_Mention], unit: str) -> _Mention | None:
    """The platform a sentence part is about, for a figure in this unit: of the platforms that can
    take the figure, the vehicle (通过“…”微信端…, 依托市政府网站), else the one named most, the first of
    those (…《…公报》…纸质公报…: the gazette)."""
    fits = [m for m in mentions if _takes(g, m.platform, unit)]
    if not fits:
        return None
    vehicles = [m for m in fits if g.vehicle.search(p.text, p.span(m.start, p.clause_stops)[0], m.start)]
    fits = vehicles or fits
    counts: dict[str, int] = {}
    for m in fits:
        counts[m.platform] = counts.get(m.platform, 0) + 1
    most = max(counts.values())
    return next(m for m in fits if counts[m.platform] == most)


def read_figures(narrative: str, agency: str = "") -> list[TextFigure]:
    """The channel and outreach figures a narrative states for the report year, in text order. Given
    the reporting agency, a figure whose subject is another body named by its name is left out."""
    return [f for f, veto in candidates(narrative, agency) if veto is None]


def candidates(narrative: str, agency: str = "") -> list[tuple[TextFigure, str | None]]:
    """Every figure the grammar reads, each with the note of the exclusion that vetoes it (None: kept),
    so a survey or a test can say why a figure was left out."""
    if not narrative:
        return []
    own = _own_names(agency)
    g = grammar()
    p = prepare(narrative)
    text = p.text
    mentions = _mentions(g, text)
    out = []
    # the platforms each sentence part names, so a part starting with its verb can continue it
    by_part: dict[int, list[_Mention]] = {}
    for m in mentions:
        by_part.setdefault(p.span(m.start, p.part_stops)[0], []).append(m)
    starts = sorted(by_part)
    ends = [m.end for m in mentions]
    continued: dict[int, _Mention] = {}
    kept: list[tuple[TextFigure, Token, str | None]] = []
    tables = _inline_tables(g, text)
    for tok in p.tokens:
        if tok.unit and not g.roles.get(tok.unit):
            continue  # 人, 万元 …: no channel figure counts in it
        if tables and any(a <= tok.n_start < b for a, b in tables):
            continue  # a row of a statistics table printed after the narrative: a table cell
        part_start, _ = p.span(tok.n_start, p.part_stops)
        c_start, c_end = p.span(tok.n_start, p.clause_stops)
        year_part = g.year_part.match(text, c_start) is not None
        i = bisect.bisect_right(ends, tok.start)  # the mentions that end before the figure begins
        last_before = mentions[i - 1] if i and mentions[i - 1].start >= part_start else None
        if last_before is not None and last_before.start < c_start and g.no_inherit.match(text, c_start) and not year_part:
            last_before = None  # 其中…: a part of the figure before, not a channel's own
        if last_before is None and part_start in continued and _takes(g, continued[part_start].platform, tok.unit):
            last_before = continued[part_start]  # the part continues what its first figure continued
        elif last_before is None and part_start and (g.continues.match(text, part_start) or year_part and c_start == part_start):
            i = bisect.bisect_left(starts, part_start)
            if i and _only_stops_between(text, p.span(starts[i - 1], p.part_stops)[1], part_start):
                last_before = _topic(g, p, by_part[starts[i - 1]], tok.unit)
                if last_before is not None:
                    continued[part_start] = last_before
        mention, tail, ok = _bind(g, p, tok, mentions, last_before)
        if mention is None or not ok:
            continue
        indicator = _takes(g, mention.platform, tok.unit)
        if indicator is None:
            continue
        after = _RUN_AFTER.match(text, tok.end, c_end).group(0)
        inherited = mention.start < c_start  # the platform was named in a clause (or sentence) before
        if not _names_object(g, mention.platform, tail, after, inherited) or _topical_after(g, mention.platform, after):
            continue
        value = number_value(tok.number)
        if value is None:
            continue
        if part_start <= mention.start < c_start:
            c_start = p.span(mention.start, p.clause_stops)[0]
        figure = TextFigure(indicator, value, tok.unit, tok.at_least, text[c_start:c_end].strip())
        veto = _veto(g, p, indicator, tok) or (_other_body(g, p, tok, own) or _owner_before(g, p, mention, own) if own else None)
        if veto is None:
            veto = _part_of_a_figure_before(g, p, tok, figure, [(f, t) for f, t, v in kept if v is None])
        if year_part and veto is None:
            _left_out_as_over_years(p, tok, figure, kept, out)
        out.append((figure, veto))
        kept.append((figure, tok, veto))
    return out


def _left_out_as_over_years(p: Prepared, tok: Token, figure: TextFigure, kept: list, out: list) -> None:
    """The year's part (其中2018年度…181条) makes the larger figure of the same kind before it, in its
    sentence or the sentence before when the part opens one, a total over several years."""
    sentence_start, _ = p.span(tok.n_start, p.sentence_stops)
    part_start, _ = p.span(tok.n_start, p.part_stops)
    if part_start == p.span(tok.n_start, p.clause_stops)[0] and sentence_start:
        sentence_start = p.span(sentence_start - 1, p.sentence_stops)[0]
    for k, (earlier, etok, veto) in enumerate(kept):
        if veto is None and etok.n_start >= sentence_start and earlier.indicator == figure.indicator and earlier.value > figure.value:
            kept[k] = (earlier, etok, _OVER_YEARS_NOTE)
            out[k] = (earlier, _OVER_YEARS_NOTE)


def _inline_tables(g: Grammar, text: str) -> list[tuple[int, int]]:
    """Where statistics tables are printed inline (from their header to the next numbered section)."""
    out = []
    for m in g.table_header.finditer(text):
        nxt = _SECTION.search(text, m.end())
        out.append((m.start(), nxt.start() if nxt else len(text)))
    return out


_SECTION = re.compile(r"^[一二三四五六七八九十]+、", re.M)


def _only_stops_between(text: str, prev_end: int, start: int) -> bool:
    """The sentence before ends right where this one begins (nothing but its stop between)."""
    return prev_end < start and not text[prev_end + 1 : start].strip()


# ---------------------------------------------------------------- figures for table cells (the audit)


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
    """Everything catalog/text_table_figures.csv says about figures the text states for table cells."""

    approximate: re.Pattern  # at the end of the words before a figure: not a statement
    change: re.Pattern  # in those words (or a zero's clause): a change on last year, not a statement
    patterns: tuple[FigurePattern, ...]  # first match wins, so narrower rows come before broader ones
    zeros: tuple[ZeroPattern, ...]
    cumulative_zeros: tuple[ZeroPattern, ...] = ()  # words stating a 历年累计 cell is zero (indicator: fnmatch patterns)


def _pipe_set(cell: str) -> frozenset:
    return frozenset(x.strip() for x in cell.split("|") if x.strip())


@lru_cache(maxsize=4)
def table_figure_rules(path: Path = TABLE_FIGURES) -> TableFigureRules:
    """The rows of text_table_figures.csv, in order: one `approximate` and one `change` row, then
    `figure` rows (templates, indicator or blank, units, the words before the figure and the words that
    veto it) and `zero` rows (templates, indicator, the words stating zero), and `cumulative_zero` rows
    (templates, the indicators as fnmatch patterns joined by |, the words stating their 历年累计 is zero).
    Units are units.csv's."""
    single: dict[str, re.Pattern] = {}
    patterns: list[FigurePattern] = []
    zeros: list[ZeroPattern] = []
    cumulative_zeros: list[ZeroPattern] = []
    known = set(catalog.unit_words())
    for line, row in _rows(path):
        kind = row["kind"].strip()
        try:
            if kind in ("approximate", "change"):
                single[kind] = re.compile(row["pattern"])
            elif kind == "figure":
                units = _pipe_set(row["units"])
                unread = units - known
                if unread:
                    raise ValueError(f"units {sorted(unread)} are not units.csv units read in sentences")
                patterns.append(
                    FigurePattern(
                        _pipe_set(row["templates"]),
                        row["indicator"].strip() or None,
                        units,
                        re.compile(row["pattern"]),
                        re.compile(row["exclude"]) if row["exclude"] else None,
                    )
                )
            elif kind == "zero":
                zeros.append(ZeroPattern(_pipe_set(row["templates"]), row["indicator"].strip(), re.compile(row["pattern"])))
            elif kind == "cumulative_zero":
                cumulative_zeros.append(ZeroPattern(_pipe_set(row["templates"]), row["indicator"].strip(), re.compile(row["pattern"])))
            else:
                raise ValueError(f"unknown kind {kind!r}")
        except (re.error, ValueError) as e:
            raise ValueError(f"{path.name} line {line}: {e}") from None
    missing = {"approximate", "change"} - set(single)
    if missing:
        raise ValueError(f"{path.name}: no {', '.join(sorted(missing))} row")
    return TableFigureRules(single["approximate"], single["change"], tuple(patterns), tuple(zeros), tuple(cumulative_zeros))


def cumulative_zero_rows(text: str, template: str) -> tuple[str, ...]:
    """The indicator patterns whose 历年累计 the text states is zero (历年累计收到依申请公开数为0; 至2017年底，我局
    尚未收到任何政府信息公开的申请; 2018年度及历年均无因政府信息公开申请行政复议…), by text_table_figures.csv:
    one pass of each row's words over the prepared text (a statement said as a change is none)."""
    rules = table_figure_rules()
    zeros = [z for z in rules.cumulative_zeros if template in z.templates]
    if not text or not zeros:
        return ()
    p = prepare(text)
    found: list[str] = []
    for zero in zeros:
        for m in zero.words.finditer(p.text):
            start, end = p.span(m.start(), p.part_stops)
            if not rules.change.search(p.text, start, max(end, m.end())):
                found.extend(x.strip() for x in zero.indicator.split("|") if x.strip())
                break
    return tuple(found)


@dataclass(frozen=True)
class NarrativeFigure:
    indicator: str | None  # None: a recognised figure the template has no cell for
    value: float | int  # in the indicator's unit (money in 万元)
    raw: str  # the words stating it, e.g. '区政府办代表区政府受理政府信息公开申请17件'
    sentence: str


def _match(rules: TableFigureRules, context: str, unit: str, template: str) -> FigurePattern | None:
    for p in rules.patterns:
        if template not in p.templates or unit not in p.units:
            continue
        if p.include.search(context) and not (p.exclude and p.exclude.search(context)):
            return p
    return None


def read_table_figures(text: str, template: str) -> list[NarrativeFigure]:
    """Every figure the text states for an indicator of this template (or for a recognised figure
    the template has no cell for, with indicator None), from the same tokens as `read_figures`: plain
    figures only (digits right before a unit). Approximate figures ('约', '160余次') and changes
    ('同比增加5件') are not statements of a cell, so they are left out."""
    if not text:
        return []
    rules = table_figure_rules()
    p = prepare(text)
    body = p.text
    tokens = [t for t in p.tokens if t.plain]
    out = []
    ti = 0
    c_start = 0
    for stop in (*(m.start() for m in _CELL_CLAUSE_STOP.finditer(body)), len(body)):
        c_end, clause = stop, body[c_start:stop]
        if clause:
            sentence = ""
            for zero in rules.zeros:
                m = zero.words.search(clause)
                if template in zero.templates and m and not rules.change.search(clause):
                    sentence = sentence or _part_of(p, c_start)
                    out.append(NarrativeFigure(zero.indicator, 0, m.group(0), sentence))
            start = c_start
            while ti < len(tokens) and tokens[ti].n_start < c_end:
                t = tokens[ti]
                ti += 1
                context = body[start : t.n_start]
                start = t.end
                if t.at_least or rules.approximate.search(context) or rules.change.search(context):
                    continue
                pattern = _match(rules, context, t.unit, template)
                if pattern is None:
                    continue
                value = number_value(t.number)
                if t.unit == "元":
                    value = round(value / 10000, 6)
                sentence = sentence or _part_of(p, c_start)
                out.append(NarrativeFigure(pattern.indicator, value, (context + body[t.n_start : t.end]).strip(), sentence))
        c_start = stop + 1
    return out


def _part_of(p: Prepared, pos: int) -> str:
    """The sentence (up to 。！？；) that holds pos, with its stop."""
    start, end = p.span(pos, p.part_stops)
    return p.text[start : end + 1].strip()
