"""A page image's ruled tables as cell grids (OpenCV morphology), and the page turned straight.

Rulings are long thin runs of ink: an opening with a long flat (or tall thin) kernel keeps them
and drops the characters, whose strokes are shorter than a ruling is long. A table is one
connected block of rulings; its cells are the holes the rulings enclose. Cell edges are clustered
into the table's column and row boundaries, so a cell that covers several of them is a merged
cell (colspan, rowspan) exactly as the HTML reader sees `rowspan` — the vertical
`三、本年度办理结果` label of table 三 is one tall cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# fractions of the page width (200 dpi A4 ≈ 1654 px), so they hold at every resolution
RULING_MIN_FRACTION = 1 / 45  # a run of ink this long is a ruling, not a stroke of a character
TABLE_MIN_FRACTION = 0.2  # a block of rulings narrower than this is a box or a stamp, not a table
CELL_MIN_PX = 8  # a hole smaller than this (either side) is a gap in a ruling, not a cell
DESKEW_MAX_DEGREES = 5.0  # a page turned further than this is a photo the reader does not straighten


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in page pixels, the rulings excluded


@dataclass
class Table:
    box: tuple[int, int, int, int]
    n_rows: int
    n_cols: int
    cells: list[Cell]


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0: a local threshold, so grey scans, shaded header rows and uneven light all work."""
    block = max(15, (gray.shape[1] // 60) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def rulings(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The horizontal and the vertical rulings of a page (masks), small gaps in them closed."""
    length = max(15, int(ink.shape[1] * RULING_MIN_FRACTION))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    # a blurred or low-resolution scan breaks thin rulings into dashes: close the gaps along them
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return horizontal, vertical


def skew_degrees(gray: np.ndarray) -> float:
    """How far the page is turned: the angle at which its ink's row profile is sharpest (rulings and
    text lines both line up), searched coarse then fine on a reduced page."""
    ink = ink_mask(gray)
    small = cv2.resize(ink, (ink.shape[1] // 2, ink.shape[0] // 2), interpolation=cv2.INTER_AREA)
    h, w = small.shape

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        profile = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    coarse = max(np.arange(-DESKEW_MAX_DEGREES, DESKEW_MAX_DEGREES + 0.01, 0.25), key=sharpness)
    return float(max(np.arange(coarse - 0.25, coarse + 0.26, 0.05), key=sharpness))


def straighten(gray: np.ndarray) -> tuple[np.ndarray, float]:
    angle = skew_degrees(gray)
    if abs(angle) < 0.05:
        return gray, 0.0
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), angle


def tables(gray: np.ndarray) -> tuple[list[Table], np.ndarray]:
    """The ruled tables of a straight page, top to bottom, and the rulings' mask (to wipe from cells)."""
    ink = ink_mask(gray)
    horizontal, vertical = rulings(ink)
    lines = cv2.bitwise_or(horizontal, vertical)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    found = []
    for k in range(1, n):
        x, y, w, h, _area = stats[k]
        if w < gray.shape[1] * TABLE_MIN_FRACTION or h < CELL_MIN_PX * 3:
            continue
        block = np.where(labels[y : y + h, x : x + w] == k, 255, 0).astype(np.uint8)
        table = _table_of(block, (x, y))
        if table is not None:
            found.append(table)
    found.sort(key=lambda t: t.box[1])
    return found, lines


def _table_of(block: np.ndarray, origin: tuple[int, int]) -> Table | None:
    ox, oy = origin
    # the holes the rulings enclose are the cells; the outside of the block is not a hole
    contours, hierarchy = cv2.findContours(255 - block, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return None
    h, w = block.shape
    boxes = []
    for c in contours:
        x, y, cw, ch = cv2.boundingRect(c)
        if cw < CELL_MIN_PX or ch < CELL_MIN_PX:
            continue
        if x <= 1 and y <= 1 and cw >= w - 2 and ch >= h - 2:
            continue  # the background around the block
        if x == 0 or y == 0 or x + cw >= w or y + ch >= h:
            continue  # open at the block's edge: outside the ruled area
        boxes.append((x, y, x + cw, y + ch))
    if len(boxes) < 2:
        return None
    tolerance = max(6, min(min(b[2] - b[0] for b in boxes), min(b[3] - b[1] for b in boxes)) // 2)
    xs = _boundaries([b[0] for b in boxes] + [b[2] for b in boxes], tolerance)
    ys = _boundaries([b[1] for b in boxes] + [b[3] for b in boxes], tolerance)
    cells = []
    for x0, y0, x1, y1 in boxes:
        c0, c1 = _nearest(xs, x0), _nearest(xs, x1)
        r0, r1 = _nearest(ys, y0), _nearest(ys, y1)
        if c1 <= c0 or r1 <= r0:
            continue
        cells.append(Cell(r0, c0, r1 - r0, c1 - c0, (x0 + ox, y0 + oy, x1 + ox, y1 + oy)))
    if not cells:
        return None
    cells.sort(key=lambda c: (c.row, c.col))
    return Table((ox, oy, ox + w, oy + h), len(ys) - 1, len(xs) - 1, cells)


def _boundaries(edges: list[int], tolerance: int) -> list[float]:
    """Cell edges clustered into the table's boundaries (an edge drifts a few pixels with the scan)."""
    edges = sorted(edges)
    groups = [[edges[0]]]
    for e in edges[1:]:
        if e - groups[-1][-1] <= tolerance:
            groups[-1].append(e)
        else:
            groups.append([e])
    return [float(np.median(g)) for g in groups]


def _nearest(bounds: list[float], v: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))


def grid_slots(table: Table) -> list[list[Cell | None]]:
    """Each slot of the table's grid → the cell covering it (a merged cell covers several)."""
    grid: list[list[Cell | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        for r in range(cell.row, min(cell.row + cell.rowspan, table.n_rows)):
            for c in range(cell.col, min(cell.col + cell.colspan, table.n_cols)):
                if grid[r][c] is None:
                    grid[r][c] = cell
    return grid
