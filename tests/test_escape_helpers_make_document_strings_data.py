"""One escaping helper per output kind: Markdown text (autolinks, $…$, images, links), plotly's pseudo-HTML,
spreadsheet cells; and the pages use them where names reach a visitor (AppTest sees the Markdown source)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from disclosure.ui.escape import JOINER, export_cell, md_text, plot_text
from disclosure.ui.exports import to_csv, to_xlsx

HOSTILE = [
    "![t](https://evil.example/t.png)局",
    "[点此领取补贴](https://evil.example/x)局",
    "$\\color{red}{\\Huge假}$局",
    "<b>粗</b><i>斜</i><br>局",
    "https://evil.example/a 与 www.evil.example 与 someone@evil.example",
    "# 标题\n- 列表\n> 引用 `代码` **粗** ~~删~~ | 表格 |",
    ":red[红字] :material/warning: &amp;",
]


def unescaped(source: str) -> str:
    """What the Markdown source reads as: backslash escapes dropped, the invisible joiners removed."""
    return re.sub(r"\\(.)", r"\1", source).replace(JOINER, "")


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_reads_as_typed_and_leaves_no_markup(text):
    source = md_text(text)
    assert unescaped(source) == text.replace("\n", " ")
    assert "\n" not in source
    # every Markdown special is escaped: no unescaped [, ], (, ), !, $, <, >, *, `, #, :, & remain
    assert not re.search(r"(?<!\\)[\[\]()!$<>*`#:&|~_]", source.replace(":" + JOINER, "\\:"))
    # nothing a GitHub-Markdown autolinker would find
    plain = re.sub(r"\\(.)", r"\1", source)
    assert not re.search(r"https?://|www\.|\w@\w", plain)


@pytest.mark.parametrize("text", HOSTILE)
def test_plot_text_leaves_no_tag(text):
    shown = plot_text(text)
    assert "<" not in shown and ">" not in shown
    assert shown.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") == text


def test_export_cells_never_run_as_formulas(tmp_path):
    frame = pd.DataFrame(
        {"agency": ['=HYPERLINK("https://evil.example","x")局', "+1+1", "@SUM(A1)", "-2", "普通局"], "value": [1, 2, 3, 4, 5]}
    )
    assert [export_cell(v) for v in frame["agency"]] == ['\'=HYPERLINK("https://evil.example","x")局', "'+1+1", "'@SUM(A1)", "-2", "普通局"]
    csv = to_csv(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv and "\n-2," in csv
    import openpyxl

    (tmp_path / "x.xlsx").write_bytes(to_xlsx(frame))
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx").active
    cells = [sheet.cell(row=r, column=1) for r in range(2, 7)]
    assert all(c.data_type == "s" for c in cells)  # strings, not formulas
    assert cells[0].value.startswith("=HYPERLINK") and not sheet._hyperlinks


def test_compare_caption_escapes_the_agency(app_env):
    """The caption that leaked the image tag in the probe: compare_rank."""
    from test_page_channels import open_page

    at = open_page("compare", "开封市质量技术监督局", 2018)
    captions = [c.value for c in at.caption]
    assert any(unescaped(c).startswith("开封市质量技术监督局 排第") for c in captions), captions
