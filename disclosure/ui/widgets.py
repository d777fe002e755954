"""Pickers whose choices live in the session and the URL as ids (disclosure.ui.view_state), so every view can be
linked, reopened in either language, and carried from page to page."""

from __future__ import annotations

from functools import partial

import streamlit as st

from .. import agencies as agency_table
from .. import scopes, settings
from . import view_state
from .data import query
from .escape import t_md
from .exports import about
from .i18n import agency_name, agency_names, lang, t, t_in

LANGUAGES = {"zh": "中文", "en": "English"}  # each language named in itself


def sidebar_settings() -> None:
    with st.sidebar:
        view_state.settle("lang", list(LANGUAGES), "zh", default_in_url=False)
        st.radio(t("lang_toggle"), list(LANGUAGES), format_func=LANGUAGES.__getitem__, horizontal=True, **view_state.widget_args("lang"))
        view_state.settle(
            "sample", [True, False], _sample_default(), to_param=lambda v: "true" if v else "false", from_param=_flag, default_in_url=False
        )
        st.toggle(t("show_sample"), help=t("show_sample_help"), **view_state.widget_args("sample"))


def _flag(param: str) -> bool | None:
    return {"true": True, "1": True, "false": False, "0": False}.get(param.lower())


def _sample_default() -> bool:
    """Sample data are off whenever the store holds real reports — unless the link being opened names a 示例 agency."""
    every = query("agencies", include_sample=True)
    if every.empty or every["is_sample"].all():
        return True
    samples = every.loc[every["is_sample"], "agency"].tolist()
    linked = (st.session_state.get("url.agency") or []) + (st.session_state.get("url.agencies") or [])
    return any(agency_table.from_url_id(p, samples) for p in linked)


def include_sample() -> bool:
    return bool(view_state.current("sample", True))


GROUP = "group"  # the scope picker's entry for a hand-picked group; its agencies are picked beside it


def _scope_kind_changed() -> None:
    kind = st.session_state["w.scope_kind"]
    members = st.session_state.get("view.scope", "")
    st.session_state["view.scope"] = (members if members.startswith("group:") else "group:") if kind == GROUP else kind


def _scope_group_changed() -> None:
    st.session_state["view.scope"] = "group:" + ",".join(agency_table.url_id(n) for n in st.session_state["w.scope_group"])


def scope_picker(container=None) -> tuple[scopes.Scope, list[str]]:
    """The scope (all agencies, a region, a level, a government with its departments, a hand-picked group; in the URL as
    ids) and its agencies."""
    names = agencies()["agency"].tolist()
    param = view_state.settle("scope", None, "all", from_param=lambda p: p if scopes.from_param(p, names) else None, default_in_url=False)
    scope = scopes.from_param(param, names) or scopes.ALL
    kinds = [s.to_param() for s in scopes.choices(names)] + [GROUP]
    st.session_state["w.scope_kind"] = GROUP if scope.kind == "group" else scope.to_param() if scope.to_param() in kinds else "all"
    box = container or st
    # the language fixed when the page runs: AppTest formats options after the run, outside the session
    box.selectbox(t("scope"), kinds, format_func=partial(_scope_words, language=lang()), key="w.scope_kind", on_change=_scope_kind_changed)
    if scope.kind == "group":
        by_id = {agency_table.url_id(n): n for n in names}
        st.session_state["w.scope_group"] = [by_id[m] for m in scope.members if m in by_id]
        box.multiselect(
            t("scope_group_pick"),
            searched(names, st.session_state["w.scope_group"], "scope_group", box),
            format_func=agency_names(),
            key="w.scope_group",
            on_change=_scope_group_changed,
            placeholder=t("scope_group_placeholder"),
        )
    return scope, scope.agencies(names)


def _scope_words(param: str, language: str) -> str:
    if param == GROUP:
        return t_in("scope_group", language)
    scope = scopes.from_param(param) or scopes.ALL
    kind = {"all": "", "region": t_in("scope_region", language), "level": t_in("scope_level", language), "gov": ""}[scope.kind]
    return (kind + ("：" if language == "zh" else ": ") if kind else "") + scope.name(language)


def scope_name(scope: scopes.Scope) -> str:
    """The scope in the view's language (a group: its agencies' names)."""
    names = agencies()["agency"].tolist()
    by_id = {agency_table.url_id(n): n for n in names}
    return scope.name(lang(), lambda m: agency_name(by_id.get(m, m)))


def scope_year_picker(reports, container=None) -> int | None:
    """The year of a scope's 总览: any year one of its agencies reported; the latest by default."""
    years = sorted({int(y) for y in reports["year"]}, reverse=True)
    if not years:
        return None
    year = view_state.settle("year", years, years[0], from_param=lambda p: int(p) if p.isascii() and p.isdigit() else None)
    (container or st).selectbox(t("year"), years, **view_state.widget_args("year"))
    return year


def agencies():
    return query("agencies", include_sample=include_sample())


def agency_picker(container=None, among: list[str] | None = None) -> str | None:
    """The agency (in the URL as its id); `among`: only these (a scope's agencies)."""
    frame = agencies()
    names = frame["agency"].tolist()  # real reports first
    if among is not None:
        wanted = set(among)
        names = [n for n in names if n in wanted]
    if not names:
        return None
    agency = view_state.settle(
        "agency", names, names[0], to_param=agency_table.url_id, from_param=lambda p: agency_table.from_url_id(p, names)
    )
    shown = searched(names, [agency], "agency", container)
    (container or st).selectbox(t("agency"), shown, format_func=agency_names(), **view_state.widget_args("agency"))
    return agency


def searched(names: list[str], keep: list[str], key: str, container=None) -> list[str]:
    """The options a picker sends: every name while there are few; with many (a province's agencies), a search box
    first and at most settings.PICKER_MAX_OPTIONS matches, the current choice kept."""
    if len(names) <= settings.PICKER_MAX_OPTIONS:
        return names
    query = (container or st).text_input(t("agency_search"), key=f"w.{key}_q", placeholder=t("agency_search_placeholder")).strip()
    name = agency_name
    hits = [n for n in names if query in n or query.lower() in name(n).lower()] if query else names
    return list(dict.fromkeys([*keep, *hits[: settings.PICKER_MAX_OPTIONS]]))


def year_picker(agency: str, container=None) -> int | None:
    frame = agencies()
    row = frame.loc[frame["agency"] == agency]
    if row.empty:
        return None
    years = sorted((int(y) for y in row.iloc[0]["years"]), reverse=True)
    year = view_state.settle("year", years, years[0], from_param=lambda p: int(p) if p.isascii() and p.isdigit() else None)
    (container or st).selectbox(t("year"), years, **view_state.widget_args("year"))
    return year


def agency_and_year(among: list[str] | None = None) -> tuple[str | None, int | None]:
    left, right = st.columns([3, 1])
    agency = agency_picker(left, among)
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


def report_uploader(page: str) -> list:
    """The page's uploader of reports (导入报告, 审核草稿): several files of the endings settings.UPLOAD_TYPES, its label
    and help the page's words (`<page>_uploader`, `<page>_uploader_help`). A new round key empties it when the session
    is cleared (its files cannot be reset through session_state)."""
    uploader_round = st.session_state.setdefault(f"{page}_uploader_round", 0)
    return st.file_uploader(
        t(f"{page}_uploader"),
        type=list(settings.UPLOAD_TYPES),
        accept_multiple_files=True,
        key=f"{page}_files_{uploader_round}",
        help=t(f"{page}_uploader_help", mb=settings.UPLOAD_MAX_MB),
    )


def clear_uploader(page: str) -> None:
    """Empty the page's uploader on the next run (a new widget key)."""
    st.session_state[f"{page}_uploader_round"] = st.session_state.get(f"{page}_uploader_round", 0) + 1
