"""依申请公开: where the year's requests went, the outcomes as the template groups them, rates, reviews and lawsuits."""

import streamlit as st

from disclosure import catalog
from disclosure.figures import indicator_rows, report_figures
from disclosure.formats import format_value
from disclosure.ui import charts
from disclosure.ui.exports import numbers, shared_chart
from disclosure.ui.findings import findings_expander, report_findings
from disclosure.ui.i18n import agency_name, aside, colon, column_label, label, lang, t, template_name
from disclosure.ui.page import guarded, page_setup
from disclosure.ui.widgets import pick_report
from disclosure.views import requests as view

page_setup()
st.title(t("page_requests"))
agency, year, facts = pick_report()
template = facts["template"].iloc[0]
st.caption(template_name(template))
v = report_figures(facts)
name = f"{agency}-{year}"
shown_agency = agency_name(agency)
# the findings that touch the figures on this page, one click away
findings_expander(agency, year, [i for i in facts["indicator"].unique() if i.startswith(("requests", "review", "litigation"))])
groups = {g: t(f"group_{g}") for g in (*view.OUTCOME_GROUPS, *view.GROUPS_2014)}
cols = {"indicator": t("indicator"), "label": t("indicator"), "value": t("count"), "group": t("group")}


def chart(build, key, unit="件"):
    shared_chart(build, key, f"{name}-{key}", unit)  # requests, outcomes and cases are counted in 件


# -- the flow
with guarded("flow"):
    st.subheader(t("requests_flow"))
    flow = view.flow(v, template, label, t)  # the brief draws the same links
    links = flow.links
    st.caption(flow.caption)
    off = view.balance_off(report_findings(agency, year))
    if off is not None:
        st.warning(t("flow_identity_off", inflow=format_value(off[0]), outflow=format_value(off[1])))
    if links["value"].fillna(0).gt(0).any():
        colours = {name: catalog.colours()[g] for g, name in groups.items()}
        chart(lambda: charts.flow(links, f"{shown_agency} {year}", colours, flow.totals), "flow", "")
        for node, total, itemised in view.unitemised(links.itertuples(index=False, name=None), flow.totals):
            words = {"total": format_value(total, "requests.received"), "itemised": format_value(itemised, "requests.received")}
            st.caption(t("flow_unitemised", node=node, rest=format_value(total - itemised, "requests.received"), **words))
        numbers(
            links.rename(columns={"source": t("flow_from"), "target": t("flow_to"), "value": t("count")}),
            f"{name}-flow",
            key="numbers-flow",
        )
    else:
        st.info(t("no_requests"))

    # -- outcomes grouped as the template groups them
with guarded("outcomes"):
    st.subheader(t("requests_outcomes"))
    outcomes = view.outcomes(v, template, label)
    if outcomes["value"].notna().any():
        chart(lambda: charts.grouped_outcomes(outcomes, f"{shown_agency} {year}", groups), "outcomes")
        shown = outcomes.assign(group=outcomes["group"].map(groups))[["group", "label", "value"]].rename(columns=cols)
        numbers(shown, f"{name}-outcomes", key="numbers-outcomes")
    else:
        st.info(t("section_empty"))

# -- applicants (2019+) or timeliness (2014)
with guarded("applicants"):
    left, _ = st.columns(2)  # one half-width chart; the rates table below needs the full width for its definitions
    if catalog.template(template).one_column:
        left.subheader(t("requests_timeliness"))
        timeliness = indicator_rows(v, catalog.group("timeliness"), label)
        with left:
            if timeliness["value"].notna().any():
                chart(
                    lambda: charts.bars(
                        timeliness, label("requests.closed") + colon() + format_value(v.get("requests.closed")), colour=charts.GREEN
                    ),
                    "timeliness",
                )
                numbers(timeliness[["label", "value"]].rename(columns=cols), f"{name}-timeliness", key="numbers-timeliness")
            else:
                st.info(t("section_empty"))
    else:
        left.subheader(t("requests_applicants"))
        applicants = view.applicants(facts, column_label)
        with left:
            if applicants["value"].notna().any():
                chart(lambda: charts.bars(applicants, label("requests.received"), colour=charts.PURPLE), "applicants")
                numbers(applicants.rename(columns=cols), f"{name}-applicants", key="numbers-applicants")
            else:
                st.info(t("section_empty"))

# -- rates with their definitions (catalog/rates.csv)
with guarded("rates"):
    st.subheader(t("requests_rates"))
    rates = view.rates(v, template, lang())
    rate_table = rates.assign(
        definition=[d if p is not None else d + aside(t("rate_na")) for d, p in zip(rates["definition"], rates["percent"])]
    )[["label", "percent", "numerator", "denominator", "definition"]].rename(
        columns={
            "label": t("rate"),
            "percent": "%",
            "numerator": t("numerator"),
            "denominator": t("denominator"),
            "definition": t("definition"),
        }
    )
    st.dataframe(
        rate_table,
        hide_index=True,
        width="stretch",
        placeholder="",
        column_config={"%": st.column_config.NumberColumn("%", format="%.1f%%")},
    )

# -- 行政复议 and 行政诉讼
with guarded("cases"):
    st.subheader(t("requests_review"))
    case_frame = view.cases(v, template, t)
    if case_frame["value"].fillna(0).gt(0).any():
        chart(lambda: charts.cases(case_frame, f"{shown_agency} {year}"), "cases")
    elif case_frame["value"].notna().any():
        st.info(t("no_cases"))
    else:
        st.info(t("section_empty"))
    if not case_frame.empty:
        numbers(view.cases_wide(case_frame, t("kind")), f"{name}-review-litigation", key="numbers-cases")
st.caption(t("chart_png_hint") + " " + t("share_hint"))
