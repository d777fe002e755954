"""单位对比: every agency in one year on one measure — a catalog rate or a count — ranked (a rate by its direction),
the median and quartiles, bars coloured by their side of the median, the chosen agency outlined; then small multiples."""

from functools import partial

import pandas as pd
import streamlit as st

from disclosure import catalog, settings
from disclosure.ui import charts, view_state
from disclosure.ui.data import per_version, query
from disclosure.ui.escape import t_md
from disclosure.ui.exports import about, numbers, shared_chart
from disclosure.ui.findings import findings_expander
from disclosure.ui.i18n import agency_name, agency_names, aside, colon, lang, t, template_name, unit_axis
from disclosure.ui.page import guarded, page_setup
from disclosure.ui.widgets import agency_and_year, include_sample, scope_name, scope_picker
from disclosure.views import compare as view

page_setup()
st.title(t("page_compare"))
scope, members = scope_picker(st.columns([3, 1])[0])  # who is ranked: the scope's agencies (all by default)
agency, year = agency_and_year(among=members)  # the agency to mark, one of the scope's
if agency is None:
    st.info(t("no_reports"))
    st.stop()
templates = query("compare_templates", year=year, include_sample=include_sample())
if templates.empty:
    st.info(t_md("no_report_year", agency=agency_name(agency), year=year))
    st.stop()
main_template = templates["template"].iloc[0]
in_year = set(templates["template"])
options = view.measure_options(in_year)
if not options:  # only reports without a statistics table that year
    st.info(t("compare_none", year=year, template=template_name(main_template)))
    st.stop()
default = view.default_indicator(options)
# the words fixed when the page runs: AppTest formats options after the run, outside the session
option_words = {
    i: f"{t('rate')} · {view.measure(i, in_year).label(lang())}"
    if view.rate_id(i)
    else f"{catalog.section_name(catalog.get(i).section, lang())} · {catalog.get(i).label(lang())}"
    for i in options
}

indicator = view_state.settle("indicator", options, default)
st.selectbox(t("compare_indicator"), options, format_func=option_words.__getitem__, **view_state.widget_args("indicator"))
multiples = view_state.settle("multiples", options, view.default_multiples(options, main_template), multi=True)
st.multiselect(t("compare_multiples_pick"), options, format_func=option_words.__getitem__, **view_state.widget_args("multiples"))

measures = {i: view.measure(i, in_year) for i in dict.fromkeys([indicator, *multiples])}


@per_version  # once per store version and view: a province's thousands of agencies are not re-summed each rerun
def agency_frames(year: int, sample: bool, ids: tuple[str, ...], templates: tuple[str, ...], members: tuple[str, ...]):
    """Each measure's per-agency frame (labels are the agencies' names as stored) and whether 示例 data are among them."""
    chosen = {i: view.measure(i, set(templates)) for i in ids}
    needed = sorted({row for m in chosen.values() for row in m.indicators()})
    facts = query("compare_figures", year=year, include_sample=sample, indicators=needed)
    figures = view.year_figures(facts)  # every agency's figures, once for every measure drawn
    frames = {i: view.per_agency(figures, m, agencies=list(members)) for i, m in chosen.items()}
    return frames, bool(not facts.empty and facts["is_sample"].any())


frames_by_measure, sample_in_view = agency_frames(year, include_sample(), tuple(measures), tuple(sorted(in_year)), tuple(members))
names_of = agency_names()
frames_by_measure = {i: f.assign(label=f["agency"].map(names_of)) for i, f in frames_by_measure.items()}
about(scope=scope_name(scope), year=year, unit=catalog.unit_name(measures[indicator].unit, lang()), is_sample=sample_in_view)


def spread_words(m: view.Measure, middle: view.Spread, directional: bool, chosen: str | None) -> dict[str, str]:
    """The legend's words: the median and quartiles with their values, the colours, the outline."""
    words = {
        "median": t("compare_median", value=m.text(middle.median)),
        "quartiles": t("compare_quartiles", q1=m.text(middle.q1), q3=m.text(middle.q3)),
    }
    if directional:
        words |= {"better": t("side_better"), "worse": t("side_worse")}
    return words | ({"chosen": agency_name(chosen)} if chosen else {})


def side_words(side: str, above: bool) -> str:
    if side == "at":
        return t("compare_at_median")
    if side == "better":
        return t("compare_above_better") if above else t("compare_below_better")
    return t("compare_above_worse") if above else t("compare_below_worse")


def direction_words(m: view.Measure) -> str:
    name = m.label(lang())
    if m.direction == "higher_better":
        return t("compare_direction_higher", rate=name)
    if m.direction == "lower_better":
        return t("compare_direction_lower", rate=name)
    return t("compare_direction_neutral", rate=name)


with guarded("ranking"):
    m = measures[indicator]
    name = m.label(lang())
    frame = frames_by_measure[indicator]
    ranking, without = view.ranked(frame, m.direction), view.unranked(frame)
    if not ranking.empty:
        middle = view.spread(ranking["value"])
        mine = ranking[ranking["agency"] == agency]
        value_title = name + aside(m.unit) if m.is_rate else ""
        drawn = view.ends(ranking, settings.RANK_MAX_BARS, agency)  # a province: the first and the last, and the chosen
        shared_chart(
            lambda: charts.ranked(
                drawn,
                agency,
                t("compare_ranked", scope=scope_name(scope), year=year, indicator=name),
                middle,
                spread_words(m, middle, m.direction != "neutral", agency if not mine.empty else None),
                m.text,
                value_title,
                m.unit,
            ),
            "compare-ranked",
            f"compare-{year}-{indicator}",
            "" if m.is_rate else m.unit,
        )
        if not mine.empty:
            rank, value, side = int(mine["rank"].iloc[0]), float(mine["value"].iloc[0]), mine["side"].iloc[0]
            shown = {
                "agency": agency_name(agency),
                "rank": rank,
                "n": len(ranking),
                "value": m.text(value),
                "median": m.text(middle.median),
            }
            if side == "neutral":
                st.caption(t_md("compare_rank", **shown))
            else:
                st.caption(t_md("compare_rate_rank", **shown, side=side_words(side, value > middle.median)))
        elif m.is_rate:
            st.caption(t_md("compare_no_rate", agency=agency_name(agency), year=year, rate=name))
        else:
            st.caption(t_md("compare_absent", agency=agency_name(agency), year=year))
        if len(drawn) < len(ranking):
            st.caption(t("compare_ends", half=settings.RANK_MAX_BARS // 2, n=len(ranking)))
        if m.is_rate:
            st.caption(direction_words(m))
        if not without.empty:
            st.caption(t("compare_unranked", n=len(without)) if m.is_rate else t("compare_unranked_count", n=len(without)))
        sides = m.sides(lang())
        columns = {"rank": t("rank"), "label": t("agency"), "value": name}
        if m.is_rate:
            columns |= {
                "numerator": t("numerator") + (colon() + sides[0] if sides else ""),
                "denominator": t("denominator") + (colon() + sides[1] if sides else ""),
            }
        numbers(
            lambda: view.table(ranking, without, m, t("compare_no_rate_cell")).rename(columns=columns),
            f"compare-{year}-{indicator}",
            key="numbers-ranked",
        )
        if not mine.empty or m.is_rate:
            findings_expander(agency, year, m.indicators())  # the highlighted agency's findings on these figures
    else:
        st.info(t("compare_none", year=year, template=template_name(main_template)))

st.subheader(t("compare_multiples"))
with guarded("multiples"):
    if multiples:
        frames = {i: frames_by_measure[i] for i in multiples}
        rankings = {i: view.ranked(f, measures[i].direction) for i, f in frames.items()}
        drawn = {i: view.ends(r, settings.PANEL_MAX_BARS, agency) for i, r in rankings.items()}
        if any(not d.empty for d in drawn.values()):
            names = {i: measures[i].label(lang()) for i in multiples}
            st.caption(t("compare_multiples_title", scope=scope_name(scope), year=year))
            # one small chart per measure, titled with its measure and unit, its agencies named: side by side on a wide
            # screen, one under the other on a phone (Streamlit stacks columns); all as tall as the longest
            rows, columns = max(len(d) for d in drawn.values()), st.columns(min(3, len(multiples)))
            every_name = [x for d in drawn.values() for x in d["label"]]
            for k, i in enumerate(multiples):
                m, panel = measures[i], drawn[i]
                with columns[k % len(columns)]:
                    if panel.empty:
                        st.caption(names[i] + colon() + t("compare_none", year=year, template=template_name(main_template)))
                        continue
                    unit_words = aside(catalog.unit_name(m.unit, lang()))
                    shared_chart(
                        partial(
                            charts.ranked,
                            panel,
                            agency,
                            names[i] + unit_words,
                            view.spread(rankings[i]["value"]),
                            {},  # the key is the ranking's above: the same marks and colours
                            m.text,
                            names[i] + unit_words if m.is_rate else unit_axis(m.unit),
                            m.unit,
                            rows,
                            every_name,
                        ),
                        f"compare-multiples-{i}",
                        f"compare-{year}-{i}",
                    )

            def wide() -> pd.DataFrame:
                every = pd.concat(frames.values(), ignore_index=True).assign(agency=lambda f: f["label"])
                headers = {i: names[i] + aside(catalog.unit_name(measures[i].unit, lang())) for i in multiples}
                return view.multiples_wide(every, measures).rename(columns={"agency": t("agency"), **headers})

            numbers(wide, f"compare-{year}-multiples", key="numbers-multiples")
        else:
            st.info(t("compare_none", year=year, template=template_name(main_template)))
st.caption(t("chart_png_hint") + " " + t("share_hint"))
