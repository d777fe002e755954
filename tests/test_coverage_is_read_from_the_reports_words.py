"""A report's coverage (本机关 / 本级政府 / 全市或全县汇总) is read from its own words — the phrases are
catalog/coverage_phrases.csv — stored with the report, shown beside its figures on 单位年报, and a summary report is
never summed into a scope with its own departments' reports. The real reports are data/reports/fujian/'s (file and
phrase cited); one planted report states 本级政府."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from disclosure import coverage
from disclosure.report_metadata import strip_chrome
from disclosure.store import Store
from disclosure.views import scope as scope_view

FUJIAN = ROOT / "data" / "reports" / "fujian"

# file → (coverage, the phrase of the sentence that says it, as the document prints it)
REAL = {
    "putian-shi-2016.txt": ("region", "汇总各县（区）人民政府（管委会）和市直各单位的政府信息公开情况编制而成本报告"),
    "putian-shi-2017.txt": ("region", "汇总全市政府信息公开情况编制而成本报告"),
    "putian-shi-2019.txt": ("region", "市本级3340件，县（区、管委会）7514件"),
    "sanming-shi-2013.txt": ("region", "全市各级各部门共制作政府信息50366条"),
    "sanming-shi-2015.txt": ("region", "全市受理依申请公开事项128件"),
    "sanming-shi-2025.txt": ("region", "2025年全市新受理依申请公开400件"),
    "pingtan-xian-2012.txt": ("region", "平潭县各相关部门、平潭县各乡镇人民政府的政府信息公开年度报告编制"),
    "pingtan-shiyanqu-2021.txt": ("region", "本年度全区共收到70件申请"),
    "putian-ptkjj-2013.txt": ("own", "由莆田市科技局编制的"),
    "putian-ptkjj-2018.txt": ("own", "结合本单位信息公开工作实际情况编制而成"),
    "putian-ptstjj-2019.txt": ("own", "2019年我局收到依申请公开政府信息4件"),
    "putian-ptwgj-2019.txt": ("own", "2019年，我局共受理依申请公开1件"),
}
# reports whose words do not say (a 2021-form table's row 本机关不掌握相关政府信息 is no statement of coverage)
UNSTATED = ["sanming-shi-2021.txt", "putian-ptsjj-2022.txt", "putian-ptkjj-2023.txt"]


def _read(name: str) -> coverage.Reading:
    return coverage.read_coverage(strip_chrome((FUJIAN / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize(("name", "expected"), REAL.items())
def test_a_real_report_states_its_coverage(name, expected):
    cov, phrase = expected
    reading = _read(name)
    assert reading.coverage == cov
    assert phrase in reading.evidence  # as the document prints it


@pytest.mark.parametrize("name", UNSTATED)
def test_a_report_that_does_not_say_has_no_coverage(name):
    assert _read(name) == coverage.Reading("")


def test_the_table_row_this_agency_does_not_hold_is_no_statement_of_coverage():
    assert "本机关不掌握相关政府信息" in (FUJIAN / "sanming-shi-2021.txt").read_text(encoding="utf-8")
    assert _read("sanming-shi-2021.txt").coverage == ""


def test_sanming_2013_and_2015_both_count_the_whole_city():
    """The issue's 394 → 128: both reports say they count the city (各级各部门 / 全市), so no change is read."""
    assert _read("sanming-shi-2013.txt").coverage == _read("sanming-shi-2015.txt").coverage == "region"


def test_the_phrase_table_is_data_the_reader_uses():
    with (ROOT / "disclosure" / "catalog" / "coverage_phrases.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["coverage"] for r in rows} == set(coverage.classes())
    for r in rows:  # matched against NFKC'd text: a pattern written with full-width marks would never match
        assert unicodedata.normalize("NFKC", r["pattern"]) == r["pattern"], r["pattern"]
    assert len(coverage.phrases()) == len(rows)


PLANTED = """莆田市某区人民政府2016年政府信息公开工作年度报告
本报告为区政府本级政府信息公开工作年度报告，由区政府办公室编制。
全市共有政府网站42个。
一、依申请公开情况
2016年，区政府本级共受理政府信息公开申请12件。
"""


def test_a_planted_government_report_says_it_counts_the_government_itself():
    reading = coverage.read_coverage(PLANTED)
    assert reading.coverage == "government" and "区政府本级政府信息公开" in reading.evidence
    assert coverage.stands_apart("government") and coverage.stands_apart("region") and not coverage.stands_apart("own")


def test_the_store_keeps_each_reports_coverage_and_its_sentence(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    store.ingest_paths([FUJIAN / "sanming-shi-2015.txt", FUJIAN / "putian-ptsjj-2022.txt"])
    reader = store.reader()
    header = reader.query("report_header", agency="三明市人民政府", year=2015).iloc[0]
    assert header["coverage"] == "region" and header["coverage_evidence"] == "至12月底，全市受理依申请公开事项128件，全部依法按时办结。"
    blank = reader.query("report_header", agency="莆田市审计局", year=2022).iloc[0]
    assert blank["coverage"] is None or pd.isna(blank["coverage"])  # not stated: NULL, never a guess


# ---- never summed twice ---------------------------------------------------------------------------------


def _scope(rows) -> tuple[pd.DataFrame, pd.DataFrame]:
    reports = pd.DataFrame(
        [{"agency": a, "year": 2016, "template": "2014", "coverage": c, "is_sample": False, "errors": 0} for a, c, _ in rows]
    )
    facts = pd.DataFrame(
        [
            {
                "agency": a,
                "year": 2016,
                "template": "2014",
                "indicator": "requests.received",
                "applicant": "total",
                "value": v,
                "status": "reported",
            }
            for a, _, v in rows
        ]
    )
    return reports, facts


def _received(reports, facts) -> float:
    return next(f.value for f in scope_view.key_figures(reports, facts, 2016) if f.key == "received")


def test_a_city_summary_beside_its_departments_stands_apart_from_their_sum():
    """莆田市人民政府's 2016 report (汇总各县（区）人民政府和市直各单位) beside two 莆田 departments: the scope adds the
    departments' own 6 + 15 requests, not the summary's 456 on top."""
    rows = [("莆田市人民政府", "region", 456.0), ("莆田市统计局", None, 6.0), ("莆田市审计局", "own", 15.0)]
    reports, facts = _scope(rows)
    assert scope_view.apart(reports, 2016) == ["莆田市人民政府"]
    assert _received(reports, facts) == 21.0


def test_a_summary_with_none_of_its_departments_in_the_scope_is_counted():
    reports, facts = _scope([("莆田市人民政府", "region", 456.0), ("三明市人民政府", "region", 150.0)])
    assert scope_view.apart(reports, 2016) == []
    assert _received(reports, facts) == 606.0  # two cities: nothing counted twice


def test_the_real_putian_scope_leaves_the_city_summary_out(app_env):
    reader = Store(Path(app_env)).reader()
    agencies = ["莆田市人民政府", "莆田市科学技术局", "莆田市审计局", "莆田市统计局", "莆田市文化和旅游局"]
    reports = reader.query("scope_reports", agencies=agencies)
    facts = reader.query("scope_facts", agencies=agencies, year=2016, indicators=scope_view.needed_indicators())
    assert scope_view.apart(reports, 2016) == ["莆田市人民政府"]  # putian-shi-2016.txt: 汇总各县（区）人民政府…和市直各单位
    by_agency = scope_view.agency_figures(facts)
    departments = sum(
        by_agency[(a, 2016)]["requests.received"] for a in agencies[1:] if by_agency.get((a, 2016), {}).get("requests.received") is not None
    )
    assert _received(reports, facts) == departments


def test_the_putian_scope_brief_sums_what_the_overview_sums_and_names_the_summary_left_out(app_env):
    from disclosure.brief import brief_for_scope

    reader = Store(Path(app_env)).reader()
    agencies = ["莆田市人民政府", "莆田市科学技术局", "莆田市审计局", "莆田市统计局", "莆田市文化和旅游局"]
    brief = brief_for_scope(reader, agencies, "莆田市", 2016, "zh")
    reports = reader.query("scope_reports", agencies=agencies)
    facts = reader.query("scope_facts", agencies=agencies, year=2016, indicators=scope_view.needed_indicators())
    assert next(f for f in brief.figures if f.label == "受理申请").value == _received(reports, facts)
    assert any("未计入合计：莆田市人民政府" in note for note in brief.notes)
    trend = {p.year: p for p in brief.trend_points}
    assert trend[2016].reports == 4  # the four departments' 2016 reports, not the city's summary beside them


def test_the_report_page_shows_the_coverage_beside_the_figures(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["agency"] = "sanming-shi"
    at.query_params["year"] = "2015"
    at.run()
    at.switch_page("pages/report.py").run()
    assert not at.exception, at.exception[0].value
    captions = [c.value for c in at.caption]
    line = next(c for c in captions if c.startswith("统计范围"))
    assert "全市或全县汇总" in line and "全市受理依申请公开事项128件" in line
    assert any("不与这些单位的报告重复相加" in c for c in captions)
