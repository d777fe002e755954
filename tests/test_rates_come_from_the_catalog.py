"""Every rate the app shows is defined once, in catalog/rates.csv: no page divides figures, and no view or UI module
computes a percentage of its own (the one percentage outside the catalog is 年度趋势's year-over-year change of a
series, which is a change, not a rate)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# (file, expression): divisions that are not rates, each with its reason
ALLOWED = {
    ("pages/import.py", "done / len(pending)"): "the upload progress bar",
    ("disclosure/views/trends.py", "100.0 * change / previous.value"): "a series' change on the year before, not a rate",
}


def _divisions(path: Path) -> list[str]:
    return [
        ast.unparse(n)
        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div)
    ]


def test_no_page_divides_figures():
    found = [(str(p.relative_to(ROOT)), e) for p in sorted((ROOT / "pages").glob("*.py")) for e in _divisions(p)]
    assert [f for f in found if f not in ALLOWED] == []


def test_no_view_or_ui_module_computes_a_percentage_of_its_own():
    found = [
        (str(p.relative_to(ROOT)), e)
        for d in ("disclosure/views", "disclosure/ui", "disclosure/brief")
        for p in sorted((ROOT / d).glob("*.py"))
        for e in _divisions(p)
        if re.search(r"(?<![\d.])100(\.0*)?(?![\d.])", e)  # times 100: a percentage
    ]
    assert [f for f in found if f not in ALLOWED] == []


def test_the_scan_would_see_an_inline_rate(tmp_path):
    page = tmp_path / "p.py"
    page.write_text("rate = 100 * granted / total\n", encoding="utf-8")
    assert _divisions(page) == ["100 * granted / total"]
