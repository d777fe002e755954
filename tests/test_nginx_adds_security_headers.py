"""deploy/nginx.conf, run by Debian's nginx on loopback in front of the app: every response carries CSP
(with frame-ancestors), X-Frame-Options, X-Content-Type-Options and Referrer-Policy, and the app still
works through it in Chromium (its WebSocket, scripts and styles are allowed by the policy)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest
from conftest import ROOT, wait_for_app

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HEADERS = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def own_app(built_store, tmp_path_factory):
    """An app server of its own on a copy of the built store: what other tests did to the shared server
    (one full run drew no chart through the proxy, never reproduced alone) cannot reach this test."""
    from scripts.load_test import start_server, stop_server

    folder = tmp_path_factory.mktemp("nginx-app")
    db = folder / "store.duckdb"
    shutil.copy(built_store, db)
    proc, url = start_server({"DISCLOSURE_DB": str(db)}, log=folder / "streamlit.log")
    yield url
    stop_server(proc)


@pytest.fixture(scope="module")
def proxied(own_app, tmp_path_factory):
    import os

    if not os.path.exists(NGINX):
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: apt-get install -y nginx (test.sh does)")
        pytest.skip("nginx not installed (apt-get install -y nginx)")
    prefix = tmp_path_factory.mktemp("nginx")
    (prefix / "tmp").mkdir()
    app_port = own_app.rsplit(":", 1)[1]
    port = _free_port()
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert "listen 80;" in conf and "server 127.0.0.1:8501;" in conf
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("server 127.0.0.1:8501;", f"server 127.0.0.1:{app_port};")
    (prefix / "nginx.conf").write_text(conf, encoding="utf-8")
    shutil.copytree(ROOT / "deploy" / "nginx.d", prefix / "nginx.d")  # its includes (headers, proxy), shared with the replica setups
    check = subprocess.run([NGINX, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=open(prefix / "error.log", "wb"),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _headers(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}


@pytest.mark.parametrize("path", ["/", "/compare?agency=x", "/_stcore/health", "/favicon.png", "/no-such-file.js"])
def test_every_response_carries_the_security_headers(proxied, path):
    status, headers = _headers(proxied + path)
    assert status in (200, 404), status
    for name, value in HEADERS.items():
        assert value in headers.get(name, ""), (path, name, headers.get(name))
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "img-src 'self' data: blob:" in csp and "object-src 'none'" in csp


def test_the_app_works_through_the_proxy_under_its_policy(proxied, chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    console: list[str] = []
    pg.on("console", lambda m: console.append(m.text))
    pg.on("pageerror", lambda e: console.append(str(e)))
    try:
        pg.goto(proxied + "/compare?agency=开封市质量技术监督局&year=2018")
        wait_for_app(pg, timeout=120000)
        violations = [m for m in console if "Content Security Policy" in m or "Refused to" in m]
        assert violations == [], violations
        assert pg.locator('[data-testid="stException"]').count() == 0
        chart = pg.locator('[data-testid="stPlotlyChart"]').first
        try:
            chart.wait_for(timeout=60000)
        except Exception as e:
            raise AssertionError(
                f"no chart through the proxy at {pg.url}; page: {pg.inner_text('body')[:1500]!r}; console: {console[-10:]}"
            ) from e
        chart.scroll_into_view_if_needed()  # plotly draws a chart once it is in view
        try:
            pg.wait_for_function("() => document.querySelectorAll('svg.main-svg').length > 0", timeout=120000)
        except Exception as e:
            raise AssertionError(f"chart not drawn through the proxy; console: {console[-10:]}") from e
        assert [m for m in console if "Content Security Policy" in m or "Refused to" in m] == []
    finally:
        context.close()


def test_the_deploy_doc_documents_the_proxy_and_the_readme_links_it():
    deploy = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    assert "deploy/nginx.conf" in deploy and "Content-Security-Policy" in deploy
    assert "docs/deploy.md" in (ROOT / "README.md").read_text(encoding="utf-8")
