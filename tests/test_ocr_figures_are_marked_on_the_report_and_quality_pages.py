"""A report read by OCR keeps each figure's confidence in the store, and 单位年报 and 数据质量 mark it 识别 with its
least sure figures (AppTest over a store holding the real founding report with a few figures given as OCR'd; the
reading itself is tested in test_ocr_reads_scans_of_a_real_report_to_its_key)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from streamlit.testing.v1 import AppTest

from disclosure.parse import parse_file
from disclosure.store import Store

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "data" / "reports" / "kaifeng-zhijian-2018.txt"
READ_BY_OCR = {"active.total": 0.91, "requests.received": 0.97, "capacity.staff": 0.995}


def scanned_store(tmp_path: Path) -> Path:
    report = parse_file(FOUNDING)
    report.facts = [dataclasses.replace(f, confidence=READ_BY_OCR.get(f.indicator)) for f in report.facts]
    db = tmp_path / "store.duckdb"
    Store(db).ingest_reports([(report, False)])
    return db


def test_the_store_keeps_a_figures_confidence(tmp_path):
    facts = Store(scanned_store(tmp_path)).reader().query("report_facts", agency="开封市质量技术监督局", year=2018)
    kept = dict(zip(facts["indicator"], facts["confidence"]))
    assert kept["active.total"] == 0.91 and kept["capacity.staff"] == 0.995
    assert facts[~facts["indicator"].isin(list(READ_BY_OCR))]["confidence"].isna().all()  # read from text: none


def test_the_report_and_quality_pages_mark_the_figures_read_by_ocr(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_DB", str(scanned_store(tmp_path)))
    for page, lang in (("report", "zh"), ("quality", "zh"), ("report", "en")):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params.update({"agency": "kaifeng-zjj", "year": "2018", **({"lang": "en"} if lang == "en" else {})})
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, at.exception
        marks = [c.value for c in at.caption if "OCR" in c.value]
        assert len(marks) == 1, (page, lang, [c.value for c in at.caption])
        mark = marks[0].replace("\\", "")  # as shown: Markdown escapes dropped
        assert ("识别" in mark and "3 个数字" in mark) if lang == "zh" else "3 figures" in mark
        assert mark.index("91%") < mark.index("97%") < mark.index("99.5%")  # the least sure first, never rounded up to 100
