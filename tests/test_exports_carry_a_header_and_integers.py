"""Every CSV and Excel export starts with a header block saying what it holds, then the table with whole numbers
as integers and blanks as blanks; read back with pandas/openpyxl."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd

from disclosure.ui.exports import About, to_csv, to_xlsx, whole_numbers

FRAME = pd.DataFrame({"指标": ["收到申请", "=1+1", "行政复议"], "数值": [50.0, None, 3.0], "比率": [12.5, None, 1.0]})
ABOUT = About(page="依申请公开", agency="三明市人民政府", year=2021, unit="件", sources=["sanming-shi-2021.txt"], is_sample=True)


def _header_rows(about: About) -> dict[str, str]:
    return dict(about.rows())


def test_csv_has_the_header_block_then_the_table_with_integers():
    text = to_csv(FRAME, ABOUT).decode("utf-8-sig")
    head, _, table = text.partition("\n\n")
    rows = dict(line.split(",", 1) for line in head.splitlines())
    assert rows == _header_rows(ABOUT)
    assert {"单位", "年度", "计量单位", "来源文件", "示例数据"} <= set(rows) or {"Agency", "Year"} <= set(rows)
    assert "三明市人民政府" in rows.values() and "2021" in rows.values() and "sanming-shi-2021.txt" in rows.values()
    back = pd.read_csv(io.StringIO(table))
    assert table.splitlines()[1].split(",")[1] == "50"  # not 50.0
    assert back["数值"].isna().tolist() == [False, True, False]  # a blank stays blank, never 0
    assert back["比率"].tolist()[0] == 12.5
    assert table.splitlines()[2].startswith("'=1+1")  # a formula-looking cell is kept as text


def test_excel_has_the_header_block_on_a_sheet_named_after_the_page_and_integers():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(FRAME, ABOUT.page, ABOUT)))
    assert book.sheetnames == ["依申请公开"]
    sheet = book["依申请公开"]
    rows = list(sheet.iter_rows(values_only=True))
    header = {r[0]: r[1] for r in rows[: len(ABOUT.rows())]}
    assert header == _header_rows(ABOUT)
    assert rows[len(ABOUT.rows())] == (None, None, None)  # the blank row between
    table = rows[len(ABOUT.rows()) + 1 :]
    assert table[0] == ("指标", "数值", "比率")
    assert table[1] == ("收到申请", 50, 12.5) and isinstance(table[1][1], int)
    assert table[2][1] is None and table[2][0] == "=1+1"  # blank stays blank; the text is a string, not a formula
    assert sheet.cell(row=len(ABOUT.rows()) + 3, column=1).data_type == "s"


def test_only_whole_number_columns_become_integers():
    out = whole_numbers(FRAME)
    assert str(out["数值"].dtype) == "Int64" and out["比率"].dtype == float
