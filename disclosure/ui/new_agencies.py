"""数据质量's list of agencies the registry learned from documents and a person has yet to confirm, alias or merge."""

from __future__ import annotations

import streamlit as st

from ..views import quality as view
from .i18n import t
from .widgets import agencies

HEADINGS = {
    "name_zh": "new_agency_name_zh",
    "region": "new_agency_region",
    "level": "new_agency_level",
    "government": "new_agency_government",
    "first_report": "new_agency_first_report",
    "last_report": "new_agency_last_report",
    "reports": "new_agency_reports",
}


def new_agencies_section() -> None:
    new = view.new_agencies(agencies())
    if new.empty:
        return
    with st.expander(t("new_agencies", n=len(new)), icon=":material/person_add:"):
        st.caption(t("new_agencies_caption"))
        # st.dataframe shows every cell as text: a printed name is never markup
        st.dataframe(
            new.rename(columns={c: t(key) for c, key in HEADINGS.items()}),
            hide_index=True,
            width="stretch",
            placeholder="",
            key="new-agencies",
        )
        st.download_button(
            t("new_agencies_download"),
            view.agency_table_rows(new).encode("utf-8-sig"),
            file_name="new_agencies.csv",
            mime="text/csv",
            icon=":material/download:",
            key="new-agencies-download",
        )
