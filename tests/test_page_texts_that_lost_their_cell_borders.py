"""Three real page texts whose statistics table lost its cell borders, read to what they print (each checked against the
document by hand): a value with its unit glued on and printed twice in a one-column form (putian-ptcg-2008: '149条 149条'
is 149, never 149149), slash cells for 'not applicable' (pingtan-jgw-2017: '条 / /'), and a 2008-era form whose header
the page text split over two rows (pingtan-czj-2011: '…附表指标名' / '称单位数量主动公开信息数条20')."""

from __future__ import annotations

from pathlib import Path

from disclosure.parse import parse_file

COLLECTED = Path(__file__).resolve().parent.parent / "data" / "reports" / "collected"


def facts(report) -> dict[tuple[str, str], tuple]:
    return {(f.indicator, f.applicant): (f.value, f.status) for f in report.facts}


def test_a_figure_printed_twice_with_its_unit_is_read_once_and_said():
    report = parse_file(COLLECTED / "putian" / "putian-ptcg-2008.txt")
    got = facts(report)
    assert report.template == "local"
    assert got[("active.total", "total")] == (149, "reported") and got[("active.channel.website", "total")] == (149, "reported")
    assert got[("requests.received", "total")] == (0, "reported") and got[("litigation.total", "total")] == (0, "reported")
    repeated = [c for c in report.checks if c.rule == "repeated_cells"]
    assert len(repeated) == 2 and "149条 149条" in repeated[0].message and "读作149" in repeated[0].message


def test_slash_cells_are_not_applicable_not_zero():
    report = parse_file(COLLECTED / "pingtan" / "pingtan-jgw-2017.txt")
    got = facts(report)
    assert report.template == "local"
    assert got[("active.total", "total")] == (4, "reported") and got[("active.total", "cumulative")] == (31, "reported")
    assert got[("active.channel.website", "cumulative")] == (25, "reported")
    assert got[("requests.received", "total")] == (None, "na") and got[("review.total", "cumulative")] == (None, "na")


def test_an_old_form_with_its_header_split_over_two_rows_is_read():
    report = parse_file(COLLECTED / "pingtan" / "pingtan-czj-2011.txt")
    got = facts(report)
    assert (report.agency, report.year, report.template) == ("平潭县财政局", 2011, "local")
    assert got[("active.total", "total")] == (20, "reported")  # 主动公开信息数 条 20
    assert got[("requests.received", "total")] == (0, "reported")  # 正式受理政府信息公开申请数 件 0
    assert got[("requests.answered.granted", "total")] == (0, "reported")  # 1．同意提供件 0
    assert {"unmapped_row", "short_table"} <= {c.rule for c in report.checks}  # 在办件, the reasons: named, not dropped
