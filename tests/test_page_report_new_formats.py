"""单位年报 shows a 2019/2021-format report's key figures: 新收, 上年结转, 予以公开, 办理总计, 行政复议, 行政诉讼."""

import json
import shutil

import pytest
from conftest import FIXTURES, ROOT
from streamlit.testing.v1 import AppTest

from disclosure.store import Store

SAMPLE = ROOT / "data" / "sample"


def _overview(db, monkeypatch, agency: str, year: int) -> dict:
    monkeypatch.setenv("DISCLOSURE_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["agency"] = agency
    at.query_params["year"] = str(year)
    at.run()
    assert not at.exception
    assert at.title[0].value == "单位年报"
    return {m.label: m.value for m in at.metric if m.value[-1:] != "%" and m.value != "—"}  # the counts; rates apart


def test_overview_shows_the_hongze_2024_pdf_key_figures(tmp_path, monkeypatch):
    pdf = tmp_path / "hongze-2024.pdf"
    shutil.copyfile(FIXTURES / "hongze-2024.pdf", pdf)
    db = tmp_path / "s.duckdb"
    assert len(Store(db).ingest_paths([pdf]).added) == 1
    metrics = _overview(db, monkeypatch, "淮安市洪泽区人民政府", 2024)
    # table 四: 复议 1 1 0 0 2 · 直接起诉 1 0 0 0 1 · 复议后起诉 2 0 1 0 3
    assert metrics == {"新收申请": "95", "上年结转": "0", "予以公开": "50", "办理总计": "95", "行政复议": "2", "行政诉讼": "4"}


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_overview_shows_a_sample_reports_key_figures_as_written(tmp_path, monkeypatch, template):
    facts = json.loads((SAMPLE / "facts.json").read_text(encoding="utf-8"))
    name, entry = next((n, e) for n, e in facts.items() if e["template"] == template and e["facts"].get("requests.received|total"))
    db = tmp_path / "s.duckdb"
    assert len(Store(db).ingest_paths([SAMPLE / name], sample=True).added) == 1
    f = entry["facts"]
    expected = {
        "新收申请": f["requests.received|total"],
        "上年结转": f["requests.carried_over|total"],
        "予以公开": f["requests.outcome.granted|total"],
        "办理总计": f["requests.outcome.total|total"],
        "行政复议": f["review.total|total"],
        "行政诉讼": f["litigation.direct.total|total"] + f["litigation.after_review.total|total"],
    }
    metrics = _overview(db, monkeypatch, entry["agency"], entry["year"])
    assert metrics == {k: f"{int(v):,}" for k, v in expected.items()}
