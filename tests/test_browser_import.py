"""导入报告 in Chromium: files go in through the real file input; report text stays text; admin saves reach 总览."""

from __future__ import annotations

import hashlib
import shutil
import urllib.parse
from pathlib import Path

import pytest
from conftest import FIXTURES, open_expander, screenshot, wait_for_app

from scripts.load_test import start_server, stop_server

AGENCY = "开封市质量技术监督局"
XSS_LINE = "<script>window.__xss = 1</script> 收费 $5$ 元，减免 $6$ 元"


def founding() -> bytes:
    return (FIXTURES / "kaifeng-zhijian-2018.txt").read_bytes()


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def upload(page, files: list[tuple[str, bytes]]) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        [{"name": name, "mimeType": "text/plain", "buffer": data} for name, data in files]
    )


def open_import(page, base: str) -> None:
    # 总览 first: the app's first query builds or refreshes the store from data/ (first start), so the
    # checksums below compare the store as the app serves it with the store after the uploads.
    page.goto(base + "/overview")
    wait_for_app(page)
    page.goto(base + "/import")
    wait_for_app(page)
    page.get_by_text("选择年度报告文件").first.wait_for()


def test_report_text_with_script_and_dollars_shows_literally_and_runs_nothing(page, app_server, built_store):
    lines = founding().decode("utf-8").split("\n")
    data = "\n".join(lines[:1] + [XSS_LINE] + lines[1:]).encode("utf-8")

    open_import(page, app_server)
    before = sha256(built_store)
    upload(page, [("xss-2018.txt", data)])
    page.get_by_text("本次会话导入的报告").wait_for(timeout=120000)
    wait_for_app(page)
    open_expander(page, "报告正文")
    shown = page.locator('[data-testid="stText"]', has_text="window.__xss")
    shown.first.wait_for()

    assert XSS_LINE in shown.first.inner_text()
    assert page.evaluate("() => window.__xss") is None
    assert page.locator(".katex").count() == 0
    assert page.locator("script", has_text="__xss").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
    assert sha256(built_store) == before  # public mode: the store file is untouched
    screenshot(page, "import-public-literal-text")


def test_junk_upload_gets_its_one_line_error(page, app_server, built_store):
    open_import(page, app_server)
    before = sha256(built_store)
    upload(page, [("empty-2018.txt", b"   \n"), ("good-2018.txt", founding())])
    error = page.locator('[data-testid="stAlertContentError"]', has_text="empty-2018.txt")
    error.wait_for(timeout=120000)
    wait_for_app(page)
    assert error.inner_text().splitlines()[-1].strip() == "empty-2018.txt：文件是空的"  # after the 🚫 icon, in the view's language
    # the good file next to it still previews, its figures in the table
    page.get_by_text(f"{AGENCY} · 2018").first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert sha256(built_store) == before


@pytest.fixture()
def admin_server(built_store, tmp_path):
    db = tmp_path / "store" / "disclosure.duckdb"
    db.parent.mkdir()
    shutil.copyfile(built_store, db)
    proc, url = start_server({"DISCLOSURE_MODE": "admin", "DISCLOSURE_DB": str(db), "DISCLOSURE_UPLOADS": str(tmp_path / "uploads")})
    yield url, db, tmp_path / "uploads"
    stop_server(proc)


@pytest.mark.slow  # its own admin-mode server; tests/test_import_page.py saves an upload in admin mode in the quick tier
def test_admin_saves_the_upload_and_it_appears_on_the_overview(page, admin_server):
    url, db, uploads = admin_server
    agency = "开封市示范监督局"
    data = founding().decode("utf-8").replace(AGENCY, agency).encode("utf-8")

    open_import(page, url)
    before = sha256(db)
    page.get_by_text("管理模式").first.wait_for()
    upload(page, [("shifan-2018.txt", data)])
    save = page.get_by_role("button", name="保存到数据库")
    save.wait_for(timeout=120000)
    wait_for_app(page)
    assert sha256(db) == before  # nothing is written until the admin confirms
    save.click()
    page.get_by_text("已保存").first.wait_for(timeout=120000)
    wait_for_app(page)
    assert sha256(db) != before
    assert [p.name.endswith("shifan-2018.txt") for p in uploads.iterdir()] == [True]

    page.goto(f"{url}/overview?{urllib.parse.urlencode({'agency': agency, 'year': 2018})}")
    wait_for_app(page)
    page.get_by_text("shifan-2018.txt").first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "import-admin-saved-overview")
