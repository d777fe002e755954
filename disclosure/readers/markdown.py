"""Markdown from PDF converters: pipe tables whose header is cut into fragments over several
lines, and value rows detached from their label (the label on one table line, its numbers on the
next, or the other way round when the converter followed a vertically centred cell)."""

from __future__ import annotations

import re

from ..cell_text import normalize
from ..model import Extracted, Row
from . import rows_from_grid
from .text_layout import MARKER, PROSE, split_values

# the line under a header: dashes, colons and pipes only (a converter may leave a cell of it empty)
_SEPARATOR = re.compile(r"^\|?[\s:|-]*-{2,}[\s:|-]*$")


def read(text: str) -> Extracted:
    narrative: list[str] = []
    rows: list[Row] = []
    block: list[str] = []
    number = 0
    for line in text.splitlines() + [""]:
        stripped = line.strip()
        if stripped.startswith("|"):
            block.append(stripped)
            continue
        if block:
            rows.extend(_table_rows(block, number))
            number += 1
            block = []
        if stripped:
            narrative.append(re.sub(r"^#+\s*", "", stripped))
            line_row = _text_row(stripped, number)
            if line_row is not None:
                rows.append(line_row)
    return Extracted("\n".join(narrative), rows, "md")


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    parts = re.split(r"(?<!\\)\|", body)
    return [normalize(p.replace("\\|", "|").replace("<br>", " ").replace("<br/>", " ")) for p in parts]


def _table_rows(lines: list[str], number: int) -> list[Row]:
    grid = [_cells(line) for line in lines if not _SEPARATOR.match(line)]
    # a converter that ends every line with '| |' adds an empty last column to the whole table,
    # header included; a blank 总计 cell is blank on value rows only, never on the header
    while grid and all(len(r) > 1 and r[-1] == "" for r in grid):
        grid = [r[:-1] for r in grid]
    return _attach_detached(rows_from_grid(grid, number))


def _text_row(line: str, number: int) -> Row | None:
    """A table row a converter wrote as a line of text ('行政许可 97'): a short label, then figures."""
    parsed = split_values(normalize(re.sub(r"^[-*+]\s+", "", line)))
    if not parsed.values or not parsed.label or len(parsed.label) > 30 or PROSE.search(parsed.label):
        return None
    if not any(ch.isdigit() for v in parsed.values for ch in v):
        return None
    return Row(parsed.label, tuple(parsed.values), number)


def _attach_detached(rows: list[Row]) -> list[Row]:
    """Join a label-only row and an unlabelled value row that belong together."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        has_values = any(row.cells)
        if row.label and not has_values and i + 1 < len(rows):
            nxt = rows[i + 1]
            if not nxt.label and any(nxt.cells):
                label = row.label
                i += 2
                # the tail of a wrapped label can follow the numbers
                while i < len(rows) and rows[i].label and not any(rows[i].cells) and not MARKER.match(rows[i].label) and _open(label):
                    label += rows[i].label
                    i += 1
                out.append(Row(label, nxt.cells, row.table))
                continue
        if not row.label and has_values and i + 1 < len(rows):
            nxt = rows[i + 1]
            prev_free = out and out[-1].label and not any(out[-1].cells)
            if not prev_free and nxt.label and not any(nxt.cells) and MARKER.match(nxt.label):
                out.append(Row(nxt.label, row.cells, row.table))
                i += 2
                continue
        out.append(row)
        i += 1
    return out


def _open(label: str) -> bool:
    return label.count("(") > label.count(")")
