"""deploy/compose.yaml, read (no Docker daemon runs here): N app replicas on one read-only store volume,
an ingest job that is the only writer, and nginx with the shared includes of deploy/nginx.d — the same
proxy location and security headers the loopback setups run — whose upstreams and route names match the
replicas' addresses; nginx accepts the compose configuration."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

DEPLOY = ROOT / "deploy"
NGINX = "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def _apps(compose: dict) -> dict[str, dict]:
    return {name: svc for name, svc in compose["services"].items() if re.fullmatch(r"app\d+", name)}


def test_replicas_read_one_store_read_only_and_only_the_ingest_job_writes(compose):
    apps = _apps(compose)
    assert len(apps) >= 2
    for name, svc in apps.items():
        assert svc["volumes"] == ["store:/store:ro"], name
        assert svc["environment"]["DISCLOSURE_DB"] == "/store/current/disclosure.duckdb"
        assert svc["environment"]["DISCLOSURE_MODE"] == "public"
        assert "build" not in " ".join(svc["command"]), "a replica never builds the store"
        assert svc["depends_on"]["ingest"]["condition"] == "service_completed_successfully"
    writers = [name for name, svc in compose["services"].items() if "store:/store" in svc.get("volumes", [])]
    assert sorted(writers) == ["ingest", "store-init"]
    ingest = compose["services"]["ingest"]
    assert ingest["command"][:2] == ["python", "deploy/publish_store.py"] and ingest["network_mode"] == "none"
    assert (DEPLOY / "publish_store.py").exists()


def test_nginx_runs_the_shared_includes_with_the_replicas_addresses(compose):
    nginx = compose["services"]["nginx"]
    mounts = {m.split(":")[0]: m.split(":")[1] for m in nginx["volumes"]}
    assert mounts["./nginx.d"] == "/etc/nginx/disclosure/nginx.d"
    assert mounts["./nginx-compose.conf"] == "/etc/nginx/disclosure/nginx-compose.conf"
    assert "-c /etc/nginx/disclosure/nginx-compose.conf" in nginx["entrypoint"][-1]

    conf = (DEPLOY / "nginx-compose.conf").read_text(encoding="utf-8")
    assert "include nginx.d/http.conf;" in conf and "include nginx.d/app.conf;" in conf
    addresses = {f"{svc['networks']['backend']['ipv4_address']}:8501" for svc in _apps(compose).values()}
    pool = re.search(r"upstream disclosure_pool \{(.*?)\}", conf, re.S).group(1)
    assert set(re.findall(r"server (\S+);", pool)) == addresses
    served_by = dict(re.findall(r'"(\S+)" (r\d+);', conf))
    assert set(served_by) == addresses
    for address, route in served_by.items():
        upstream = re.search(rf"upstream disclosure_{route} \{{(.*?)\}}", conf, re.S).group(1)
        assert re.search(rf"server {re.escape(address)};", upstream), (route, upstream)  # its own replica first, not as backup
        assert re.search(rf"\b{route}\s+disclosure_{route};", conf), route  # the cookie's route leads there


def test_nginx_accepts_the_compose_configuration(tmp_path):
    if not Path(NGINX).exists():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: apt-get install -y nginx (test.sh does)")
        pytest.skip("nginx not installed (apt-get install -y nginx)")
    conf = (DEPLOY / "nginx-compose.conf").read_text(encoding="utf-8").replace("listen 80;", "listen 127.0.0.1:1;")
    (tmp_path / "tmp").mkdir()
    (tmp_path / "nginx-compose.conf").write_text(conf, encoding="utf-8")
    shutil.copytree(DEPLOY / "nginx.d", tmp_path / "nginx.d")
    check = subprocess.run([NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx-compose.conf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
