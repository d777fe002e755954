"""A statistics table pasted on its own (issue 23 §4): its title line `XX局政府信息公开情况统计表` and the
`（2018年度）` line below it give the agency and the year, not the file name. The tables are the real
ones of the corpus, cut out of their reports at the table's own title (data/reports/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure.parse import parse_bytes

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"


def _facts(report) -> list[tuple]:
    return [(f.indicator, f.applicant, f.value, f.status) for f in report.facts]


def _kaifeng_table(title_lines: list[str]) -> tuple[str, str]:
    """The founding report's table (开封市质量技术监督局, 2018, the 2014 form) from below its title,
    with `title_lines` on top; and the whole report."""
    text = (REPORTS / "kaifeng-zhijian-2018.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = lines.index("(2018年度)") + 1
    return "\n".join(title_lines + lines[start:]) + "\n", text


@pytest.mark.parametrize(
    "title_lines",
    [
        ["开封市质量技术监督局政府信息公开情况统计表", "（2018年度）"],
        ["附件：开封市质量技术监督局政府信息公开情况统计表", "(2018年度)"],
        ["开封市质量技术监督局2018年度政府信息公开情况统计表"],
        ["开封市质量技术监督局", "政府信息公开情况统计表", "(2018年度)"],  # as the report itself prints it
    ],
)
def test_a_pasted_table_takes_agency_and_year_from_its_title(title_lines):
    table, whole = _kaifeng_table(title_lines)
    assert "本报告" not in table and "统计期限" not in table  # only the table: no report text to name them
    report = parse_bytes(table.encode("utf-8"), "统计表.txt")  # a file name that names neither
    assert (report.agency, report.year, report.template) == ("开封市质量技术监督局", 2018, "2014")
    assert not [c for c in report.checks if c.rule == "agency_from_file_name"]
    assert _facts(report) == _facts(parse_bytes(whole.encode("utf-8"), "kaifeng-zhijian-2018.txt"))


def test_the_file_name_is_no_longer_taken_when_the_table_names_the_agency():
    """Before: the agency came from the file name ('kaifeng', with a warning) though the title names it."""
    table, _ = _kaifeng_table(["开封市质量技术监督局政府信息公开情况统计表", "（2018年度）"])
    report = parse_bytes(table.encode("utf-8"), "kaifeng-2018.txt")
    assert report.agency == "开封市质量技术监督局" and report.agency_printed == "开封市质量技术监督局"


def test_a_local_form_table_whose_title_wraps_over_three_lines():
    """莆田市审计局 prints its 2014 table's title over three lines ('2014' / '年度莆田市审计局' /
    '政府信息公开有关情况统计表'); the table as a page of its own, as a crawler saved it."""
    lines = (REPORTS / "fujian" / "putian-ptsjj-2014.txt").read_text(encoding="utf-8").splitlines()
    annex = max(i for i, line in enumerate(lines) if line.strip() == "附件")
    assert [ln.strip() for ln in lines[annex + 1 : annex + 4]] == ["2014", "年度莆田市审计局", "政府信息公开有关情况统计表"]
    page = "标题: 莆田市审计局政府信息公开有关情况统计表\n发布时间: 2015-03-20 10:12\n栏目: 政府信息公开年报\n正文:\n"
    page += "\n".join(lines[annex + 1 :]) + "\n"
    report = parse_bytes(page.encode("utf-8"), "page.txt")
    assert (report.agency, report.year, report.template) == ("莆田市审计局", 2014, "local")
    assert report.agency != "年度莆田市审计局"
    whole = parse_bytes("\n".join(lines).encode("utf-8"), "putian-ptsjj-2014.txt")
    assert _facts(report) == _facts(whole)
    assert report.value("active.total") == 46 and report.value("active.total", "cumulative") == 285  # as the table prints them
