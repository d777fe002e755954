"""PDF with a text layer: ruled tables cell by cell, text lines where no rulings are drawn.

Rulings are the stroked lines and hairline rectangles a PDF draws for table borders. Wider filled
rectangles are ignored: Word exports paint a white box behind every paragraph line, and pdfplumber
would otherwise see the whole narrative as a one-column table.
"""
from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.geometry import line_to_edge, rect_to_edges

from ..model import Extracted, ReportError, Row
from . import rows_from_grid
from .text_layout import rows_from_lines

HAIRLINE = 3.0  # pt: a filled rectangle thinner than this is a drawn ruling, not a background
MIN_TABLE_COLUMNS = 2


def read(data: bytes) -> Extracted:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReportError("", "encrypted PDF: it needs a password to open") from None
    except PDFSyntaxError:
        raise ReportError("", "corrupt PDF: the file structure cannot be read") from None
    except Exception as e:  # pdfminer raises many types for broken files
        if "password" in str(e).lower() or "encrypt" in str(e).lower():
            raise ReportError("", "encrypted PDF: it needs a password to open") from None
        raise ReportError("", f"corrupt PDF: cannot be opened ({e.__class__.__name__})") from None
    try:
        return _read_pages(pages)
    except ReportError:
        raise
    except Exception as e:
        raise ReportError("", f"corrupt PDF: a page cannot be read ({e.__class__.__name__})") from None
    finally:
        pdf.close()


def _read_pages(pages) -> Extracted:
    if not pages:
        raise ReportError("", "corrupt PDF: it has no pages")
    if not any(page.chars for page in pages):
        raise ReportError("", "scanned PDF with no text layer: needs OCR")
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
            rows.extend(_rows(grid, table_number))
            table_number += 1
        outside = page
        for table in tables:
            outside = outside.outside_bbox(table.bbox)
        narrative.append(outside.extract_text() or "")
    flush_unruled()
    return Extracted("\n".join(narrative), rows, "pdf")


def _ruled_tables(page) -> list:
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
    tables = page.find_tables(settings)
    return [t for t in tables if _column_count(t) >= MIN_TABLE_COLUMNS]


def _column_count(table) -> int:
    return max((sum(1 for c in row.cells if c is not None) for row in table.rows), default=0)


def _rows(grid: list[list[str]], table: int) -> list[Row]:
    """Grid → rows, keeping an unlabelled row of blank cells (table 四 left empty is still table 四)."""
    out: list[Row] = []
    for line in grid:
        got = rows_from_grid([line], table)
        if got:
            out.extend(got)
        elif len(line) >= 5:
            out.append(Row("", tuple("" for _ in line), table))
    return out
