"""A view's whole state, shared by the pages and kept in the URL as stable ids (never labels).

Each choice has one canonical entry in the session (`view.<key>`): the agency, the year, the scope, the
language and the sample switch carry across pages, and a page's own choices (indicator, series …)
are there when the visitor comes back. The widget that shows a choice has a key of its own
(`w.<key>`), is set from the canonical entry before it is drawn and copies a change back, so a page
switch (which forgets widgets that are not drawn) loses nothing.

The URL carries ids — indicator ids, agency ids from the agency table (the canonical name for an
agency the table does not know), years, language codes — so a link means the same view in either
language. It is adopted whenever it differs from what this session last wrote (a link opened, the
address edited); otherwise the session's state wins (a widget just changed). After each choice is
settled it is written back, and keys that belong to no choice of the page are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from .. import agencies as agency_table

# choices every page shares; a page's own keys come with its pickers
GLOBAL_KEYS = ("lang", "sample", "agency", "year", "scope")
PAGE_KEYS = {
    "trends": ("agencies", "series", "follow"),
    "compare": ("indicator", "multiples"),
    "glossary": ("q", "template"),
    "quality": ("years",),
}
_WRITTEN = "view.url"  # the query string this session last wrote, as a dict of lists


def _url() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def adopt_url() -> None:
    """At the top of every run (app.py, before anything is drawn): take in a URL this session did not write."""
    url = _url()
    if url and url != st.session_state.get(_WRITTEN):
        if "lang_en" in url and "lang" not in url:  # links from before the ids
            url["lang"] = ["en" if url["lang_en"][-1].lower() in ("true", "1") else "zh"]
        for key, values in url.items():
            st.session_state[f"url.{key}"] = values  # parsed and checked by the choice that owns the key


def keep_only_page_keys(page: str) -> None:
    """Drop URL keys that belong to no choice of `page` (another page's, or unknown) from the address; a choice
    taken from a link stays pending until the page that owns it settles it."""
    allowed = set(GLOBAL_KEYS) | set(PAGE_KEYS.get(page, ()))
    for key in [k for k in st.query_params if k not in allowed]:
        del st.query_params[key]
    st.session_state[_WRITTEN] = _url()


def _write(key: str, params: list[str]) -> None:
    if st.query_params.get_all(key) != params:
        if params:
            st.query_params[key] = params if len(params) > 1 else params[0]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[_WRITTEN] = _url()


def _copy_back(key: str) -> None:
    st.session_state[f"view.{key}"] = st.session_state[f"w.{key}"]


def current(key: str, default: Any = None) -> Any:
    """The canonical value of a choice (what the last run settled), without drawing a widget."""
    return st.session_state.get(f"view.{key}", default)


def settle(
    key: str,
    options: Sequence | None,
    default: Any,
    *,
    multi: bool = False,
    to_param: Callable[[Any], str] = str,
    from_param: Callable[[str], Any] | None = None,
    default_in_url: bool = True,
) -> Any:
    """The choice's value: from a URL just opened, else from the session, else `default`; always one of `options`
    (a multi choice keeps its valid entries in order; `options=None` takes any text). Sets the widget's state and
    writes the URL (without the key when the value is the default and `default_in_url` is False: a link without
    a language opens in the recipient's)."""
    if options is None:
        parse = from_param or (lambda p: p)
    else:
        parse = from_param or (lambda p: next((o for o in options if to_param(o) == p), None))
    raw = st.session_state.pop(f"url.{key}", None)
    if raw is not None:
        parsed = [v for v in (parse(p) for p in raw) if v is not None]
        value = list(dict.fromkeys(parsed)) if multi else (parsed[-1] if parsed else None)
    else:
        value = st.session_state.get(f"view.{key}", default)
    if options is None:
        value = value if isinstance(value, str) else default
    elif multi:
        value = [v for v in value if v in options]
    elif value not in options:
        value = default
    st.session_state[f"view.{key}"] = value
    st.session_state[f"w.{key}"] = value
    if not default_in_url and value == default:
        _write(key, [])
    else:
        _write(key, [to_param(v) for v in value] if multi else ([] if value in (None, "") else [to_param(value)]))
    return value


def widget_args(key: str) -> dict:
    """key and on_change for the widget that shows choice `key` (call `settle` first)."""
    return {"key": f"w.{key}", "on_change": _copy_back, "args": (key,)}


SETTINGS_KEYS = ("lang", "sample")  # kept in the URL only when not the default


def link_params(agency: str, year: int | None = None) -> dict[str, str]:
    """Query parameters of a link to another page's view of one agency(-year): ids, and the reader's settings."""
    params = {"agency": agency_table.url_id(agency)}
    if year is not None:
        params["year"] = str(int(year))
    for key in SETTINGS_KEYS:
        if key in st.query_params:
            params[key] = st.query_params[key]
    return params
