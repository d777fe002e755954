"""Word drafts: merged cells read once, tables in body order even inside content controls,
a broken file is a one-line error."""

import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from disclosure.model import ReportError
from disclosure.parse import parse_bytes
from disclosure.readers import docx as docx_reader
from disclosure.sample.model import generate_reports
from disclosure.sample.writer import ReportFacts, render

FIXTURES = Path(__file__).parent / "fixtures"


def _report():
    for r in generate_reports(7):
        if r.template == "2021" and r.facts.get("requests.received|total"):
            return ReportFacts(r.agency.name, r.year, r.template, r.facts)
    raise AssertionError("no 2021 sample report")


def test_merged_value_cell_is_read_once():
    extracted = docx_reader.read((FIXTURES / "blank-2021-template.docx").read_bytes())
    licensing = [r for r in extracted.rows if r.label == "行政许可"]
    assert licensing and licensing[0].cells == ("",)  # one cell spanning three grid columns


def test_empty_table4_row_is_kept_as_fifteen_blanks():
    extracted = docx_reader.read((FIXTURES / "blank-2021-template.docx").read_bytes())
    assert any(r.label == "" and len(r.cells) == 15 for r in extracted.rows)


def test_tables_inside_content_controls_are_read_in_order():
    rf = _report()
    document = docx.Document(io.BytesIO(render(rf, "docx")))
    body = document.element.body
    for table in list(body.iterchildren(qn("w:tbl"))):
        sdt = etree.SubElement(body, qn("w:sdt"))
        content = etree.SubElement(sdt, qn("w:sdtContent"))
        table.addprevious(sdt)
        content.append(table)
    buf = io.BytesIO()
    document.save(buf)
    report = parse_bytes(buf.getvalue(), "draft-2022.docx")
    expected = {k: (None if v == "na" else v) for k, v in rf.facts.items()}
    assert {f.key(): f.value for f in report.facts} == expected


def test_broken_docx_is_a_one_line_error():
    data = render(_report(), "docx")
    with pytest.raises(ReportError) as e:
        parse_bytes(data[: len(data) // 2], "draft.docx")
    assert str(e.value).startswith("draft.docx: ")
    assert "\n" not in str(e.value)
