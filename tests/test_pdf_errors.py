"""PDFs that cannot be read say why in one line naming the file: a scan without a text layer,
an encrypted file, a corrupt file. Nothing half-parsed comes back."""

import io
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from disclosure.model import ReportError
from disclosure.parse import parse_bytes, parse_file

HONGZE = Path(__file__).parent / "fixtures" / "hongze-2024.pdf"


def _scanned_pdf() -> bytes:
    """A page that is only a picture, the way a scanner writes it."""
    from PIL import Image, ImageDraw

    picture = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(picture).rectangle((50, 50, 550, 300), outline=0, width=3)
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    page.drawImage(ImageReader(picture), 40, 40, width=500, height=700)
    page.showPage()
    page.save()
    return buf.getvalue()


def test_scanned_pdf_without_readable_text_says_so():
    # a scan is read by OCR (tests/test_ocr_*.py); a picture with no text in it gets one line
    with pytest.raises(ReportError) as e:
        parse_bytes(_scanned_pdf(), "scan-2023.pdf")
    assert str(e.value) == "scan-2023.pdf: no text could be read in the scanned pages"


def test_encrypted_pdf_says_it_needs_a_password():
    with pikepdf.open(HONGZE) as pdf:
        buf = io.BytesIO()
        pdf.save(buf, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    with pytest.raises(ReportError) as e:
        parse_bytes(buf.getvalue(), "locked-2024.pdf")
    assert str(e.value).startswith("locked-2024.pdf: encrypted PDF")
    assert "\n" not in str(e.value)


def test_pdf_with_owner_password_only_still_parses():
    """Permissions-only encryption opens without a password, as every PDF viewer does."""
    with pikepdf.open(HONGZE) as pdf:
        buf = io.BytesIO()
        pdf.save(buf, encryption=pikepdf.Encryption(user="", owner="owner", allow=pikepdf.Permissions(extract=False)))
    report = parse_bytes(buf.getvalue(), "hongze-2024.pdf")
    assert report.value("requests.received", "total") == 95


def test_truncated_pdf_is_a_clear_error(tmp_path):
    data = HONGZE.read_bytes()
    broken = tmp_path / "cut-2024.pdf"
    broken.write_bytes(data[: len(data) // 3])
    with pytest.raises(ReportError) as e:
        parse_file(broken)
    message = str(e.value)
    assert message.startswith("cut-2024.pdf: ")
    assert "\n" not in message


def test_garbage_after_pdf_magic_is_a_corrupt_pdf():
    with pytest.raises(ReportError) as e:
        parse_bytes(b"%PDF-1.7\n" + b"\x00\x01garbage" * 200, "junk.pdf")
    assert str(e.value).startswith("junk.pdf: corrupt PDF")


def test_pdf_of_empty_pages_is_not_called_a_scan():
    buf = io.BytesIO()
    page = canvas.Canvas(buf, pagesize=A4)
    page.showPage()
    page.save()
    with pytest.raises(ReportError) as e:
        parse_bytes(buf.getvalue(), "empty.pdf")
    assert str(e.value) == "empty.pdf: the PDF has no text on any page"
