"""Agency and report year from the document's own words (spec §2): the title in its many shapes,
a crawler's 标题 line, the signature; the file name only when the document names no agency, and
then with a check saying so."""

from __future__ import annotations

import pytest

from disclosure import report_metadata as meta
from disclosure.parse import parse_file

BODY = "本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。\n" + "政府信息公开工作稳步推进。\n" * 5


@pytest.mark.parametrize(
    "head, agency",
    [
        ("上海市科学技术委员会2019年政府信息公开工作年度报告", "上海市科学技术委员会"),
        ("2019年度上海市科学技术委员会政府信息公开工作年度报告", "上海市科学技术委员会"),
        ("平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区"),
        ("莆田市2019年政府信息公开工作年度报告", "莆田市"),
        ("上海市科学技术委员会2019年政府信息公开\n工作年度报告", "上海市科学技术委员会"),
        ("上海市科学技术委员会\n2019年政府信息公开工作年度报告", "上海市科学技术委员会"),
        ("标题: 苏州工业园区管委会2019年政府信息公开工作年度报告\n发布时间: 2020-01-20\n正文:\n当前位置：首页", "苏州工业园区管委会"),
    ],
)
def test_agency_and_year_from_the_title(head, agency):
    printed, year, from_name = meta.read_metadata(head + "\n" + BODY, "kewei-2020.txt")
    assert (printed, year, from_name) == (agency, 2019, False)


def test_the_signature_names_the_agency_when_the_title_does_not():
    text = "2019年政府信息公开工作年度报告\n" + BODY + "\n上海市科学技术委员会\n2020年1月20日\n"
    assert meta.read_metadata(text, "kewei.txt") == ("上海市科学技术委员会", 2019, False)


def test_the_year_is_the_year_reported_not_the_publication_date():
    text = "标题: 莆田市审计局2019年政府信息公开工作年度报告\n发布时间: 2020-01-10\n正文:\n" + BODY
    assert meta.read_metadata(text, "2020.txt")[1] == 2019


def test_a_document_that_names_no_agency_takes_the_file_name_with_a_check(tmp_path):
    from conftest import FIXTURES

    text = (FIXTURES / "kaifeng-zhijian-2018.txt").read_text(encoding="utf-8")
    anonymous = "\n".join(line for line in text.split("\n") if "开封市质量技术监督局" not in line and "质监局" not in line)
    path = tmp_path / "kaifeng-2018.txt"
    path.write_text(anonymous, encoding="utf-8")
    report = parse_file(path)
    assert report.agency == "kaifeng"
    assert [c.rule for c in report.checks if c.rule == "agency_from_file_name"] == ["agency_from_file_name"]
