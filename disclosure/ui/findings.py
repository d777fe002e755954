"""Audit findings on screen: one finding, a report's list, the expander beside a chart, the 总览 badge.

Findings carry text copied from the report (the narrative sentence) and messages that quote it, so
nothing here is rendered as HTML, and every piece of markdown is escaped first: a `$` would start
LaTeX, a `*` or `_` would turn a label into emphasis.
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from .. import catalog
from ..audit import RULES_BY_ID
from ..formats import format_value
from ..model import stored_text
from ..settings import ROOT
from ..views.quality import SEVERITIES
from . import view_state
from .data import query, shared
from .exports import display_value, view_key
from .i18n import STRINGS, agency_name, aside, clause_sep, colon, column_label, lang, t
from .report_table import md_escape

# absolute, so the link resolves wherever the entry script lives (app.py, or a test harness)
QUALITY_PAGE = str(ROOT / "pages" / "quality.py")
# material icons, not emoji: a server or reader without a colour-emoji font shows emoji as empty boxes
SEVERITY_ICON = {"error": ":material/error:", "warning": ":material/warning:", "info": ":material/info:"}
SEVERITY_COLOUR = {"error": "red", "warning": "orange", "info": "blue"}
SHOWN_INDICATORS = 12  # a completeness finding can name dozens of rows; the card lists the first few


def _list(value) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [str(v) for v in value]


def _values(text) -> dict:
    if not isinstance(text, str) or not text:
        return {}
    try:
        parsed = json.loads(text)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def report_findings(agency: str, year: int) -> pd.DataFrame:
    """The agency-year's findings with indicators as lists and values as dicts."""
    frame = query("quality_findings", agency=agency, year=int(year))
    if frame.empty:
        return frame
    frame["indicators"] = [_list(v) for v in frame["indicators"]]
    frame["values"] = [_values(v) for v in frame["values"]]
    return frame


def _names(wanted: set[str], prefixes: tuple[str, ...], keys: set[str]) -> bool:
    return bool(wanted & keys) or any(k.startswith(prefixes) for k in keys)


def touching(frame: pd.DataFrame, indicators: list[str] | None) -> pd.DataFrame:
    """The findings that name any of the given indicators (all of them when none are given); an
    indicator given as `prefix.*` stands for all its child rows, as in the crosswalk."""
    if indicators is None or frame.empty:
        return frame
    wanted = {i for i in indicators if not i.endswith(".*")}
    prefixes = tuple(i[:-1] for i in indicators if i.endswith(".*"))
    keep = [
        _names(wanted, prefixes, {i.split("|")[0] for i in inds} | {k.split("|")[0] for k in vals})
        for inds, vals in zip(frame["indicators"], frame["values"])
    ]
    return frame[keep]


def severity_counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["severity"].value_counts().to_dict() if not frame.empty else {}
    return {s: int(counts.get(s, 0)) for s in SEVERITIES}


def rule_title(rule_id: str) -> str:
    rule = RULES_BY_ID.get(rule_id)
    if rule is None:
        return rule_id  # a parse-stage finding (e.g. unmapped_row) has no audit rule entry
    return rule.title_zh if lang() == "zh" else rule.title_en


def indicator_label(key: str) -> str:
    """A values/indicators key as the reader knows it: the catalog label, with the applicant column."""
    ind_id, _, applicant = key.partition("|")
    if ind_id in catalog.indicators():
        text = catalog.get(ind_id).label(lang(), short=True)
        try:
            return text + aside(column_label(applicant)) if applicant else text
        except KeyError:  # not a column the catalog names
            return text
    if f"value_{key}" in STRINGS:
        return t(f"value_{key}")
    return key


def value_text(key: str, value) -> str:
    """A finding's value as it reads: a cell (`indicator`, `indicator|column`, `YYYY:indicator`) in its
    indicator's unit, the copied-narrative similarity as a percentage, a blank as 未填."""
    if value is None:
        return t("blank")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if key == "similarity":
        return format_value(100 * value, "%") + "%"
    indicator = key.partition("|")[0].rpartition(":")[2]
    return display_value(value, "reported", indicator)


def involved_text(indicators: list[str], values: dict) -> str:
    """'涉及指标：回应解读渠道 = 0；…' — every indicator named, with its value when the finding gives one."""
    keys = list(dict.fromkeys([*indicators, *values]))
    parts = [f"{indicator_label(k)} = {value_text(k, values[k])}" if k in values else indicator_label(k) for k in keys[:SHOWN_INDICATORS]]
    more = f" {t('involved_more', n=len(keys))}" if len(keys) > SHOWN_INDICATORS else ""
    return t("involved") + colon() + clause_sep().join(parts) + more


def finding_message(row) -> str:
    """The finding's words in the page's language, from strings.csv."""
    return stored_text(row.get("code"), row.get("params"), lang(), row["message"], row["message_en"])


def render_finding(row, container=None) -> None:
    """One finding: severity and rule, the message, the indicators and values, the sentence as text."""
    box = (container or st).container(border=True)
    severity = row["severity"] if row["severity"] in SEVERITIES else "info"
    stage = f" · {t('stage_parse')}" if row.get("stage") == "parse" else ""
    colour = SEVERITY_COLOUR[severity]
    box.markdown(
        f":{colour}[{SEVERITY_ICON[severity]} **{md_escape(t('severity_' + severity))}**] · {md_escape(rule_title(row['rule']))}{md_escape(stage)}"
    )
    box.markdown(md_escape(finding_message(row)))
    if row["indicators"] or row["values"]:
        box.caption(md_escape(involved_text(row["indicators"], row["values"])))
    if isinstance(row.get("sentence"), str) and row["sentence"]:
        box.caption(md_escape(t("sentence") + colon()))
        box.text(row["sentence"])  # the report's own words, shown as plain text


def render_findings(frame: pd.DataFrame, container=None) -> None:
    for _, row in frame.iterrows():
        render_finding(row, container)


def quality_link(agency: str, year: int, container=None) -> None:
    params = view_state.link_params(agency, year)  # ids, and the reader's language and sample choice
    (container or st).page_link(QUALITY_PAGE, label=t("open_quality"), icon=":material/verified:", query_params=params)


def findings_expander(agency: str, year: int, indicators: list[str] | None = None, container=None, link: bool = True) -> pd.DataFrame:
    """「本图相关的数据质量提示 (N)」: the findings touching the chart's indicators (None: the whole
    report's), and a link to the quality page for the agency-year. Returns the findings shown. Drawn once for every
    visitor of the view (data.shared) unless it goes into a container of the caller's, which a replay cannot reach."""
    if container is not None:
        return _findings_expander(agency, year, indicators, container, link)
    chosen = None if indicators is None else tuple(indicators)
    return shared(
        "findings", (*view_key(), agency, int(year), chosen, link), lambda: _findings_expander(agency, year, indicators, None, link)
    )


def _findings_expander(agency: str, year: int, indicators: list[str] | None, container, link: bool) -> pd.DataFrame:
    shown = touching(report_findings(agency, year), indicators)
    counts = severity_counts(shown)
    title = t("chart_findings" if indicators is not None else "report_findings", n=len(shown))
    icon = ":material/error:" if counts["error"] else ":material/warning:" if counts["warning"] else ":material/verified:"
    with (container or st).expander(title, icon=icon):
        if shown.empty:
            st.success(t("chart_no_findings") if indicators is not None else t("no_findings"), icon=":material/check_circle:")
        render_findings(shown)
        if link:
            quality_link(agency, year)
    return shown


def trend_findings_expander(agency_years: list[tuple[str, int]], indicators: list[str]) -> pd.DataFrame:
    """The trend chart's 「本图相关的数据质量提示 (N)」: findings on the chosen series in every
    agency-year the chart draws, each agency-year under its own heading with its quality link. Drawn once for every
    visitor of the view (data.shared)."""
    pairs = tuple((agency, int(year)) for agency, year in agency_years)
    return shared("trend-findings", (*view_key(), pairs, tuple(indicators)), lambda: _trend_findings_expander(pairs, indicators))


def _trend_findings_expander(agency_years, indicators: list[str]) -> pd.DataFrame:
    groups = [(agency, int(year), touching(report_findings(agency, year), indicators)) for agency, year in agency_years]
    groups = [g for g in groups if not g[2].empty]
    total = sum(len(f) for *_, f in groups)
    counts = {s: sum(severity_counts(f)[s] for *_, f in groups) for s in SEVERITIES}
    icon = ":material/error:" if counts["error"] else ":material/warning:" if counts["warning"] else ":material/verified:"
    with st.expander(t("chart_findings", n=total), icon=icon):
        if not groups:
            st.success(t("chart_no_findings"), icon=":material/check_circle:")
        for agency, year, shown in groups:
            st.markdown(f"**{md_escape(agency_name(agency))} · {year}**")
            render_findings(shown)
            quality_link(agency, year)
    return pd.concat([f for *_, f in groups], ignore_index=True) if groups else pd.DataFrame()


def quality_badge(agency: str, year: int, container=None) -> None:
    """The 总览 badge: errors and warnings at a glance, the link to the report card, the findings."""
    box = container or st.container(key="quality_badge")
    counts = severity_counts(report_findings(agency, year))
    if counts["error"] or counts["warning"]:
        box.warning(
            t("quality_badge") + colon() + t("quality_findings", errors=counts["error"], warnings=counts["warning"]),
            icon=":material/warning:",
        )
    else:
        box.success(t("quality_badge") + colon() + t("quality_ok"), icon=":material/check_circle:")
    quality_link(agency, year, box)
    findings_expander(agency, year, None, container=box, link=False)
