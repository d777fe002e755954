"""单位对比 page: every agency of a year on one indicator, ranked, the average, the chosen agency highlighted."""

from __future__ import annotations

import json

import duckdb
import pytest
from conftest import ROOT
from test_page_channels import FOUNDING, open_page

from disclosure import catalog

SAMPLE_FACTS = ROOT / "data" / "sample" / "facts.json"
AGENCY, YEAR = "示例市农业农村局", 2021


def chart(at, key: str) -> dict:
    return json.loads(next(el for el in at.get("plotly_chart") if el.key == key).proto.spec)


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


def test_all_agencies_ranked_with_average_and_chosen_highlighted(app_env, built_store):
    at = open_page("compare", AGENCY, YEAR)
    at.selectbox(key="w.indicator").set_value("requests.received").run()
    bars = chart(at, "compare-ranked")["data"][0]
    shown = dict(zip(bars["y"], bars["x"]))
    con = duckdb.connect(str(built_store), read_only=True)
    in_store = {a for (a,) in con.execute("SELECT agency FROM reports WHERE year = ?", [YEAR]).fetchall()}
    con.close()
    truth = truth_for_year(YEAR, "requests.received|total", built_store)
    assert set(shown) == in_store
    assert all(shown[a] == truth[a] for a in shown)  # every bar is that agency's 本年新收 总计
    assert bars["x"] == sorted(bars["x"], reverse=True)
    colours = dict(zip(bars["y"], bars["marker"]["color"]))
    assert colours[AGENCY] == "#ea580c" and sum(c == "#ea580c" for c in colours.values()) == 1
    fig = chart(at, "compare-ranked")
    average = [s["x0"] for s in fig["layout"]["shapes"]]
    assert average == [pytest.approx(sum(shown.values()) / len(shown))]
    ranked = next(d.value for d in at.dataframe if "名次" in d.value.columns)
    mine = ranked[ranked["单位"] == AGENCY].iloc[0]
    assert mine["名次"] == 1 + sum(v > shown[AGENCY] for v in shown.values())


def test_small_multiples_one_panel_per_indicator(app_env, built_store):
    at = open_page("compare", AGENCY, YEAR)
    at.multiselect(key="w.multiples").set_value(["requests.received", "review.total"]).run()
    fig = chart(at, "compare-multiples")
    assert [t["xaxis"] for t in fig["data"]] == ["x", "x2"]
    truth = truth_for_year(YEAR, "review.total|total", built_store)
    review = fig["data"][1]
    assert all(v == truth[a] for a, v in zip(review["y"], review["x"]))


def test_founding_report_year_compares_2014_form_agencies(app_env):
    at = open_page("compare", FOUNDING, 2018)
    at.selectbox(key="w.indicator").set_value("active.total").run()
    bars = chart(at, "compare-ranked")["data"][0]
    assert dict(zip(bars["y"], bars["x"]))[FOUNDING] == 236


def test_indicator_not_in_that_years_template_is_not_offered(app_env):
    at = open_page("compare", AGENCY, YEAR)
    options = at.selectbox(key="w.indicator").options  # shown as 部分 · label
    shown = lambda i: f"{catalog.get(i).section} · {catalog.get(i).label('zh')}"  # noqa: E731
    assert shown("active.channel.website") not in options and shown("capacity.staff") not in options
    assert shown("requests.carried_over") in options and shown("art20.fees.amount") in options


@pytest.mark.parametrize("panels", range(1, 8))
def test_small_multiples_grid_stays_inside_the_figure(panels):
    import pandas as pd

    from disclosure.ui import charts

    frame = pd.DataFrame({"indicator": [f"i{k}" for k in range(panels)], "agency": "a", "label": "a", "value": 1.0})
    fig = charts.small_multiples(frame, "a", {})
    domains = [d for k in fig.layout.to_plotly_json() if k.startswith(("xaxis", "yaxis")) for d in fig.layout[k].domain]
    assert len(domains) == 4 * panels and all(0 <= d <= 1 for d in domains)
    fig.to_json()  # plotly's own validation accepts it
