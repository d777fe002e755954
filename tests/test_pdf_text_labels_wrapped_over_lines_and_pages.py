"""A PDF text layer whose row labels wrap: the start of an item's label on one line, its tail and
figures on the next, with a page footer between. The 洪泽区 2024 report's own text layer, so re-wrapped,
still reads every keyed figure."""

from __future__ import annotations

import json

import pdfplumber
from conftest import FIXTURES

from disclosure.parse import parse_bytes


def _text_layer() -> str:
    with pdfplumber.open(FIXTURES / "hongze-2024.pdf") as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _keyed(report) -> tuple[dict, dict]:
    key = json.loads((FIXTURES / "keys" / "hongze-2024.json").read_text(encoding="utf-8"))["facts"]
    got = {f"{f.indicator}|{f.applicant}": f.value for f in report.facts}
    return key, {k: got.get(k) for k in key}


def test_an_item_label_wrapped_over_a_page_footer_keeps_its_figures():
    text = _text_layer()
    line = "（四）无法提供 1.本机关不掌握相关政府信息 31 0 0 0 0 0 31"
    assert line in text
    wrapped = text.replace(line, "（四）无法提供\n1.本机关不掌握相关政府\n- 4 -\n信息 31 0 0 0 0 0 31")
    report = parse_bytes(wrapped.encode("utf-8"), "hongze-2024.txt")
    key, got = _keyed(report)
    assert got == key
    assert got["requests.outcome.unable.not_held|total"] == 31
