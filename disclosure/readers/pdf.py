"""PDF with a text layer: ruled tables cell by cell, text lines where no rulings are drawn.

Rulings are the stroked lines and hairline rectangles a PDF draws for table borders. Wider filled
rectangles are ignored: Word exports paint a white box behind every paragraph line, and pdfplumber
would otherwise see the whole narrative as a one-column table.

Characters and rulings are read with PDFium (pypdfium2, pdfplumber's own dependency), which is
several times faster than pdfminer's pure-Python content parser; pdfplumber's table finder and
text layout then work on them unchanged. Should PDFium trip over a file, pdfplumber reads it.
"""

from __future__ import annotations

import ctypes
import io
import re
import threading
import zlib
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.utils import extract_text
from pdfplumber.utils.geometry import line_to_edge, rect_to_edges

from .. import settings
from ..model import Extracted, ReportError, Row
from . import rows_from_grid
from .text_layout import rows_from_lines

HAIRLINE = 3.0  # pt: a filled rectangle thinner than this is a drawn ruling, not a background
MIN_TABLE_COLUMNS = 2


def read(data: bytes) -> Extracted:
    check_streams(data)
    try:
        pages = _pdfium_pages(data)
    except ReportError:
        raise
    except Exception:
        pages = None  # an unusual file: let pdfminer try
    if pages is not None:
        return _read_pages(pages)
    return _read_with_pdfplumber(data)


_STREAM = re.compile(rb"stream\r?\n")


def check_streams(data: bytes) -> None:
    """Refuse a PDF whose compressed streams inflate past PDF_MAX_STREAM_BYTES, before any reader does.

    Every stream that deflate can read is inflated in 1 MB steps and only counted, so the check
    itself holds no more than a step in memory; streams in other filters are left to the sandbox.
    """
    total = 0
    limit = settings.PDF_MAX_STREAM_BYTES
    for m in _STREAM.finditer(data):
        start = m.end()
        end = data.find(b"endstream", start)
        if end < 0:
            end = len(data)
        inflater = zlib.decompressobj()
        chunk = memoryview(data)[start:end]
        try:
            while chunk:
                out = inflater.decompress(chunk, 1 << 20)
                total += len(out)
                if total > limit:
                    raise ReportError("", "refusal_pdf_streams", limit=limit // 1000000)
                chunk = inflater.unconsumed_tail
                if not out and not chunk:
                    break
        except zlib.error:
            continue


def _check_pages(count: int) -> None:
    if count > settings.PDF_MAX_PAGES:
        raise ReportError("", "refusal_pdf_pages", n=f"{count:,}", limit=f"{settings.PDF_MAX_PAGES:,}")


def _read_with_pdfplumber(data: bytes) -> Extracted:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as e:  # pdfminer raises many types for broken files; pdfplumber wraps them
        cause = e.__cause__ or (e.args[0] if e.args and isinstance(e.args[0], Exception) else e)
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in repr(cause).lower():
            raise ReportError("", "refusal_pdf_encrypted") from None
        if isinstance(cause, PDFSyntaxError):
            raise ReportError("", "refusal_pdf_structure") from None
        raise ReportError("", "refusal_pdf_cannot_open", why=cause.__class__.__name__) from None
    try:
        _check_pages(len(pages))
        return _read_pages(pages)
    except ReportError:
        raise
    except Exception as e:
        raise ReportError("", "refusal_pdf_bad_page", why=e.__class__.__name__) from None
    finally:
        pdf.close()


def _read_pages(pages) -> Extracted:
    if not pages:
        raise ReportError("", "refusal_pdf_no_pages")
    if not any(page.chars for page in pages):
        if any(getattr(page, "images", True) for page in pages):
            raise ReportError("", "refusal_pdf_scanned")
        raise ReportError("", "refusal_pdf_no_text")
    rows: list[Row] = []
    narrative: list[str] = []
    unruled: list[str] = []  # text of consecutive pages without ruled tables, read as lines
    table_number = 0

    def flush_unruled() -> None:
        nonlocal table_number
        if unruled:
            text_rows = rows_from_lines("\n".join(unruled), table=table_number)
            if text_rows:
                rows.extend(text_rows)
                table_number += 1
            unruled.clear()

    for page in pages:
        tables = _ruled_tables(page)
        if not tables:
            text = page.extract_text() or ""
            unruled.append(text)
            narrative.append(text)
            continue
        flush_unruled()
        for table in tables:
            grid = [[cell or "" for cell in line] for line in table.extract()]
            rows.extend(rows_from_grid(grid, table_number))
            table_number += 1
        outside = page
        for table in tables:
            outside = outside.outside_bbox(table.bbox)
        narrative.append(outside.extract_text() or "")
    flush_unruled()
    return Extracted("\n".join(narrative), rows, "pdf")


def _ruled_tables(page) -> list:
    if isinstance(page, _Page):
        edges = page.edges
    else:
        edges = [line_to_edge(line) for line in page.lines]
        for rect in page.rects:
            if rect.get("stroke") or min(rect["width"], rect["height"]) < HAIRLINE:
                edges.extend(rect_to_edges(rect))
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": vertical,
        "explicit_horizontal_lines": horizontal,
    }
    tables = TableFinder(page, TableSettings.resolve(settings)).tables
    tables = [t for t in tables if _column_count(t) >= MIN_TABLE_COLUMNS]
    if isinstance(page, _Page):
        for table in tables:
            table.page = page.within_bbox(table.bbox)  # extract() tests every char of its page per row
    return tables


def _column_count(table) -> int:
    return max((sum(1 for c in row.cells if c is not None) for row in table.rows), default=0)


# ---- PDFium page model --------------------------------------------------------------------------


@dataclass
class _Page:
    """What the table finder and text layout need of a page: chars, rulings, size."""

    chars: list[dict]
    edges: list[dict]
    width: float
    height: float
    images: int = 0

    @property
    def bbox(self):
        return (0, 0, self.width, self.height)

    def extract_text(self) -> str:
        return extract_text(self.chars)

    def within_bbox(self, bbox) -> _Page:
        x0, top, x1, bottom = bbox
        chars = [c for c in self.chars if c["x1"] >= x0 and c["x0"] <= x1 and c["bottom"] >= top and c["top"] <= bottom]
        return _Page(chars, [], self.width, self.height)

    def outside_bbox(self, bbox) -> _Page:
        x0, top, x1, bottom = bbox

        def outside(c):
            mx, my = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
            return not (x0 <= mx <= x1 and top <= my <= bottom)

        return _Page([c for c in self.chars if outside(c)], [], self.width, self.height, self.images)


# PDFium is not thread-safe: Streamlit sessions run in threads, so one PDF is read at a time.
_PDFIUM_LOCK = threading.Lock()


def _pdfium_pages(data: bytes) -> list[_Page]:
    with _PDFIUM_LOCK:
        return _pdfium_pages_unlocked(data)


def _pdfium_pages_unlocked(data: bytes) -> list[_Page]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise ReportError("", "refusal_pdf_encrypted") from None
        raise ReportError("", "refusal_pdf_structure") from None
    try:
        _check_pages(len(document))
        return [_pdfium_page(document[i]) for i in range(len(document))]
    finally:
        document.close()


def _pdfium_page(page) -> _Page:
    width, height = page.get_size()
    textpage = page.get_textpage()
    raw = textpage.raw
    chars: list[dict] = []
    ox, oy = ctypes.c_double(), ctypes.c_double()
    matrix = pdfium_c.FS_MATRIX()
    for i in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(raw, i):
            continue  # spaces and line breaks PDFium adds itself
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if code in (0, 0xFFFE, 0xFFFF) or code in (10, 13):
            continue
        text = chr(code)
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, ctypes.byref(_rect := pdfium_c.FS_RECTF()))
        pdfium_c.FPDFText_GetCharOrigin(raw, i, ctypes.byref(ox), ctypes.byref(oy))
        pdfium_c.FPDFText_GetMatrix(raw, i, ctypes.byref(matrix))
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
        size = pdfium_c.FPDFText_GetFontSize(raw, i) * scale or (_rect.top - _rect.bottom) or 10
        # One box height per font size from the baseline, so glyphs of a line share top/bottom.
        char_top = height - (oy.value + 0.88 * size)
        char_bottom = height - (oy.value - 0.12 * size)
        chars.append(
            {
                "text": text,
                "x0": _rect.left,
                # PDFium's loose box runs to the cell edge for a char alone on its line (vertical labels)
                "x1": _rect.left + min(max(_rect.right - _rect.left, 0.01), 1.05 * size),
                "top": char_top,
                "bottom": char_bottom,
                "doctop": char_top,
                "upright": True,
                "size": size,
                "width": min(max(_rect.right - _rect.left, 0.01), 1.05 * size),
                "height": char_bottom - char_top,
            }
        )
    textpage.close()
    edges = _pdfium_rulings(page, height)
    images = 0 if chars else sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))
    return _Page(chars, edges, width, height, images)


def _pdfium_rulings(page, height: float) -> list[dict]:
    edges: list[dict] = []
    for obj in _path_objects(page.raw):
        edges.extend(_path_edges(obj, height))
    return [e for e in edges if e is not None]


def _path_objects(page_raw):
    """Path objects of a page, inside form XObjects too (raw calls: wrapping each of the
    thousands of text objects of a page in Python objects costs more than reading the page)."""
    stack = [(pdfium_c.FPDFPage_CountObjects(page_raw), lambda i: pdfium_c.FPDFPage_GetObject(page_raw, i), 0)]
    while stack:
        count, get, depth = stack.pop()
        for i in range(count):
            obj = get(i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                yield obj
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
                stack.append((pdfium_c.FPDFFormObj_CountObjects(obj), lambda k, o=obj: pdfium_c.FPDFFormObj_GetObject(o, k), depth + 1))


def _path_edges(obj, height: float) -> list[dict]:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
    left, b, r, t = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(b), ctypes.byref(r), ctypes.byref(t))
    x0, y0, x1, y1 = left.value, b.value, r.value, t.value
    if min(x1 - x0, y1 - y0) < HAIRLINE and max(x1 - x0, y1 - y0) > 1:
        return [_edge(x0, height - y1, x1, height - y0)]  # a hairline, stroked or filled
    if not stroke.value:
        return []  # a filled box: a background, not a ruling
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
    x, y = ctypes.c_float(), ctypes.c_float()
    edges = []
    points: list[tuple[float, float]] = []
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        px = m.a * x.value + m.c * y.value + m.e
        py = m.b * x.value + m.d * y.value + m.f
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO:
            points = [(px, py)]
            continue
        if points:
            edges.append(_segment_edge(points[-1], (px, py), height))
        points.append((px, py))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            edges.append(_segment_edge((px, py), points[0], height))
    return edges


def _segment_edge(a, b, height: float):
    (ax, ay), (bx, by) = a, b
    if abs(ax - bx) > 1 and abs(ay - by) > 1:
        return None  # a diagonal or curve: not a table ruling
    return _edge(min(ax, bx), height - max(ay, by), max(ax, bx), height - min(ay, by))


def _edge(x0: float, top: float, x1: float, bottom: float):
    if x1 - x0 >= bottom - top:
        y = (top + bottom) / 2
        return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0, "orientation": "h", "object_type": "line"}
    x = (x0 + x1) / 2
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0, "height": bottom - top, "orientation": "v", "object_type": "line"}
