"""公开渠道: proactive disclosure, responses and request intake by channel (2014 form only)."""
import streamlit as st

from disclosure.model import ONE_COLUMN_TEMPLATES
from disclosure.ui import charts
from disclosure.ui.i18n import label, t
from disclosure.ui.tables import numbers
from disclosure.ui.widgets import pick_report
from disclosure.ui.findings import findings_expander
from disclosure.ui.page import page_setup

page_setup()
st.title(t("page_channels"))
agency, year, facts = pick_report()
template = facts["template"].iloc[0]
if template not in ONE_COLUMN_TEMPLATES:
    st.info(t("no_channels_template", year=year, template=t(f"template_{template}")))
    st.stop()

values = charts.report_values(facts)
name = f"{agency}-{year}"
# the findings that touch the figures on this page, one click away
findings_expander(agency, year, [i for i in facts["indicator"].unique() if i.startswith(("active", "response", "requests.received"))])


def missing_note(ids):
    absent = [label(i) for i in ids if i not in values]
    if absent:
        st.caption(t("not_reported_rows", rows="、".join(absent)))


def table(frame):
    return frame[["label", "value"]].rename(columns={"label": t("indicator"), "value": t("count")})


st.subheader(t("channels_active"))
channels = charts.indicator_rows(values, charts.ACTIVE_CHANNELS, label)
total = values.get("active.total")
channel_sum = channels["value"].sum(min_count=1)
if channels["value"].notna().any() or total is not None:
    fig = charts.channels_vs_total(channels, t("channels_total"), total, t("channels_sum"), f"{agency} {year}")
    st.plotly_chart(fig, width="stretch", key="channels-active", config=charts.plot_config(f"{name}-channels"))
    if total is not None and channel_sum == channel_sum:
        diff = int(channel_sum - total)
        if diff >= 0:
            st.caption(t("channels_overlap", sum=charts.fmt(channel_sum), total=charts.fmt(total), diff=charts.fmt(diff)))
        else:
            st.warning(t("channels_under", sum=charts.fmt(channel_sum), total=charts.fmt(total), diff=charts.fmt(-diff)))
    missing_note(charts.ACTIVE_CHANNELS)
    side_by_side = table(channels)
    side_by_side.loc[len(side_by_side)] = [t("channels_sum"), channel_sum]
    side_by_side.loc[len(side_by_side)] = [t("channels_total"), total]
    numbers(side_by_side, f"{name}-channels", key="numbers-active")
else:
    st.info(t("section_empty"))

st.subheader(t("channels_response"))
response = charts.indicator_rows(values, charts.RESPONSE_CHANNELS, label)
if values.get("response.hot_topics") is not None:
    st.caption(t("response_hot_topics", n=charts.fmt(values["response.hot_topics"])))
if response["value"].notna().any():
    st.plotly_chart(charts.bars(response, f"{agency} {year}", colour=charts.TEAL), width="stretch", key="channels-response",
                    config=charts.plot_config(f"{name}-responses"))
    missing_note(charts.RESPONSE_CHANNELS)
    numbers(table(response), f"{name}-responses", key="numbers-response")
else:
    st.info(t("section_empty"))

st.subheader(t("channels_intake"))
intake = charts.indicator_rows(values, charts.INTAKE_CHANNELS, label)
if intake["value"].notna().any():
    st.plotly_chart(charts.bars(intake, f"{agency} {year}", colour=charts.PURPLE), width="stretch", key="channels-intake",
                    config=charts.plot_config(f"{name}-intake"))
    if values.get("requests.received") is not None:
        st.caption(t("intake_check", sum=charts.fmt(intake["value"].sum()), total=charts.fmt(values["requests.received"])))
    missing_note(charts.INTAKE_CHANNELS)
    numbers(table(intake), f"{name}-intake", key="numbers-intake")
else:
    st.info(t("section_empty"))
st.caption(t("chart_png_hint") + " " + t("share_hint"))
