"""HTML tables as agency sites save them: a label cell spanning two columns must not shift the
第二十条 figures (对外公开总数量 524 read as 13 was the bug), and digits split over <span>s are one figure."""

from __future__ import annotations

from disclosure.readers import html

PAGE = """<html><body><table>
<tr><td colspan="2">信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr>
<tr><td colspan="2">规章</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td colspan="2">规范性文件</td><td><span>1</span><span>3</span></td><td>13</td><td><span style="font-family:x">5</span>24</td></tr>
<tr><td rowspan="2">第二十条第（五）项</td><td>行政许可</td><td>10</td><td>+2</td><td>97</td></tr>
<tr><td>其他对外管理服务事项</td><td>4</td><td>0</td><td>6</td></tr>
</table></body></html>"""


def test_spanned_label_cells_keep_the_figures_in_their_columns():
    rows = {r.label: r.cells for r in html.read(PAGE).rows}
    assert rows["规范性文件"] == ("13", "13", "524")
    assert rows["规章"] == ("0", "0", "0")
    assert rows["第二十条第(五)项 行政许可"] == ("10", "+2", "97")
    assert rows["第二十条第(五)项 其他对外管理服务事项"] == ("4", "0", "6")
