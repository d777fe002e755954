"""Scans within budgets: pages past OCR_MAX_PAGES are not read, a page over OCR_PAGE_SECONDS costs only its
file (one line naming the budget), and a broken or oversized image gets one line before any OCR."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import ocr_material
import pytest
from PIL import Image

from disclosure import settings
from disclosure.model import ReportError
from disclosure.parse import parse_bytes
from disclosure.readers import ocr

ROOT = Path(__file__).resolve().parent.parent


def test_pages_past_the_limit_are_not_read(monkeypatch):
    monkeypatch.setattr(settings, "OCR_MAX_PAGES", 2)
    rendered = []

    def render(i):
        rendered.append(i)
        return np.full((400, 1654), 255, np.uint8)  # a blank page

    with pytest.raises(ReportError, match="no text could be read"):
        ocr.read_pdf(render, 30)
    assert rendered == [0, 1]


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size (no pixel data follows): what a decompression bomb looks like to a reader."""
    ihdr = struct.pack("!IIBBBBB", width, height, 8, 0, 0, 0, 0)
    out = b"\x89PNG\r\n\x1a\n"
    for kind, body in ((b"IHDR", ihdr), (b"IDAT", zlib.compress(b"\0" * 64))):
        out += struct.pack("!I", len(body)) + kind + body + struct.pack("!I", zlib.crc32(kind + body))
    return out


def test_an_image_too_large_is_refused_before_it_is_decoded():
    with pytest.raises(ReportError) as e:
        parse_bytes(png_header(60000, 60000), "bomb.png")
    assert str(e.value).startswith("bomb.png: ") and "OCR_MAX_PIXELS" in str(e.value)


def test_a_broken_image_gets_one_line():
    data = io.BytesIO()
    Image.new("L", (50, 50), 255).save(data, "JPEG")
    with pytest.raises(ReportError) as e:
        parse_bytes(data.getvalue()[:40], "photo.jpg")
    assert str(e.value) == "photo.jpg: unreadable image (OSError)" or str(e.value).startswith("photo.jpg: unreadable image")


def test_a_page_over_its_ocr_budget_costs_only_its_file(tmp_path):
    scan = tmp_path / "scan-2024.pdf"
    scan.write_bytes(ocr_material.image_pdf(ocr_material.HONGZE, ocr_material.Scan(dpi=100), [2]))
    code = (
        "import sys; from disclosure import sandbox\n"
        "from disclosure.model import ReportError\n"
        f"try:\n    sandbox.parse_file({str(scan)!r})\nexcept sandbox.BudgetExceeded as e:\n    print(e.budget, '|', e)\n"
        # the next file is read by a new worker, with the ordinary budgets
        "r = sandbox.parse_file('tests/fixtures/kaifeng-zhijian-2018.txt'); print('next', r.year)\n"
    )
    env = dict(os.environ, DISCLOSURE_OCR_PAGE_SECONDS="1")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    lines = done.stdout.splitlines()
    assert lines[0] == "ocr_page | scan-2024.pdf: a scanned page took over the OCR budget of 1 s per page (OCR_PAGE_SECONDS)"
    assert lines[1] == "next 2018"
