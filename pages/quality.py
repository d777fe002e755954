"""数据质量: each report's card (completeness and findings), then the findings across agencies by rule."""

from functools import partial

import streamlit as st

from disclosure import settings
from disclosure.audit import RULES
from disclosure.formats import format_value
from disclosure.ui import charts, view_state
from disclosure.ui.data import query
from disclosure.ui.escape import t_md
from disclosure.ui.exports import about, numbers, shared_chart
from disclosure.ui.findings import md_escape, render_findings, report_findings, rule_title, severity_counts
from disclosure.ui.i18n import agency_name, agency_names, lang, t, template_name, unit_axis
from disclosure.ui.new_agencies import new_agencies_section
from disclosure.ui.page import page_setup
from disclosure.ui.report_table import ocr_mark
from disclosure.ui.skipped import skipped_files_section
from disclosure.ui.widgets import agencies, agency_and_year, include_sample
from disclosure.views import quality as view

colour_of = charts.SEVERITY_COLOURS

page_setup()
st.title(t("page_quality"))
st.caption(t("quality_intro"))
skipped_files_section()
new_agencies_section()
agency, year = agency_and_year()
if agency is None:
    st.info(t("no_reports"))
    st.stop()


def report_card(report, facts, findings) -> None:
    """Completeness against the template, then the findings, most severe first."""
    with st.container(border=True):
        st.subheader(t_md("report_card_title", agency=agency_name(agency), year=year))
        badges = [report["source_name"], template_name(report["template"])]
        if report["is_sample"]:
            badges.insert(0, t("sample_badge"))
        st.caption(md_escape(" · ".join(badges)))

        ocr_mark(facts, report["template"])
        st.markdown(f"**{t('completeness_title')}**")
        c = view.completeness(report, facts)
        shown = ["expected", "reported", "blank", "na", "absent"] + (["unreadable"] if c["unreadable"] else [])
        cells = st.columns(len(shown) + 1)
        for cell, key in zip(cells, shown):
            cell.metric(t(f"cells_{key}"), format_value(c[key]), border=True)
        cells[-1].metric(t("share_reported"), format_value(100 * c["share_reported"], "%") + "%", border=True)
        st.caption(t("completeness_note"))

        counts = severity_counts(findings)
        st.markdown(
            f"**{t('findings_title')}** · "
            + md_escape(t("findings_summary", errors=counts["error"], warnings=counts["warning"], infos=counts["info"]))
        )
        if findings.empty:
            st.success(t("no_findings"), icon=":material/check_circle:")
        else:
            render_findings(findings)


header = query("report_header", agency=agency, year=year)
if header.empty:
    st.info(t_md("no_report_year", agency=agency_name(agency), year=year))
else:
    facts = query("report_facts", agency=agency, year=year)
    findings = report_findings(agency, year)
    for _, report in header.iterrows():
        mine = findings[findings["report_id"] == report["report_id"]] if not findings.empty else findings
        report_card(report, facts[facts["report_id"] == report["report_id"]], mine)

# --- across agencies ---------------------------------------------------------------------------
st.divider()
st.header(t("across_agencies"))
years = sorted({int(y) for ys in agencies()["years"] for y in ys}, reverse=True)
year_options = ["all", *map(str, years)]
scope = view_state.settle("years", year_options, "all")
st.selectbox(t("year"), year_options, format_func=lambda v: t("all_years") if v == "all" else v, **view_state.widget_args("years"))
scope_year = None if scope == "all" else int(scope)
scope_name = t("all_years") if scope_year is None else str(scope_year)
sample = include_sample()

about(agency="", year=scope_year, sources=[], scope=t("export_all_agencies"), is_sample=sample)
st.subheader(t("rule_counts_title"))
by_rule = query("quality_rule_counts", year=scope_year, include_sample=sample)
ranking = query("quality_ranking", year=scope_year, include_sample=sample)
if ranking.empty:
    st.info(t("no_reports_scope"))
    st.stop()
st.caption(
    t("rule_counts_caption", scope=scope_name, reports=len(ranking), findings=int(by_rule["findings"].sum()) if not by_rule.empty else 0)
)
if by_rule.empty:
    st.success(t("rule_counts_empty"), icon=":material/check_circle:")
else:
    by_rule["title"] = [rule_title(r) for r in by_rule["rule"]]
    order, stacks = view.rule_stack(by_rule)
    build = partial(
        charts.severity_bars,
        order,
        {t("severity_" + severity): (colour_of[severity], counts) for severity, counts in stacks.items()},
        f"{t('rule_counts_title')} · {scope_name}",
        unit_axis("条"),
        "条",  # a finding is counted as one 条
    )
    shared_chart(build, "quality-rules", f"quality-rules-{scope}")
    table = by_rule[["rule", "title", "severity", "findings", "reports"]].assign(severity=[t("severity_" + s) for s in by_rule["severity"]])
    numbers(
        table.rename(
            columns={
                "rule": t("rule_id"),
                "title": t("rule"),
                "severity": t("severity"),
                "findings": t("findings_count"),
                "reports": t("reports_count"),
            }
        ),
        f"quality-rules-{scope}",
        key="numbers-quality-rules",
    )

st.subheader(t("ranking_title"))
COLUMNS = {
    "agency": t("agency"),
    "year": t("year"),
    "template": t("template"),
    "is_sample": t("sample"),
    "errors": t("errors"),
    "warnings": t("warnings"),
    "infos": t("infos"),
}


template_words = {v: template_name(v) for v in ranking["template"].unique()}


def in_words(frame):
    """The ranking as the reader sees it: the agency's name and the template in words, the columns named."""
    named = frame.assign(template=frame["template"].map(template_words), agency=frame["agency"].map(agency_names()))
    return named[list(COLUMNS)].rename(columns=COLUMNS)


top_reports = ranking.head(settings.TABLE_MAX_ROWS)  # errors first: the reports to look at; the files hold all
st.caption(t("ranking_caption"))
st.dataframe(
    in_words(top_reports).assign(**{t("open_card"): view.card_links(top_reports)}),
    hide_index=True,
    width="stretch",
    placeholder="",
    column_config={
        t("open_card"): st.column_config.LinkColumn(t("open_card"), display_text=t("open_card")),
        t("year"): st.column_config.NumberColumn(t("year"), format="%d"),
    },
)
if len(ranking) > len(top_reports):
    st.caption(t("table_first_rows", shown=len(top_reports), total=len(ranking)))
numbers(in_words(ranking), f"quality-ranking-{scope}", key="numbers-quality-ranking")

with st.expander(t("rules_reference")):
    reference = [
        {
            t("rule_id"): r.id,
            t("rule"): r.title_zh if lang() == "zh" else r.title_en,
            t("severity"): t("severity_" + r.severity),
            t("definition"): r.description_zh if lang() == "zh" else r.description_en,
            t("cross_year"): "✓" if r.cross_year else "",
        }
        for r in RULES
    ]
    st.dataframe(reference, hide_index=True, width="stretch", placeholder="")
