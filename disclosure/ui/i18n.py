"""Chinese first, English on request. Every UI string is one row of `catalog/strings.csv` (key, zh, en),
read once when this module is imported; `t(key, …)` gives it in the reader's language."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from .. import agencies, catalog
from ..model import reason_text

CATALOG = Path(__file__).resolve().parent.parent / "catalog"
STRINGS_CSV = catalog.STRINGS_CSV
read_strings = catalog.read_strings
STRINGS: dict[str, tuple[str, str]] = catalog.strings()


def lang() -> str:
    return "en" if st.session_state.get("view.lang") == "en" else "zh"  # settled by the sidebar (ui.view_state)


def t(key: str, **fmt) -> str:
    return t_in(key, lang(), **fmt)


t_in = catalog.t_in  # a string in a given language (a widget's format_func runs outside the script run in AppTest)


def label(indicator, short: bool = True) -> str:
    """An indicator's label in the current language (catalog.Indicator or its id)."""
    ind = catalog.get(indicator) if isinstance(indicator, str) else indicator
    return ind.label(lang(), short=short)


def column_label(column_id: str, template: str | None = None) -> str:
    """A table column (自然人 … 总计, 本年度, 历年累计) in the current language, as `template` names it (catalog/columns.csv)."""
    return catalog.column_label(column_id, lang(), template)


def template_name(template_id: str, short: bool = False) -> str:
    """A template's name in the current language (catalog/templates.csv): 2019版年报格式…, or its short name (2019版)."""
    return catalog.template(template_id).name(lang(), short=short)


# Punctuation follows the language: full-width in Chinese, ASCII with spaces in English.
def colon() -> str:
    return "：" if lang() == "zh" else ": "


def aside(text: str) -> str:
    """A note in parentheses after a name: 收到申请（跨口径） / Requests received (across templates)."""
    return f"（{text}）" if lang() == "zh" else f" ({text})"


def list_sep() -> str:
    """Between items of a list: 、 / ,"""
    return catalog.SEPARATORS["list"][lang() == "en"]


def clause_sep() -> str:
    """Between clauses: ； / ;"""
    return catalog.SEPARATORS["clause"][lang() == "en"]


def agency_name(name: str, language: str | None = None) -> str:
    """An agency as the reader's language names it: the agency table's English name where it has one."""
    return agencies.name_in(name, language or lang())


def coverage_name(coverage_id: str, language: str | None = None) -> str:
    """A report's coverage (catalog/coverage.csv) in the reader's language; 未写明 when the report does not say."""
    from .. import coverage

    found = coverage.classes().get(coverage_id) if isinstance(coverage_id, str) else None
    return found.name(language or lang()) if found is not None else t("coverage_unstated")


def agency_names() -> Callable[[str], str]:
    """agency_name with the language fixed now: a widget's format_func may also be called outside the run
    (AppTest formats options after it), where the session's language cannot be read."""
    return functools.partial(agency_name, language=lang())


# plotly's own toolbar and hints, in the view's language (plotly.js takes a locale dictionary in the config)
PLOTLY_WORDS = {
    "Download plot as a png": "plotly_download_png",
    "Download plot as a PNG": "plotly_download_png",
    "Fullscreen": "plotly_fullscreen",
    "Download plot": "plotly_download",
    "Zoom": "plotly_zoom",
    "Pan": "plotly_pan",
    "Zoom in": "plotly_zoom_in",
    "Zoom out": "plotly_zoom_out",
    "Autoscale": "plotly_autoscale",
    "Reset axes": "plotly_reset_axes",
    "Reset view": "plotly_reset_view",
    "Toggle Spike Lines": "plotly_spikes",
    "Show closest data on hover": "plotly_hover_closest",
    "Compare data on hover": "plotly_hover_compare",
    "Double-click to zoom back out": "plotly_double_click",
}


def plot_config(name: str) -> dict:
    """charts.plot_config with plotly's toolbar words in the view's language."""
    from . import charts

    config = charts.plot_config(name)
    if lang() == "zh":
        config["locale"] = "zh-CN"
        config["locales"] = {"zh-CN": {"dictionary": {word: t(key) for word, key in PLOTLY_WORDS.items()}, "format": {}}}
    return config


def error_text(reason, language: str | None = None) -> str:
    """Why a file was refused, in the view's language: a Refusal knows its words in both (catalog/strings.csv)."""
    return reason_text(reason, language or lang())


def unit_axis(unit: str) -> str:
    """A value axis's title: the count in its unit, 数量（件） / Count (cases)."""
    return t("count") + aside(catalog.unit_name(unit, lang()))
