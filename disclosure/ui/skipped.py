"""数据质量's list of the files the store build or an ingest could not read: a bad file is seen, not fatal."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from .data import query
from .i18n import lang, t


def skipped_files() -> pd.DataFrame:
    try:
        return query("quality_skipped_files")
    except (duckdb.CatalogException, duckdb.BinderException):  # a store written before the list (or its Chinese) existed
        return pd.DataFrame(columns=["source_name", "reason", "reason_zh", "skipped_at"])


def skipped_files_section() -> None:
    frame = skipped_files()
    if frame.empty:
        return
    with st.expander(t("skipped_files", n=len(frame)), icon=":material/block:"):
        st.caption(t("skipped_files_caption"))
        # st.dataframe shows every cell as text: a file name or reason is never markup
        if lang() == "zh":
            frame = frame.assign(reason=frame["reason_zh"].where(frame["reason_zh"].notna(), frame["reason"]))
        frame = frame.drop(columns=["reason_zh"])
        st.dataframe(
            frame.rename(columns={"source_name": t("skipped_file"), "reason": t("skipped_reason"), "skipped_at": t("skipped_at")}),
            hide_index=True,
            width="stretch",
            placeholder="",
            key="skipped-files",
        )
