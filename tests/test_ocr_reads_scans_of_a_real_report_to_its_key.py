"""Scans of the real 洪泽区 2024 report (image-only PDFs rendered from its text-layer PDF: 150–200 dpi, turned
±1.5°, blurred, JPEG, a phone's slant) read by OCR to the document's own key: ≥ 99 % of its 186 facts
right, no wrong figure without a finding, every figure left out named, the metadata right.

Each scan is five pages of OCR (tens of seconds on the 2-core machine): marked slow. The quick tier's
OCR is tests/test_ocr_uses_no_network.py (two pages through the CLI) and the settling tests (none)."""

from __future__ import annotations

import json

import ocr_material
import pytest

from disclosure import pipeline

KEY = json.loads(ocr_material.HONGZE_KEY.read_text(encoding="utf-8"))
SCANS = [
    ocr_material.Scan(dpi=150, rotate=1.5, jpeg=60),
    ocr_material.Scan(dpi=200, rotate=-1.5, blur=0.8, jpeg=70, slant=0.02),
]


@pytest.mark.slow
@pytest.mark.parametrize("scan", SCANS, ids=lambda s: s.name)
def test_a_scan_reads_to_the_key(scan):
    report = pipeline.audited_bytes(ocr_material.image_pdf(ocr_material.HONGZE, scan), f"hongze-{scan.name}.pdf")
    assert (report.agency, report.year, report.template) == (KEY["agency"], KEY["year"], KEY["template"])
    got = {f.key(): f.value for f in report.facts}
    facts = KEY["facts"]
    right = [k for k, v in facts.items() if got.get(k) == v]
    assert len(right) >= 0.99 * len(facts), sorted(set(facts) - set(right))
    flagged = {i for c in report.checks if c.severity in ("error", "warning") for i in c.indicators}
    wrong = [k for k, v in facts.items() if k in got and got[k] != v]
    assert [k for k in wrong if k.split("|")[0] not in flagged] == []
    uncertain = [c for c in report.checks if c.rule == "ocr_uncertain"]
    named = set(uncertain[0].values) if uncertain else set()
    assert [k for k in facts if k not in got and k not in named] == []
    assert all(f.confidence is not None and 0 < f.confidence <= 1 for f in report.facts if f.value is not None)
    read = [c for c in report.checks if c.rule == "ocr_read"]
    assert len(read) == 1 and read[0].values["pages_read"] == 5 and read[0].values["lowest"]
    assert report.source.format == "pdf"
