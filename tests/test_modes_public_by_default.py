"""Public is the default mode; the app's DuckDB handle is read-only, cut off from files, limited and locked."""

from __future__ import annotations

import os
import time
import tomllib
from pathlib import Path

import duckdb
import pytest

from disclosure import modes, pipeline, settings
from disclosure.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def no_mode(monkeypatch):
    monkeypatch.delenv("DISCLOSURE_MODE", raising=False)
    monkeypatch.setattr(modes, "_secret_mode", lambda: None)


def test_mode_is_public_when_nothing_is_set(no_mode):
    assert modes.mode() == modes.PUBLIC
    assert not modes.is_admin()


@pytest.mark.parametrize("value", ["", "public", "Admin ", "ADMIN", "administrator", "yes", "true"])
def test_mode_is_admin_only_for_the_word_admin(no_mode, monkeypatch, value):
    monkeypatch.setenv("DISCLOSURE_MODE", value)
    assert modes.mode() == (modes.ADMIN if value.strip().lower() == "admin" else modes.PUBLIC)


def test_secrets_switch_to_admin_and_the_environment_wins(no_mode, monkeypatch):
    monkeypatch.setattr(modes, "_secret_mode", lambda: "admin")
    assert modes.mode() == modes.ADMIN
    monkeypatch.setenv("DISCLOSURE_MODE", "public")
    assert modes.mode() == modes.PUBLIC


def test_missing_secrets_file_means_public(monkeypatch, tmp_path):
    """Outside Streamlit and with no secrets.toml, reading the secret must not fail: it is simply not admin."""
    monkeypatch.delenv("DISCLOSURE_MODE", raising=False)
    monkeypatch.chdir(tmp_path)
    assert modes._secret_mode() in (None, "public")
    assert modes.mode() == modes.PUBLIC


def test_public_mode_refuses_to_save(no_mode, built_store, tmp_path, monkeypatch):
    from disclosure.parse import parse_file

    monkeypatch.setattr(settings, "UPLOADS_DIR", tmp_path / "uploads")
    report = parse_file(ROOT / "tests/fixtures/kaifeng-zhijian-2018.txt")
    with pytest.raises(PermissionError):
        modes.save_to_store(report, b"", built_store)
    assert not (tmp_path / "uploads").exists()


def _store_with(folder: Path, value: int, name: str = "store.duckdb") -> Path:
    db = folder / name
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE t AS SELECT $v AS v", {"v": value})
    con.close()
    return db


def test_handle_refuses_files_writes_and_unlocking(tmp_path):
    db = _store_with(tmp_path, 1)
    cur = Store(db).reader().cursor()
    assert cur.execute("SELECT v FROM t").fetchall() == [(1,)]
    (tmp_path / "secret.csv").write_text("a\n1\n")
    for statement in (
        f"SELECT * FROM read_csv('{tmp_path / 'secret.csv'}')",
        f"ATTACH '{tmp_path / 'other.duckdb'}' AS other",
        f"COPY t TO '{tmp_path / 'out.csv'}'",
        "INSERT INTO t VALUES (2)",
        "SET enable_external_access = true",
        "SET max_execution_time = 0",
        "SET memory_limit = '100GB'",
        "INSTALL httpfs",
    ):
        with pytest.raises(duckdb.Error):
            cur.execute(statement)
    assert not (tmp_path / "out.csv").exists()
    assert not (tmp_path / "other.duckdb").exists()


def test_handle_interrupts_a_query_past_the_time_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "QUERY_TIMEOUT_MS", 300)
    cur = Store(_store_with(tmp_path, 1)).reader().cursor()
    started = time.monotonic()
    with pytest.raises(duckdb.InterruptException):
        cur.execute("SELECT count(*) FROM range(100000000) a, range(100000) b").fetchall()
    assert time.monotonic() - started < 10


def test_handle_has_the_memory_limit_of_the_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCLOSURE_DUCKDB_MEMORY", "300MB")
    cur = Store(_store_with(tmp_path, 1)).reader().cursor()
    limit = cur.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit.startswith("286") and "MiB" in limit  # 300 MB as DuckDB prints it


def test_a_new_handle_sees_the_swapped_store_while_the_old_one_is_open(tmp_path):
    """ingest swaps the file with os.replace; duckdb.connect(path) would keep serving the old file."""
    db = _store_with(tmp_path, 1)
    old = Store(db).reader()
    newer = _store_with(tmp_path, 2, "store.duckdb.building")
    os.replace(newer, db)
    fresh = Store(db).reader()
    assert old.cursor().execute("SELECT v FROM t").fetchall() == [(1,)]
    assert fresh.cursor().execute("SELECT v FROM t").fetchall() == [(2,)]
    # and the store's own plain read-only look-ups still open the file in the same process
    plain = duckdb.connect(str(db), read_only=True)
    assert plain.execute("SELECT v FROM t").fetchall() == [(2,)]
    plain.close()


def test_server_config_caps_uploads_and_hides_error_details():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] == settings.UPLOAD_MAX_MB
    # the browser counts MB as 10^6 bytes: the parser's limit is the browser's, so both refuse the same files
    assert settings.UPLOAD_MAX_MB * 1000 * 1000 == settings.MAX_FILE_BYTES
    assert config["client"]["showErrorDetails"] == "none"


def test_upload_path_keeps_the_name_but_no_directories(monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "UPLOADS_DIR", tmp_path)
    path = modes.upload_path("../../etc/开封 报告$1.txt")
    assert path.parent == tmp_path
    assert path.name.endswith("开封_报告_1.txt")


def test_dockerfile_checks_health_and_builds_the_store_before_serving():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# syntax=docker/dockerfile:1")
    assert "FROM python:3.11-slim" in text
    assert "pip install -r requirements.txt" in text
    assert "/_stcore/health" in text.split("HEALTHCHECK", 1)[1]
    cmd = text.split("\nCMD ", 1)[1]
    assert cmd.index("python -m disclosure build") < cmd.index("streamlit run app.py")
    # the image must not carry a local store or secrets
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "data/*.duckdb" in ignored and ".streamlit/secrets.toml" in ignored


def test_uploads_are_parsed_in_the_sandbox_not_in_the_server(monkeypatch):
    """An upload is parsed by a worker process under the budgets; the server's own parser is never called."""
    import disclosure.parse
    from disclosure import sandbox

    monkeypatch.setattr(disclosure.parse, "parse_bytes", lambda data, name: pytest.fail("parsed inside the server process"))
    report = pipeline.read_bytes((ROOT / "tests/fixtures/kaifeng-zhijian-2018.txt").read_bytes(), "a.txt")
    assert report.agency == "开封市质量技术监督局" and report.source.name == "a.txt"
    assert sandbox._POOL.all and all(w.proc.pid != os.getpid() for w in sandbox._POOL.all)
