"""Every form of a 2019/2021-format report, as the sample report writer renders it, parses back to
exactly the facts it was written from: HTML with rowspans, DOCX with merged cells, Markdown,
PDF with ruled tables, and the PDF's text layer as plain text."""

import io

import pdfplumber
import pytest

from disclosure.parse import parse_bytes
from disclosure.sample.model import generate_reports
from disclosure.sample.writer import ReportFacts, render

VARIANTS = ("2019", "2021", "2021-single-other")


def _first_report(template: str):
    for r in generate_reports(7):
        if r.template == template and r.facts.get("requests.received|total"):
            return r
    raise AssertionError(f"the sample model made no {template} report")


def _with_blank_totals(facts: dict) -> dict:
    """Agencies often leave 总计 blank on outcome rows, and write —— for 规章 they never make."""
    out = dict(facts)
    for key in list(out):
        if key.startswith("requests.outcome.") and key.endswith("|total") and key != "requests.outcome.total|total":
            out[key] = None
    for column in ("issued", "repealed", "in_force", "published", "total_published"):
        key = f"art20.rules.{column}|total"
        if key in out:
            out[key] = "na"
    return out


def _expected(facts: dict) -> dict:
    def one(v):
        if v is None:
            return (None, "blank")
        if v == "na":
            return (None, "na")
        return (v, "reported")

    return {k: one(v) for k, v in facts.items()}


@pytest.fixture(scope="module", params=VARIANTS)
def written(request):
    r = _first_report(request.param)
    facts = _with_blank_totals(r.facts)
    return ReportFacts(r.agency.name, r.year, r.template, facts), request.param


def _parse(rf: ReportFacts, form: str):
    if form == "pdf-text":
        with pdfplumber.open(io.BytesIO(render(rf, "pdf"))) as pdf:
            data = "\n".join(page.extract_text() for page in pdf.pages).encode("utf-8")
        return parse_bytes(data, f"report-{rf.year}.txt")
    return parse_bytes(render(rf, form), f"report-{rf.year}.{form}")


@pytest.mark.parametrize("form", ["html", "docx", "md", "pdf", "pdf-text"])
def test_written_report_parses_back_exactly(written, form):
    rf, variant = written
    report = _parse(rf, form)
    assert report.template == variant[:4]
    assert (report.agency, report.year) == (rf.agency, rf.year)
    got = {f.key(): (f.value, f.status) for f in report.facts}
    assert got == _expected(rf.facts)
    assert [c.message for c in report.checks if c.rule in ("unmapped_row", "missing_row", "unreadable_cell")] == []


def test_single_other_row_and_split_rows_are_told_apart():
    single = _first_report("2021-single-other")
    split = _first_report("2021")
    for r, expect_single in ((single, True), (split, False)):
        rf = ReportFacts(r.agency.name, r.year, r.template, r.facts)
        ids = {f.indicator for f in _parse(rf, "html").facts}
        assert ("requests.outcome.other" in ids) is expect_single
        assert ("requests.outcome.other.misc" in ids) is not expect_single
