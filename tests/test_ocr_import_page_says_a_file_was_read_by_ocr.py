"""导入报告 with a scan: the uploader takes it, the preview says it was read by OCR with its least sure
figures, and the findings list the ocr_read line (AppTest; two pages of OCR)."""

from __future__ import annotations

from pathlib import Path

import ocr_material
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "pages" / "import.py")


@pytest.fixture()
def public(app_env, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_MODE", "public")
    return app_env


def test_a_scan_is_previewed_as_read_by_ocr(public):
    scan = ocr_material.image_pdf(ocr_material.HONGZE, ocr_material.Scan(dpi=150, rotate=-1.0), [2, 3])
    at = AppTest.from_file(PAGE, default_timeout=300).run()
    at.file_uploader[0].set_value([("洪泽区2024年报扫描件.pdf", scan, "application/pdf")]).run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    said = [i.value for i in at.info if "文字识别（OCR）" in i.value]
    assert len(said) == 1 and "共 2 页" in said[0] and "识别把握最低的数字" in said[0]
    findings = next(d.value for d in at.dataframe if "严重程度" in d.value.columns)
    assert any("扫描件，数字经文字识别（OCR）读取" in m for m in findings["说明"])
