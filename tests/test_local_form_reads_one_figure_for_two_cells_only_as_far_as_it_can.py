"""The 福建 local form's 本年度 / 历年累计 (spec §1c) in archive text exports: a row printing one figure for
its two cells is a run of equal cells the archive collapsed, or a figure beside a blank 历年累计, and the row
alone cannot tell them apart. The year's cell takes the figure. The 历年累计 is certain only where the table's
arithmetic needs it (it holds with the copy and breaks with a blank) or the text says it (历年累计收到依申请
公开数为0); otherwise it is read as the copy and named in a `collapsed_run` finding, never silently."""

from __future__ import annotations

from disclosure.parse import parse_bytes

HEADER = "标题: 示例局2017年度政府信息公开工作年度报告\n发布时间: 2018-01-13\n原始链接: https://example.gov.cn/a.htm\n正文:\n"
TABLE = (
    "指标名称\n计量\n单位\n2017年度\n历年累计\n"
    "主动公开文件数\n条\n271\n2742\n其中：1、政府网站公开数\n条\n271\n2742\n2、政府公报公开数\n条\n0\n"
    "受理政府信息公开申请总数\n条\n1\n3\n1.当面申请数\n条\n0\n2\n2.网上申请数\n条\n1\n3.信函、传真申请数\n条\n0\n"
    "对申请的答复总数\n条\n1\n3\n其中：1.同意公开答复数\n条\n0\n2.同意部分公开答复数\n条\n0\n3.不予公开答复总数\n条\n0\n"
    "4、其他类型答复数\n条\n1\n3\n行政复议数\n件\n0\n行政诉讼数\n件\n0\n"
)


def _read(narrative: str):
    report = parse_bytes((HEADER + narrative + "\n" + TABLE).encode(), "shili-2017.txt")
    facts = {(f.indicator, f.applicant): f.value for f in report.facts if f.status != "from_text"}
    named = {i for c in report.checks if c.rule == "collapsed_run" for i in c.indicators}
    return report, facts, named


def test_the_years_cell_takes_the_one_figure_and_a_copy_nothing_settles_is_named():
    report, facts, named = _read("一、概述\n2017年我局主动公开政府信息271条。")
    assert report.template == "local"
    assert facts[("active.channel.gazette", "total")] == 0
    assert facts[("review.total", "total")] == 0 and facts[("litigation.total", "total")] == 0
    # 政府公报, 行政复议, 行政诉讼: no identity ties their 历年累计 — the copy is shown, and named
    assert {"active.channel.gazette", "review.total", "litigation.total"} <= named
    # a copied 0 and a blank add up alike in 答复 累计 3 = 同意 + 部分 + 不予 + 其他 3: named too
    assert {"requests.answered.granted", "requests.answered.partial", "requests.answered.denied", "local.received.letter_fax"} <= named


def test_the_arithmetic_settles_a_copy_a_blank_would_break():
    _, facts, named = _read("一、概述\n2017年我局主动公开政府信息271条。")
    # 受理 累计 3 = 当面 2 + 网上 + 信函传真: with a blank 网上 累计 the sum breaks, so it is the copy, 1
    assert facts[("requests.received.online", "cumulative")] == 1
    assert "requests.received.online" not in named


def test_the_text_settles_the_request_rows_cumulative_zero():
    text = "一、概述\n2017年我局主动公开政府信息271条。\n三、依申请公开情况\n至2017年底，我局尚未收到任何政府信息公开的申请。"
    table = (
        TABLE.replace("条\n1\n3\n1.当面申请数\n条\n0\n2\n2.网上申请数\n条\n1\n", "条\n0\n1.当面申请数\n条\n0\n2.网上申请数\n条\n0\n")
        .replace("对申请的答复总数\n条\n1\n3\n", "对申请的答复总数\n条\n0\n")
        .replace("4、其他类型答复数\n条\n1\n3\n", "4、其他类型答复数\n条\n0\n")
    )
    report = parse_bytes((HEADER + text + "\n" + table).encode(), "shili-2017.txt")
    facts = {(f.indicator, f.applicant): f.value for f in report.facts if f.status != "from_text"}
    named = {i for c in report.checks if c.rule == "collapsed_run" for i in c.indicators}
    for row in ("requests.received", "requests.received.in_person", "requests.answered", "local.answered.other"):
        assert facts[(row, "cumulative")] == 0 and row not in named
    assert "active.channel.gazette" in named  # the text says nothing of the gazette's 历年累计


def test_two_glued_figures_are_two_cells_not_a_copy():
    glued = TABLE.replace("2、政府公报公开数\n条\n0\n", "2、政府公报公开数\n条\n07\n")
    report = parse_bytes((HEADER + "一、概述\n2017年我局主动公开政府信息271条。\n" + glued).encode(), "shili-2017.txt")
    facts = {(f.indicator, f.applicant): f.value for f in report.facts if f.status != "from_text"}
    assert (facts[("active.channel.gazette", "total")], facts[("active.channel.gazette", "cumulative")]) == (0, 7)
    assert "active.channel.gazette" not in {i for c in report.checks if c.rule == "collapsed_run" for i in c.indicators}


def test_the_oldest_forms_channel_and_reading_point_rows_are_mapped():
    """The 2008–2010 row set (one column 年末统计): 4、其他便于公众知晓的方式 is the national form's 其他方式 channel,
    公开查阅点查阅人数 the reading points' visitors."""
    table = (
        "指  标  名  称\n计量\n单位\n年末统计\n主动公开信息数\n条\n185\n其中：1、政府公报\n条\n0\n2、政府网站\n条\n185\n"
        "3、新闻发布会\n条\n0\n4、其他便于公众知晓的方式\n条\n3\n公开查阅点查阅人数\n人次\n12\n受理依申请公开信息总数\n条\n0\n"
        "其中：1、当面申请数\n条\n0\n本年度对申请的答复总数\n条\n0\n行政复议数\n件\n0\n行政诉讼数\n件\n0\n"
    )
    report = parse_bytes(
        (HEADER.replace("2017", "2009") + "一、概述\n2009年我局主动公开政府信息185条。\n" + table).encode(), "shili-2009.txt"
    )
    facts = {(f.indicator, f.applicant): f.value for f in report.facts if f.status != "from_text"}
    assert facts[("active.channel.other", "total")] == 3
    assert facts[("local.reading_room.visitors", "total")] == 12
    assert not [c for c in report.checks if c.rule == "unmapped_row" and "其他便于" in c.message_en]
