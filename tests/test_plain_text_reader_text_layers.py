"""Plain text as PDF tools write a text layer: pdfplumber, PDFium (what a PDF viewer copies) and
`pdftotext -layout`. Each orders wrapped labels, vertical labels and footers differently; all
three texts of the real 洪泽区 report parse to its answer key."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from disclosure.parse import parse_bytes

FIXTURES = Path(__file__).parent / "fixtures"
PDF = FIXTURES / "hongze-2024.pdf"
KEY = json.loads((FIXTURES / "keys" / "hongze-2024.json").read_text(encoding="utf-8"))


def _pdfplumber_text() -> str:
    with pdfplumber.open(PDF) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


def _pdfium_text() -> str:
    document = pdfium.PdfDocument(str(PDF))
    try:
        return "\n".join(document[i].get_textpage().get_text_bounded() for i in range(len(document)))
    finally:
        document.close()


def _pdftotext_layout() -> str:
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):  # ./test.sh installs it; in CI a missing tool fails rather than skips
            pytest.fail("pdftotext is missing: apt-get install -y poppler-utils")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(PDF), "-"], capture_output=True, check=True).stdout.decode("utf-8")


@pytest.mark.parametrize(
    "text_layer", [_pdfplumber_text, _pdfium_text, _pdftotext_layout], ids=["pdfplumber", "pdfium", "pdftotext-layout"]
)
def test_text_layer_parses_to_the_answer_key(text_layer):
    report = parse_bytes(text_layer().encode("utf-8"), "hongze-2024.txt")
    assert {f.key(): f.value for f in report.facts} == KEY["facts"]
    assert (report.agency, report.year, report.template) == (KEY["agency"], KEY["year"], KEY["template"])
    assert [c.message for c in report.checks if c.rule in ("unmapped_row", "missing_row")] == []
