"""The text of printed cells and labels: normalised (`normalize`, `squeeze` for label keys) and read
into (value, status) (`parse_cell`, `parse_number`). Blank is not zero; `——` is not applicable; `无` is a
reported 0."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import catalog
from .settings import MAX_VALUE_DIGITS

NA_TOKENS = {"——", "—", "-", "--", "/", "N/A", "NA", "n/a", "——————", "－", "―", "―――"}
ZERO_WORDS = {"无", "没有", "零"}
# the units a table cell may print after its figure (catalog/units.csv), longest first: 人次 before 人
UNITS = catalog.unit_words(cell=True)
_LOWER_BOUND = re.compile(r"(?<=\d)(?:余|多|以上)(?=(?:" + "|".join(UNITS) + ")?$)")
_NUMBER = re.compile(r"^([+\-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


@lru_cache(maxsize=4)
def nfkc(text: str) -> str:
    """A whole text NFKC-normalised once: the readers and the metadata each ask for the same report's text."""
    return fast_nfkc(text)


def fast_nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text), character by character where that is the same thing. Chinese
    text keeps nearly every character as it is, and normalising a whole report costs a pass of table look-ups
    per character; so only the characters NFKC changes (full-width punctuation and digits, ①, ㈠ …) are
    normalised, one run at a time. A text with a character that combines with its neighbours (a combining
    mark, Hangul jamo) or lies outside the Basic Multilingual Plane is normalised whole."""
    if len(text) < 200:  # a cell or a label: the two scans cost more than normalising it
        return unicodedata.normalize("NFKC", text)
    changing, combining = _nfkc_classes()
    if combining.search(text):
        return unicodedata.normalize("NFKC", text)
    return changing.sub(_nfkc_run, text)


def _nfkc_run(m: re.Match) -> str:
    return unicodedata.normalize("NFKC", m.group())


@lru_cache(maxsize=1)
def _nfkc_classes() -> tuple[re.Pattern, re.Pattern]:
    """Two character classes, built once from the Unicode tables: the BMP characters NFKC changes, and the
    characters where a character-by-character NFKC would not be NFKC (combining, or astral)."""
    changing, combining = [], []
    for c in range(0x10000):
        ch = chr(c)
        if 0xD800 <= c <= 0xDFFF:
            continue
        if unicodedata.combining(ch) or 0x1100 <= c <= 0x11FF or 0x3130 <= c <= 0x318F or 0xA960 <= c <= 0xA97F or 0xD7B0 <= c <= 0xD7FF:
            combining.append(c)
        elif unicodedata.normalize("NFKC", ch) != ch:
            changing.append(c)
        elif unicodedata.decomposition(ch) or unicodedata.category(ch) in ("Mn", "Mc", "Me"):
            combining.append(c)  # composes with what follows (canonical pieces) — normalise the whole text

    def ranges(codes: list[int]) -> str:
        out, start = [], None
        for i, c in enumerate(codes):
            if start is None:
                start = c
            if i + 1 == len(codes) or codes[i + 1] != c + 1:
                out.append(re.escape(chr(start)) + ("-" + re.escape(chr(c)) if c != start else ""))
                start = None
        return "".join(out)

    return re.compile("[" + ranges(changing) + "]+"), re.compile("[" + ranges(combining) + "\U00010000-\U0010ffff]")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """NFKC (full-width digits, colons and brackets become ASCII) and spacing squeezed. Cached: a
    report's cells and labels repeat ('0', '条', the same labels in every report).

    NFKC turns （一） into (一); both spellings occur in the wild, and after this step they match.
    """
    text = fast_nfkc(text or "")
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=16384)
def squeeze(text: str) -> str:
    """A label key for matching: normalized, without spaces and punctuation differences."""
    t = normalize(text)
    t = re.sub(r"[\s:：,，、.．。;；\"“”'‘’《》<>()（）\[\]【】]", "", t)
    return t


def split_unit(raw: str) -> tuple[str, str]:
    """'251000元' → ('251000', '元'); '236' → ('236', '')."""
    t = normalize(raw).replace(" ", "")
    for unit in UNITS:
        if t.endswith(unit) and len(t) > len(unit):
            return t[: -len(unit)], unit
    return t, ""


def parse_number(text: str) -> int | float | None:
    """A number as written; None for anything else, and for a number with more digits than any real
    table holds (settings.MAX_VALUE_DIGITS): such a cell is unreadable, never a float overflow later."""
    m = _NUMBER.match(text)
    if not m:
        return None
    sign, whole, frac = m.groups()
    whole = whole.replace(",", "")
    if len(whole.lstrip("0")) > MAX_VALUE_DIGITS or len(frac or "") > MAX_VALUE_DIGITS:
        return None
    if frac and set(frac) != {"0"}:
        v: int | float = float(f"{whole}.{frac}")
    else:
        v = int(whole)
    return -v if sign == "-" else v


@lru_cache(maxsize=65536)
def parse_cell(raw: str, unit: str = "") -> tuple[int | float | None, str]:
    """One value cell → (value, status). `unit` is the unit the row or column declares.

    Money is stored in 万元: a value written in 元 (in the cell, or declared by the header) is
    divided by 10,000.
    """
    t = normalize(raw)
    if t == "" or t == "&nbsp;":
        return None, "blank"
    if t in NA_TOKENS or set(t) <= set("—-－―_ "):
        return None, "na"
    if t in ZERO_WORDS:
        return 0, "reported"
    status = "reported"
    bound = _LOWER_BOUND.search(t)
    if bound:  # '1500多' / '100余' / '50以上': a lower bound (spec §1c)
        t, status = t[: bound.start()], "at_least"
    number, cell_unit = split_unit(t)
    v = parse_number(number)
    if v is None:
        return None, "unreadable"
    if (cell_unit or unit) == "元" and cell_unit != "万元":
        v = v / 10000
        v = int(v) if float(v).is_integer() else round(v, 8)
    return v, status


@lru_cache(maxsize=65536)
def is_value_token(raw: str) -> bool:
    """True for anything that can stand in a value cell: a number, blank, na, 无, or a bare unit."""
    t = normalize(raw)
    if t in UNITS:
        return True
    value, status = parse_cell(t)
    # an absurdly long number still stands in a value cell (it is read as unreadable there, not as label text)
    return status != "unreadable" or bool(_NUMBER.match(split_unit(t)[0]))
