"""单位年报 under AppTest: the founding report's key figures and rates, and its table as reported (a link naming an
agency opened at 总览 — as older links did — lands on the report)."""

from conftest import ROOT, open_numbers
from streamlit.testing.v1 import AppTest

AGENCY = "开封市质量技术监督局"


def _run(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    return open_numbers(at.run())  # the 查看数据 tables are made only while open


def test_overview_shows_the_founding_reports_headline_figures(app_env):
    at = _run(agency=AGENCY, year="2018")
    assert not at.exception
    assert at.title[0].value == "单位年报"
    metrics = {m.label: m.value for m in at.metric}
    counts = {"主动公开总数": "236", "收到申请": "1", "申请办结": "1", "行政复议": "0", "行政诉讼": "0", "工作人员": "29"}
    # the 2014 rates from the catalog: the one request was granted and closed on time; no review or lawsuit to rate
    rates = {"公开率": "100%", "不予公开率": "0%", "无法提供率": "0%", "按时办结率": "100%", "复议纠错率": "—", "诉讼纠错率": "—"}
    assert metrics == counts | rates
    assert {m.proto.delta for m in at.metric} == {"2017年无报告"}  # the base year named, no arrow


def test_overview_table_keeps_blank_group_rows_blank_and_values_as_reported(app_env):
    at = _run(agency=AGENCY, year="2018")
    frames = [df.value for df in at.dataframe]
    table = next(f for f in frames if "数值" in f.columns and len(f) > 50)
    rows = dict(zip(table["指标"], table["数值"]))
    assert rows["2.政府网站公开政府信息数"] == "98"
    assert rows["（二）通过不同渠道和方式回应解读的情况"] == "0"
    assert "（二）通过不同渠道和方式公开政府信息的情况" not in rows  # left blank in the report: absent, not 0
    assert len(table) == 61


def test_overview_speaks_english_on_request(app_env):
    at = _run(agency=AGENCY, year="2018", lang="en")
    assert at.title[0].value == "Agency report"
    assert "Proactively disclosed" in {m.label for m in at.metric}


def test_a_report_without_a_statistics_table_says_so_and_shows_its_source(app_env):
    at = _run(agency="pingtan-dsj", year="2013")  # published as narrative only
    assert not at.exception and at.title[0].value == "单位年报"
    assert any("pingtan-dishuiju-2013" in c.value.replace("\\", "") for c in at.caption)
    assert at.warning and not at.metric
