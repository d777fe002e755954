"""The table grid of a page image: rulings become cells, a merged cell covers the slots it spans (the
vertical group label of table 三, a header over five columns), and a turned page is turned back."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from disclosure.readers import ocr_grid


def drawn_table() -> np.ndarray:
    """A white A4-wide page with a 4 × 5 table: column 0 merged over rows 1–3, row 0 merged over columns 1–4."""
    page = np.full((900, 1654), 255, np.uint8)
    xs = [200, 400, 700, 1000, 1300, 1450]
    ys = [100, 200, 300, 400, 500]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 2)
    # merge: column 0 over rows 1..3 (no rulings between them there), row 0 over columns 1..4
    for y in ys[2:4]:
        cv2.line(page, (xs[0] + 2, y), (xs[1] - 2, y), 255, 4)
    for x in xs[2:5]:
        cv2.line(page, (x, ys[0] + 2), (x, ys[1] - 2), 255, 4)
    cv2.putText(page, "12", (820, 360), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 2)
    return page


def test_merged_cells_span_the_slots_they_cover():
    tables, _ = ocr_grid.tables(drawn_table())
    assert len(tables) == 1
    table = tables[0]
    assert (table.n_rows, table.n_cols) == (4, 5)
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in table.cells}
    assert spans[(1, 0)] == (3, 1)  # the vertical label
    assert spans[(0, 1)] == (1, 4)  # the header over four columns
    assert spans[(2, 2)] == (1, 1)
    grid = ocr_grid.grid_slots(table)
    assert grid[3][0] is grid[1][0] and grid[0][4] is grid[0][1]
    assert all(slot is not None for row in grid for slot in row)


@pytest.mark.parametrize("degrees", [1.5, -1.5, 0.7])
def test_a_turned_page_is_turned_back(degrees):
    turned = np.asarray(Image.fromarray(drawn_table()).rotate(degrees, resample=Image.Resampling.BICUBIC, fillcolor=255))
    assert ocr_grid.skew_degrees(turned) == pytest.approx(-degrees, abs=0.1)
    straight, _ = ocr_grid.straighten(turned)
    tables, _ = ocr_grid.tables(straight)
    assert [(t.n_rows, t.n_cols) for t in tables] == [(4, 5)]


def test_text_without_rulings_is_no_table():
    page = np.full((600, 1654), 255, np.uint8)
    for y in range(100, 500, 40):
        cv2.putText(page, "2024 nian 1234567890 tiao", (200, y), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    assert ocr_grid.tables(page)[0] == []
