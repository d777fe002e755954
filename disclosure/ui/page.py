"""Every page starts here, so a deep link works on a fresh server.

Streamlit treats an app with a `pages/` folder as a v1 multipage app until app.py has called
st.navigation once; a first visit straight to /requests would run the page without app.py (no
sidebar settings, no store build). The guard switches to app.py's navigation and reruns.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

log = logging.getLogger(__name__)


def page_setup() -> None:
    from .uploads import install

    install()  # uploads bounded in bytes per session and in all, before any upload reaches a page
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@contextlib.contextmanager
def guarded(section: str):
    """A section of a page that fails on odd data shows one line in the page's language, and the rest of the page
    still draws; the trace goes to the server log. (st.stop and reruns are BaseExceptions and pass through.)"""
    try:
        yield
    except Exception:
        from .i18n import t

        log.exception("page section %s failed", section)
        st.error(t("section_failed"), icon=":material/error:")


CHROME_CSS = (Path(__file__).parent / "chrome.css").read_text(encoding="utf-8")
HTML_LANG = {"zh": "zh-CN", "en": "en"}


def page_chrome(language: str) -> None:
    """The app's own CSS (phones, print) and the document's language, so screen readers, hyphenation and the
    browser's translate offer follow the view. Constant strings only: no document text reaches st.html."""
    st.html(f"<style>{CHROME_CSS}{_uploader_words(language)}</style>")
    code = HTML_LANG.get(language, "zh-CN")  # one of two constants, never a value from the request
    st.html(f"<script>document.documentElement.lang = {code!r};</script>", unsafe_allow_javascript=True)


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _uploader_words(language: str) -> str:
    """The file uploader's button and limits are Streamlit's English words, with no parameter to change them:
    in Chinese they are hidden and the strings table's words drawn in their place."""
    if language != "zh":
        return ""
    from .. import settings
    from .i18n import t

    button, limits = _css_string(t("uploader_button")), _css_string(t("uploader_limits", mb=settings.UPLOAD_MAX_MB))
    return (
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { display: none; }'
        f'[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{ content: {button}; }}'
        '[data-testid="stFileUploaderDropzoneInstructions"] span { display: none; }'
        f'[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: {limits}; font-size: 0.875rem; }}'
    )
