"""Every chart on every page obeys the chart contract (disclosure/ui/chart_contract.py): each page of the app's own page
table, in Chinese and in English, over the real store (data/, as the app builds it) and over a store of the sample
alone (data/sample, 示例), in its default view and in the views that draw its other charts, read from the figure JSON
AppTest holds; and each rule fails on a figure built to break it."""

from __future__ import annotations

import copy
import json

import duckdb
import pandas as pd
import pytest
from conftest import ROOT, open_numbers
from streamlit.testing.v1 import AppTest

from disclosure import agencies as agency_table
from disclosure import catalog, settings
from disclosure.ui import charts
from disclosure.ui.chart_contract import RULES, breaches, known_ids

FOUNDING, SANMING, SAMPLE = "开封市质量技术监督局", "三明市人民政府", "示例市农业农村局"


def app_pages() -> list[str]:
    """The page files of the app's page table (app.py's PAGES: catalog/pages.csv): a page added there is linted here."""
    return [p.path for p in catalog.pages()]


# Views beyond a page's default that draw its other charts: a 2014-form report's channel and request charts, a trend of
# series in three units across the 2020 without a report, counts and money ranked (query parameters, as a link has them).
VIEWS = {
    "pages/channels.py": [{"agency": FOUNDING, "year": "2018"}, {"agency": "莆田市人民政府", "year": "2019"}],
    "pages/requests.py": [{"agency": FOUNDING, "year": "2018"}],
    "pages/trends.py": [
        {"agencies": [SANMING, "莆田市人民政府"], "series": ["requests_received", "ind:active.channel.website", "ind:art20.fees.amount"]}
    ],
    "pages/compare.py": [{"indicator": "requests.received"}, {"indicator": "art20.fees.amount", "year": "2021"}],
}
SAMPLE_VIEWS = {
    "pages/trends.py": [{"agencies": [SAMPLE, "示例市统计局"], "series": ["requests_received", "granted", "ind:active.channel.website"]}],
    "pages/channels.py": [{"agency": SAMPLE, "year": "2016"}],
    "pages/requests.py": [{"agency": SAMPLE, "year": "2016"}],
}


CHARTED = {"pages/overview.py", "pages/channels.py", "pages/requests.py", "pages/trends.py", "pages/compare.py", "pages/quality.py"}


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, data_parsed):
    """A store of the sample reports alone, as a demo without real reports would have it (the sample on by default)."""
    from disclosure.model import ReportError
    from disclosure.store import IngestSummary, Store

    db = tmp_path_factory.mktemp("sample-store") / "disclosure.duckdb"
    accepted = [(r, True) for p, r in data_parsed.items() if p.is_relative_to(settings.SAMPLE_DIR) and not isinstance(r, ReportError)]
    Store(db).ingest_reports(accepted, IngestSummary())
    return db


def stored_names(store) -> frozenset[str]:
    con = duckdb.connect(str(store), read_only=True)
    names = {a for (a,) in con.execute("SELECT DISTINCT agency FROM reports").fetchall()}
    con.close()
    return frozenset(names)


def page_figures(page: str, lang: str, params: dict) -> tuple[AppTest, list[tuple[str, dict]]]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        if key == "agency":  # agencies by their link ids
            value = agency_table.url_id(value)
        elif key == "agencies":
            value = [agency_table.url_id(a) for a in value]
        at.query_params[key] = value
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception[0].value
    return at, [(el.key, json.loads(el.proto.spec)) for el in at.get("plotly_chart")]


def lint(store, monkeypatch, views: dict) -> tuple[list[str], int]:
    monkeypatch.setenv("DISCLOSURE_DB", str(store))
    names, found, charted = stored_names(store), [], 0
    for page in app_pages():
        for params in [{}, *views.get(page, [])]:
            for lang in ("zh", "en"):
                at, figures = page_figures(page, lang, params)
                assert figures or page not in CHARTED, f"{page} {params} drew no chart: {[i.value for i in at.info]}"
                charted += len(figures)
                found += [f"{page} {lang} {params or 'default'} {key}: {b}" for key, fig in figures for b in breaches(fig, lang, names)]
    return found, charted


def test_every_chart_of_every_page_keeps_the_contract_over_the_real_store(app_env, monkeypatch):
    found, charted = lint(app_env, monkeypatch, VIEWS)
    assert charted > 40, charted  # the pages drew their charts: a lint over nothing proves nothing
    assert not found, "\n".join(found)


def test_every_chart_of_every_page_keeps_the_contract_over_the_sample(sample_store, monkeypatch):
    found, charted = lint(sample_store, monkeypatch, SAMPLE_VIEWS)
    assert charted > 30, charted
    assert not found, "\n".join(found)


def test_the_page_list_is_the_apps_own():
    assert "PAGES = catalog.pages()" in (ROOT / "app.py").read_text(encoding="utf-8")  # the table app.py navigates by
    pages = app_pages()
    assert pages[0] == "pages/overview.py" and len(pages) == len(set(pages)) >= 9
    assert all((ROOT / p).exists() for p in pages)


def test_trend_tables_name_templates_and_leave_the_2020_gap(app_env, monkeypatch):
    """同比变化 and the numbers behind the trend name each template by the catalog's short name (地方表, 2019版 …),
    never by its id; 三明's 2020 has no report: no point, no connector over it, no change computed across it."""
    monkeypatch.setenv("DISCLOSURE_DB", str(app_env))
    at, figures = page_figures("pages/trends.py", "zh", {"agencies": [SANMING], "series": ["requests_received"]})
    tables = [d.value for d in open_numbers(at).dataframe if "表格口径" in d.value.columns]  # 查看数据 too
    assert len(tables) >= 2
    names = {catalog.template(t).name("zh", short=True) for t in ("2014", "2019", "2021", "local")}
    for table in tables:
        shown = set(table["表格口径"].dropna()) - {""}
        assert shown and shown <= names, shown
        assert not shown & known_ids()
    fig = dict(figures)["trend-chart"]
    points = next(tr for tr in fig["data"] if tr.get("mode") == "markers" and tr.get("customdata"))
    by_year = dict(zip(points["x"], points["y"]))
    assert 2020 in by_year and by_year[2020] is None and by_year[2019] is not None and by_year[2021] is not None
    connectors = [tr["x"] for tr in fig["data"] if tr.get("meta") == "template_change_connector"]
    assert all(b - a == 1 for a, b in connectors) and [2019, 2021] not in connectors
    yoy = next(t for t in tables if "增减" in t.columns)
    assert pd.isna(yoy.loc[yoy["年度"] == 2021, "增减"].iloc[0])


# ---- each rule fails on a figure built to break it -----------------------------------------------------------------


def rules_broken(fig, lang: str = "zh") -> set[str]:
    return {b.rule for b in breaches(fig, lang)}


def ranked_panel() -> dict:
    frame = pd.DataFrame({"agency": ["甲局", "乙局", "丙局"], "label": ["甲局", "乙局", "丙局"], "value": [30.0, 20.0, 10.0]})
    fig = charts.ranked(frame, "乙局", "收到申请（件）", unit="件")
    charts.name_value_axes(fig, lambda u: f"数量（{u}）")
    return fig.to_plotly_json()


def channel_bars() -> dict:
    frame = pd.DataFrame({"label": ["公报期数（正文）", "网站公开（正文）"], "value": [4.0, 8021.0], "unit": ["期", "条"]})
    fig = charts.bars(frame, "三明市人民政府 2025 · 据正文")
    charts.name_value_axes(fig, lambda u: f"数量（{u}）")
    return fig.to_plotly_json()


def history() -> dict:
    points = pd.DataFrame(
        {
            "channel": "active.channel.wechat",
            "source": "text",
            "year": [2017, 2018, 2025],
            "value": [3248.0, 3812.0, 1022.0],
            "evidence": "通过政务微信公开政府信息",
            "unit": "条",
        }
    )
    fig = charts.channel_history(
        points, {"active.channel.wechat": "政务微信公开"}, "统计表", "据正文", lambda w: f"（{w}）", "表格→正文", None, None, "三明"
    )
    charts.name_value_axes(fig, lambda u: f"数量（{u}）")
    return fig.to_plotly_json()


def test_the_charts_as_built_keep_the_contract():
    for fig in (ranked_panel(), channel_bars(), history()):
        assert not breaches(fig, "zh"), breaches(fig, "zh")


def test_an_unnamed_bar_panel_fails():
    fig = ranked_panel()
    fig["layout"]["yaxis"]["showticklabels"] = False  # 单位对比's multiples as they were: no names, no text
    for trace in fig["data"]:
        trace.pop("text", None)
    assert "names" in rules_broken(fig)


def test_a_mixed_unit_axis_fails():
    fig = channel_bars()
    fig["data"][1] |= {"xaxis": "x", "yaxis": "y"}  # 期 and 条 on one scale, as 据正文 was
    assert "units" in rules_broken(fig)
    fig = channel_bars()
    fig["layout"]["xaxis2"].pop("title")  # a value axis that does not name its unit
    assert "units" in rules_broken(fig)
    fig = channel_bars()
    fig["data"][0]["meta"] = None  # figures that do not say their unit
    assert "units" in rules_broken(fig)


def test_a_line_across_a_missing_year_fails():
    fig = history()
    trace = fig["data"][0]
    shown = [(x, y) for x, y in zip(trace["x"], trace["y"]) if y is not None]  # the history as it was: 2018 straight to 2025
    trace["x"], trace["y"] = [x for x, _ in shown], [y for _, y in shown]
    trace["customdata"] = [c for c in trace["customdata"] if c[1]]
    assert "years" in rules_broken(fig)
    fig = history()
    fig["data"][0]["connectgaps"] = True  # joining over the gap another way
    assert "years" in rules_broken(fig)


def test_a_connector_across_a_year_without_a_report_fails():
    points = pd.DataFrame(
        {
            "agency": "甲",
            "series": "收到申请",
            "year": [2018, 2019, 2021],
            "template": ["2014", "2019", "2021"],
            "value": [12.0, 7.0, 9.0],
            "comparability": "exact",
            "matched_zh": "",
            "unit": "件",
        }
    )
    fig = charts.trend_lines(points, "趋势", "口径变更", lambda *a: "口径变更", str, template_name=lambda t: f"{t}版").to_plotly_json()
    fig["layout"]["yaxis"]["title"] = {"text": "数量（件）"}
    assert not breaches(fig, "zh"), breaches(fig, "zh")
    connectors = [tr for tr in fig["data"] if tr.get("meta") == "template_change_connector"]
    assert [c["x"] for c in connectors] == [[2018, 2019]]  # 2019 → 2021 over the 2020 without a report: not joined
    broken = copy.deepcopy(fig)
    broken["data"].append(connectors[0] | {"x": [2019, 2021], "y": [7.0, 9.0]})  # the connector as it was
    assert "years" in rules_broken(broken)
    solid = copy.deepcopy(fig)
    solid["data"].append(
        {"type": "scatter", "mode": "lines", "x": [2018, 2019], "y": [12.0, 7.0], "meta": {"unit": "件", "value_text": None}}
    )
    assert "years" in rules_broken(solid)  # a solid line over the 2018.5 break


def test_an_id_as_a_name_fails():
    for name in ("active.channel.website", "local", "requests_received", "putian-shi", "rate:disclosure"):
        fig = channel_bars()
        fig["data"][0]["y"][0] = name
        assert "names" in rules_broken(fig), name
    fig = history()
    fig["data"][0]["name"] = "WeChat (from the text)"  # English in a Chinese chart
    assert "names" in rules_broken(fig)
    assert "names" in rules_broken(ranked_panel(), "en")  # and Chinese in an English one


def test_an_unformatted_hover_fails():
    fig = channel_bars()
    fig["data"][0]["hovertemplate"] = "%{y}: %{x:,}<extra></extra>"  # plotly's own format, not format_value
    assert "formats" in rules_broken(fig)
    fig = channel_bars()
    fig["data"][1].pop("hovertemplate")  # plotly's default hover writes the raw figure
    assert "formats" in rules_broken(fig)
    fig = channel_bars()
    fig["data"][1]["customdata"] = [["8021.0"]]
    assert "formats" in rules_broken(fig)


def test_money_ticks_in_plotly_si_format_fail():
    frame = pd.DataFrame({"label": ["甲", "乙"], "value": [41000.5, 19000.25], "unit": "万元"})
    fig = charts.bars(frame, "收费")
    charts.name_value_axes(fig, lambda u: f"金额（{u}）")
    fig = fig.to_plotly_json()
    assert fig["layout"]["xaxis"]["tickformat"] == ",~f" and not breaches(fig, "zh"), breaches(fig, "zh")
    del fig["layout"]["xaxis"]["tickformat"]  # plotly's 40k
    assert "formats" in rules_broken(fig)


def test_a_blank_drawn_as_zero_fails():
    fig = history()
    trace = fig["data"][0]
    k = trace["y"].index(None)
    trace["y"][k] = 0.0  # a year without a figure drawn as 0, its hover blank
    assert "blanks" in rules_broken(fig)


def test_a_panel_title_on_the_tick_labels_above_fails():
    """单位对比's multiples as they were: two rows of panels, each lower title 25 px under the row above, whose tick
    labels and axis title take more."""
    fig = ranked_panel()
    second = copy.deepcopy(fig["data"][0]) | {"xaxis": "x2", "yaxis": "y2"}
    fig["data"].append(second)
    fig["layout"] |= {
        "height": 380,
        "margin": {"l": 10, "r": 20, "t": 40, "b": 40},
        "yaxis": fig["layout"]["yaxis"] | {"domain": [0.55, 1]},
        "xaxis2": fig["layout"]["xaxis"] | {"anchor": "y2"},
        "yaxis2": fig["layout"]["yaxis"] | {"domain": [0, 0.45], "anchor": "x2"},
        "annotations": [
            {"text": "<b>收到申请（件）</b>", "x": 0, "xanchor": "left", "y": y, "yanchor": "bottom", "xref": "paper", "yref": "paper"}
            for y in (1, 0.45)
        ],
    }
    assert any(b.rule == "panels" and "overprints the tick labels of xaxis" in b.what for b in breaches(fig, "zh"))
    fig["layout"]["yaxis2"]["domain"] = [0, 0.3]  # room enough between the rows: the title over its own panel
    fig["layout"]["annotations"][1]["y"] = 0.3
    assert not any("overprints" in b.what for b in breaches(fig, "zh"))


def test_year_labels_held_flat_on_a_phone_fail():
    fig = history()
    fig["data"][0]["x"] = list(range(2013, 2026))  # thirteen years
    fig["data"][0]["y"] = [1.0] * 13
    fig["data"][0]["customdata"] = [["", "1"]] * 13
    assert not breaches(fig, "zh")  # plotly turns the labels when they do not fit
    fig["layout"]["xaxis"]["tickangle"] = 0  # the year axis as it was: 2013…2025 printed over each other on a phone
    crowded = [b for b in breaches(fig, "zh") if "print over each other" in b.what]
    assert crowded and all("390 px" in b.where for b in crowded)


def test_long_names_that_do_not_fit_their_rows_fail():
    names = ["Putian Municipal Culture and Tourism Bureau", "Putian Municipal Statistics Bureau", "Putian Municipal Audit Bureau"]
    frame = pd.DataFrame({"agency": names, "label": names, "value": [30.0, 20.0, 10.0]})
    fig = charts.ranked(frame, None, "Requests received (cases)", unit="件")
    charts.name_value_axes(fig, lambda u: "Count (cases)")
    fig = fig.to_plotly_json()
    assert "<br>" in fig["layout"]["yaxis"]["ticktext"][0] and not breaches(fig, "en")  # broken into lines, rows made for them
    fig["layout"]["yaxis"]["ticktext"] = names  # one line each: 300 px of names beside a phone's bars
    assert any("leave the bars no room" in b.what for b in breaches(fig, "en"))
    fig["layout"]["height"] = 200  # rows too low for the names' lines
    fig["layout"]["yaxis"]["ticktext"] = [n.replace(" ", "<br>") for n in names]
    assert any("print over each other" in b.what for b in breaches(fig, "en"))


def test_every_rule_has_a_mutant():
    assert set(RULES) == {"names", "units", "years", "panels", "formats", "blanks"}
