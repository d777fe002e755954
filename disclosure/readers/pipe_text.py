"""Text with one table cell per line, each ending in ' |' (the seed's flattened form).

Rows are not delimited, so each block's column count is inferred: the smallest width at which
every row after the header reads as label cells followed by value cells.
"""

from __future__ import annotations

from ..cell_text import is_value_token, normalize
from ..model import Extracted, ReportError
from . import rows_from_grid

MAX_COLUMNS = 24


def read(text: str) -> Extracted:
    narrative: list[str] = []
    blocks: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.endswith("|"):
            if current is None:
                current = []
                blocks.append(current)
            current.append(stripped[:-1].strip())
        else:
            current = None
            if stripped:
                narrative.append(stripped)
    rows = []
    for number, cells in enumerate(blocks):
        width = infer_width(cells)
        grid = [cells[i : i + width] for i in range(0, len(cells), width)]
        rows.extend(rows_from_grid(grid, table=number))
    return Extracted("\n".join(narrative), rows, "txt")


def infer_width(cells: list[str]) -> int:
    kinds = ["v" if is_value_token(c) else "t" for c in (normalize(c) for c in cells)]
    n = len(cells)
    for width in range(2, min(n, MAX_COLUMNS) + 1):
        if n % width or n // width < 2:
            continue
        if all(_row_shape_ok(kinds[i : i + width]) for i in range(width, n, width)):
            return width
    if n >= 2 and kinds[0] == "t":
        header = next((i for i, k in enumerate(kinds) if k == "v"), n)
        raise ReportError("", "refusal_table_not_columns", n=n, cols=max(header, 2))
    raise ReportError("", "refusal_table_not_rows")


def _row_shape_ok(kinds: list[str]) -> bool:
    """Label cells, then at least one value cell, and no label text after the values."""
    seen_value = False
    for k in kinds:
        if k == "v":
            seen_value = True
        elif seen_value:
            return False
    return seen_value
