"""Uploads bounded in bytes, not only in count: the server's upload store refuses a file that would take one
session past SESSION_UPLOAD_BYTES_MAX, or all sessions together past UPLOAD_TOTAL_BYTES_MAX, and one over
MAX_FILE_BYTES (the browser's own limit, 20,000,000 bytes; Streamlit's server alone would take 20 MiB).

A refused file never reaches the app: the upload request is answered 413, and the browser shows the file
as failed. Installed once per process by page_setup(), on Streamlit's in-memory upload manager.
"""

from __future__ import annotations

import logging
import threading

from .. import settings

log = logging.getLogger(__name__)
_INSTALL = threading.Lock()


class UploadRefused(Exception):
    pass


def session_bytes(mgr, session_id: str) -> int:
    storage = getattr(mgr, "file_storage", {}).get(session_id) or {}
    return sum(len(f.data) for f in storage.values())


def bound(mgr) -> None:
    """Wrap `mgr.add_file` with the byte limits (idempotent)."""
    with _INSTALL:
        if getattr(mgr, "_disclosure_bounded", False):
            return
        original = mgr.add_file

        def add_file(session_id, file):
            size = len(file.data)
            storage = getattr(mgr, "file_storage", {}).get(session_id) or {}
            replaced = len(storage[file.file_id].data) if file.file_id in storage else 0
            reason = None
            if size > settings.MAX_FILE_BYTES:
                reason = f"file is {size / 1e6:.1f} MB, over the {settings.MAX_FILE_BYTES / 1e6:.0f} MB limit"
            elif session_bytes(mgr, session_id) - replaced + size > settings.SESSION_UPLOAD_BYTES_MAX:
                reason = f"this session's uploads would pass {settings.SESSION_UPLOAD_BYTES_MAX / 1e6:.0f} MB (SESSION_UPLOAD_BYTES_MAX)"
            elif getattr(mgr, "_total_bytes", 0) - replaced + size > settings.UPLOAD_TOTAL_BYTES_MAX:
                reason = f"the server holds {settings.UPLOAD_TOTAL_BYTES_MAX / 1e6:.0f} MB of uploads already (UPLOAD_TOTAL_BYTES_MAX)"
            if reason:
                log.warning("upload refused: %s", reason)
                raise _refusal(reason)
            return original(session_id, file)

        mgr.add_file = add_file
        mgr._disclosure_bounded = True


def _refusal(reason: str) -> Exception:
    try:
        from starlette.exceptions import HTTPException

        return HTTPException(status_code=413, detail=reason)
    except ImportError:  # pragma: no cover - Streamlit without Starlette
        return UploadRefused(reason)


def install() -> None:
    """Bound the running server's upload manager; nothing to do outside a server (AppTest, bare mode)."""
    try:
        from streamlit.runtime import Runtime

        if not Runtime.exists():
            return
        bound(Runtime.instance().uploaded_file_mgr)
    except Exception:  # never let the bound stop a page
        log.exception("could not bound the upload manager")


def release(file_ids) -> int:
    """Drop parsed uploads' bytes from the server's upload store at once (public mode: the parsed report is
    all the session keeps), instead of holding them until the session ends. Returns how many were dropped."""
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is None or not Runtime.exists():
            return 0
        mgr = Runtime.instance().uploaded_file_mgr
        dropped = 0
        for file_id in file_ids:
            if file_id:
                mgr.remove_file(ctx.session_id, file_id)
                dropped += 1
        return dropped
    except Exception:  # never let the release stop a page
        log.exception("could not release uploaded files")
        return 0
