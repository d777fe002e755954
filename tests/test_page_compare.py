"""单位对比 page: every agency of a year on one measure — a catalog rate or a count — ranked by the rate's direction,
with the median and the interquartile band, bars coloured by their side of the median, the chosen agency outlined, the
counts beside the rate in the numbers table; then named small multiples. Read from the figure JSON and the tables."""

from __future__ import annotations

import json
import statistics

import duckdb
import numpy as np
import pytest
from conftest import ROOT, open_numbers
from streamlit.testing.v1 import AppTest
from test_page_channels import FOUNDING, open_page

from disclosure import catalog, settings
from disclosure.formats import format_value

SAMPLE_FACTS = ROOT / "data" / "sample" / "facts.json"
AGENCY, YEAR = "示例市农业农村局", 2021
GRANTED, PARTIAL, TOTAL = "requests.outcome.granted", "requests.outcome.partial", "requests.outcome.total"
COLOURS = catalog.colours()


def chart(at, key: str) -> dict:
    return json.loads(next(el for el in at.get("plotly_chart") if el.key == key).proto.spec)


def bars_of(fig: dict) -> list[dict]:
    return [t for t in fig["data"] if t["type"] == "bar"]


def table_with(at, column: str):
    return next(d.value for d in open_numbers(at).dataframe if column in d.value.columns)


def captions(at) -> str:
    return " ".join(c.value.replace("\\", "") for c in at.caption)


def open_measure(measure: str, agency: str = AGENCY, year: int = YEAR):
    at = open_page("compare", agency, year)
    at.selectbox(key="w.indicator").set_value(measure).run()
    assert not at.exception, at.exception[0].value
    return at


def truth_for_year(year: int, fact: str, store=None) -> dict[str, float]:
    """Sample agencies: the generator's own figures; real agencies (data/reports): the stored figure
    of their report, which the corpus tests hold to the documents."""
    reports = json.loads(SAMPLE_FACTS.read_text(encoding="utf-8")).values()
    truth = {r["agency"]: r["facts"].get(fact) for r in reports if r["year"] == year}
    if store is not None:
        indicator, applicant = fact.split("|")
        con = duckdb.connect(str(store), read_only=True)
        truth |= dict(
            con.execute(
                "SELECT r.agency, f.value FROM reports r JOIN facts f USING (report_id) "
                "WHERE NOT r.is_sample AND r.year = ? AND f.indicator = ? AND f.applicant = ?",
                [year, indicator, applicant],
            ).fetchall()
        )
        con.close()
    return truth


def stored_figures(store, year: int, indicators: list[str]) -> dict[str, dict[str, float]]:
    """agency → indicator → the figure straight from the store: the reported 总计 cell, else the sum of the reported
    applicant cells (table 三 often leaves 总计 blank); a row with nothing reported is left out."""
    con = duckdb.connect(str(store), read_only=True)
    rows = con.execute(
        """SELECT r.agency, f.indicator,
                  coalesce(max(f.value) FILTER (WHERE f.applicant = 'total' AND f.status = 'reported'),
                           sum(f.value) FILTER (WHERE f.applicant NOT IN ('total', 'cumulative') AND f.status = 'reported'))
           FROM reports r JOIN facts f USING (report_id)
           WHERE r.year = ? AND list_contains(?, f.indicator) GROUP BY ALL""",
        [year, indicators],
    ).fetchall()
    con.close()
    out: dict[str, dict[str, float]] = {}
    for agency, indicator, value in rows:
        if value is not None:
            out.setdefault(agency, {})[indicator] = float(value)
    return out


def disclosure_truth(store, year: int = YEAR) -> dict[str, float | None]:
    """The 2019/2021 disclosure rate written out here: (予以公开 + 部分公开) / 办理结果总计, none without a denominator."""
    out = {}
    for agency, f in stored_figures(store, year, [GRANTED, PARTIAL, TOTAL]).items():
        parts = [f[i] for i in (GRANTED, PARTIAL) if i in f]
        out[agency] = 100 * sum(parts) / f[TOTAL] if parts and f.get(TOTAL) else None
    return out


def test_the_disclosure_rate_is_the_default_and_the_rates_come_first_in_the_picker(app_env):
    at = open_page("compare", AGENCY, YEAR)
    assert at.selectbox(key="w.indicator").value == "rate:disclosure" and at.query_params["indicator"] == "rate:disclosure"
    options = at.selectbox(key="w.indicator").options
    rates = [f"比率 · {r.label('zh')}" for r in catalog.rates("2021")]
    assert options[: len(rates)] == rates
    assert "rate:disclosure" in at.multiselect(key="w.multiples").value  # the multiples show it beside the headline counts


def test_a_rate_opens_from_its_url_id(app_env):
    at = open_page("compare", AGENCY, YEAR)
    at.query_params["indicator"] = "rate:denied"
    at.run()
    assert at.selectbox(key="w.indicator").value == "rate:denied"
    assert chart(at, "compare-ranked")["layout"]["title"]["text"].startswith("全部单位 · 2021 年度：不予公开率")


def test_rate_values_are_numerator_over_denominator_of_the_stored_facts(app_env, built_store):
    at = open_page("compare", AGENCY, YEAR)
    bars = bars_of(chart(at, "compare-ranked"))[0]
    truth = disclosure_truth(built_store)
    shown = dict(zip(bars["y"], bars["x"]))
    assert shown == {a: pytest.approx(v) for a, v in truth.items() if v is not None}
    assert bars["x"] == sorted(bars["x"], reverse=True)  # higher is better: the highest on top, ranked 1st
    table = table_with(at, "名次")
    assert table["名次"].iloc[0] == 1 and table["单位"].iloc[0] == max(shown, key=shown.get)


def test_a_lower_better_rate_ranks_the_lowest_first(app_env, built_store):
    at = open_measure("rate:denied")
    bars = bars_of(chart(at, "compare-ranked"))[0]
    assert bars["x"] == sorted(bars["x"]) and len(set(bars["x"])) > 1
    table = table_with(at, "名次")
    ranked = table[table["名次"].notna()]
    assert ranked["单位"].iloc[0] == bars["y"][0] and list(ranked["名次"]) == sorted(ranked["名次"])
    lowest = min(bars["x"])
    assert all(r == 1 for r, v in zip(ranked["名次"], bars["x"]) if v == lowest)  # ties share the better rank
    assert "越低越好，最低者排第 1" in captions(at)


def test_the_median_line_and_the_quartile_band_sit_at_the_ranked_values(app_env, built_store):
    for measure in ("rate:disclosure", "requests.received"):
        at = open_measure(measure)
        fig = chart(at, "compare-ranked")
        # the whole ranking's median and band, however many bars are drawn: from the stored facts
        truth = (
            disclosure_truth(built_store) if measure.startswith("rate:") else truth_for_year(YEAR, "requests.received|total", built_store)
        )
        shown = [v for v in truth.values() if v is not None]
        shapes = {s["name"]: s for s in fig["layout"]["shapes"]}
        assert shapes["median"]["x0"] == shapes["median"]["x1"] == pytest.approx(statistics.median(shown))
        band = shapes["quartiles"]
        assert (band["type"], band["x0"], band["x1"]) == (
            "rect",
            pytest.approx(np.percentile(shown, 25)),
            pytest.approx(np.percentile(shown, 75)),
        )
        assert (band["y0"], band["y1"], band["yref"]) == (0, 1, "paper")  # across the whole plot, behind the bars
        legend = [t["name"] for t in fig["data"] if t["type"] == "scatter"]
        assert any(n.startswith("中位数 ") for n in legend) and any(n.startswith("四分位区间 ") for n in legend)
        assert not any("平均" in n for n in legend)  # the mean is gone


def test_the_median_and_quartiles_are_labelled_in_english(app_env):
    at = open_page("compare", AGENCY, YEAR)
    at.session_state["view.lang"] = "en"
    at.run()
    fig = chart(at, "compare-ranked")
    legend = [t["name"] for t in fig["data"] if t["type"] == "scatter"]
    assert [n.split(" ")[0] for n in legend[:4]] == ["Median", "Interquartile", "Better", "Worse"]
    assert "better than the median" in captions(at) or "worse than the median" in captions(at)
    assert "Disclosure rate: higher is better" in captions(at)


@pytest.mark.parametrize("measure", ["rate:disclosure", "rate:denied", "rate:unable", "requests.received"])
def test_bar_colours_follow_the_direction_relative_to_the_median(app_env, measure):
    at = open_measure(measure)
    fig = chart(at, "compare-ranked")
    bars = bars_of(fig)[0]
    median = next(s for s in fig["layout"]["shapes"] if s["name"] == "median")["x0"]
    direction = (
        catalog.rates("2021")[[r.id for r in catalog.rates("2021")].index(measure[5:])].direction
        if measure.startswith("rate:")
        else "neutral"
    )
    for value, colour in zip(bars["x"], bars["marker"]["color"]):
        if direction == "neutral" or value == median:
            expected = COLOURS["side_neutral"]
        else:
            expected = COLOURS["side_better"] if (value > median) == (direction == "higher_better") else COLOURS["side_worse"]
        assert colour == expected, (value, median)
    if direction != "neutral":
        assert {COLOURS["side_better"], COLOURS["side_worse"]} <= set(bars["marker"]["color"])
    # the chosen agency: outlined, its figure in bold; no other bar is
    widths = dict(zip(bars["y"], bars["marker"]["line"]["width"]))
    assert widths[AGENCY] > 0 and sum(w > 0 for w in widths.values()) == 1
    assert bars["marker"]["line"]["color"] == COLOURS["compare_chosen"]
    assert bars["text"][bars["y"].index(AGENCY)].startswith("<b>")
    axis = fig["layout"]["yaxis"]  # and its name in bold, found even where its bar has no length (a 0 %)
    assert axis["tickvals"] == bars["y"] and [t for t in axis["ticktext"] if t.startswith("<b>")] == [f"<b>{AGENCY}</b>"]


def test_a_neutral_rate_says_there_is_no_better_or_worse(app_env):
    at = open_measure("rate:unable")
    assert "没有好坏之分" in captions(at) and "较好" not in captions(at) and "较差" not in captions(at)
    legend = [t["name"] for t in chart(at, "compare-ranked")["data"] if t["type"] == "scatter"]
    assert "好于中位数" not in legend and "差于中位数" not in legend


def test_the_caption_names_the_rank_the_median_and_the_side_in_words(app_env, built_store):
    at = open_page("compare", AGENCY, YEAR)
    truth = {a: v for a, v in disclosure_truth(built_store).items() if v is not None}
    mine, median = truth[AGENCY], statistics.median(truth.values())
    rank = 1 + sum(v > mine for v in truth.values())
    side = "高于中位数，较好" if mine > median else "低于中位数，较差"
    rate = catalog.rates("2021")[0]
    assert f"{AGENCY} 排第 {rank} / {len(truth)}：{format_value(mine, rate)}%；中位数 {format_value(median, rate)}%，{side}。" in captions(
        at
    )


def test_an_agency_without_a_denominator_is_listed_without_a_rate_and_not_ranked(app_env, built_store):
    at = open_page("compare", AGENCY, YEAR)
    figures = stored_figures(built_store, YEAR, [TOTAL])
    with duckdb.connect(str(built_store), read_only=True) as con:
        of_year = {a for (a,) in con.execute("SELECT agency FROM reports WHERE year = ?", [YEAR]).fetchall()}
    # a denominator of 0, or none printed at all (平潭综合实验区公安局 2021 leaves 办理结果总计 blank)
    zero = sorted(a for a in of_year if figures.get(a, {}).get(TOTAL) in (0, None))
    assert zero and any(figures.get(a, {}).get(TOTAL) is None for a in zero)
    bars = bars_of(chart(at, "compare-ranked"))[0]
    assert not set(zero) & set(bars["y"])
    table = table_with(at, "名次")
    unranked = table[table["名次"].isna()]
    assert sorted(unranked["单位"]) == zero
    assert set(unranked["公开率"]) == {"无比率（分母为 0 或未填）"}  # no value, never 0 %
    for row in unranked.itertuples(index=False):  # the reported 0 is shown as the reason; a blank stays blank
        denominator = figures.get(row[1], {}).get(TOTAL)
        assert row[4] == denominator if denominator is not None else row[4] != row[4] or row[4] is None
    assert f"另有 {len(zero)} 个单位无法计算比率" in captions(at)
    # the chosen agency itself without a rate: said so, not ranked
    at = open_page("compare", zero[0], YEAR)
    assert f"{zero[0]} 2021 年度无法计算公开率（分母为 0 或未填），不参与排名。" in captions(at)


def test_counts_are_beside_the_rate_in_the_numbers_table(app_env, built_store):
    at = open_page("compare", AGENCY, YEAR)
    table = table_with(at, "名次")
    assert list(table.columns) == ["名次", "单位", "公开率", "分子：予以公开 + 部分公开", "分母：办理结果总计"]
    figures = stored_figures(built_store, YEAR, [GRANTED, PARTIAL, TOTAL])
    for row in table.itertuples(index=False):
        f = figures.get(row[1], {})
        if TOTAL not in f:  # no 办理结果总计 printed: blank beside the rate, never 0
            assert row[4] != row[4] or row[4] is None
            continue
        parts = [f[i] for i in (GRANTED, PARTIAL) if i in f]
        assert (row[3] == sum(parts) if parts else row[3] != row[3]) and row[4] == f[TOTAL]  # no part printed: blank
        if row[4]:
            assert row[2] == format_value(100 * row[3] / row[4], catalog.rates("2021")[0]) + "%"  # as the catalog's format writes it


def test_counts_are_ranked_with_median_and_quartiles_in_one_neutral_colour(app_env, built_store):
    at = open_measure("requests.received")
    bars = bars_of(chart(at, "compare-ranked"))[0]
    shown = dict(zip(bars["y"], bars["x"]))
    con = duckdb.connect(str(built_store), read_only=True)
    in_store = {a for (a,) in con.execute("SELECT agency FROM reports WHERE year = ?", [YEAR]).fetchall()}
    con.close()
    truth = truth_for_year(YEAR, "requests.received|total", built_store)
    ranked_names = set(table_with(at, "名次").query("名次 == 名次")["单位"])
    assert ranked_names == {a for a in in_store if truth.get(a) is not None}  # every agency with the figure is ranked
    assert set(shown) <= ranked_names and min(len(ranked_names), settings.RANK_MAX_BARS) <= len(shown) <= settings.RANK_MAX_BARS + 1
    assert all(shown[a] == truth[a] for a in shown)  # every bar is that agency's 本年新收 总计
    assert bars["x"] == sorted(bars["x"], reverse=True)
    assert set(bars["marker"]["color"]) == {COLOURS["side_neutral"]}
    ranked = table_with(at, "名次")
    mine = ranked[ranked["单位"] == AGENCY].iloc[0]
    values = [truth[a] for a in ranked_names]
    assert mine["名次"] == 1 + sum(v > truth[AGENCY] for v in values)
    assert f"中位数 {format_value(statistics.median(values), '件')}" in captions(at)  # in the count's own format


def test_small_multiples_one_named_panel_per_measure_and_a_rate_among_them(app_env, built_store, monkeypatch):
    monkeypatch.setattr(settings, "PANEL_MAX_BARS", 1000)  # every agency drawn, to check every bar
    at = open_page("compare", AGENCY, YEAR)
    at.multiselect(key="w.multiples").set_value(["requests.received", "review.total", "rate:disclosure"]).run()
    measures = ["requests.received", "review.total", "rate:disclosure"]
    figs = [chart(at, f"compare-multiples-{m}") for m in measures]  # one chart per measure: columns that stack on a phone
    panels = [bars_of(f)[0] for f in figs]
    # each titled with its measure and unit, its agencies named on its axis, its value axis naming the unit
    assert [f["layout"]["title"]["text"] for f in figs] == ["收到申请（件）", "行政复议（件）", "公开率（%）"]
    assert [f["layout"]["xaxis"]["title"]["text"] for f in figs] == ["数量（件）", "数量（件）", "公开率（%）"]
    assert all(f["layout"]["yaxis"]["tickvals"] == p["y"] and p["text"] for f, p in zip(figs, panels))
    assert "全部单位 · 2021 年度" in captions(at)  # the scope and year, once over the set
    truth = truth_for_year(YEAR, "review.total|total", built_store)
    assert all(v == truth[a] for a, v in zip(panels[1]["y"], panels[1]["x"]))
    rates = disclosure_truth(built_store)
    assert dict(zip(panels[2]["y"], panels[2]["x"])) == {a: pytest.approx(v) for a, v in rates.items() if v is not None}
    assert panels[2]["x"] == sorted(panels[2]["x"], reverse=True)
    # each panel its own median line and quartile band
    medians = [next(s["x0"] for s in f["layout"]["shapes"] if s["name"] == "median") for f in figs]
    assert medians == [pytest.approx(statistics.median(p["x"])) for p in panels]
    assert len({f["layout"]["height"] for f in figs}) == 1  # side by side, all as tall as the longest
    wide = table_with(at, "公开率（%）")
    assert wide.set_index("单位")["公开率（%）"].dropna().to_dict() == {
        a: pytest.approx(v, abs=0.05) for a, v in rates.items() if v is not None
    }


def test_founding_report_year_compares_2014_form_agencies(app_env):
    at = open_measure("active.total", FOUNDING, 2018)
    bars = bars_of(chart(at, "compare-ranked"))[0]
    assert dict(zip(bars["y"], bars["x"]))[FOUNDING] == 236
    at = open_measure("rate:disclosure", FOUNDING, 2018)  # 2014 and local forms: each agency's rate by its own template
    assert bars_of(chart(at, "compare-ranked"))[0]["x"]


def test_indicator_not_in_that_years_template_is_not_offered(app_env):
    at = open_page("compare", AGENCY, YEAR)
    options = at.selectbox(key="w.indicator").options  # shown as 部分 · label
    shown = lambda i: f"{catalog.get(i).section} · {catalog.get(i).label('zh')}"  # noqa: E731
    assert shown("active.channel.website") not in options and shown("capacity.staff") not in options
    assert shown("requests.carried_over") in options and shown("art20.fees.amount") in options
    assert "比率 · 按时办结率" not in options  # a 2014-form rate, not offered for a 2021 year


def test_a_scope_ranks_only_its_agencies_against_their_own_median(app_env):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for k, v in {"agency": "putian-tjj", "year": "2021", "scope": "region:putian", "indicator": "requests.received"}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/compare.py").run()
    assert not at.exception, at.exception[0].value
    bars = bars_of(chart(at, "compare-ranked"))[0]
    assert bars["y"] and all(name.replace("<b>", "").startswith("莆田市") for name in bars["y"])
    everyone = open_page("compare", "莆田市统计局", 2021)
    everyone.selectbox(key="w.indicator").set_value("requests.received").run()
    assert len(bars_of(chart(everyone, "compare-ranked"))[0]["y"]) > len(bars["y"])


def test_many_agencies_draw_the_first_the_last_and_the_chosen_against_the_whole_median(app_env, built_store, monkeypatch):
    monkeypatch.setattr(settings, "RANK_MAX_BARS", 6)
    at = open_measure("requests.received")
    bars = bars_of(chart(at, "compare-ranked"))[0]
    truth = {a: v for a, v in truth_for_year(YEAR, "requests.received|total", built_store).items() if v is not None}
    values = sorted(truth.values(), reverse=True)
    shown = [y.replace("<b>", "").replace("</b>", "") for y in bars["y"]]
    assert AGENCY in shown and len(shown) <= 7
    # the first three and the last three (ties either way), and the chosen agency
    assert all(truth[a] >= values[2] or truth[a] <= values[-3] for a in shown if a != AGENCY)
    median = next(s["x0"] for s in chart(at, "compare-ranked")["layout"]["shapes"] if s["name"] == "median")
    assert median == pytest.approx(statistics.median(truth.values()))  # the whole ranking's, not the drawn bars'
    assert "图中为排名前3与后3的单位" in captions(at)
    with duckdb.connect(str(built_store), read_only=True) as con:
        of_year = con.execute("SELECT count(DISTINCT agency) FROM reports WHERE year = ?", [YEAR]).fetchone()[0]
    assert len(table_with(at, "名次")) == of_year  # every agency of the year, ranked or listed without the figure
