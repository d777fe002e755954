"""总览: one agency-year at a glance — key figures with the change on last year, then the whole table."""

import streamlit as st

from disclosure.headline import all_indicators
from disclosure.ui.data import query
from disclosure.ui.escape import md_text, t_md
from disclosure.ui.exports import about, brief_button, display_value
from disclosure.ui.findings import quality_badge
from disclosure.ui.i18n import agency_name, colon, lang, t
from disclosure.ui.page import page_setup
from disclosure.ui.report_table import show_table, table_frame
from disclosure.ui.widgets import agency_and_year
from disclosure.views.overview import headline_cards

page_setup()
st.title(t("page_overview"))
agency, year = agency_and_year()
if agency is None:
    st.info(t("no_reports"))
    st.stop()

header = query("report_header", agency=agency, year=year)
if header.empty:
    st.info(t_md("no_report_year", agency=agency_name(agency), year=year))
    st.stop()
report = header.iloc[0]
about(agency=agency_name(agency), year=year, sources=list(header["source_name"]), is_sample=bool(header["is_sample"].any()))
template = report["template"]

badges = [t(f"template_{template}"), f"{t('source_file')}{colon()}{md_text(report['source_name'])}"]
if report["is_sample"]:
    badges.insert(0, f":material/science: {t('sample_badge')}")
st.caption(" · ".join(badges))

quality_badge(agency, year, st.container(key="quality_badge"))
brief_button(agency, year, lang(), key="brief")

st.subheader(t("headline"))
cards = headline_cards(query("headline_values", agency=agency, year=year, indicators=all_indicators()), template, year, lang())
if not cards:
    st.warning(t("no_table_report"))
for column, card in zip(st.columns(len(cards) or 1), cards):
    delta = card.delta
    column.metric(
        card.label,
        display_value(card.current, "reported") if card.current is not None else t("blank"),
        delta=None if delta is None else display_value(delta, "reported") if delta >= 0 else "-" + display_value(-delta, "reported"),
        help=t("vs_last_year") if delta is not None else t("no_previous"),
        border=True,
    )

st.subheader(t("full_table"))
facts = query("report_facts", agency=agency, year=year)
show_table(table_frame(facts, template), f"{agency}-{year}", key="overview-table")
