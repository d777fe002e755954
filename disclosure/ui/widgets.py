"""Pickers whose choices live in the session and the URL as ids (disclosure.ui.view_state), so every view can be
linked, reopened in either language, and carried from page to page."""

from __future__ import annotations

import streamlit as st

from .. import agencies as agency_table
from . import view_state
from .data import query
from .escape import t_md
from .exports import about
from .i18n import agency_name, agency_names, t

LANGUAGES = {"zh": "中文", "en": "English"}  # each language named in itself


def sidebar_settings() -> None:
    with st.sidebar:
        view_state.settle("lang", list(LANGUAGES), "zh", default_in_url=False)
        st.radio(t("lang_toggle"), list(LANGUAGES), format_func=LANGUAGES.__getitem__, horizontal=True, **view_state.widget_args("lang"))
        view_state.settle(
            "sample", [True, False], True, to_param=lambda v: "true" if v else "false", from_param=_flag, default_in_url=False
        )
        st.toggle(t("show_sample"), help=t("show_sample_help"), **view_state.widget_args("sample"))


def _flag(param: str) -> bool | None:
    return {"true": True, "1": True, "false": False, "0": False}.get(param.lower())


def include_sample() -> bool:
    return bool(view_state.current("sample", True))


def agencies():
    return query("agencies", include_sample=include_sample())


def agency_picker(container=None) -> str | None:
    frame = agencies()
    if frame.empty:
        return None
    names = frame["agency"].tolist()  # real reports first
    agency = view_state.settle(
        "agency", names, names[0], to_param=agency_table.url_id, from_param=lambda p: agency_table.from_url_id(p, names)
    )
    (container or st).selectbox(t("agency"), names, format_func=agency_names(), **view_state.widget_args("agency"))
    return agency


def year_picker(agency: str, container=None) -> int | None:
    frame = agencies()
    row = frame.loc[frame["agency"] == agency]
    if row.empty:
        return None
    years = sorted((int(y) for y in row.iloc[0]["years"]), reverse=True)
    year = view_state.settle("year", years, years[0], from_param=lambda p: int(p) if p.isascii() and p.isdigit() else None)
    (container or st).selectbox(t("year"), years, **view_state.widget_args("year"))
    return year


def agency_and_year() -> tuple[str | None, int | None]:
    left, right = st.columns([3, 1])
    agency = agency_picker(left)
    year = year_picker(agency, right) if agency else None
    return agency, year


def pick_report():
    """Agency and year pickers, then that report's facts; a page with nothing to show says why and stops."""
    agency, year = agency_and_year()
    if agency is None:
        st.info(t("no_reports"))
        st.stop()
    facts = query("report_facts", agency=agency, year=year)
    if facts.empty:
        st.info(t_md("no_report_year", agency=agency_name(agency), year=year))
        st.stop()
    about(agency=agency_name(agency), year=year, sources=sorted(set(facts["source_name"])), is_sample=bool(facts["is_sample"].any()))
    return agency, year, facts
