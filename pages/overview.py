"""总览: one agency-year at a glance — key figures with the change on last year, then the whole table."""

import streamlit as st

from disclosure.headline import HEADLINES, all_indicators, headline_value
from disclosure.ui.data import query
from disclosure.ui.escape import md_text, t_md
from disclosure.ui.findings import quality_badge
from disclosure.ui.i18n import lang, t
from disclosure.ui.page import page_setup
from disclosure.ui.report_table import show_table, table_frame
from disclosure.ui.tables import display_value
from disclosure.ui.widgets import agency_and_year

page_setup()
st.title(t("page_overview"))
agency, year = agency_and_year()
if agency is None:
    st.info(t("no_reports"))
    st.stop()

header = query("report_header", agency=agency, year=year)
if header.empty:
    st.info(t_md("no_report_year", agency=agency, year=year))
    st.stop()
report = header.iloc[0]
template = report["template"]

badges = [t(f"template_{template}"), f"{t('source_file')}：{md_text(report['source_name'])}"]
if report["is_sample"]:
    badges.insert(0, f":material/science: {t('sample_badge')}")
st.caption(" · ".join(badges))

quality_badge(agency, year, st.container(key="quality_badge"))

st.subheader(t("headline"))
values = query("headline_values", agency=agency, year=year, indicators=all_indicators())
by_year = {y: dict(zip(g["indicator"], g["value"].where(g["value"].notna(), None))) for y, g in values.groupby("year")}
prev_template = values.loc[values["year"] == year - 1, "template"].iloc[0] if (values["year"] == year - 1).any() else None
if not HEADLINES[template]:
    st.warning(t("no_table_report"))
cards = st.columns(len(HEADLINES[template]) or 1)
for card, h in zip(cards, HEADLINES[template]):
    current = headline_value(by_year.get(year, {}), h)
    # A change is shown only against a report on the same headline set (no arrows across 2018→2019).
    comparable = prev_template is not None and HEADLINES.get(prev_template) is HEADLINES[template]
    previous = headline_value(by_year.get(year - 1, {}), h) if comparable else None
    delta = None if current is None or previous is None else current - previous
    card.metric(
        h.zh if lang() == "zh" else h.en,
        display_value(current, "reported") if current is not None else t("blank"),
        delta=None if delta is None else display_value(delta, "reported") if delta >= 0 else "-" + display_value(-delta, "reported"),
        help=t("vs_last_year") if delta is not None else t("no_previous"),
        border=True,
    )

st.subheader(t("full_table"))
facts = query("report_facts", agency=agency, year=year)
show_table(table_frame(facts, template), f"{agency}-{year}", key="overview-table")
