"""Scans within budgets: pages past OCR_MAX_PAGES are not read, a page over OCR_PAGE_SECONDS costs only its
file (one line naming the budget), and a broken or oversized image gets one line before any OCR."""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys
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
_spec = importlib.util.spec_from_file_location("make_hostile_files", ROOT / "scripts" / "make_hostile_files.py")
hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile)


def test_pages_past_the_limit_are_not_read(monkeypatch):
    monkeypatch.setattr(settings, "OCR_MAX_PAGES", 2)
    rendered = []

    def render(i):
        rendered.append(i)
        return np.full((400, 1654), 255, np.uint8)  # a blank page

    with pytest.raises(ReportError, match="no text could be read"):
        ocr.read_pdf(render, 30)
    assert rendered == [0, 1]


def test_an_image_too_large_is_refused_before_it_is_decoded():
    with pytest.raises(ReportError) as e:
        parse_bytes(hostile.png_claiming(60000, 60000), "bomb.png")
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


def test_the_survey_counts_a_report_read_by_ocr_apart(monkeypatch, tmp_path):
    """A scanned PDF is read by the OCR reader (its ocr_read finding says so): the survey counts it under `ocr`, not
    with the text-layer PDFs. The scan's reading itself is tested above; here the pipeline's answer is given."""
    from disclosure import pipeline, survey
    from disclosure.model import Check, Report, Source

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    read = Report(
        "测试局", 2024, "2021", Source("scan.pdf", "pdf", ""), [], checks=[Check("ocr_read", "info", "扫描件", [], "read by OCR")]
    )
    monkeypatch.setattr(pipeline, "audited_bytes", lambda data, name: read)
    assert survey.survey_file(scan).form == "ocr"
    monkeypatch.setattr(pipeline, "audited_bytes", lambda data, name: Report("测试局", 2024, "2021", Source("scan.pdf", "pdf", ""), []))
    assert survey.survey_file(scan).form == "pdf"
