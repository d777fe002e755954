"""Every page starts here, so a deep link works on a fresh server.

Streamlit treats an app with a `pages/` folder as a v1 multipage app until app.py has called
st.navigation once; a first visit straight to /requests would run the page without app.py (no
sidebar settings, no store build). The guard switches to app.py's navigation and reruns.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def page_setup() -> None:
    from .uploads import install

    install()  # uploads bounded in bytes per session and in all, before any upload reaches a page
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
