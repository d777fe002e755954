"""依申请公开: where the year's requests went, the outcomes as the template groups them, rates, reviews and lawsuits."""

import pandas as pd
import streamlit as st

from disclosure.model import ONE_COLUMN_TEMPLATES
from disclosure.ui import charts
from disclosure.ui.findings import findings_expander
from disclosure.ui.i18n import label, t
from disclosure.ui.page import page_setup
from disclosure.ui.tables import numbers
from disclosure.ui.widgets import pick_report

page_setup()
st.title(t("page_requests"))
agency, year, facts = pick_report()
template = facts["template"].iloc[0]
st.caption(t(f"template_{template}"))
v = charts.report_values(facts)
name = f"{agency}-{year}"
# the findings that touch the figures on this page, one click away
findings_expander(agency, year, [i for i in facts["indicator"].unique() if i.startswith(("requests", "review", "litigation"))])
groups = {g: t(f"group_{g}") for g in ("granted", "partial", "denied", "unable", "not_processed", "other", "answered_2014", "denied_2014")}
cols = {"indicator": t("indicator"), "label": t("indicator"), "value": t("count"), "group": t("group")}


def chart(fig, key):
    st.plotly_chart(fig, width="stretch", key=key, config=charts.plot_config(f"{name}-{key}"))


def share(numerator, denominator):
    return None if numerator is None or not denominator else round(100.0 * numerator / denominator, 1)


def total_of(ids):
    present = [v[i] for i in ids if v.get(i) is not None]
    return sum(present) if present else None


# -- the flow
st.subheader(t("requests_flow"))
if template in ONE_COLUMN_TEMPLATES:
    links = charts.flow_links_2014(v, label)
    st.caption(t("requests_flow_help_2014"))
else:
    sources = {"requests.received": t("flow_new"), "requests.carried_over": t("flow_carried_over")}
    links = charts.flow_links_2019(v, sources, t("flow_in_hand"), groups, t("carried_forward"))
    st.caption(t("requests_flow_help_2019"))
    inflow = total_of(["requests.received", "requests.carried_over"])
    outflow = total_of(["requests.outcome.total", "requests.carried_forward"])
    if inflow is not None and outflow is not None and inflow != outflow:
        st.warning(t("flow_identity_off", inflow=charts.fmt(inflow), outflow=charts.fmt(outflow)))
if links["value"].fillna(0).gt(0).any():
    chart(charts.flow(links, f"{agency} {year}"), "flow")
    numbers(
        links.rename(columns={"source": t("flow_from"), "target": t("flow_to"), "value": t("count")}), f"{name}-flow", key="numbers-flow"
    )
else:
    st.info(t("no_requests"))

# -- outcomes grouped as the template groups them
st.subheader(t("requests_outcomes"))
if template in ONE_COLUMN_TEMPLATES:
    outcomes = pd.concat(
        [
            charts.indicator_rows(v, charts.ANSWERS_2014, label, "answered_2014"),
            charts.indicator_rows(v, charts.DENIAL_REASONS_2014, label, "denied_2014"),
        ],
        ignore_index=True,
    )
else:
    outcomes = pd.concat([charts.indicator_rows(v, ids, label, g) for g, ids in charts.OUTCOME_GROUPS_2019], ignore_index=True)
if outcomes["value"].notna().any():
    chart(charts.grouped_outcomes(outcomes, f"{agency} {year}", groups), "outcomes")
    shown = outcomes.assign(group=outcomes["group"].map(groups))[["group", "label", "value"]].rename(columns=cols)
    numbers(shown, f"{name}-outcomes", key="numbers-outcomes")
else:
    st.info(t("section_empty"))

# -- applicants (2019+) or timeliness (2014)
left, _ = st.columns(2)  # one half-width chart; the rates table below needs the full width for its definitions
if template in ONE_COLUMN_TEMPLATES:
    left.subheader(t("requests_timeliness"))
    timeliness = charts.indicator_rows(v, charts.TIMELINESS, label)
    with left:
        if timeliness["value"].notna().any():
            chart(
                charts.bars(timeliness, label("requests.closed") + f"：{charts.fmt(v.get('requests.closed'))}", colour=charts.GREEN),
                "timeliness",
            )
            numbers(timeliness[["label", "value"]].rename(columns=cols), f"{name}-timeliness", key="numbers-timeliness")
        else:
            st.info(t("section_empty"))
else:
    left.subheader(t("requests_applicants"))
    received = facts[(facts["indicator"] == "requests.received") & (facts["applicant"] != "total")]
    applicants = pd.DataFrame(
        {"label": [t(f"applicant_{a}") for a in received["applicant"]], "value": received["value"].astype(float).values}
    )
    with left:
        if applicants["value"].notna().any():
            chart(charts.bars(applicants, label("requests.received"), colour=charts.PURPLE), "applicants")
            numbers(applicants.rename(columns=cols), f"{name}-applicants", key="numbers-applicants")
        else:
            st.info(t("section_empty"))

# -- rates with their definitions
st.subheader(t("requests_rates"))
if template in ONE_COLUMN_TEMPLATES:
    answered = v.get("requests.answered")
    rates = [
        (
            "rate_disclosure",
            "rate_disclosure_def_2014",
            total_of(["requests.answered.already_public", "requests.answered.granted", "requests.answered.partial"]),
            answered,
        ),
        ("rate_denied", "rate_denied_def_2014", v.get("requests.answered.denied"), answered),
        ("rate_unable", "rate_unable_def_2014", total_of(["requests.answered.not_this_agency", "requests.answered.not_exist"]), answered),
        ("rate_on_time", "rate_on_time_def", v.get("requests.closed.on_time"), v.get("requests.closed")),
    ]
else:
    handled = v.get("requests.outcome.total")
    groups_2019 = dict(charts.OUTCOME_GROUPS_2019)
    rates = [
        ("rate_disclosure", "rate_disclosure_def_2019", total_of(["requests.outcome.granted", "requests.outcome.partial"]), handled),
        ("rate_denied", "rate_denied_def_2019", total_of(groups_2019["denied"]), handled),
        ("rate_unable", "rate_unable_def_2019", total_of(groups_2019["unable"]), handled),
        ("rate_carried", "rate_carried_def", v.get("requests.carried_forward"), total_of(["requests.received", "requests.carried_over"])),
    ]
rate_table = pd.DataFrame(
    [
        {
            t("rate"): t(k),
            "%": share(n, d),
            t("numerator"): n,
            t("denominator"): d,
            t("definition"): t(dk) if share(n, d) is not None else f"{t(dk)}（{t('rate_na')}）",
        }
        for k, dk, n, d in rates
    ]
)
st.dataframe(
    rate_table, hide_index=True, width="stretch", placeholder="", column_config={"%": st.column_config.NumberColumn("%", format="%.1f%%")}
)

# -- 行政复议 and 行政诉讼
st.subheader(t("requests_review"))
blocks = [("case_review", "review")]
blocks += (
    [("case_litigation", "litigation")]
    if template in ONE_COLUMN_TEMPLATES
    else [("case_litigation_direct", "litigation.direct"), ("case_litigation_after", "litigation.after_review")]
)
case_rows = [
    {"case": t(case), "result_key": r, "result": t(f"result_{r}"), "indicator": f"{prefix}.{r}", "value": v[f"{prefix}.{r}"]}
    for case, prefix in blocks
    for r in charts.CASE_RESULTS
    if f"{prefix}.{r}" in v
]
case_frame = pd.DataFrame(case_rows, columns=["case", "result_key", "result", "indicator", "value"])
case_frame["value"] = pd.to_numeric(case_frame["value"], errors="coerce")
if case_frame["value"].fillna(0).gt(0).any():
    chart(charts.cases(case_frame, f"{agency} {year}"), "cases")
elif case_frame["value"].notna().any():
    st.info(t("no_cases"))
else:
    st.info(t("section_empty"))
if not case_frame.empty:
    wide = pd.DataFrame(
        [{t("kind"): case, **dict(zip(part["result"], part["value"]))} for case, part in case_frame.groupby("case", sort=False)]
    )
    numbers(wide, f"{name}-review-litigation", key="numbers-cases")
st.caption(t("chart_png_hint") + " " + t("share_hint"))
