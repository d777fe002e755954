"""The page around a report is not the report (issue 23 §4): a saved site page links to the same
agency's reports of other years (上一篇 / 下一篇, 相关链接 and 相关文章 lists with dates), prints
breadcrumbs, 附件 download lists, share bars and a footer. None of it is a title, a table row or a year:
such a page reads as the one report it shows, exactly as the report without its page does. Only two
reports in the document's own body make a file "several reports".

The documents are real reports of the corpus (data/reports/), wrapped in the chrome real government
pages print around them (the markup follows the saved page of putian-ptkjj-2019 in
changwu/putian-policy-opening-html: breadcrumb, 字号, 附件下载, 扫一扫, 打印/关闭, 相关文章, the footer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure.model import ReportError
from disclosure.parse import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _same_report(a, b) -> None:
    """Everything a report says, chrome or not: agency, year, template, every fact and check, the text figures."""
    assert (a.agency, a.agency_printed, a.year, a.template) == (b.agency, b.agency_printed, b.year, b.template)
    assert [(f.indicator, f.applicant, f.value, f.status) for f in a.facts] == [
        (f.indicator, f.applicant, f.value, f.status) for f in b.facts
    ]
    assert [(c.rule, c.indicators) for c in a.checks] == [(c.rule, c.indicators) for c in b.checks]
    assert [(f.indicator, f.value) for f in a.text_facts] == [(f.indicator, f.value) for f in b.text_facts]


# ---- a crawler's text export of a saved page --------------------------------------------------------

ARCHIVE_BREADCRUMB = "当前位置：首页 > 政务公开 > 政府信息公开 > 政府信息公开年报 > {title}\n字号：大 中 小\n分享到：微信 微博 QQ空间\n"
ARCHIVE_FOOTER = """
附件下载：
{agency}{year}年度政府信息公开工作年度报告.doc
{agency}{year}年度政府信息公开情况统计表.pdf
扫一扫在手机打开当前页
【打印】 【关闭】
上一篇：{agency}{prev}年度政府信息公开工作年度报告
下一篇：{agency}{next}年度政府信息公开工作年度报告
相关文章
{agency}{prev}年度政府信息公开工作年度报告 {prev_published}
{agency}{before}年度政府信息公开工作年度报告 {before_published}
联系我们|使用帮助|加入收藏|隐私保护|网站地图
版权所有 莆田市人民政府网 Copyright 2006 www.putian.gov.cn All Rights Reserved
主办：莆田市人民政府办公室 承办：莆田市数字莆田建设领导小组办公室 联系电话：0594-2221669
网站标识码：3503000001 闽ICP备05009235号
"""


def _with_archive_chrome(text: str, agency: str, year: int) -> str:
    """The page text with a breadcrumb after the crawler's 正文 marker and the site's footer at its end."""
    head, marker, body = text.partition("正文:\n")
    assert marker, "a crawler export with its 正文 marker"
    title = f"{agency}{year}年度政府信息公开工作年度报告"
    footer = ARCHIVE_FOOTER.format(
        agency=agency,
        year=year,
        prev=year - 1,
        next=year + 1,
        before=year - 2,
        prev_published=f"{year}-01-10",
        before_published=f"{year - 1}-01-15",
    )
    return head + marker + ARCHIVE_BREADCRUMB.format(title=title) + body + footer


@pytest.mark.parametrize(
    "file, agency, year, template",
    [
        ("putian-ptkjj-2019.txt", "莆田市科技局", 2019, "2019"),  # the 2019 format
        ("putian-ptsjj-2017.txt", "莆田市审计局", 2017, "local"),  # the 福建 local form, 本年度 and 历年累计
        ("putian-ptstjj-2022.txt", "莆田市统计局", 2022, "2021"),  # the 2021 format
    ],
)
def test_a_saved_page_linking_to_other_years_reads_as_its_one_report(file, agency, year, template):
    plain = _read(REPORTS / "fujian" / file)
    page = _with_archive_chrome(plain, agency, year)
    assert "上一篇" in page and f"{year - 1}年度政府信息公开工作年度报告" in page and f"{year + 1}年度" in page
    report = parse_bytes(page.encode("utf-8"), file)
    assert (report.year, report.template) == (year, template)
    _same_report(report, parse_bytes(plain.encode("utf-8"), file))
    assert not [c for c in report.checks if c.rule in ("unmapped_row", "agency_from_file_name", "duplicate_table")]


def test_a_page_whose_body_holds_two_reports_is_still_several_reports():
    """Chrome around it changes nothing: two reports in the body are two reports."""
    one = _read(REPORTS / "fujian" / "putian-ptkjj-2019.txt")
    other = _read(REPORTS / "fujian" / "putian-ptkjj-2020.txt")
    header, _, body = other.partition("正文:\n")
    title = header.splitlines()[0].partition(":")[2].strip()  # 莆田市科学技术局2020年度政府信息公开工作年度报告
    two = _with_archive_chrome(one, "莆田市科技局", 2019) + "\n" + title + "\n" + body
    with pytest.raises(ReportError, match=r"the file holds 2 reports \(2019, 2020\)"):
        parse_bytes(two.encode("utf-8"), "two.txt")


# ---- a saved HTML page --------------------------------------------------------------------------------

SITE = "开封市质量技术监督局"

HTML_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="UTF-8">
<meta name="ArticleTitle" content="{title}">
<title>{title}_政府信息公开年报_{site}</title></head>
<body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/hdjl/">互动交流</a></div>
<div class="side-left">
  <p>相关链接</p>
  <ul>
    <li><a href="../201801/t20180115_1.htm">{site}2017年政府信息公开工作年度报告</a><span>2018-01-15</span></li>
    <li><a href="../201701/t20170112_2.htm">{site}2016年政府信息公开工作年度报告</a><span>2017-01-12</span></li>
  </ul>
</div>
<div class="side-right">
  <div class="breadcrumb">当前位置：<a href="../../../">首页</a> &gt; <a href="../../">政务公开</a> &gt; <a href="../">政府信息公开年报</a></div>
  <div class="xl-top"><h1>{title}</h1>
    <div class="lips"><span>发布时间：2019-01-25 09:30</span> <span>字号：大 中 小</span></div>
  </div>
  <div class="TRS_Editor">
{paragraphs}
<p>附件:</p>
<p>{site}</p>
<p>政府信息公开情况统计表</p>
<p>(2018年度)</p>
<table border="1">
{rows}
</table>
  </div>
  <div class="fj"><h5>附件下载：</h5><a href="./P020190125.doc">{site}2018年政府信息公开工作年度报告.doc</a></div>
  <div class="erm-box"><p>扫一扫在手机打开当前页</p></div>
  <div class="xl-btn-box"><a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></div>
  <div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
  <div class="fy">
    <p>上一篇：<a href="../201801/t20180115_1.htm">{site}2017年政府信息公开工作年度报告</a></p>
    <p>下一篇：<a href="../202001/t20200120_3.htm">{site}2019年政府信息公开工作年度报告</a></p>
  </div>
  <div class="xgwz"><p>相关文章</p><ul>
    <li><a href="../201801/t20180115_1.htm">{site}2017年政府信息公开工作年度报告</a></li>
    <li><a href="../202001/t20200120_3.htm">{site}2019年政府信息公开工作年度报告</a></li>
  </ul></div>
</div>
<div class="footer">
  <p><a>联系我们</a>|<a>使用帮助</a>|<a>网站地图</a></p>
  <p>版权所有 开封市质量技术监督局 All Rights Reserved</p>
  <p>主办：开封市质量技术监督局办公室</p>
  <p>网站标识码：4102000001 豫ICP备05001234号</p>
</div>
</body></html>
"""


def _kaifeng_page() -> tuple[str, str]:
    """The founding report (开封市质量技术监督局 2018, the 2014 table) as the site page it was saved
    from: its paragraphs, then its table as a real <table> (the text prints one cell per line, three
    cells a row: 统计指标 · 单位 · 统计数), inside the page chrome."""
    text = _read(REPORTS / "kaifeng-zhijian-2018.txt")
    lines = text.splitlines()
    annex = lines.index("附件:")
    paragraphs = "\n".join(f"<p>{line}</p>" for line in lines[:annex])
    cells = [c.rstrip("|").strip() for c in lines[lines.index("(2018年度)") + 1 :]]
    assert len(cells) % 3 == 0
    rows = "\n".join("<tr>" + "".join(f"<td>{c or '&nbsp;'}</td>" for c in cells[i : i + 3]) + "</tr>" for i in range(0, len(cells), 3))
    title = f"{SITE}2018年政府信息公开工作年度报告"
    return text, HTML_PAGE.format(title=title, site=SITE, paragraphs=paragraphs, rows=rows)


def test_a_saved_html_page_with_links_to_other_years_reads_as_its_one_report():
    text, page = _kaifeng_page()
    report = parse_bytes(page.encode("utf-8"), "kaifeng.html")
    assert (report.agency, report.year, report.template) == (SITE, 2018, "2014")
    as_text = parse_bytes(text.encode("utf-8"), "kaifeng.txt")
    assert [(f.indicator, f.value, f.status) for f in report.facts] == [(f.indicator, f.value, f.status) for f in as_text.facts]
    assert report.value("active.total") == 236 and report.value("active.channel.website") == 98  # the table's own figures
    assert not [c for c in report.checks if c.rule in ("unmapped_row", "agency_from_file_name")]


def test_links_to_other_years_above_the_title_do_not_give_the_year():
    """The sidebar's 相关链接 list (2017, 2016) comes before the article's own title in the page text;
    the chrome goes, the report's title and text stay."""
    from disclosure import report_metadata
    from disclosure.parse import read, sniff

    _, page = _kaifeng_page()
    form, content = sniff(page.encode("utf-8"), "kaifeng.html")
    text = read(form, content, "kaifeng.html").text
    h1 = text.index(f"{SITE}2018年政府信息公开工作年度报告\n发布时间")
    assert text.index("2017年政府信息公开工作年度报告") < h1
    body = report_metadata.strip_chrome(text)
    for other in (2016, 2017, 2019):
        assert f"{SITE}{other}年政府信息公开工作年度报告" not in body
    assert f"{SITE}2018年政府信息公开工作年度报告" in body and "统计期限为2018年1月1日" in body
    assert report_metadata.read_metadata(body, "page.html") == (SITE, 2018, False)
    assert report_metadata.report_years(body) == [2018]


@pytest.mark.parametrize(
    "line",
    [
        "上一篇：莆田市科技局2018年度政府信息公开工作年度报告",
        "下一篇: 莆田市科技局2020年度政府信息公开工作年度报告",
        "· 莆田市科技局2017年度政府信息公开工作年度报告 2018-01-10",
        "[2018-01-10] 莆田市科技局2017年度政府信息公开工作年度报告",
        "附件：莆田市科技局2017年度政府信息公开工作年度报告.docx",
        "当前位置：首页 > 政府信息公开年报 > 莆田市科技局2017年度政府信息公开工作年度报告",
    ],
)
def test_a_link_line_to_another_report_is_never_a_title_or_a_year(line):
    from disclosure import report_metadata

    body = "莆田市科技局2019年度政府信息公开工作年度报告\n本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。\n"
    page = report_metadata.strip_chrome(line + "\n" + body + line + "\n")
    assert page == body
    assert report_metadata.report_years(page) == [2019]
    assert report_metadata.read_metadata(page, "x.txt") == ("莆田市科技局", 2019, False)
