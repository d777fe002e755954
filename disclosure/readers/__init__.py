"""Input readers: one module per input form. Each turns decoded content into `Extracted`.

Readers know nothing of templates: they hand on the narrative text and table rows as
(label, cells). `rows_from_grid` is the shared step from a cell grid to rows.
"""

from __future__ import annotations

from ..cell_text import is_value_token, normalize
from ..model import Row

BLANK_ROW_MIN_CELLS = 5


def rows_from_grid(grid: list[list[str]], table: int = 0) -> list[Row]:
    """Cell grid (spans already expanded) → rows: leading text cells form the label.

    Spanned label cells repeat across the grid after expansion; repeats are kept once, so a
    row reads '三、本年度办理结果 (三)不予公开 1.属于国家秘密'.
    """
    rows = []
    for cells in grid:
        cells = [normalize(c) for c in cells]
        # The label runs to the last cell that holds text which cannot be a value; empty cells
        # before it are span padding, empty cells after it are blank values (kept as blanks).
        last_text = max((i for i, c in enumerate(cells) if c and not is_value_token(c)), default=-1)
        label_parts: list[str] = []
        for c in cells[: last_text + 1]:
            if c and (not label_parts or label_parts[-1] != c):
                label_parts.append(c)
        values = tuple(cells[last_text + 1 :])
        if not label_parts and not any(values) and len(values) < BLANK_ROW_MIN_CELLS:
            continue  # a spacer row; a wide unlabelled row of blanks is a value row left empty (table 四)
        rows.append(Row(" ".join(label_parts), values, table))
    return rows
