"""A scan's unsure figures: taken only where the table's identities leave one reading, else left out and named.

The rows are the real 洪泽区 2024 report's, read from its text layer, dressed as OCR output: every
figure certain, except the ones each test makes unsure — with the engine's wrong first reading and
the right one among its alternatives, or with no alternative at all. No OCR runs here.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from disclosure import ocr_figures
from disclosure.readers import pdf
from disclosure.readers.ocr_types import OcrExtracted, OcrFigure

FIXTURES = Path(__file__).parent / "fixtures"
KEY = json.loads((FIXTURES / "keys" / "hongze-2024.json").read_text(encoding="utf-8"))["facts"]


@pytest.fixture(scope="module")
def text_layer():
    return pdf.read((FIXTURES / "hongze-2024.pdf").read_bytes())


def as_scan(extracted, unsure: dict[str, tuple[str, ...]] | None = None) -> OcrExtracted:
    """The rows as OCR would hand them on: every figure certain; a cell whose text is a key of `unsure`
    ('row label prefix|cell index') gets those readings, the first printed in the row."""
    unsure = dict(unsure or {})
    rows, figures = [], {}
    for i, row in enumerate(extracted.rows):
        cells = list(row.cells)
        for k, cell in enumerate(cells):
            if not cell.replace(".", "").isdigit():
                continue
            spec = next((v for key, v in unsure.items() if _is_cell(key, row, k)), None)
            if spec is None:
                figures[(i, k)] = OcrFigure(cell, 0.99, True, (cell,), 3)
            else:
                cells[k] = spec[0]
                figures[(i, k)] = OcrFigure(spec[0], 0.41, False, spec, 3)
        rows.append(replace(row, cells=tuple(cells)))
    return OcrExtracted(extracted.text, rows, "pdf", figures, 5, 5, [0.0] * 5)


def _is_cell(key: str, row, k: int) -> bool:
    """'label suffix|cell index', or 'table 四|cell index' for the one row of 15 figures."""
    label, index = key.split("|")
    if int(index) != k:
        return False
    return len(row.cells) == 15 if label == "table 四" else bool(label) and row.label.endswith(label)


def facts_of(report):
    return {f.key(): f.value for f in report.facts}


def test_certain_figures_pass_through_with_their_confidence(text_layer):
    report = ocr_figures.map_report(as_scan(text_layer), "scan.pdf")
    assert facts_of(report) == KEY
    assert {f.confidence for f in report.facts if f.value is not None} == {0.99}
    read = [c for c in report.checks if c.rule == "ocr_read"]
    assert len(read) == 1 and read[0].values["pages_read"] == 5 and read[0].values["figures"] == 186
    assert not [c for c in report.checks if c.rule == "ocr_uncertain"]


def test_a_misread_digit_is_corrected_only_where_the_arithmetic_leaves_one_reading(text_layer):
    # 予以公开 自然人 is 50: the engine read 58, its second choice for the last digit was 0
    report = ocr_figures.map_report(as_scan(text_layer, {"(一)予以公开|1": ("58", "50")}), "scan.pdf")
    assert report.value("requests.outcome.granted", "natural") == 50
    assert facts_of(report) == KEY
    read = next(c for c in report.checks if c.rule == "ocr_read")
    assert "requests.outcome.granted|natural" in read.values["settled_by_arithmetic"]


def test_a_confusion_the_arithmetic_cannot_confirm_is_left_out_and_named(text_layer):
    # 行政许可 9487 is in no identity: an unsure reading of it is never taken, not even its own first one
    report = ocr_figures.map_report(as_scan(text_layer, {"行政许可|0": ("9481", "9487")}), "scan.pdf")
    got = facts_of(report)
    assert "art20.licensing.decisions|total" not in got
    assert {k: v for k, v in got.items()} == {k: v for k, v in KEY.items() if k != "art20.licensing.decisions|total"}
    named = [c for c in report.checks if c.rule == "ocr_uncertain"]
    assert len(named) == 1 and named[0].indicators == ["art20.licensing.decisions"]
    assert named[0].values["art20.licensing.decisions|total"]["read"] == "9481"
    assert "9481" in named[0].message and "9487" not in named[0].message


def test_two_unsure_cells_of_one_row_are_settled_by_their_columns(text_layer):
    # 1 + 0 or 0 + 1 both make the row's 总计 of 1; the columns' sums (outcomes to 总计) tell which
    unsure = {"3.危及“三安全一稳定”|0": ("0", "1"), "3.危及“三安全一稳定”|1": ("1", "0")}
    report = ocr_figures.map_report(as_scan(text_layer, unsure), "scan.pdf")
    assert facts_of(report) == KEY
    assert not [c for c in report.checks if c.rule == "ocr_uncertain"]


def test_two_readings_that_both_fit_leave_the_cells_out(text_layer):
    # 行政复议: 维持 1, 纠正 1 … 总计 2. Read unsure as 0 or 1 and 2 or 1: 0 + 2 and 1 + 1 both make 2, and no
    # other identity holds these cells, so neither is guessed
    unsure = {"table 四|0": ("0", "1"), "table 四|1": ("2", "1")}
    report = ocr_figures.map_report(as_scan(text_layer, unsure), "scan.pdf")
    got = facts_of(report)
    assert "review.upheld|total" not in got and "review.corrected|total" not in got
    assert {k: v for k, v in got.items() if KEY.get(k) != v} == {}
    left = next(c for c in report.checks if c.rule == "ocr_uncertain")
    assert set(left.indicators) == {"review.upheld", "review.corrected"}
    assert left.severity == "warning"


def test_the_settling_needs_a_complete_identity():
    # a cell alone with no identity whose other cells are read: nothing is settled
    open_cells = {("requests.received", "natural"): OcrFigure("95", 0.5, False, ("95", "96"), 1)}
    assert ocr_figures.settle(open_cells, {}, "2021") == {}
    # the same cell with its row read: 95 + 0 × 5 = the 总计 95 leaves one reading
    known = {("requests.received", c): 0 for c in ("commercial", "research", "social", "legal", "other")}
    known["requests.received", "total"] = 95
    assert ocr_figures.settle(open_cells, known, "2021") == {("requests.received", "natural"): "95"}
