"""The views (disclosure/views/) derive what each page shows from plain frames, without Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure import catalog
from disclosure.figures import report_figures
from disclosure.views import channels, compare, overview, quality, requests, trends

VIEWS = Path(__file__).resolve().parent.parent / "disclosure" / "views"


def test_no_view_imports_streamlit_or_plotly():
    for path in VIEWS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] in ("streamlit", "plotly") for n in names), f"{path.name} imports {names}"
            if isinstance(node, ast.ImportFrom) and node.level:
                assert not (node.module or "").startswith("ui"), f"{path.name} imports the drawing layer"


def _facts(rows):
    return pd.DataFrame(rows, columns=["indicator", "applicant", "value", "status"])


def test_figures_take_the_total_column_or_the_sum_of_applicants_when_it_is_blank():
    facts = _facts(
        [
            ("requests.received", "total", None, "blank"),
            ("requests.received", "natural", 3.0, "reported"),
            ("requests.received", "legal", 2.0, "reported"),
            ("requests.outcome.granted", "total", 4.0, "reported"),
            ("requests.outcome.partial", "total", None, "blank"),
        ]
    )
    assert report_figures(facts) == {"requests.received": 5.0, "requests.outcome.granted": 4.0, "requests.outcome.partial": None}
    local = _facts([("active.total", "total", None, "blank"), ("active.total", "cumulative", 900.0, "reported")])
    assert report_figures(local) == {"active.total": None}  # 历年累计 is not this year's figure


def test_rates_come_from_the_catalog_and_are_blank_without_a_denominator():
    figures = {"requests.outcome.granted": 6.0, "requests.outcome.partial": 2.0, "requests.outcome.total": 10.0}
    figures |= {"requests.outcome.denied.state_secret": 1.0, "requests.outcome.denied.other_law": None}
    rates = requests.rates(figures, "2021", "zh").set_index("rate")
    assert list(rates.index) == [r.id for r in catalog.rates("2021")]
    assert rates.loc["disclosure", "percent"] == 80.0 and rates.loc["disclosure", "numerator"] == 8.0
    assert rates.loc["denied", "percent"] == 10.0  # the group's reported rows only; a blank row adds nothing
    assert pd.isna(rates.loc["unable", "percent"])  # no figure: no rate, never 0 %
    assert pd.isna(rates.loc["carried", "percent"])
    zero = requests.rates({"requests.answered": 0.0, "requests.answered.granted": 0.0}, "2014", "en").set_index("rate")
    assert pd.isna(zero.loc["disclosure", "percent"]) and zero.loc["disclosure", "label"] == "Disclosure rate"
    assert {r.direction for r in catalog.rates("2014")} <= {"higher_better", "lower_better", "neutral"}


def test_the_request_balance_is_the_audits_finding_not_a_second_check():
    finding = {
        "rule": "request_balance",
        "values": {"requests.received": 10, "requests.carried_over": 2, "requests.outcome.total": 9, "requests.carried_forward": 1},
    }
    column_only = {"rule": "request_balance", "values": {"requests.received|natural": 1}}
    assert requests.balance_off(pd.DataFrame([column_only, finding])) == (12, 10)
    assert requests.balance_off(pd.DataFrame([column_only])) is None
    assert requests.balance_off(pd.DataFrame(columns=["rule", "values"])) is None


def test_the_flow_counts_each_outcome_group_once_and_skips_blank_inflows():
    figures = {"requests.received": 7.0, "requests.carried_over": None, "requests.outcome.granted": 5.0, "requests.carried_forward": 2.0}
    links = requests.flow_links_2019(figures, {"requests.received": "new", "requests.carried_over": "old"}, "in", {"granted": "g"}, "cf")
    assert links.values.tolist() == [["new", "in", 7.0], ["in", "g", 5.0], ["in", "cf", 2.0]]


def test_channels_show_the_audits_word_on_overlap():
    frame = pd.DataFrame([{"rule": "blank_total"}, {"rule": "channel_overlap"}])
    assert channels.channel_total_finding(frame)["rule"] == "channel_overlap"
    assert channels.channel_total_finding(pd.DataFrame([{"rule": "blank_total"}])) is None
    rows = channels.channel_rows({"active.channel.website": 3.0, "active.channel.gazette": None}, "active_channels", str)
    assert rows["indicator"].tolist() == ["active.channel.gazette", "active.channel.website"] and channels.channel_sum(rows) == 3.0
    assert "active.channel.weibo" in channels.missing_rows({"active.channel.website": 3.0}, "active_channels")


def test_channel_history_names_the_year_the_text_takes_over():
    pairs = catalog.text_table_pairs()
    text_id, table_id = next(iter(pairs.items()))
    history = pd.DataFrame(
        [
            {"year": 2017, "indicator": table_id, "status": "reported", "value": 10.0},
            {"year": 2018, "indicator": table_id, "status": "reported", "value": None},
            {"year": 2020, "indicator": text_id, "status": "from_text", "value": 12.0},
        ]
    )
    rows, switch = channels.channel_history(history)
    assert switch == 2020 and set(rows["channel"]) == {table_id} and len(rows) == 2  # a blank year is not a point


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(trends.series_options()), min_size=1, max_size=8, unique=True), st.sampled_from(["zh", "en"]))
def test_legend_names_are_unique_for_any_choice_of_series(chosen, lang):
    names = trends.unique_names(chosen, lang, "跨口径" if lang == "zh" else "across templates")
    assert len(set(names.values())) == len(chosen)


def test_a_crosswalk_series_sits_in_the_section_of_its_first_row():
    assert trends.series_section("requests_received") == catalog.get("requests.received").section
    assert "requests.outcome.denied.*" not in trends.series_indicators(["ind:requests.received"])


def test_year_over_year_across_a_template_change_is_flagged():
    points = pd.DataFrame(
        [
            {"agency": "a", "series": "s", "year": 2018, "template": "2014", "value": 10.0, "comparability": "approximate"},
            {"agency": "a", "series": "s", "year": 2019, "template": "2019", "value": 6.0, "comparability": "exact"},
        ]
    )
    row = trends.yoy(points).iloc[1]
    assert bool(row["template_change"]) and pd.isna(row["change"]) and pd.isna(row["change_pct"])  # not comparable: no −40 %
    assert row["previous"] == 10.0


def test_headline_cards_compare_only_with_a_year_on_the_same_headline_set():
    values = pd.DataFrame(
        [
            {"year": 2018, "template": "2014", "indicator": "review.total", "value": 1.0},
            {"year": 2019, "template": "2019", "indicator": "review.total", "value": 3.0},
            {"year": 2020, "template": "2019", "indicator": "review.total", "value": 5.0},
        ]
    )
    by_key = {c.key: c for c in overview.headline_cards(values[values["year"] <= 2019], "2019", 2019, "zh")}
    assert by_key["review"].current == 3.0 and by_key["review"].delta is None  # 2018 is another template
    by_key = {c.key: c for c in overview.headline_cards(values[values["year"] >= 2019], "2019", 2020, "en")}
    assert by_key["review"].delta == 2.0 and by_key["review"].label == "Administrative reviews"
    assert by_key["received"].current is None  # absent, not 0


def test_ranking_shares_ranks_on_ties_and_leaves_blank_agencies_out():
    facts = pd.DataFrame(
        [
            {"agency": a, "indicator": "requests.received", "applicant": "total", "value": v, "status": s}
            for a, v, s in [("甲", 5.0, "reported"), ("乙", 5.0, "reported"), ("丙", 2.0, "reported"), ("丁", None, "blank")]
        ]
    )
    ranking = compare.ranked(compare.per_agency(facts, "requests.received"))
    assert dict(zip(ranking["agency"], ranking["rank"])) == {"甲": 1, "乙": 1, "丙": 3} and ranking["rank"].tolist() == [1, 1, 3]
    assert compare.rank_of(ranking, "丙") == 3 and compare.rank_of(ranking, "丁") is None


def test_quality_stacks_rules_by_severity_and_links_each_card():
    by_rule = pd.DataFrame(
        [
            {"title": "A", "severity": "error", "findings": 1},
            {"title": "B", "severity": "warning", "findings": 4},
            {"title": "A", "severity": "warning", "findings": 1},
        ]
    )
    order, stacks = quality.rule_stack(by_rule)
    assert order == ["A", "B"] and stacks == {"error": [1, None], "warning": [1, 4]}
    assert quality.card_links(pd.DataFrame([{"agency": "开封", "year": 2018}])) == ["quality?agency=%E5%BC%80%E5%B0%81&year=2018"]


def test_completeness_counts_a_stored_report_against_its_template(app_env):
    from disclosure.store import Store

    reader = Store(app_env).reader()
    header = reader.query("report_header", agency="开封市质量技术监督局", year=2018).iloc[0]
    facts = reader.query("report_facts", agency="开封市质量技术监督局", year=2018)
    counts = quality.completeness(header, facts)
    assert counts["expected"] == counts["reported"] + counts["blank"] + counts["na"] + counts["absent"] + counts["unreadable"]
    assert counts["reported"] > 40
