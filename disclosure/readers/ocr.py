"""Scanned reports: image-only PDF pages and photos (.png, .jpg, .tif) read by OCR.

A page is turned straight, its ruled tables found as cell grids (`ocr_grid`), every cell read line
by line with the engine (`ocr_engine`), and the grid handed on as rows of (label, cells) like the
HTML reader's — merged cells copied into each slot they cover, so the matcher, the templates and
the identities do the rest. The text outside the tables, page footers (`- 3 -`) left out, is the
narrative the metadata and the text figures are read from.

Every figure keeps what the engine said of it (`OcrFigure`): its confidence (the least sure digit),
and the other readings the common confusions (0/O/〇, 1/l/丨, 5/S, 8/B, ，/.) and the digits' second
choices allow. A figure is certain only when every digit was read surely and no confusion was
needed; the others are settled by the table's arithmetic or left out (`disclosure/ocr_figures.py`).
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from .. import catalog, settings
from ..model import ReportError, Row
from . import ocr_engine, ocr_grid, ocr_types, rows_from_grid
from .ocr_types import OcrExtracted, OcrFigure

# characters an engine prints for a digit: tried as that digit only where the arithmetic agrees
CONFUSIONS = {
    "O": "0", "o": "0", "〇": "0", "D": "0", "Q": "0", "○": "0",
    "l": "1", "I": "1", "|": "1", "丨": "1", "i": "1", "!": "1", "L": "1",
    "S": "5", "s": "5", "B": "8", "Z": "2", "z": "2", "g": "9", "q": "9",
}  # fmt: skip
_FOOTER = re.compile(r"^[-—–_~·•\s]*(?:第\s*)?\d{1,3}(?:\s*页)?[-—–_~·•\s]*$")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
CHAR_HEIGHT_FRACTION = 10.5 / 595  # a 五号 character on an A4 page, as a fraction of its width
MAX_ALTERNATIVES = 8  # readings of one figure the arithmetic may choose among
# a unit (catalog/units.csv) or a lower bound's 余/多 at the end of a cell's text
_UNIT = re.compile("(?:" + "|".join(map(re.escape, (*catalog.unit_words(), "余", "多"))) + ")+$")


def read(data: bytes) -> OcrExtracted:
    """An image file: one page (a multi-page TIFF: each of its pages, up to OCR_MAX_PAGES)."""
    pages = _decode_image(data)
    return _read_images(pages, len(pages), "image")


def read_pdf(render: Callable[[int], np.ndarray], count: int) -> OcrExtracted:
    """An image-only PDF: `render(i)` gives page i as a grey image at OCR_DPI; pages past OCR_MAX_PAGES are not read."""
    shown = min(count, settings.OCR_MAX_PAGES)
    return _read_images((render(i) for i in range(shown)), count, "pdf")


def _decode_image(data: bytes) -> list[np.ndarray]:
    from PIL import Image, ImageOps, ImageSequence

    Image.MAX_IMAGE_PIXELS = settings.OCR_MAX_PIXELS
    pages = []
    try:
        with Image.open(io.BytesIO(data)) as im:
            for frame in itertools.islice(ImageSequence.Iterator(im), settings.OCR_MAX_PAGES):
                if frame.width * frame.height > settings.OCR_MAX_PIXELS:
                    raise ReportError("", "refusal_image_pixels", width=frame.width, height=frame.height)
                pages.append(_page_size(np.asarray(ImageOps.exif_transpose(frame).convert("L"))))  # a phone photo's orientation
    except ReportError:
        raise
    except Image.DecompressionBombError:
        raise ReportError("", "refusal_image_too_large", limit=f"{settings.OCR_MAX_PIXELS:,}") from None
    except Exception as e:  # Pillow raises many types for broken images
        raise ReportError("", "refusal_bad_image", why=e.__class__.__name__) from None
    return pages


def _page_size(gray: np.ndarray) -> np.ndarray:
    """A photo scaled to the width of an A4 page at OCR_DPI when it is much smaller or larger."""
    width = gray.shape[1]
    if width < 0.75 * settings.OCR_PAGE_WIDTH_PX or width > 1.5 * settings.OCR_PAGE_WIDTH_PX:
        scale = settings.OCR_PAGE_WIDTH_PX / width
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)
    return gray


def _read_images(images, pages_total: int, form: str) -> OcrExtracted:
    rows: list[Row] = []
    figures: dict[tuple[int, int], OcrFigure] = {}
    narrative: list[str] = []
    skews: list[float] = []
    table_number = 0
    read_count = 0
    for page_number, gray in enumerate(images, start=1):
        if ocr_types.page_started is not None:
            ocr_types.page_started(page_number)
        page = _read_page(gray, page_number)
        read_count += 1
        skews.append(page.skew)
        narrative.append(page.text)
        for grid, cells in page.tables:
            for slots, readings in zip(grid, cells):
                got = rows_from_grid([slots], table_number)
                if not got:
                    continue
                row = got[0]
                first_value = len(slots) - len(row.cells)
                for k in range(len(row.cells)):
                    figure = readings[first_value + k]
                    if figure is not None:
                        figures[(len(rows), k)] = figure
                rows.append(row)
            table_number += 1
    if not rows and not any(t.strip() for t in narrative):
        raise ReportError("", "refusal_scan_no_text")
    return OcrExtracted("\n".join(narrative), rows, form, figures, read_count, pages_total, skews)


@dataclass
class _PageResult:
    text: str
    tables: list[tuple[list[list[str]], list[list[OcrFigure | None]]]]
    skew: float


def _read_page(gray: np.ndarray, page_number: int) -> _PageResult:
    gray, skew = ocr_grid.straighten(gray)
    tables, lines = ocr_grid.tables(gray)
    ink = ocr_grid.ink_mask(gray)
    # every cell's text lines, read in one batch for the page
    crops: list[np.ndarray] = []
    owners: list[tuple[int, ocr_grid.Cell]] = []
    for t, table in enumerate(tables):
        for cell in table.cells:
            for crop in _cell_lines(gray, ink, lines, cell):
                crops.append(crop)
                owners.append((t, cell))
    readings = ocr_engine.recognise(crops)
    by_cell: dict[tuple[int, ocr_grid.Cell], list[ocr_engine.Reading]] = {}
    crops_of: dict[tuple[int, ocr_grid.Cell], list[np.ndarray]] = {}
    for owner, reading, crop in zip(owners, readings, crops):
        by_cell.setdefault(owner, []).append(reading)
        crops_of.setdefault(owner, []).append(crop)
    read = {owner: _cell_value(found, page_number) for owner, found in by_cell.items()}
    _read_unsure_again(read, crops_of, page_number)
    out_tables = []
    for t, table in enumerate(tables):
        slots = ocr_grid.grid_slots(table)
        grid = [[read.get((t, c), ("", None))[0] if c is not None else "" for c in row] for row in slots]
        figs = [[read.get((t, c), ("", None))[1] if c is not None else None for c in row] for row in slots]
        out_tables.append((grid, figs))
    return _PageResult(_narrative(gray, tables), out_tables, skew)


def _read_unsure_again(read: dict, crops_of: dict, page: int) -> None:
    """The unsure figures read once more, their crops set in a wider frame (OCR_RETRY_CROP_RATIO): a reading
    that comes back with every digit sure replaces the first; any other keeps the first, unsure, for the
    arithmetic to settle or leave out."""
    unsure = [owner for owner, (_, figure) in read.items() if figure is not None and not figure.certain]
    if not unsure:
        return
    crops = [crop for owner in unsure for crop in crops_of[owner]]
    again = iter(ocr_engine.recognise(crops, min_ratio=settings.OCR_RETRY_CROP_RATIO))
    for owner in unsure:
        text, figure = _cell_value([next(again) for _ in crops_of[owner]], page)
        if figure is not None and figure.certain:
            read[owner] = (text, figure)


def _cell_lines(gray: np.ndarray, ink: np.ndarray, lines: np.ndarray, cell: ocr_grid.Cell) -> list[np.ndarray]:
    """The text lines of one cell as crops, the rulings wiped out; none for an empty cell."""
    x0, y0, x1, y1 = cell.box
    pad = 2
    x0, y0, x1, y1 = x0 + pad, y0 + pad, x1 - pad, y1 - pad
    if x1 - x0 < 4 or y1 - y0 < 4:
        return []
    mask = ink[y0:y1, x0:x1].copy()
    mask[lines[y0:y1, x0:x1] > 0] = 0
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))  # specks of a scan
    if cv2.countNonZero(mask) < 12:
        return []
    rows_ink = mask.sum(axis=1) > 0
    # ink runs grouped into lines no taller than a character: the strokes of 三 are one character,
    # a vertical label (one character per line) is one crop per character
    char = CHAR_HEIGHT_FRACTION * gray.shape[1]
    merged: list[list[int]] = []
    for a, b in _runs(rows_ink):
        if merged and b - merged[-1][0] <= 1.3 * char:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    crops = []
    for a, b in merged:
        if b - a < 4:
            continue
        band = mask[a:b]
        cols = np.flatnonzero(band.sum(axis=0) > 0)
        if len(cols) == 0:
            continue
        h = b - a
        margin = max(4, h // 3)
        ya, yb = max(0, y0 + a - margin), min(gray.shape[0], y0 + b + margin)
        xa, xb = max(0, x0 + cols[0] - margin), min(gray.shape[1], x0 + cols[-1] + 1 + margin)
        crop = gray[ya:yb, xa:xb].copy()
        crop[lines[ya:yb, xa:xb] > 0] = 255
        crops.append(crop)
    return crops


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    out = []
    start = None
    for i, f in enumerate(flags):
        if f and start is None:
            start = i
        elif not f and start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(flags)))
    return out


def _cell_value(readings: list[ocr_engine.Reading], page: int) -> tuple[str, OcrFigure | None]:
    """A cell's text, and when it is a figure what the engine said of it."""
    if not readings:
        return "", None
    glyphs = [g for r in readings for g in r.glyphs]
    raw = unicodedata.normalize("NFKC", "".join(g.char for g in glyphs)).strip()
    compact = raw.replace(" ", "")
    # a unit or a lower bound printed in the cell (251000元, 100余) stays with the cell, outside the figure
    unit = _UNIT.search(compact)
    suffix = unit.group(0) if unit and unit.start() > 0 else ""
    number = compact[: len(compact) - len(suffix)]
    mapped = "".join(CONFUSIONS.get(c, c) for c in number)
    candidates = _comma_readings(mapped)
    if not candidates:
        return "".join(r.text for r in readings).strip(), None
    digits = [g for g in glyphs if g.char.strip()][: len(number)]
    confused = mapped != number or any(c in ",，" for c in number)
    confidence = min((g.prob for g in digits), default=0.0)
    certain = not confused and len(candidates) == 1 and confidence >= settings.OCR_CHAR_SURE
    readings_out = list(candidates)
    if not certain and len(digits) == len(mapped) and mapped.isdigit():
        # the unsure digits' second choices, a few at a time
        unsure = [i for i, g in enumerate(digits) if g.prob < settings.OCR_CHAR_SURE and g.alt_prob > 0.001]
        for picks in itertools.product(*([(False, True)] * min(len(unsure), 3))):
            chars = list(mapped)
            for i, pick in zip(unsure, picks):
                if pick:
                    chars[i] = digits[i].alt
            alt = "".join(chars)
            if alt not in readings_out and (alt == "0" or not alt.startswith("0")):
                readings_out.append(alt)
            if len(readings_out) >= MAX_ALTERNATIVES:
                break
    return candidates[0] + suffix, OcrFigure(candidates[0], round(confidence, 4), certain, tuple(readings_out), page, suffix)


def _comma_readings(text: str) -> list[str]:
    """A figure's readings: itself; with a comma, a thousands separator or a misread decimal point."""
    if _NUMBER.match(text):
        return [text]
    if re.fullmatch(r"\d+[,，.]\d+", text) or re.fullmatch(r"\d{1,3}(?:[,，]\d{3})+", text):
        plain = re.sub(r"[,，]", "", text)
        dotted = re.sub(r"[,，]", ".", text)
        return [r for r in dict.fromkeys([plain, dotted]) if _NUMBER.match(r)]
    return []


def _narrative(gray: np.ndarray, tables: list[ocr_grid.Table]) -> str:
    """The page's text outside its tables, line by line in reading order, page footers left out."""
    page = gray.copy()
    for table in tables:
        x0, y0, x1, y1 = table.box
        page[max(0, y0 - 2) : y1 + 3, max(0, x0 - 2) : x1 + 3] = 255
    found = ocr_engine.text_lines(page)
    found.sort(key=lambda f: (f[0][1] + f[0][3]) / 2)
    lines: list[list] = []
    for box, text, _score in found:
        mid = (box[1] + box[3]) / 2
        if lines and abs(mid - lines[-1][0]) < 0.5 * (box[3] - box[1]):
            lines[-1][1].append((box[0], text))
        else:
            lines.append([mid, [(box[0], text)]])
    out = []
    height = gray.shape[0]
    for mid, parts in lines:
        text = "".join(t for _, t in sorted(parts)).strip()
        if _FOOTER.match(text) and (mid > 0.85 * height or mid < 0.1 * height):
            continue
        out.append(text)
    return "\n".join(out)
