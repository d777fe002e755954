"""Public mode in Chromium: once parsed, uploads' bytes leave the server (disclosure.ui.uploads.release), and
the session still shows what was parsed after any rerun: its reports and each refused file's one line."""

from __future__ import annotations

from conftest import FIXTURES, click_when_still, wait_for_app


def test_parsed_uploads_stay_listed_after_their_bytes_are_released(page, app_server):
    page.goto(app_server + "/import")
    wait_for_app(page, timeout=120000)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        [
            {"name": "kaifeng-2018.txt", "mimeType": "text/plain", "buffer": (FIXTURES / "kaifeng-zhijian-2018.txt").read_bytes()},
            {"name": "news.txt", "mimeType": "text/plain", "buffer": "今日新闻。".encode() * 300},
        ]
    )
    page.get_by_text("本次会话导入的报告").wait_for(timeout=120000)
    wait_for_app(page)
    assert page.get_by_text("1 个文件无法导入").count() == 1
    # a rerun: the uploader no longer hands the files back (their bytes are gone), the results stay
    click_when_still(page.locator('[data-testid="stSidebar"]').get_by_text("English"))
    page.get_by_text("Reports imported in this session").wait_for(timeout=60000)
    wait_for_app(page)
    assert page.get_by_text("1 files could not be imported").count() == 1
    errors = [e.strip().splitlines()[-1] for e in page.locator('[data-testid="stAlertContentError"]').all_inner_texts()]
    assert any(e.startswith("news.txt: no disclosure statistics table") for e in errors), errors
    assert page.locator('[data-testid="stException"]').count() == 0
