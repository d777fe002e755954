"""For every page figure the brief shows, the same number and unit as the page (issue 22, item 4).

The expected side is worked out here the way each page script does it — its named queries handed to its view
functions (pages/report.py, pages/overview.py, pages/requests.py, pages/trends.py) — and the 口径变更 are read off
年度趋势's own plotly figure; the brief's side is its model (Brief) and, for a few, the text of the rendered PDF
(pdftotext). Cases: the founding report (2014 table), a local 福建 form (putian-shi-2014), a 2021 report, and
the 全部单位 scope in a year of one family (2021) and in a year of two (2018: local forms and the 2014 table)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import ROOT

from disclosure import catalog, scopes
from disclosure.brief import brief_for_report, brief_for_scope, render_brief
from disclosure.figures import report_figures
from disclosure.formats import format_value
from disclosure.headline import HEADLINES, family
from disclosure.store import Store
from disclosure.ui import charts as page_charts
from disclosure.ui.i18n import t_in
from disclosure.views import overview, trends
from disclosure.views import requests as requests_view
from disclosure.views import scope as scope_view

TREND = "requests_received"  # 年度趋势's default series, the one the brief draws
REPORTS = [
    pytest.param("开封市质量技术监督局", 2018, "2014", id="2014-kaifeng-zhijian-2018"),
    pytest.param("莆田市人民政府", 2014, "local", id="local-putian-shi-2014"),
    pytest.param("三明市人民政府", 2021, "2021", id="2021-sanming-shi-2021"),
]


@pytest.fixture(scope="module")
def reader(reports_reader):
    return reports_reader  # the store of data/reports/, built once a run (conftest)


def _words(lang: str):
    return lambda key: t_in(key, lang)


def _label(lang: str):
    return lambda indicator: catalog.get(indicator).label(lang)  # ui.i18n.label: the catalog's short label


def _pdf_text(pdf: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    return "".join(out.split())


def _page_flow(reader, agency: str, year: int, lang: str) -> requests_view.Flow:
    """依申请公开's flow: the report's figures (report_facts) through views.requests.flow."""
    facts = reader.query("report_facts", agency=agency, year=year)
    return requests_view.flow(report_figures(facts), facts["template"].iloc[0], _label(lang), _words(lang))


def _page_trend(reader, agencies: list[str], lang: str):
    """年度趋势's points for the brief's series, and the x of every 口径变更 line on its chart."""
    facts = reader.query("trends_facts", agencies=agencies)
    name = trends.series_name(TREND, lang)
    points = trends.trend_points(facts, agencies, [TREND], lambda _: name)
    figure = page_charts.trend_lines(points, "t", t_in("trend_break", lang), lambda a, b, ta, tb: "", str)
    return points, sorted(page_charts.break_shapes(figure))


def _links(brief) -> list[tuple[str, str, float]]:
    return [(link.source, link.target, link.value) for link in brief.flow_links]


def _figure_text(value, unit: str) -> str:
    return f"{format_value(value, unit)}%" if unit == "%" else f"{format_value(value, unit)}{unit}"


# ---- one report ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("agency", "year", "template"), REPORTS)
def test_a_report_brief_shows_the_report_pages_cards(reader, agency, year, template, lang):
    """单位年报 (pages/report.py): headline_cards and rate_cards over scope_facts."""
    reports = reader.query("scope_reports", agencies=[agency])
    assert reports.loc[reports["year"] == year, "template"].tolist() == [template]
    previous = overview.previous_template(reports, year)
    facts = reader.query("scope_facts", agencies=[agency], year=year, indicators=overview.report_indicators())
    cards = overview.headline_cards(facts, template, year, lang, previous)
    cards += overview.rate_cards(facts, agency, template, year, lang, previous)
    brief = brief_for_report(reader, agency, year, lang)
    assert [(f.label, f.value, f.unit, f.change, f.delta, f.direction) for f in brief.figures] == [
        (c.label, c.current, c.unit, c.change, c.delta, c.direction) for c in cards
    ]
    assert all(f.base_year == year - 1 for f in brief.figures)


@pytest.mark.parametrize(("agency", "year", "template"), REPORTS)
def test_a_report_brief_counts_each_key_figure_in_its_catalog_unit(reader, agency, year, template):
    brief = brief_for_report(reader, agency, year, "zh")
    for f in brief.figures:
        if f.unit == "%":
            continue
        (indicators,) = [h.indicators for h in HEADLINES[template] if h.label("zh") == f.label]
        assert {catalog.get(i).unit for i in indicators} == {f.unit}, f.label


def test_the_2014_brief_prints_items_and_persons_where_the_catalog_says_so(reader, tmp_path):
    """The founding report: 主动公开总数 236 条 and 工作人员 29 人 (catalog units), never 件."""
    brief = brief_for_report(reader, "开封市质量技术监督局", 2018, "zh")
    by_label = {f.label: f for f in brief.figures}
    assert (by_label["主动公开总数"].value, by_label["主动公开总数"].unit) == (236, "条")
    assert (by_label["工作人员"].value, by_label["工作人员"].unit) == (29, "人")
    text = _pdf_text(render_brief(brief), tmp_path)
    assert "主动公开总数236条" in text and "工作人员29人" in text
    assert "236件" not in text and "29件" not in text
    for f in brief.figures:
        if f.value is not None:
            assert f"{f.label}{_figure_text(f.value, f.unit)}" in text, f.label


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("agency", "year", "template"), REPORTS)
def test_a_report_brief_draws_the_requests_pages_flow(reader, agency, year, template, lang):
    """依申请公开: the same links, node names and figures; the outcome bars are those links' targets."""
    flow = _page_flow(reader, agency, year, lang)
    page_links = list(flow.links.itertuples(index=False, name=None))
    brief = brief_for_report(reader, agency, year, lang)
    assert _links(brief) == [(s, t, float(v)) for s, t, v in page_links]
    assert brief.flow_caption == flow.caption
    outcome_of = {o.label: o.value for o in brief.outcomes}
    for _, target, value in page_links:
        if target in outcome_of:
            assert outcome_of[target] == value
    # the numbers behind 依申请公开's outcome chart, row by row (2014 and local forms: one bar per kind of answer)
    page_outcomes = requests_view.outcomes(report_figures(reader.query("report_facts", agency=agency, year=year)), template, _label(lang))
    if not flow.groups:
        answers = page_outcomes[page_outcomes["group"] == "answered_2014"]
        assert {o.label: o.value for o in brief.outcomes} == dict(zip(answers["label"], answers["value"]))


def test_the_local_form_flow_carries_its_other_answers_on_the_page_and_in_the_brief(reader, tmp_path):
    """putian-shi-2014: 答复申请 390 = 同意公开 280 + 部分公开 6 + 不予公开 10 + 其他类型答复 94 — four links on both."""
    flow = _page_flow(reader, "莆田市人民政府", 2014, "zh")
    brief = brief_for_report(reader, "莆田市人民政府", 2014, "zh")
    assert len(flow.links) == len(brief.flow_links) == 4
    assert flow.links["value"].sum() == sum(v for *_, v in _links(brief)) == 390
    assert ("收到申请", "其他类型答复", 94.0) in _links(brief)
    text = _pdf_text(render_brief(brief), tmp_path)
    assert "其他类型答复94" in text and "收到申请390" in text


@pytest.mark.parametrize(("agency", "year", "template"), REPORTS)
def test_a_report_brief_breaks_its_trend_where_the_trends_page_does(reader, agency, year, template):
    points, page_breaks = _page_trend(reader, [agency], "zh")
    brief = brief_for_report(reader, agency, year, "zh")
    assert [b + 0.5 for b, _ in brief.trend_breaks] == page_breaks
    assert brief.trend_breaks == trends.template_breaks(points)
    shown = points.dropna(subset=["value"])
    assert {p.year: p.value for p in brief.trend_points if p.value is not None} == dict(zip(shown["year"], shown["value"]))
    assert {p.year: p.template for p in brief.trend_points} == dict(zip(points["year"], points["template"]))


def test_the_sample_agency_with_both_national_changes_gets_both_breaks(reader, tmp_path):
    """三明市人民政府 crosses local → 2019 → 2021: 年度趋势 draws 2018.5 and 2020.5, so does the brief."""
    _, page_breaks = _page_trend(reader, ["三明市人民政府"], "zh")
    assert page_breaks == [2018.5, 2020.5]
    brief = brief_for_report(reader, "三明市人民政府", 2021, "zh")
    assert brief.trend_breaks == [(2018, 2019), (2020, 2021)]


# ---- a scope -------------------------------------------------------------------------------------


def _all_agencies(reader) -> list[str]:
    """总览's 全部单位: every agency the store has reports of."""
    cur = reader.cursor()
    try:
        names = [a for (a,) in cur.execute("SELECT DISTINCT agency FROM reports ORDER BY agency").fetchall()]
    finally:
        cur.close()
    return scopes.ALL.agencies(names)


@pytest.mark.parametrize("year", [2018, 2021])
def test_a_scope_brief_shows_the_overview_pages_cards_and_counts(reader, year, tmp_path):
    """总览 (pages/overview.py) for 全部单位: key_figures over scope_reports and scope_facts, and reporting."""
    members = _all_agencies(reader)
    name = scopes.ALL.name("zh")
    reports = reader.query("scope_reports", agencies=members)
    facts = reader.query("scope_facts", agencies=members, year=year, indicators=scope_view.needed_indicators())
    figures = scope_view.key_figures(reports, facts, year, "zh")
    reporting = scope_view.reporting(reports, members, year)
    brief = brief_for_scope(reader, members, name, year, "zh")
    assert figures and [(f.label, f.value, f.unit, f.change, f.delta, f.direction) for f in brief.figures] == [
        (f.label, f.value, f.unit, f.change, f.delta, f.direction) for f in figures
    ]
    text = _pdf_text(render_brief(brief), tmp_path)
    assert f"{t_in('scope_reported', 'zh')}{reporting.reported}/{reporting.agencies}" in text
    assert t_in("scope_with_errors", "zh", n=reporting.with_errors) in text
    for f in brief.figures:
        if f.value is not None:
            assert f"{f.label}{_figure_text(f.value, f.unit)}" in text, f.label


@pytest.mark.parametrize("year", [2018, 2021])
def test_a_scope_brief_adds_up_the_requests_pages_flows_of_the_summed_reports(reader, year):
    """The flow sums 依申请公开's links over the reports 总览 sums (the year's family, less a summary report beside its
    departments': views.scope.apart); others are named, not added."""
    members = _all_agencies(reader)
    reports = reader.query("scope_reports", agencies=members)
    summed = scope_view.year_family(reports, year)
    now = reports[reports["year"] == year]
    expected: dict[tuple[str, str], float] = {}
    for r in scope_view.summed_rows(now, reports, [year]).itertuples():
        if family(r.template) != summed:
            continue
        for source, target, value in _page_flow(reader, r.agency, year, "zh").links.itertuples(index=False, name=None):
            expected[(source, target)] = expected.get((source, target), 0.0) + value
    brief = brief_for_scope(reader, members, scopes.ALL.name("zh"), year, "zh")
    assert {(s, t): v for s, t, v in _links(brief)} == pytest.approx(expected)
    others = [a for a, t in zip(now["agency"], now["template"]) if family(t) not in (summed, None)]
    assert bool(others) == (year == 2018)  # 2018: the founding report's 2014 table beside the local forms
    assert all(any(a in note for note in brief.notes) for a in others)


@pytest.mark.parametrize("year", [2018, 2021])
def test_a_scope_brief_breaks_its_trend_where_the_trends_page_does(reader, year):
    members = _all_agencies(reader)
    points, page_breaks = _page_trend(reader, members, "zh")
    brief = brief_for_scope(reader, members, scopes.ALL.name("zh"), year, "zh")
    assert [b + 0.5 for b, _ in brief.trend_breaks] == page_breaks
    # the brief sums the agencies' points, a summary report beside its departments' left out (views.scope.apart)
    shown = scope_view.summed_rows(points.dropna(subset=["value"]), reader.query("scope_reports", agencies=members))
    per_year = shown.groupby("year")["value"].sum()
    assert {p.year: p.value for p in brief.trend_points if p.value is not None} == pytest.approx(per_year.to_dict())
    assert {p.year: p.reports for p in brief.trend_points if p.value is not None} == shown.groupby("year").size().to_dict()


def test_a_blank_total_reads_as_the_applicant_columns_sum_on_the_cards_the_flow_and_the_brief(tmp_path):
    """示例县人民政府 2019 (sample data): 予以公开 and 办理结果总计 leave 总计 blank and fill the applicant columns. The
    figures rule (figures.py: 总计, else the columns' sum) gives the cards, 依申请公开's flow and the brief one number."""
    store = Store(tmp_path / "sample.duckdb")
    store.ingest_paths([ROOT / "data" / "sample" / "shilixian-2019.txt"], sample=True)
    reader = store.reader()
    try:
        agency, year = "示例县人民政府", 2019
        totals = dict(
            reader.cursor()
            .execute(
                "SELECT f.indicator, f.value FROM reports r JOIN facts f USING (report_id) WHERE r.agency = ? AND r.year = ? "
                "AND f.applicant = 'total' AND f.indicator IN ('requests.outcome.granted', 'requests.outcome.total')",
                [agency, year],
            )
            .fetchall()
        )
        assert totals and all(v is None for v in totals.values())  # 总计 blank in both rows
        figures = report_figures(reader.query("report_facts", agency=agency, year=year))
        facts = reader.query("scope_facts", agencies=[agency], year=year, indicators=overview.report_indicators())
        cards = {c.key: c.current for c in overview.headline_cards(facts, "2019", year, "zh")}
        brief = brief_for_report(reader, agency, year, "zh")
        by_label = {f.label: f.value for f in brief.figures}
        assert cards["granted"] == by_label["予以公开"] == figures["requests.outcome.granted"] is not None
        assert cards["handled"] == by_label["办理总计"] == figures["requests.outcome.total"] is not None
        flow = _page_flow(reader, agency, year, "zh")
        in_hand = t_in("flow_in_hand", "zh")
        out_of_hand = flow.links[(flow.links["source"] == in_hand) & (flow.links["target"] != t_in("carried_forward", "zh"))]
        assert _links(brief) == [(s, t, float(v)) for s, t, v in flow.links.itertuples(index=False, name=None)]
        assert out_of_hand["value"].sum() == pytest.approx(by_label["办理总计"])
    finally:
        reader.close()


def test_a_received_figure_its_answers_itemise_in_part_reads_the_same_on_the_page_and_in_the_brief(reader, tmp_path):
    """三明市人民政府 2015 (local form): 收到申请 128, answers itemised for 51. 依申请公开's sankey labels the node 128 (the
    report's figure, not the 51 its links carry) and says the rest is not itemised; the brief draws and says the same."""
    agency, year = "三明市人民政府", 2015
    flow = _page_flow(reader, agency, year, "zh")
    node = catalog.get("requests.received").label("zh")
    assert flow.totals == {node: 128} and flow.links["value"].sum() == 51
    figure = page_charts.flow(flow.links, "t", None, flow.totals).to_plotly_json()
    assert f"{node} 128" in figure["data"][0]["node"]["label"]
    assert requests_view.unitemised(flow.links.itertuples(index=False, name=None), flow.totals) == [(node, 128, 51)]
    brief = brief_for_report(reader, agency, year, "zh")
    assert brief.flow_totals == flow.totals
    said = t_in("flow_unitemised", "zh", node=node, total="128", itemised="51", rest="77")
    assert said in brief.flow_note
    text = _pdf_text(render_brief(brief), tmp_path)
    assert f"{node}128" in text and "".join(said.split()) in text
