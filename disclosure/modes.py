"""Public demo or admin: who may change the store.

Public is the default, so a deployment that forgets the setting stays safe: the store is only read,
uploads live in the browser session, the DuckDB handle cannot reach files or the network and every
query has a time limit. Admin (DISCLOSURE_MODE=admin, or `mode = "admin"` in Streamlit secrets)
saves imported reports to the store and keeps the uploaded file under data/reports/uploads/.
The read handle's limits are the store's (disclosure.store.Reader).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

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


def upload_path(name: str, when: dt.datetime | None = None) -> Path:
    """Where an admin upload is kept: timestamped, so a later version sorts after an earlier one of the same name."""
    safe = re.sub(r"[^\w.\-（）()]+", "_", Path(name).name).strip("._") or "report"
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return settings.UPLOADS_DIR / f"{stamp}-{safe}"


def save_to_store(report: Report, data: bytes, db: Path):
    """Admin only: keep the file under data/reports/uploads/, then apply the report to the store in one swap."""
    if not is_admin():
        raise PermissionError("the store is read-only in public mode")
    from .store import Store

    path = upload_path(report.source.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return Store(db).ingest_reports([(report, False)])
