"""年度趋势: chosen series for one or more agencies over the years, template changes marked, gaps kept as gaps."""

from functools import partial

import streamlit as st

from disclosure import agencies as agency_table
from disclosure.ui import charts, view_state
from disclosure.ui.data import per_version, query
from disclosure.ui.escape import plot_text
from disclosure.ui.exports import about, numbers, shared_chart
from disclosure.ui.findings import trend_findings_expander
from disclosure.ui.i18n import agency_name, agency_names, colon, coverage_name, lang, list_sep, t, template_name
from disclosure.ui.page import guarded, page_setup
from disclosure.ui.widgets import agencies, searched
from disclosure.views import trends as view

page_setup()
st.title(t("page_trends"))
frame = agencies()
if frame.empty:
    st.info(t("no_reports"))
    st.stop()
names = frame["agency"].tolist()
samples = set(frame.loc[frame["is_sample"], "agency"])  # marked under the picker, not in its labels (URL values stay plain)


def option_label(series_id: str, language: str = lang(), word: str = t("trend_crosswalk")) -> str:
    # the language fixed when the page runs: AppTest formats options after the run, outside the session
    return view.option_label(series_id, language, word)


left, right = st.columns([2, 3])
# the agency chosen on another page comes along: when it changed since this page last ran, it leads the chart
anchor = view_state.current("agency")
if anchor in names and anchor != view_state.current("agencies_anchor"):
    st.session_state.pop("view.agencies", None)
    st.session_state["view.agencies_anchor"] = anchor
chosen_agencies = view_state.settle(
    "agencies",
    names,
    [anchor if anchor in names else names[0]],
    multi=True,
    to_param=agency_table.url_id,
    from_param=lambda p: agency_table.from_url_id(p, names),
)
left.multiselect(
    t("agencies"), searched(names, chosen_agencies, "agencies", left), format_func=agency_names(), **view_state.widget_args("agencies")
)
options = view.series_options()
chosen_series = view_state.settle("series", options, ["requests_received"], multi=True)
right.multiselect(t("trend_series"), options, format_func=option_label, **view_state.widget_args("series"))
# 机构改革: a chosen agency with a predecessor or successor in the agency table can be followed through them as one series
lineages = {a: view.lineage(a) for a in chosen_agencies}
follow = view_state.settle("follow", [False, True], False, to_param=lambda v: "1" if v else "0", default_in_url=False)
if any(len(chain) > 1 for chain in lineages.values()):
    left.toggle(t("trend_follow"), help=t("trend_follow_help"), **view_state.widget_args("follow"))
follow = follow and any(len(chain) > 1 for chain in lineages.values())
if samples.intersection(chosen_agencies):
    left.caption(
        f":material/science: {t('sample_badge')}{colon()}" + list_sep().join(agency_names()(a) for a in chosen_agencies if a in samples)
    )
if not chosen_agencies or not chosen_series:
    st.info(t("trend_pick"))
    st.stop()


about(scope=list_sep().join(agency_names()(a) for a in chosen_agencies), is_sample=bool(samples.intersection(chosen_agencies)))
legend = view.unique_names(chosen_series, lang(), t("trend_crosswalk"))


@per_version  # once per store version and choice: a rerun redraws the crosswalk's points instead of working them out
def series_points(agencies: tuple[str, ...], series: tuple[str, ...], names: tuple[tuple[str, str], ...], follow: bool):
    read = sorted({r for a in agencies for r in (view.lineage(a) if follow else [a])})
    facts = query("trends_facts", agencies=read)
    return view.trend_points(facts, list(agencies), list(series), dict(names).__getitem__, follow=follow)


points = series_points(tuple(chosen_agencies), tuple(chosen_series), tuple(legend.items()), follow)
if points.empty or points["value"].isna().all():
    st.info(t("trend_no_data"))
    st.stop()


def comparability_word(comparability: str) -> str:
    """口径一致 / 近似对应, or 无对应 for a year the template lacks."""
    return t(comparability) if comparability in ("exact", "approximate") else t("none_side")


def template_short(template) -> str:
    """A point's template by its short name (地方表, 2019版), as the tables and hovers show it; "" for a year without one."""
    return template_name(template, short=True) if isinstance(template, str) and template else ""


# the numbers tables' column words
COLUMNS = {
    "agency": t("agency"),
    "series": t("series"),
    "year": t("year"),
    "template": t("template"),
    "value": t("value"),
    "comparability": t("comparability"),
    "previous": t("trend_previous"),
    "change": t("trend_change_abs"),
    "change_pct": t("trend_change_pct"),
    "template_change": t("trend_break"),
    "reporter": t("trend_reporter"),
    "coverage": t("coverage"),
}


def reorg_hover(a: int, b: int, was: str, now: str) -> str:
    """The hover of a 机构改革 break: the years and the two agencies by name, escaped for plotly."""
    return t("trend_reorg_hover", year_from=a, year_to=b, was=plot_text(agency_name(was)), now=plot_text(agency_name(now)))


def coverage_hover(a: int, b: int, was: str, now: str) -> str:
    """The hover of a 统计范围变化 break: the years and the two coverages by name."""
    return t("trend_coverage_hover", year_from=a, year_to=b, was=coverage_name(was), now=coverage_name(now))


def point_note(reporter: str, coverage: str) -> str:
    """Whose report a point is and what it covers, on its hover."""
    return t("trend_point_note", reporter=agency_name(reporter), coverage=coverage_name(coverage))


def chain_words(agency: str) -> str:
    """平潭县人民政府（2011–2013年）→ 平潭综合实验区（2014–2024年）: whose reports a followed series reads, by years."""
    mine = points[points["agency"] == agency].dropna(subset=["template"])
    spans = mine.groupby("reporter", sort=False)["year"].agg(["min", "max"]).sort_values("min")
    return " → ".join(t("trend_follow_span", agency=agency_name(r), first=int(s["min"]), last=int(s["max"])) for r, s in spans.iterrows())


with guarded("chart"):
    matched = "matched_en" if lang() == "en" else "matched_zh"
    shown_points = points.assign(agency=points["agency"].map(agency_names()))  # agencies as the reader's language names them
    build = partial(
        charts.trend_lines,
        shown_points,
        t("trend_chart"),
        t("trend_break"),
        lambda a, b, ta, tb: t("trend_break_hover", year_from=a, year_to=b, template_from=template_name(ta), template_to=template_name(tb)),
        comparability_word,
        matched,
        template_short,
        other_breaks={
            "reorg": (t("trend_reorg_break"), reorg_hover),
            "coverage": (t("trend_coverage_break"), coverage_hover),
        },
        point_note=point_note,
    )
    shared_chart(build, "trend-chart", "trend", view.series_unit(chosen_series))
    st.caption(t("trend_gap_note"))
    if follow:
        for agency in chosen_agencies:
            if points.loc[points["agency"] == agency, "reporter"].nunique() > 1:
                st.caption(t("trend_follow_note", chain=chain_words(agency)))
    # every agency-year on the chart, gaps included: a blank cell's finding says why the line breaks
    reports = points[["reporter", "year"]].drop_duplicates().sort_values(["reporter", "year"])  # whose report each point is
    trend_findings_expander(
        list(reports.itertuples(index=False, name=None)),
        view.series_indicators(chosen_series),
    )

    def table():
        shown = shown_points[["agency", "series", "year", "template", "value", "comparability", matched, "reporter", "coverage"]].copy()
        shown["comparability"] = [comparability_word(c) for c in shown["comparability"]]
        shown["reporter"] = shown["reporter"].map(agency_names())
        shown["coverage"] = [coverage_name(c) for c in shown["coverage"]]
        shown["template"] = [template_short(x) for x in shown["template"]]  # names, never the catalog's ids
        return shown.rename(columns={**COLUMNS, matched: t("trend_matched")})

    numbers(table, "trend", key="numbers-trend")

with guarded("yoy"):
    st.subheader(t("trend_yoy"))
    changes = view.yoy(shown_points)
    not_comparable = {
        "template": t("trend_not_comparable"),
        "reorg": t("trend_not_comparable_reorg"),
        "coverage": t("trend_not_comparable_coverage"),
    }
    changes["template_change"] = [not_comparable.get(k, "") for k in changes.pop("break_kind")]
    changes["comparability"] = [comparability_word(c) for c in changes["comparability"]]
    changes["template"] = [template_short(x) for x in changes["template"]]
    changes = changes.rename(columns=COLUMNS)
    st.dataframe(changes, hide_index=True, width="stretch", placeholder="")
    numbers(changes, "trend-yoy", key="numbers-yoy")
st.caption(t("chart_png_hint") + " " + t("share_hint"))
