"""单位年报: one agency-year — its key figures and rates with the change on the year before and what they cover (本机关 /
本级政府 / 全市或全县汇总, with the report's own sentence), the audit's badge, the brief, then the whole table as reported."""

import streamlit as st

from disclosure.coverage import stands_apart
from disclosure.ui.cards import key_figure_card
from disclosure.ui.data import query
from disclosure.ui.escape import md_text, t_md
from disclosure.ui.exports import about, brief_button
from disclosure.ui.findings import quality_badge
from disclosure.ui.i18n import agency_name, colon, coverage_name, lang, t, template_name
from disclosure.ui.page import page_setup
from disclosure.ui.report_table import ocr_mark, show_table, table_frame
from disclosure.ui.widgets import agency_and_year
from disclosure.views.overview import headline_cards, previous_template, rate_cards, report_indicators

page_setup()
st.title(t("page_report"))
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
reports = query("scope_reports", agencies=[agency])
previous = previous_template(reports, year)

badges = [template_name(template), f"{t('source_file')}{colon()}{md_text(report['source_name'])}"]
if report["is_sample"]:
    badges.insert(0, f":material/science: {t('sample_badge')}")
st.caption(" · ".join(badges))

quality_badge(agency, year, st.container(key="quality_badge"))
brief_button(agency, year, lang(), key="brief")

st.subheader(t("headline"))
coverage = report["coverage"] if isinstance(report["coverage"], str) else ""
if coverage:  # beside the figures: whose work they count, in the report's own words
    st.caption(t_md("report_coverage", coverage=coverage_name(coverage), evidence=report["coverage_evidence"] or ""))
    if stands_apart(coverage):
        st.caption(t("report_coverage_apart"))
else:
    st.caption(t("report_coverage_unstated"))
facts = query("scope_facts", agencies=[agency], year=year, indicators=report_indicators())  # the brief reads the same
cards = headline_cards(facts, template, year, lang(), previous)
if not cards:
    st.warning(t("no_table_report"))
rates = rate_cards(facts, agency, template, year, lang(), previous)
for row in (r for r in (cards, rates) if r):
    for column, card in zip(st.columns(len(row)), row):
        key_figure_card(column, card.label, card.current, card.unit, card.direction, year - 1, card.change, card.delta, card.help)

st.subheader(t("full_table"))
facts = query("report_facts", agency=agency, year=year)
ocr_mark(facts, template)
show_table(table_frame(facts, template), f"{agency}-{year}", key="overview-table")
