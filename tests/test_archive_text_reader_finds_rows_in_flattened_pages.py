"""archive_text: a crawler's text export of a report page → rows of (label, figure tokens)."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

from disclosure.parse import parse_bytes, sniff
from disclosure.readers import archive_text

HEADER = "标题: 示例局2016年度政府信息公开工作年度报告\n发布时间: 2017-01-13\n原始链接: https://example.gov.cn/a.htm\n正文:\n"


def _rows(body: str):
    return [(r.label, r.cells) for r in archive_text.read(HEADER + body).rows if r.cells]


def test_crawler_header_lines_make_the_archive_form():
    form, _ = sniff((HEADER + "当前位置：首页\n正文内容").encode(), "x.txt")
    assert form == "archive"
    assert archive_text.split_header((HEADER + "x").split("\n"))[0][0].startswith("标题")


def test_one_cell_per_line_with_unit_cells_and_wrapped_markers():
    body = "指\n标\n名\n称\n计量单位\n2016\n年度\n历年累计\n主动公开信息数\n条\n34\n354\n其中：\n1.\n政府网站公开数\n条\n34\n354\n"
    assert _rows(body) == [("主动公开信息数", ("条", "34", "354")), ("1.政府网站公开数", ("条", "34", "354"))]


def test_glued_digits_keep_their_markers_apart():
    body = "指标名称计量单位2012年度历年累计受理依申请公开信息总数条2121其中：1.当面申请数条18182.传真申请数条003.电子邮件申请数条33"
    assert _rows(body) == [
        ("指标名称计量单位2012年度历年累计受理依申请公开信息总数", ("条", "2121")),
        ("其中:1.当面申请数", ("条", "1818")),
        ("2.传真申请数", ("条", "00")),
        ("3.电子邮件申请数", ("条", "33")),
    ]


def test_an_item_number_without_its_point_is_the_labels_not_a_cell():
    # '3不予公开答复数' at the start of its line: the 3 is the label's number, the row after 部分公开 prints one 0
    body = "2.同意部分公开答复数\n条\n0\n3不予公开答复数\n条\n0\n6\n4.其他类型答复数\n条\n0\n1\n"
    assert _rows(body) == [
        ("2.同意部分公开答复数", ("条", "0")),
        ("3不予公开答复数", ("条", "0", "6")),
        ("4.其他类型答复数", ("条", "0", "1")),
    ]
    # a figure that is not the item the list expects next stays a cell
    assert _rows("1.当面申请数\n条\n0\n5\n不予公开\n条\n1\n")[0] == ("1.当面申请数", ("条", "0", "5"))


def test_signs_units_and_closing_quotes_stay_with_their_cells():
    body = "第二十条第（五）项\n行政许可\n0\n+\n60\n60\n3.危及“三安全一稳定\n”\n0\n政府集中采购\n5\n142512\n元\n三、收到"
    rows = _rows(body)
    assert ("行政许可", ("0", "+60", "60")) in rows
    assert ("3.危及“三安全一稳定”", ("0",)) in rows
    assert ("政府集中采购", ("5", "142512元")) in rows


def test_a_label_is_what_follows_the_last_sentence_on_a_page_without_line_breaks():
    body = "确保网站平稳运行。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数规章000"
    assert _rows(body) == [("二、主动公开政府信息情况第二十条第(一)项信息内容本年制发件数规章", ("000",))]


def _seed_as_archive(joiner: str) -> bytes:
    """The founding report as an archive would export it: crawler header, table cells without pipes."""
    lines = (FIXTURES / "kaifeng-zhijian-2018.txt").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("统 计 指 标"))
    cells = [line.rstrip().rstrip("|").rstrip() for line in lines[start:]]
    if joiner != "\n":
        cells = [c for c in cells if c]
    head = "标题: 开封市质量技术监督局2018年政府信息公开工作年度报告\n发布时间: 2019-01-20\n正文:\n"
    return (head + "\n".join(lines[:start]) + "\n" + joiner.join(cells)).encode("utf-8")


@pytest.mark.parametrize("joiner", ["\n", " ", ""], ids=["one-cell-per-line", "one-line", "glued"])
def test_the_2014_table_reads_the_same_in_every_archive_form(joiner):
    key = json.loads((FIXTURES / "keys" / "kaifeng-2018.json").read_text(encoding="utf-8"))
    report = parse_bytes(_seed_as_archive(joiner), "kaifeng-archive.txt")
    assert (report.agency, report.year, report.template) == ("开封市质量技术监督局", 2018, "2014")
    got = {f"{f.indicator}|{f.applicant}": f.value for f in report.facts if f.value is not None and f.status != "from_text"}
    assert got == key["facts"]
    assert not [c for c in report.checks if c.rule in ("unmapped_row", "incomplete_table")]
