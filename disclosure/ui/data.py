"""Read-only access to the store for the pages: one handle per process, a cursor per query.

The handle reopens when the store file is swapped (ingest builds a new file and os.replace()s it),
and query results are cached per store version, so a swap never serves stale numbers.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from .. import settings
from ..modes import open_store, store_cursor
from ..sql import sql

log = logging.getLogger(__name__)


def store_path() -> Path:
    return Path(os.environ.get("DISCLOSURE_DB", settings.DEFAULT_DB))


def store_version() -> str:
    p = store_path()
    try:
        stat = p.stat()
    except FileNotFoundError:
        return "missing"
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


@st.cache_resource(show_spinner=False)
def _store_builder() -> dict:
    """Process-wide: the data/ signature the store was last checked against, and a lock."""
    return {"signature": None, "lock": threading.Lock()}


def _prepare_store(path: str) -> None:
    """Build the store from data/ on first start, and again when files in data/ change.

    Only the default store is built from data/; a store named by DISCLOSURE_DB is used as it is.
    """
    if path != str(settings.DEFAULT_DB):
        return
    from ..store import data_signature, ensure_store

    state = _store_builder()
    signature = data_signature()  # a stat() per file: cheap enough for every run
    if state["signature"] == signature:
        return
    with state["lock"]:
        if state["signature"] != signature:
            with st.spinner("正在从 data/ 建立数据库… Building the store from data/…"):
                try:
                    ensure_store(Path(path), signature)
                except Exception:
                    # A bad file is skipped inside the build; should the build itself fail, the pages keep the
                    # store they have, and the next change in data/ (not every visit) tries again.
                    log.exception("building the store from data/ failed")
            state["signature"] = signature


@st.cache_resource(show_spinner=False, max_entries=2)
def _handle(path: str, version: str) -> duckdb.DuckDBPyConnection:
    # attached read-only, so each swap is seen; external access off, memory and per-query time limits, locked
    return open_store(path)


def connection() -> duckdb.DuckDBPyConnection | None:
    path = store_path()
    _prepare_store(str(path))
    version = store_version()
    if version == "missing":
        return None
    return _handle(str(path), version)


@st.cache_data(show_spinner=False, max_entries=settings.QUERY_CACHE_ENTRIES)
def _cached(name: str, params: tuple, version: str) -> pd.DataFrame:
    con = _handle(str(store_path()), version)
    cur = store_cursor(con)  # a DuckDB connection must not serve two sessions' threads at once
    try:
        return cur.execute(sql(name), {k: list(v) if isinstance(v, tuple) else v for k, v in params}).df()
    finally:
        cur.close()


def query(name: str, **params) -> pd.DataFrame:
    """Run the named query (queries/<name>.sql) with bound parameters; an empty frame when no store."""
    if connection() is None:
        return pd.DataFrame()
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached(name, frozen, store_version()).copy()
