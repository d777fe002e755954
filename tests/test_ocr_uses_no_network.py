"""OCR needs no network: the models are files of the installed wheel, opened with every socket refused,
and the sandbox worker reads a scan inside a network namespace that has no interface at all."""

from __future__ import annotations

import io
import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import ocr_material
import pytest

from disclosure.readers import ocr, ocr_engine

ROOT = Path(__file__).resolve().parent.parent


def test_the_engine_loads_and_reads_with_every_socket_refused(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"OCR tried the network: {args!r}")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    ocr_engine.engine.cache_clear()  # the models are opened again, under the block
    ocr_engine._charset.cache_clear()
    # the top of page 3: table 二's last two parts (行政处罚 2776, 行政强制 84, 行政事业性收费 7545), at 100 dpi
    page = ocr_material.page_images(ocr_material.HONGZE, ocr_material.Scan(dpi=100), [2])[0]
    buf = io.BytesIO()
    page.crop((0, 0, page.width, int(page.height * 0.45))).save(buf, "PNG")
    extracted = ocr.read(buf.getvalue())
    cells = {r.label: r.cells for r in extracted.rows}
    assert cells["行政处罚"] == ("2776",) and cells["行政强制"] == ("84",) and cells["行政事业性收费"] == ("7545",)
    assert all(f.certain for f in extracted.figures.values())
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    assert ocr_engine.model_files() and all(Path(p).parent == models for p in ocr_engine.model_files())


@pytest.mark.skipif(shutil.which("unshare") is None, reason="util-linux unshare is missing")
@pytest.mark.heavy  # an OCR read of a page: ~14 CPU-s
def test_parse_reads_a_scan_in_a_namespace_without_network(tmp_path):
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    if probe.returncode:
        pytest.skip(f"no network namespaces here: {probe.stderr.decode()[:200]}")
    # pages 3 and 4: the whole of table 三 and table 四, scanned at 150 dpi, turned 1°
    scan = tmp_path / "洪泽区2024年度报告扫描件.pdf"
    scan.write_bytes(ocr_material.image_pdf(ocr_material.HONGZE, ocr_material.Scan(dpi=150, rotate=1.0, jpeg=75), [2, 3]))
    done = subprocess.run(
        ["unshare", "-rn", sys.executable, "-m", "disclosure", "parse", str(scan), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    key = json.loads(ocr_material.HONGZE_KEY.read_text(encoding="utf-8"))["facts"]
    facts = {f"{f['indicator']}|{f['applicant']}": f for f in out["facts"]}
    table3 = {k: v for k, v in key.items() if k.startswith(("requests.", "review.", "litigation."))}
    assert {k: facts[k]["value"] for k in table3 if k in facts} == {k: v for k, v in table3.items() if k in facts}
    assert len([k for k in table3 if k in facts]) >= 0.99 * len(table3)
    assert all(0 < facts[k]["confidence"] <= 1 for k in table3 if k in facts)
    assert out["template"] == "2021" and out["year"] == 2024
    read = [c for c in out["checks"] if c["rule"] == "ocr_read"]
    assert len(read) == 1 and read[0]["values"]["pages_read"] == 2
    assert "OCR" in read[0]["message"] and read[0]["severity"] == "info"
