"""The 2019/2021 mapper places rows by fuzzy label and by the fixed row order of table 三, reads
table 二's column variant from its headers, converts 元 to 万元, keeps blanks blank, and reports
every row it cannot place."""

from pathlib import Path

import pytest

from disclosure.model import ReportError, Row
from disclosure.parse import parse_bytes
from disclosure.templates import template_2019

FIXTURES = Path(__file__).parent / "fixtures"
SEVEN = ("1", "0", "0", "0", "0", "0", "1")
TABLE3_LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果 (一)予以公开",
    "三、本年度办理结果 (二)部分公开(区分处理的,只计这一情形,不计其他情形)",
    "三、本年度办理结果 (三)不予公开 1.属于国家秘密",
    "三、本年度办理结果 (三)不予公开 2.其他法律行政法规禁止公开",
    "三、本年度办理结果 (三)不予公开 3.危及“三安全一稳定”",
    "三、本年度办理结果 (三)不予公开 4.保护第三方合法权益",
    "三、本年度办理结果 (三)不予公开 5.属于三类内部事务信息",
    "三、本年度办理结果 (三)不予公开 6.属于四类过程性信息",
    "三、本年度办理结果 (三)不予公开 7.属于行政执法案卷",
    "三、本年度办理结果 (三)不予公开 8.属于行政查询事项",
    "三、本年度办理结果 (四)无法提供 1.本机关不掌握相关政府信息",
    "三、本年度办理结果 (四)无法提供 2.没有现成信息需要另行制作",
    "三、本年度办理结果 (四)无法提供 3.补正后申请内容仍不明确",
    "三、本年度办理结果 (五)不予处理 1.信访举报投诉类申请",
    "三、本年度办理结果 (五)不予处理 2.重复申请",
    "三、本年度办理结果 (五)不予处理 3.要求提供公开出版物",
    "三、本年度办理结果 (五)不予处理 4.无正当理由大量反复申请",
    "三、本年度办理结果 (五)不予处理 5.要求行政机关确认或重新出具已获取信息",
    "三、本年度办理结果 (六)其他处理",
    "三、本年度办理结果 (七)总计",
    "四、结转下年度继续办理",
]
TABLE3_IDS = [slot.indicator for slot in template_2019.TABLE3 if not slot.indicator.startswith("requests.outcome.other.")]


TABLE4_ROWS = [Row("行政复议 行政诉讼", (), 2), Row("", ("0",) * 15, 2)]


def _table3(labels=TABLE3_LABELS, cells=SEVEN, table4=True):
    return [Row(label, cells, 1) for label in labels] + (TABLE4_ROWS if table4 else [])


def _facts(rows):
    facts, checks = template_2019.map_rows(rows, "t.html")
    return {f.key(): f for f in facts}, checks


def test_every_table3_row_lands_on_its_indicator_for_all_seven_applicants():
    facts, checks = _facts(_table3())
    assert {k.split("|")[0] for k in facts} == set(TABLE3_IDS) | set(template_2019.TABLE4)
    assert len(facts) == 23 * 7 + 15
    assert checks == []


def test_misprinted_label_maps_by_fuzzy_match_and_order():
    labels = list(TABLE3_LABELS)
    labels[5] = "2.其他法律行政止公开"
    rows = _table3(labels)
    rows[5] = Row(labels[5], ("7", "0", "0", "0", "0", "0", "7"), 1)
    facts, checks = _facts(rows)
    assert facts["requests.outcome.denied.other_law|natural"].value == 7
    assert checks == []


def test_garbled_label_between_known_rows_is_placed_by_order():
    labels = list(TABLE3_LABELS)
    labels[9] = "6.属于四类过"  # cut by a page break
    facts, checks = _facts(_table3(labels))
    assert "requests.outcome.denied.process_info|total" in facts
    assert checks == []


def test_repeated_item_numbers_are_told_apart_by_group():
    labels = [lab.split(" ")[-1] for lab in TABLE3_LABELS]  # text layer: no group prefix
    rows = [Row(lab, (str(i),) * 7, 1) for i, lab in enumerate(labels)]
    facts, _ = _facts(rows)
    assert facts["requests.outcome.unable.not_held|natural"].value == 12
    assert facts["requests.outcome.not_processed.petition|natural"].value == 15


def test_split_other_rows_of_2021():
    labels = (
        TABLE3_LABELS[:20]
        + [
            "三、本年度办理结果 (六)其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "三、本年度办理结果 (六)其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "三、本年度办理结果 (六)其他处理 3.其他",
        ]
        + TABLE3_LABELS[21:]
    )
    facts, checks = _facts(_table3(labels))
    ids = {k.split("|")[0] for k in facts}
    assert {"requests.outcome.other.no_correction", "requests.outcome.other.no_fee", "requests.outcome.other.misc"} <= ids
    assert "requests.outcome.other" not in ids
    assert checks == []


def test_blank_total_cells_stay_blank():
    rows = _table3()
    rows[2] = Row(TABLE3_LABELS[2], ("3", "1", "0", "0", "0", "0", ""), 1)
    facts, _ = _facts(rows)
    total = facts["requests.outcome.granted|total"]
    assert (total.value, total.status, total.raw) == (None, "blank", "")


def test_six_cells_in_a_text_layer_mean_a_blank_total_column():
    rows = _table3()
    rows[2] = Row(TABLE3_LABELS[2], ("3", "1", "0", "0", "0", "0"), 1)
    facts, _ = _facts(rows)
    assert facts["requests.outcome.granted|social"].value == 0
    assert facts["requests.outcome.granted|total"].status == "blank"


def test_row_that_fits_nowhere_is_an_unmapped_row_check_with_its_label():
    rows = _table3()
    rows.insert(3, Row("说明：本表由办公室填报", ("12",), 1))
    facts, checks = _facts(rows)
    unmapped = [c for c in checks if c.rule == "unmapped_row"]
    assert len(unmapped) == 1
    assert "说明：本表由办公室填报" in unmapped[0].message
    assert unmapped[0].severity == "warning" and unmapped[0].indicators == []
    assert len(facts) == 23 * 7 + 15


def test_missing_table3_is_a_report_error():
    with pytest.raises(ReportError, match="table 三"):
        template_2019.map_rows([Row("规章", ("0", "0", "0"), 0)], "x.pdf")


def test_table3_cut_off_is_a_report_error():
    with pytest.raises(ReportError, match="cut off"):
        template_2019.map_rows(_table3(TABLE3_LABELS[:12]), "x.pdf")


def _art20(header_2: str, cells_2: tuple):
    return [
        Row("第二十条第(一)项", (), 0),
        Row("信息内容 本年新制作数量 本年新公开数量 对外公开总数量", (), 0),
        Row("规章", ("1", "1", "12"), 0),
        Row("规范性文件", ("4", "4", "60"), 0),
        Row("第二十条第(五)项", (), 0),
        Row("信息内容 上一年项目数量 本年增/减 处理决定数量", (), 0),
        Row("行政许可", ("40", "+1036", "9000"), 0),
        Row("其他对外管理服务事项", ("5", "-2", "30"), 0),
        Row("第二十条第(九)项", (), 0),
        Row(header_2, (), 0),
        Row("政府集中采购", cells_2, 0),
    ]


def test_2019_art20_columns_come_from_the_headers_with_signed_changes():
    facts, _ = _facts(_art20("信息内容 采购项目数量 采购总金额", ("3", "120.5")) + _table3())
    assert facts["art20.rules.total_published|total"].value == 12
    assert facts["art20.licensing.change|total"].value == 1036
    assert facts["art20.licensing.change|total"].raw == "+1036"
    assert facts["art20.other_services.change|total"].value == -2
    assert facts["art20.procurement.amount|total"].value == 120.5


def test_money_in_yuan_by_header_is_stored_in_wan_yuan():
    facts, _ = _facts(_art20("信息内容 采购项目数量 采购总金额(元)", ("3", "1205000")) + _table3())
    assert facts["art20.procurement.amount|total"].value == 120.5
    assert facts["art20.procurement.items|total"].value == 3


def test_money_in_yuan_in_the_cell_is_stored_in_wan_yuan():
    rows = [
        Row("第二十条第(八)项", (), 0),
        Row("信息内容 本年收费金额(单位:万元)", (), 0),
        Row("行政事业性收费", ("251000元",), 0),
    ]
    facts, _ = _facts(rows + _table3())
    assert facts["art20.fees.amount|total"].value == 25.1


def test_table4_as_one_row_of_15_and_split_over_lines():
    numbers = tuple(str(n) for n in range(1, 16))
    one, _ = _facts(_table3(table4=False) + [Row("行政复议 行政诉讼", (), 2), Row("", numbers, 2)])
    split, _ = _facts(_table3(table4=False) + [Row("行政复议 行政诉讼", (), 2), Row("", numbers[:5], 2), Row("", numbers[5:], 2)])
    for facts in (one, split):
        assert facts["review.upheld|total"].value == 1
        assert facts["review.total|total"].value == 5
        assert facts["litigation.direct.upheld|total"].value == 6
        assert facts["litigation.after_review.total|total"].value == 15


def test_blank_2021_docx_template_gives_every_cell_as_a_blank_fact():
    from disclosure.readers import docx

    extracted = docx.read((FIXTURES / "blank-2021-template.docx").read_bytes())
    facts, checks = template_2019.map_rows(extracted.rows, "blank-2021-template.docx")
    assert checks == []
    assert len(facts) == 10 + 25 * 7 + 15
    assert {(f.status, f.value) for f in facts} == {("blank", None)}
    ids = {f.indicator for f in facts}
    assert {"art20.fees.amount", "requests.outcome.other.misc", "litigation.after_review.total"} <= ids


def test_hongze_text_layer_as_plain_text_parses_like_the_pdf():
    import json

    import pdfplumber

    with pdfplumber.open(FIXTURES / "hongze-2024.pdf") as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    report = parse_bytes(text.encode("utf-8"), "hongze-2024.txt")
    key = json.loads((FIXTURES / "keys" / "hongze-2024.json").read_text(encoding="utf-8"))
    assert report.source.format == "txt"
    assert {f.key(): f.value for f in report.facts} == key["facts"]
    assert (report.agency, report.year, report.template) == (key["agency"], key["year"], key["template"])


def test_missing_table4_is_reported_not_silent():
    _, checks = _facts(_table3(table4=False))
    assert [c.rule for c in checks] == ["missing_row"]
    assert "review.total" in checks[0].indicators


def test_unrecognised_header_cell_falls_back_to_the_national_column_order():
    rows = [
        Row("第二十条第(五)项", (), 0),
        Row("信息内容 上年度项目数 本年增/减 处理决定数量", (), 0),
        Row("行政许可", ("40", "-1", "9000"), 0),
        Row("第二十条第(一)项", (), 0),
        Row("信息内容 本年新制作数量 本年新公开数量 对外公开总数量", (), 0),
        Row("规章", ("1", "1", "12"), 0),
    ]
    facts, _ = _facts(rows + _table3())
    assert facts["art20.licensing.prev_items|total"].value == 40
    assert facts["art20.licensing.change|total"].value == -1
    assert facts["art20.licensing.decisions|total"].value == 9000
