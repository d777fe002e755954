"""Public demo or admin: who may change the store.

Public is the default, so a deployment that forgets the setting stays safe: the store is only read,
uploads live in the browser session, the DuckDB handle cannot reach files or the network and every
query has a time limit. Admin (DISCLOSURE_MODE=admin, or `mode = "admin"` in Streamlit secrets)
saves imported reports to the store and keeps the uploaded file under data/reports/uploads/.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import duckdb

from . import settings
from .model import Report

PUBLIC = "public"
ADMIN = "admin"


def mode() -> str:
    """The environment wins over secrets; anything but an explicit "admin" is public."""
    value = os.environ.get("DISCLOSURE_MODE")
    if value is None:
        value = _secret_mode()
    return ADMIN if str(value or "").strip().lower() == ADMIN else PUBLIC


def is_admin() -> bool:
    return mode() == ADMIN


def _secret_mode() -> str | None:
    try:
        import streamlit as st

        return st.secrets.get("mode")
    except Exception:  # no secrets.toml (StreamlitSecretNotFoundError) or not under Streamlit: not admin
        return None


STORE_ALIAS = "store"


def open_store(path: str | Path) -> duckdb.DuckDBPyConnection:
    """The app's read handle: a fresh in-memory DuckDB with the store file attached READ_ONLY.

    Attaching (rather than duckdb.connect(path)) matters twice: duckdb.connect caches one database
    instance per path, so after ingest os.replace()s the file a new connect would still serve the old
    file while any old handle lives; and it refuses a second connection to the path with a different
    config, which would break the store's own read-only look-ups in the same process (admin import).
    After the attach, external access is switched off and the configuration locked, so no statement
    can read files, reach the network, or lift the memory limit or the per-query time limit
    (max_execution_time, milliseconds: DuckDB interrupts a query past its deadline).
    """
    base = settings.duckdb_config()
    con = duckdb.connect(
        ":memory:",
        config={"memory_limit": base["memory_limit"], "threads": base["threads"], "max_execution_time": str(settings.QUERY_TIMEOUT_MS)},
    )
    try:
        con.execute(f"ATTACH $path AS {STORE_ALIAS} (READ_ONLY)", {"path": str(path)})
        con.execute(f"USE {STORE_ALIAS}")
        con.execute("SET enable_external_access = false")
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
        con.execute("SET lock_configuration = true")
    except Exception:
        con.close()
        raise
    return con


def store_cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for one query on one thread; a cursor starts in the in-memory catalog, so point it at the store."""
    cur = con.cursor()
    cur.execute(f"USE {STORE_ALIAS}")
    return cur


def parse_upload(data: bytes, name: str) -> Report:
    """An upload parsed in a sandbox worker (disclosure.sandbox): memory, CPU, time and output budgets, and at
    most SANDBOX_WORKERS parses at once per server, each in its own process (PDFium never shares a thread)."""
    from .sandbox import parse_bytes

    return parse_bytes(data, name)


def upload_path(name: str, when: dt.datetime | None = None) -> Path:
    """Where an admin upload is kept: timestamped, so a later version sorts after an earlier one of the same name."""
    safe = re.sub(r"[^\w.\-（）()]+", "_", Path(name).name).strip("._") or "report"
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return settings.UPLOADS_DIR / f"{stamp}-{safe}"


def save_to_store(report: Report, data: bytes, db: Path):
    """Admin only: keep the file under data/reports/uploads/, then apply the report to the store in one swap."""
    if not is_admin():
        raise PermissionError("the store is read-only in public mode")
    from .store import ingest_reports

    path = upload_path(report.source.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return ingest_reports([(report, False)], Path(db))
