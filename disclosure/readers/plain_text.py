"""Plain text as a PDF text layer comes out (pdftotext, pdfplumber, copy from a PDF viewer):
one table line per text line, no cell separators. The line logic is shared with the PDF reader."""

from __future__ import annotations

from ..model import Extracted
from .text_layout import rows_from_lines


def read(text: str) -> Extracted:
    return Extracted(text, rows_from_lines(text), "plain")
