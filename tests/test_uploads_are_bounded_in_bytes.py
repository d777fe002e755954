"""Uploads are bounded in bytes, per session and in all, by the server's upload store; the browser's, the
server's and the parser's per-file limits agree (20,000,000 bytes)."""

from __future__ import annotations

import tomllib

import pytest
from conftest import ROOT
from starlette.exceptions import HTTPException
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from disclosure import settings
from disclosure.ui.uploads import bound, session_bytes

MB = 1000 * 1000


def rec(i: int, size: int) -> UploadedFileRec:
    return UploadedFileRec(file_id=f"f{i}", name=f"r{i}.txt", type="text/plain", data=b"x" * size)


@pytest.fixture()
def mgr(monkeypatch):
    monkeypatch.setattr(settings, "SESSION_UPLOAD_BYTES_MAX", 50 * MB)
    monkeypatch.setattr(settings, "UPLOAD_TOTAL_BYTES_MAX", 90 * MB)
    m = MemoryUploadedFileManager("/_stcore/upload_file")
    bound(m)
    bound(m)  # installing twice wraps once
    return m


def test_a_session_cannot_hold_more_than_its_bytes(mgr):
    for i in range(2):
        mgr.add_file("a", rec(i, 20 * MB))
    with pytest.raises(HTTPException) as refused:
        mgr.add_file("a", rec(2, 20 * MB))  # 60 MB > 50 MB
    assert refused.value.status_code == 413 and "SESSION_UPLOAD_BYTES_MAX" in refused.value.detail
    assert session_bytes(mgr, "a") == 40 * MB
    mgr.remove_file("a", "f0")  # the visitor removed one in the uploader: room again
    mgr.add_file("a", rec(3, 20 * MB))
    assert session_bytes(mgr, "a") == 40 * MB


def test_all_sessions_together_are_bounded_too(mgr):
    for session, files in (("a", 1), ("b", 1), ("c", 2)):
        for i in range(files):
            mgr.add_file(session, rec(i, 20 * MB))  # 80 MB in all
    with pytest.raises(HTTPException) as refused:
        mgr.add_file("d", rec(0, 20 * MB))
    assert "UPLOAD_TOTAL_BYTES_MAX" in refused.value.detail
    mgr.remove_session_files("c")  # a session ends: its bytes go
    mgr.add_file("d", rec(0, 20 * MB))


def test_a_file_over_the_browsers_limit_is_refused_by_the_server_too(mgr):
    with pytest.raises(HTTPException) as refused:
        mgr.add_file("a", rec(0, settings.MAX_FILE_BYTES + 1))
    assert "over the 20 MB limit" in refused.value.detail
    mgr.add_file("a", rec(1, settings.MAX_FILE_BYTES))


def test_the_three_per_file_limits_agree():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    # the browser refuses files over maxUploadSize × 10^6 bytes; the parser and the bound refuse the same
    assert config["server"]["maxUploadSize"] * MB == settings.MAX_FILE_BYTES == settings.UPLOAD_MAX_MB * MB


def test_parsed_uploads_are_released_from_the_server_at_once(mgr, monkeypatch):
    """Public mode: once parsed, an upload's bytes leave the server's upload store (not at session end)."""
    import types

    import streamlit.runtime
    import streamlit.runtime.scriptrunner

    from disclosure.ui.uploads import release

    monkeypatch.setattr(streamlit.runtime.Runtime, "exists", staticmethod(lambda: True))
    monkeypatch.setattr(streamlit.runtime.Runtime, "instance", staticmethod(lambda: types.SimpleNamespace(uploaded_file_mgr=mgr)))
    monkeypatch.setattr(streamlit.runtime.scriptrunner, "get_script_run_ctx", lambda: types.SimpleNamespace(session_id="a"))
    for i in range(2):
        mgr.add_file("a", rec(i, 10 * MB))
    assert release(["f0", "f1"]) == 2
    assert session_bytes(mgr, "a") == 0 and mgr._total_bytes == 0
