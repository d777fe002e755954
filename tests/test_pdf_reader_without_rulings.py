"""A PDF whose tables are not ruled (text placed line by line, no borders) is read from its text
lines: vertical labels one character per line, wrapped labels around their numbers, page footers
inside the table. The lines of the real 洪泽区 report are laid out again without any ruling."""

import io
import json
from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from disclosure.parse import parse_bytes
from disclosure.readers import pdf as pdf_reader

FIXTURES = Path(__file__).parent / "fixtures"
FONT = "STSong-Light"


def _unruled_pdf() -> bytes:
    with pdfplumber.open(FIXTURES / "hongze-2024.pdf") as source:
        pages = [page.extract_text().splitlines() for page in source.pages]
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for lines in pages:
        c.setFont(FONT, 11)
        y = A4[1] - 60
        for line in lines:
            c.drawString(60, y, line)
            y -= 18
        c.showPage()
    c.save()
    return buf.getvalue()


def test_unruled_pdf_has_no_ruled_tables_and_is_read_from_lines():
    data = _unruled_pdf()
    extracted = pdf_reader.read(data)
    labels = [r.label for r in extracted.rows]
    assert "2.其他法律行政止公开" in labels
    assert not any(r.label.startswith("- ") for r in extracted.rows)  # footers dropped


def test_unruled_pdf_parses_to_the_hongze_answer_key():
    key = json.loads((FIXTURES / "keys" / "hongze-2024.json").read_text(encoding="utf-8"))
    report = parse_bytes(_unruled_pdf(), "hongze-2024.pdf")
    assert {f.key(): f.value for f in report.facts} == key["facts"]
    assert (report.agency, report.year, report.template) == (key["agency"], key["year"], key["template"])
