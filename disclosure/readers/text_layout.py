"""Lines of a PDF text layer → table rows. Shared by the PDF reader (pages without rulings) and
the plain-text reader (text saved from a PDF, `pdftotext`/pdfplumber style).

A text layer loses the grid: a merged vertical label comes out one character per line, a label
that wraps inside its cell prints half above and half below the line of numbers (the cell text is
vertically centred), and page footers (`- 4 -`) land in the middle of a table. The rules below
re-attach label fragments to their line of numbers using the numbering markers the national
format prints on every row (一、 / （一） / 1.).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..catalog import text_table_bounds
from ..cell_text import is_value_token, normalize
from ..model import Row

# A page footer alone on its line: '- 4 -' / '— 4 —' / '·4·', '第4页' / '第 4 页，共 12 页', '4/12', '4'.
# A signed figure ('-3', a 本年增减 cell) is not one. The one definition: the narrative audit uses it too.
PAGE_FOOTER = re.compile(
    r"^(?:[-－—–·]+\s*\d{1,3}\s*[-－—–·]+"
    r"|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}"
    r"|\d{1,3})$"
)
# A row label starts with one of the format's numbering markers.
MARKER = re.compile(r"^(?:[一二三四五六七八九十]+\s*、|\([一二三四五六七八九十]+\)|\d{1,2}\s*[.、])")
_ITEM = re.compile(r"^\d{1,2}\s*[.、]")
_GROUP = re.compile(r"^\([一二三四五六七八九十]+\)")
# One character of a vertical merged label, left at the start of a line before the real label.
_VERTICAL_PREFIX = re.compile(r"^(\S)\s+(?=(?:[一二三四五六七八九十]+\s*、|\([一二三四五六七八九十]+\)|\d{1,2}\s*[.、]\D))")
# Prose: a narrative sentence, never a table label.
PROSE = re.compile(r"[,，。;；!！?？]")


@dataclass
class TextLine:
    """One line of text as `split_values` reads it: the label text, then the value cells at its end."""

    label: str
    values: list[str] = field(default_factory=list)


def clean_lines(text: str) -> list[str]:
    """Normalised non-empty lines without page footers and stray vertical-label characters."""
    out = []
    for raw in text.splitlines():
        line = normalize(raw)
        if not line or PAGE_FOOTER.match(line):
            continue
        if len(line) == 1 and not line.isdigit():
            continue  # one character of a vertical merged label (三 / 、 / 本 / 年 ...)
        line = _VERTICAL_PREFIX.sub("", line)
        out.append(line)
    return out


def split_values(line: str) -> TextLine:
    """'（一）予以公开 50 0 0' → label '（一）予以公开', values ['50', '0', '0']."""
    tokens = line.split(" ")
    values: list[str] = []
    while tokens and _is_cell_token(tokens[-1]):
        values.insert(0, tokens.pop())
    label = " ".join(tokens)
    # A label that is only a numbering marker ('1.') was eaten as a value: give it back.
    if not label and values and _ITEM.match(values[0] + " ") and not values[0].replace(".", "").isdigit():
        label = values.pop(0)
    return TextLine(label, values)


def _is_cell_token(token: str) -> bool:
    if not token or _ITEM.match(token) and not re.fullmatch(r"[+\-]?\d+(?:\.\d+)?", token):
        return False
    return is_value_token(token)


def rows_from_lines(text: str, table: int = 0) -> list[Row]:
    """The table rows of a text layer. The narrative before the first table and after the tables is
    left out: where they begin and end is the catalog's (`text_table_bounds`), not the layout's."""
    lines = [split_values(ln) for ln in clean_lines(text)]
    rows: list[Row] = []
    pending: list[str] = []  # label fragments not yet given to a line of numbers
    last_width = 0
    i = 0
    in_table = False
    while i < len(lines):
        line = lines[i]
        if not in_table:
            if _opens_table(line.label):
                in_table = True
                pending = []
            else:
                i += 1
                continue
        if not line.values:
            if _closes_tables(line.label) and rows:
                _flush(pending, rows, table)
                pending = []
                in_table = False
                i += 1
                continue
            if PROSE.search(line.label) and len(line.label) > 30:
                i += 1
                continue  # a narrative sentence between tables
            if (
                pending
                and not MARKER.match(line.label)
                and not _opens_table(line.label)
                and (_continues(pending[-1]) or MARKER.match(pending[-1]))
            ):
                # a row label always starts with its marker: an unmarked fragment after it is its tail
                pending[-1] = pending[-1] + line.label
            else:
                pending.append(line.label)
            i += 1
            continue
        if line.label:
            # A labelled line of numbers: earlier fragments are group labels or headers,
            # except a wrapped start of this very label ('（二）部分公开（…' + '不计其他情形）').
            label = line.label
            # An item ('1.…') always carries figures: one printed without them is the start of this label.
            if pending and not MARKER.match(label) and MARKER.match(pending[-1]) and (not _closed(pending[-1]) or _ITEM.match(pending[-1])):
                label = pending.pop() + label
            _flush(pending, rows, table)
            pending = []
            i += 1
            label, i = _take_continuations(label, lines, i)
            rows.append(Row(label, tuple(line.values), table))
            last_width = len(line.values)
            continue
        # A bare line of numbers: its label printed above, below, or around it.
        label, from_before, consumed_after = _label_for_bare_values(pending, lines, i, len(line.values), last_width)
        if from_before:
            pending.pop()
        _flush(pending, rows, table)
        pending = []
        rows.append(Row(label, tuple(line.values), table))
        last_width = len(line.values)
        i += 1 + consumed_after
    _flush(pending, rows, table)
    return rows


def _label_for_bare_values(pending: list[str], lines: list[TextLine], i: int, width: int, last_width: int):
    """(label, taken from the fragment before?, number of following lines used) for a line of
    numbers that has no label text."""
    before = pending[-1] if pending else None
    after: list[str] = []
    j = i + 1
    while j < len(lines) and not lines[j].values and not _closes_tables(lines[j].label):
        if after and MARKER.match(lines[j].label):
            break
        if PROSE.search(lines[j].label) and len(lines[j].label) > 30:
            break
        after.append(lines[j].label)
        j += 1
    after_starts = bool(after) and MARKER.match(after[0]) is not None
    same_table = width == last_width or last_width == 0
    if before is not None and MARKER.match(before):
        # A group heading ('（五）不予处理') printed just above an item's numbers is not that item's label.
        before_is_group = _GROUP.match(before) is not None and after_starts and _ITEM.match(after[0]) is not None
        if not before_is_group:
            label = before
            used = 0
            # The rest of a wrapped label prints below the numbers ('…只计这一情形，不' / 9 0 … / '计其他情形）').
            while used < len(after) and not MARKER.match(after[used]) and not _opens_table(after[used]):
                label += after[used]
                used += 1
            return label, True, used
    if before is not None and not MARKER.match(before) and not after_starts:
        return before, True, 0
    if after_starts and same_table:
        label = after[0]
        used = 1
        for frag in after[1:]:
            if MARKER.match(frag):
                break
            label += frag
            used += 1
        return label, False, used
    return "", False, 0


def _take_continuations(label: str, lines: list[TextLine], i: int) -> tuple[str, int]:
    """A labelled line of numbers whose label wrapped: the tail prints on the following line(s)."""
    while (
        i < len(lines)
        and not lines[i].values
        and not MARKER.match(lines[i].label)
        and not _closed(label)
        and not PROSE.search(lines[i].label)
        and len(lines[i].label) <= 20
        and (i + 1 >= len(lines) or lines[i + 1].values and lines[i + 1].label)
    ):
        label += lines[i].label
        i += 1
    return label, i


def _continues(fragment: str) -> bool:
    """A label fragment that is visibly unfinished (an open bracket, a trailing comma)."""
    return not _closed(fragment) or fragment.endswith((",", "，", "、", "或"))


def _closed(fragment: str) -> bool:
    return fragment.count("(") <= fragment.count(")")


def _flush(pending: list[str], rows: list[Row], table: int) -> None:
    for fragment in pending:
        rows.append(Row(fragment, (), table))


def _opens_table(label: str) -> bool:
    """A table's title, header or first row: short, no sentence, naming words the catalog lists."""
    compact = label.replace(" ", "")
    if PROSE.search(compact) or len(compact) > 40:
        return False
    return text_table_bounds().opens.search(compact) is not None


def _closes_tables(label: str) -> bool:
    """A heading of the report's text after its tables (the catalog's words)."""
    return text_table_bounds().closes.match(label) is not None
