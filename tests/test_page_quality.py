"""数据质量 under AppTest: the founding report's card, counts per rule across agencies, the 总览 badge,
and the findings expander a chart puts beside itself."""

from urllib.parse import parse_qs

import duckdb
import pandas as pd
from conftest import ROOT, open_numbers
from streamlit.testing.v1 import AppTest

from disclosure import settings
from disclosure.agencies import url_id as agency_id

AGENCY = "开封市质量技术监督局"


def _quality(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    params.setdefault("sample", "true")  # the whole store: sample data are off by default while real reports exist
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page("pages/quality.py")
    return at.run()


def _finding_boxes(at) -> list[str]:
    """Each finding's heading and message joined, one string per finding card (the heading starts with
    the severity in its colour: ':red[:material/error: **错误**]')."""
    texts = [m.value for m in at.markdown]
    return [
        texts[i] + " " + texts[i + 1] for i, v in enumerate(texts) if v.startswith((":red[", ":orange[", ":blue[")) and i + 1 < len(texts)
    ]


def _store_counts(db, where: str = "TRUE") -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT c.rule, c.severity, count(*) AS n FROM reports r JOIN checks c USING (report_id) "
            f"WHERE {where} GROUP BY ALL ORDER BY ALL"
        ).df()


def _frame_with(at, column: str) -> pd.DataFrame:
    return next(df.value for df in open_numbers(at).dataframe if column in df.value.columns)  # 查看数据 too


def test_founding_report_card_shows_the_group_row_error_the_channel_overlap_and_the_narrative_warning(app_env):
    at = _quality(agency=AGENCY, year="2018")
    assert not at.exception
    assert at.title[0].value == "数据质量"
    markdown = [m.value for m in at.markdown]
    boxes = _finding_boxes(at)
    error = next(b for b in boxes if b.startswith(":red["))
    assert "分组行数值与子项不符" in error and "回应解读渠道" in error and "填写为 0" in error and "之和为 11" in error
    info = next(b for b in boxes if b.startswith(":blue["))
    assert "265" in info and "236" in info and "正常现象" in info
    warning = next(b for b in boxes if b.startswith(":orange["))
    assert "236条" in warning and "98" in warning
    # the indicators and values involved, in the reader's words
    captions = [c.value for c in at.caption]
    assert any("回应解读渠道 = 0" in c and "政策解读稿件 = 3" in c for c in captions)
    assert any("网站公开 = 98" in c and "正文所述 = 236" in c for c in captions)
    # the narrative's sentence itself, as plain text
    sentences = [x.value for x in at.text]
    assert any("网站" in s and "236条" in s for s in sentences)
    assert "**核查发现** · 1 个错误 · 1 个提醒 · 1 个提示" in markdown


def test_founding_report_card_counts_every_expected_cell_as_reported(app_env):
    at = _quality(agency=AGENCY, year="2018")
    metrics = {m.label: m.value for m in at.metric}
    expected = int(metrics["应填"])
    assert expected > 50
    assert metrics["已填"] == str(expected)
    assert metrics["空白"] == "0" and metrics["缺行"] == "0"
    assert metrics["已填比例"] == "100%"


def test_counts_per_rule_match_the_checks_in_the_store(app_env):
    at = _quality(agency=AGENCY, year="2018")
    shown = _frame_with(at, "规则编号")
    store = _store_counts(app_env)
    severity_zh = {"error": "错误", "warning": "提醒", "info": "提示"}
    assert {(r, severity_zh[s], int(n)) for r, s, n in store.itertuples(index=False)} == {
        (r, s, int(n)) for r, s, n in zip(shown["规则编号"], shown["严重程度"], shown["条数"])
    }
    for rule in ("group_row_value", "narrative_mismatch", "channel_overlap"):
        assert shown.loc[shown["规则编号"] == rule, "条数"].sum() >= 1
    assert len(at.get("plotly_chart")) == 1


def test_without_sample_data_only_real_reports_are_counted_and_ranked(app_env):
    at = _quality(agency=AGENCY, year="2018", sample="false")
    assert not at.exception
    ranked = _frame_with(at, "提醒")
    assert not ranked["单位"].str.startswith("示例").any()
    kaifeng = ranked[(ranked["单位"] == AGENCY) & (ranked["年度"] == 2018)].iloc[0]
    assert (kaifeng["错误"], kaifeng["提醒"], kaifeng["提示"]) == (1, 1, 1)
    shown = _frame_with(at, "规则编号")
    real = _store_counts(app_env, "NOT r.is_sample")
    assert int(shown["条数"].sum()) == int(real["n"].sum())


def test_ranking_puts_reports_with_errors_first_and_keeps_clean_reports_with_zeros(app_env):
    at = _quality(agency=AGENCY, year="2018")
    ranked = _frame_with(at, "提醒")
    errors = ranked["错误"].tolist()
    assert errors == sorted(errors, reverse=True)
    with duckdb.connect(str(app_env), read_only=True) as con:
        reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    # reports without findings are listed too, up to the page's row limit (the download holds every row)
    assert len(ranked) == min(reports, settings.TABLE_MAX_ROWS) and reports > settings.TABLE_MAX_ROWS


def test_year_scope_limits_the_counts_to_that_year(app_env):
    at = _quality(agency=AGENCY, year="2018", years="2018")
    assert not at.exception
    shown = _frame_with(at, "规则编号")
    assert int(shown["条数"].sum()) == int(_store_counts(app_env, "r.year = 2018")["n"].sum())
    assert set(_frame_with(at, "提醒")["年度"]) == {2018}


def test_a_report_without_findings_says_so_in_green(app_env):
    with duckdb.connect(str(app_env), read_only=True) as con:
        clean = con.execute(
            "SELECT agency, year, is_sample FROM reports r WHERE NOT EXISTS (SELECT 1 FROM checks c WHERE c.report_id = r.report_id) "
            "ORDER BY agency, year LIMIT 1"
        ).fetchone()
    assert clean is not None, "every report in data/ has a finding: the page's green card has no report to show it"
    # the picker is bound to the URL by its shown label, which marks sample agencies

    at = _quality(agency=clean[0], year=str(clean[1]))
    assert at.selectbox[0].value == clean[0]
    assert not at.exception
    assert any("未发现数据质量问题" in s.value for s in at.success)
    assert not _finding_boxes(at)


def test_quality_page_speaks_english_with_the_english_messages(app_env):
    at = _quality(agency=AGENCY, year="2018", lang="en")
    assert at.title[0].value == "Data quality"
    boxes = _finding_boxes(at)
    assert any("Group row value contradicts its rows" in b for b in boxes)
    assert any("Error" in b for b in boxes)


def test_overview_badge_links_to_the_quality_page_and_lists_the_reports_findings(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["agency"] = AGENCY
    at.query_params["year"] = "2018"
    at.run()
    assert not at.exception
    assert "1 个错误 · 1 个提醒" in at.warning[0].value
    expander = next(e for e in at.expander if e.label.startswith("本报告的数据质量提示"))
    assert expander.label == "本报告的数据质量提示（3）"
    links = [e.proto for e in at.get("page_link")]
    assert [parse_qs(link.query_string) for link in links if link.page == "quality"] == [{"agency": [agency_id(AGENCY)], "year": ["2018"]}]


CHART_PAGE = """
import streamlit as st

from disclosure.ui.findings import findings_expander


def chart_page():
    st.session_state["shown"] = {
        "website": len(findings_expander("开封市质量技术监督局", 2018, ["active.channel.website"])),
        "responses": len(findings_expander("开封市质量技术监督局", 2018, ["response.interpretations"])),
        "staff": len(findings_expander("开封市质量技术监督局", 2018, ["staff.total"])),
    }


st.navigation([st.Page(chart_page, title="chart", default=True), st.Page(QUALITY, url_path="quality")]).run()
"""


def test_chart_expander_lists_only_the_findings_touching_its_indicators(app_env):
    at = AppTest.from_string(CHART_PAGE.replace("QUALITY", repr(str(ROOT / "pages" / "quality.py"))), default_timeout=60).run()
    assert not at.exception
    # 网站公开 is in the narrative warning and the channel overlap; 政策解读稿件 only in the group-row error
    assert at.session_state["shown"] == {"website": 2, "responses": 1, "staff": 0}
    assert [e.label for e in at.expander] == ["本图相关的数据质量提示（2）", "本图相关的数据质量提示（1）", "本图相关的数据质量提示（0）"]
    assert any("本图涉及的数字没有核查发现" in s.value for s in at.success)
    assert [link.proto.page for link in at.get("page_link")] == ["quality"] * 3


def test_markdown_escape_keeps_dollar_signs_and_emphasis_literal():
    from disclosure.ui.findings import md_escape

    assert md_escape("收费 $5 *共* 3_件") == r"收费 \$5 \*共\* 3\_件"
