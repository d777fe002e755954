"""单位对比: every agency in one year on one indicator (ranked, the average, the chosen agency highlighted),
then small multiples for a few indicators."""

import pandas as pd
import streamlit as st

from disclosure import catalog
from disclosure.ui import charts, view_state
from disclosure.ui.data import query
from disclosure.ui.escape import t_md
from disclosure.ui.exports import about, numbers, show_chart
from disclosure.ui.findings import findings_expander
from disclosure.ui.i18n import agency_name, agency_names, label, lang, t
from disclosure.ui.page import guarded, page_setup
from disclosure.ui.widgets import agency_and_year, include_sample
from disclosure.views import compare as view

page_setup()
st.title(t("page_compare"))
agency, year = agency_and_year()
if agency is None:
    st.info(t("no_reports"))
    st.stop()
templates = query("compare_templates", year=year, include_sample=include_sample())
if templates.empty:
    st.info(t_md("no_report_year", agency=agency_name(agency), year=year))
    st.stop()
main_template = templates["template"].iloc[0]
in_year = set(templates["template"])
options = view.indicator_options(in_year)
default = view.default_indicator(options)


def indicator_label(i: str, language: str = lang()) -> str:
    # the language fixed when the page runs: AppTest formats options after the run, outside the session
    return f"{catalog.section_name(catalog.get(i).section, language)} · {catalog.get(i).label(language)}"


indicator = view_state.settle("indicator", options, default)
st.selectbox(t("compare_indicator"), options, format_func=indicator_label, **view_state.widget_args("indicator"))
multiples = view_state.settle("multiples", options, view.default_multiples(options, main_template), multi=True)
st.multiselect(t("compare_multiples_pick"), options, format_func=indicator_label, **view_state.widget_args("multiples"))

facts = query("compare_facts", year=year, include_sample=include_sample(), indicators=sorted({indicator, *multiples}))
sample_in_view = bool(not facts.empty and facts["is_sample"].any())
about(scope=t("export_all_agencies"), year=year, unit=catalog.unit_name(catalog.get(indicator).unit, lang()), is_sample=sample_in_view)


with guarded("ranking"):
    ranking = view.per_agency(facts, indicator, agency_names())
    ind_label = label(indicator)
    if ranking["value"].notna().any():
        show_chart(
            charts.ranked(ranking, agency, t("compare_ranked", year=year, indicator=ind_label), t("compare_average")),
            "compare-ranked",
            f"compare-{year}-{indicator}",
            catalog.get(indicator).unit,
        )
        ranked = view.ranked(ranking)
        rank = view.rank_of(ranked, agency)
        if rank is not None:
            st.caption(t_md("compare_rank", agency=agency_name(agency), rank=rank, n=len(ranked)))
        else:
            st.caption(t_md("compare_absent", agency=agency_name(agency), year=year))
        numbers(
            ranked[["rank", "label", "value"]].rename(columns={"rank": t("rank"), "label": t("agency"), "value": ind_label}),
            f"compare-{year}-{indicator}",
            key="numbers-ranked",
        )
        if rank is not None:
            findings_expander(agency, year, [indicator])  # the highlighted agency's findings on this figure
    else:
        st.info(t("compare_none", year=year, template=t(f"template_{main_template}")))

st.subheader(t("compare_multiples"))
with guarded("multiples"):
    if multiples:
        panels = pd.concat([view.per_agency(facts, i, agency_names()) for i in multiples], ignore_index=True)
        if panels["value"].notna().any():
            show_chart(
                charts.small_multiples(panels, agency, {i: label(i) for i in multiples}), "compare-multiples", f"compare-{year}-multiples"
            )
            wide = view.multiples_wide(panels.assign(agency=panels["label"])).rename(
                columns={"agency": t("agency"), **{i: label(i) for i in multiples}}
            )
            numbers(wide, f"compare-{year}-multiples", key="numbers-multiples")
        else:
            st.info(t("compare_none", year=year, template=t(f"template_{main_template}")))
st.caption(t("chart_png_hint") + " " + t("share_hint"))
