"""The numbers behind every chart, one click away, with CSV and Excel downloads."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from .. import catalog
from ..formats import format_value
from .escape import export_cell
from .i18n import t


def to_csv(frame: pd.DataFrame) -> bytes:
    # utf-8-sig: Excel on Windows opens a BOM-marked CSV as UTF-8, so the Chinese reads correctly.
    # Text cells a spreadsheet would evaluate (=, +, -, @ …, from agency or file names) are kept as text.
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column].dtype):
            safe[column] = safe[column].map(export_cell)
    return safe.to_csv(index=False).encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    buffer = io.BytesIO()
    # every string is written as a string: never as a formula or a live hyperlink
    options = {"options": {"strings_to_formulas": False, "strings_to_urls": False}}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs=options) as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def downloads(frame: pd.DataFrame, name: str, key: str) -> None:
    left, right = st.columns(2)
    # The files are built on click (deferred data): building every expander's Excel on each rerun
    # cost ~30 ms a table, more than a page's whole budget allows.
    left.download_button(
        t("download_csv"), lambda: to_csv(frame), file_name=f"{name}.csv", mime="text/csv", key=f"{key}-csv", width="stretch"
    )
    right.download_button(
        t("download_xlsx"),
        lambda: to_xlsx(frame),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        width="stretch",
    )


def numbers(frame: pd.DataFrame, name: str, key: str, expanded: bool = False) -> None:
    """An expander holding the table behind a chart and its downloads."""
    with st.expander(t("numbers"), expanded=expanded):
        st.dataframe(frame, hide_index=True, width="stretch", placeholder="")
        downloads(frame, name, key)


def display_value(value, status: str, indicator: str | None = None) -> str:
    """How a cell reads on screen: blank stays blank, n/a is ——, a figure as formats.format_value shows it
    in its indicator's unit (a stored indicator the catalog no longer has reads as a figure without one)."""
    if status == "na":
        return "——"
    if status == "blank":
        return ""
    return format_value(value, indicator if indicator in catalog.indicators() else None)
