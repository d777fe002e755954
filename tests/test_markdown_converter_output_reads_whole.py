"""Markdown as real converters write it: a trailing empty cell on every table line, a value row
apart from its label, 第二十条 figures as lines of text. Every figure still reads, the same as the
clean file (the sample generator's own figures are the truth)."""

from __future__ import annotations

import re

from conftest import ROOT
from test_page_requests import sample_truth

from disclosure.parse import parse_bytes

SAMPLE = ROOT / "data" / "sample" / "shili-bingqu-2022.md"


def _facts(text: str) -> dict:
    report = parse_bytes(text.encode("utf-8"), "converted.md")
    assert not [c for c in report.checks if c.rule == "unmapped_row"], [c.message for c in report.checks if c.rule == "unmapped_row"]
    return {f"{f.indicator}|{f.applicant}": f.value for f in report.facts if f.value is not None}


def _truth() -> dict:
    return {k: v for k, v in sample_truth("示例市丙区人民政府", 2022).items() if v is not None}


def test_the_clean_sample_reads_as_generated():
    assert _facts(SAMPLE.read_text(encoding="utf-8")) == _truth()


def test_a_trailing_empty_cell_on_every_line_is_not_a_column():
    text = re.sub(r"^(\|.*\|)$", r"\1 |", SAMPLE.read_text(encoding="utf-8"), flags=re.M)
    assert _facts(text) == _truth()


def test_a_value_row_apart_from_its_label_is_joined_to_it():
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    out = []
    for line in lines:
        cells = line.strip("|").split("|")
        if line.startswith("|") and "予以公开" in line and len(cells) == 10:
            out.append("| " + " | ".join(cells[:3]) + " |" + " |" * 7)  # the label, its figures empty
            out.append("| | | |" + "|".join(cells[3:]) + "|")  # the figures on the next line, unlabelled
        else:
            out.append(line)
    assert _facts("\n".join(out)) == _truth()


def test_article_20_figures_written_as_lines_of_text():
    text = SAMPLE.read_text(encoding="utf-8")
    block = re.search(r"\| 信息内容 \| 本年处理决定数量 \|\n\|---\|---\|\n\| 行政许可 \| (\d+) \|", text)
    assert block
    text = text.replace(block.group(0), f"信息内容 本年处理决定数量\n行政许可 {block.group(1)}")
    assert _facts(text) == _truth()


def test_a_unit_in_the_column_header_converts_the_amount_and_keeps_six_decimals():
    source = ROOT / "data" / "sample" / "shili-gaj-2019.md"
    text = source.read_text(encoding="utf-8")
    assert "| 信息内容 | 采购项目数量 | 采购总金额 |" in text and "| 政府集中采购 | 29 | 1570.4 |" in text
    text = text.replace("| 信息内容 | 采购项目数量 | 采购总金额 |", "| 信息内容 | 采购项目数量 | 采购总金额（元） |")
    text = text.replace("| 政府集中采购 | 29 | 1570.4 |", "| 政府集中采购 | 29 | 15704123.45 |")
    report = parse_bytes(text.encode("utf-8"), "procurement.md")
    got = {f.indicator: f.value for f in report.facts}
    assert got["art20.procurement.items"] == 29
    assert got["art20.procurement.amount"] == 1570.412345  # 元 → 万元, all six decimals kept
