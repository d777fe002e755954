"""Pickers that live in the URL (bind="query-params"), so every view can be linked and reopened."""

from __future__ import annotations

import streamlit as st

from .data import query
from .escape import t_md
from .i18n import t

_CHOSEN = "chosen_report"  # (agency, year) last shown, so the next page opens on the same report


def sidebar_settings() -> None:
    with st.sidebar:
        st.toggle(t("lang_toggle"), key="lang_en", bind="query-params")
        st.toggle(t("show_sample"), value=True, key="sample", bind="query-params", help=t("show_sample_help"))


def include_sample() -> bool:
    return bool(st.session_state.get("sample", True))


def agencies():
    return query("agencies", include_sample=include_sample())


def agency_picker(container=None, key: str = "agency") -> str | None:
    frame = agencies()
    if frame.empty:
        return None
    names = frame["agency"].tolist()
    # Real reports first. The option is the plain name (no format_func): a bound selectbox writes its
    # shown label to the URL, and a link must not depend on the language or on a badge. Sample
    # agencies are plainly named 示例市…/示例县…. The agency chosen on another page is the default
    # here: a page switch keeps only the new page's own widget state.
    chosen = st.session_state.get(_CHOSEN, (None, None))[0]
    index = names.index(chosen) if chosen in names else 0
    return (container or st).selectbox(t("agency"), names, index=index, key=key, bind="query-params")


def year_picker(agency: str, container=None, key: str = "year") -> int | None:
    frame = agencies()
    row = frame.loc[frame["agency"] == agency]
    if row.empty:
        return None
    years = sorted((int(y) for y in row.iloc[0]["years"]), reverse=True)
    chosen_agency, chosen_year = st.session_state.get(_CHOSEN, (None, None))
    index = years.index(chosen_year) if chosen_agency == agency and chosen_year in years else 0
    return (container or st).selectbox(t("year"), years, index=index, key=key, bind="query-params")


def agency_and_year() -> tuple[str | None, int | None]:
    left, right = st.columns([3, 1])
    agency = agency_picker(left)
    year = year_picker(agency, right) if agency else None
    st.session_state[_CHOSEN] = (agency, year)
    return agency, year


def pick_report():
    """Agency and year pickers, then that report's facts; a page with nothing to show says why and stops."""
    agency, year = agency_and_year()
    if agency is None:
        st.info(t("no_reports"))
        st.stop()
    facts = query("report_facts", agency=agency, year=year)
    if facts.empty:
        st.info(t_md("no_report_year", agency=agency, year=year))
        st.stop()
    return agency, year, facts
