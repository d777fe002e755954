"""公开渠道: proactive disclosure, responses and request intake by channel (2014 form only)."""

from functools import partial

import streamlit as st

from disclosure import catalog
from disclosure.figures import report_figures, table_cells, text_cells
from disclosure.formats import format_value
from disclosure.ui import charts
from disclosure.ui.data import query
from disclosure.ui.exports import numbers, shared_chart
from disclosure.ui.findings import findings_expander, report_findings
from disclosure.ui.i18n import agency_name, aside, colon, label, lang, list_sep, t, template_name
from disclosure.ui.page import guarded, page_setup
from disclosure.ui.widgets import pick_report
from disclosure.views import channels as view

page_setup()
st.title(t("page_channels"))
agency, year, facts = pick_report()
template = facts["template"].iloc[0]
name = f"{agency}-{year}"
shown_agency = agency_name(agency)
text_facts = text_cells(facts)
facts = table_cells(facts)  # the text's figures are shown apart


def text_section() -> None:
    """The channel and outreach figures the narrative states, marked 据正文, each with its sentence."""
    st.subheader(t("channels_text"))
    if text_facts.empty:
        st.info(t("channels_text_none"))
        return
    st.caption(t("channels_text_help"))
    frame = view.text_figures(text_facts, label)  # the catalog's short labels say 正文
    # 期, 条 and 篇 are not one scale: a panel per unit
    shared_chart(
        lambda: charts.bars(frame, f"{shown_agency} {year} · {t('from_text')}", colour=charts.GREY), "channels-text", f"{name}-text"
    )
    for row in frame.itertuples():
        with st.expander(
            row.label
            + colon()
            + format_value(row.value, row.unit)
            + (" " if lang() == "en" and row.unit_written else "")
            + catalog.unit_name(row.unit_written, lang()),
            key=f"sentence-{row.Index}",
        ):
            st.caption(t("channels_text_sentence"))
            st.text(row.sentence)  # the report's own words, shown as plain text
    numbers(
        frame.drop(columns="unit").rename(
            columns={
                "label": t("indicator"),
                "value": t("count"),
                "unit_written": t("unit_written"),
                "sentence": t("channels_text_sentence"),
            }
        ),
        f"{name}-text",
        key="numbers-text",
    )


def history_section() -> None:
    """The agency's channel figures over the years: table rows, then what the text states."""
    history = query("channel_history", agency=agency, indicators=view.history_indicators())
    if history.empty:
        return
    history, switch = view.channel_history(history)
    st.subheader(t("channels_history"))
    st.caption(t("channels_history_help"))
    build = partial(
        charts.channel_history,
        history,
        {c: label(c) for c in history["channel"].unique()},
        t("from_table"),
        t("from_text"),
        aside,
        t("channels_switch"),
        t("channels_switch_hover", year=switch) if switch else None,
        switch,
        shown_agency,
    )
    shared_chart(build, "channels-history", f"{agency}-channels-history")
    numbers(
        history[["year", "channel", "source", "value", "unit", "evidence"]]
        .assign(
            channel=[label(c) for c in history["channel"]],
            unit=[catalog.unit_name(u, lang()) for u in history["unit"]],
            source=[t("from_text") if s == "text" else t("from_table") for s in history["source"]],
        )
        .rename(
            columns={
                "year": t("year"),
                "channel": t("indicator"),
                "source": t("source_kind"),
                "value": t("count"),
                "unit": t("unit"),
                "evidence": t("channels_text_sentence"),
            }
        ),
        f"{agency}-channels-history",
        key="numbers-history",
    )


if not catalog.template(template).one_column:
    st.info(t("no_channels_table", year=year, template=template_name(template)))
    text_section()
    history_section()
    st.stop()

figures = report_figures(facts)
# the findings that touch the figures on this page, one click away
findings_expander(agency, year, [i for i in facts["indicator"].unique() if i.startswith(("active", "response", "requests.received"))])


def missing_note(section):
    absent = [label(i) for i in view.missing_rows(figures, section)]
    if absent:
        st.caption(t("not_reported_rows", rows=list_sep().join(absent)))


def table(frame):
    return frame[["label", "value"]].rename(columns={"label": t("indicator"), "value": t("count")})


with guarded("active"):
    st.subheader(t("channels_active"))
    channels = view.channel_rows(figures, "active_channels", label)
    total = figures.get("active.total")
    channel_sum = view.channel_sum(channels)
    if channels["value"].notna().any() or total is not None:
        build = partial(
            charts.channels_vs_total, channels, t("channels_total"), total, t("channels_sum"), f"{shown_agency} {year}", "条"
        )  # every channel row counts 条
        shared_chart(build, "channels-active", f"{name}-channels", "条")
        word = view.channel_total_finding(report_findings(agency, year))  # the audit decides overlap or shortfall
        if word is not None:
            diff = abs(channel_sum - total)
            note = t(
                "channels_overlap" if word["rule"] == "channel_overlap" else "channels_under",
                sum=format_value(channel_sum),
                total=format_value(total),
                diff=format_value(diff),
            )
            (st.caption if word["rule"] == "channel_overlap" else st.warning)(note)
        missing_note("active_channels")
        side_by_side = table(channels)
        side_by_side.loc[len(side_by_side)] = [t("channels_sum"), channel_sum]
        side_by_side.loc[len(side_by_side)] = [t("channels_total"), total]
        numbers(side_by_side, f"{name}-channels", key="numbers-active")
    else:
        st.info(t("section_empty"))

with guarded("response"):
    st.subheader(t("channels_response"))
    response = view.channel_rows(figures, "response_channels", label)
    if figures.get("response.hot_topics") is not None:
        st.caption(t("response_hot_topics", n=format_value(figures["response.hot_topics"])))
    if response["value"].notna().any():
        # 次 and 篇 (policy explainers) are not one scale: a panel per unit
        shared_chart(lambda: charts.bars(response, f"{shown_agency} {year}", colour=charts.TEAL), "channels-response", f"{name}-responses")
        missing_note("response_channels")
        numbers(table(response), f"{name}-responses", key="numbers-response")
    else:
        st.info(t("section_empty"))

with guarded("intake"):
    st.subheader(t("channels_intake"))
    intake = view.channel_rows(figures, "intake_channels", label)
    if intake["value"].notna().any():
        shared_chart(lambda: charts.bars(intake, f"{shown_agency} {year}", colour=charts.PURPLE), "channels-intake", f"{name}-intake")
        if figures.get("requests.received") is not None:
            st.caption(t("intake_check", sum=format_value(view.channel_sum(intake)), total=format_value(figures["requests.received"])))
        missing_note("intake_channels")
        numbers(table(intake), f"{name}-intake", key="numbers-intake")
    else:
        st.info(t("section_empty"))
if not text_facts.empty:
    text_section()
history_section()
st.caption(t("chart_png_hint") + " " + t("share_hint"))
