"""Every page starts here, so a deep link works on a fresh server.

Streamlit treats an app with a `pages/` folder as a v1 multipage app until app.py has called
st.navigation once; a first visit straight to /requests would run the page without app.py (no
sidebar settings, no store build). The guard leaves v1 mode and switches to the same page through
app.py's navigation, keeping the query parameters. The default page (总览) is served at "/" by
app.py, so it switches to the main script, which app.py resolves to that page.
"""
from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PAGE = ROOT / "pages" / "overview.py"


def page_setup() -> None:
    if not PagesManager.uses_pages_directory:
        return
    PagesManager.uses_pages_directory = False
    script = Path(sys._getframe(1).f_code.co_filename).resolve()  # the page script that called us
    target = ROOT / "app.py" if script == DEFAULT_PAGE else script
    st.switch_page(str(target), query_params=st.query_params.to_dict())
