"""Tab-separated rows as a browser copy-paste gives them (rowspan labels only on their first row)."""

from __future__ import annotations

from ..model import Extracted
from . import rows_from_grid


def read(text: str) -> Extracted:
    narrative: list[str] = []
    tables: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in text.splitlines():
        if "\t" in line:
            if current is None:
                current = []
                tables.append(current)
            current.append(line.rstrip("\r\n").split("\t"))
        else:
            current = None
            if line.strip():
                narrative.append(line.strip())
    rows = []
    for number, grid in enumerate(tables):
        rows.extend(rows_from_grid(grid, table=number))
    return Extracted("\n".join(narrative), rows, "tsv")
