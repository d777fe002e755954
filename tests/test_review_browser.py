"""审核草稿 in Chromium: drafts go in through the real file input, findings show by section in both languages, the
Word file downloads with its comments, the batch table downloads, and a phone's 390 px holds the page."""

from __future__ import annotations

import io

import pytest
from conftest import click_when_still, screenshot, wait_for_app

from disclosure.review import drafts

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(scope="module")
def uploads():
    """ptsjj 2024 (its 2023 report is in the store) with a carry-over break and part 五 removed; ptstjj 2025 with a changed total."""
    this = drafts.published("putian-ptsjj-2024")
    first = drafts.plant_missing_part(drafts.plant_carryover(this, "natural"), "五、")
    second = drafts.plant_total(drafts.published("putian-ptstjj-2025"))
    return [
        {"name": "ptsjj-2024.docx", "mimeType": DOCX, "buffer": first.docx()},
        {"name": "ptstjj-2025.docx", "mimeType": DOCX, "buffer": second.docx()},
    ]


def open_review(page, base: str, lang: str = "zh") -> None:
    page.goto(base + "/review" + ("?lang=en" if lang == "en" else ""))
    wait_for_app(page)


def upload(page, files) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(files)


def shown(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_drafts_reviewed_in_chinese_with_the_word_file_and_the_batch_table(page, app_server, uploads, tmp_path):
    open_review(page, app_server)
    upload(page, uploads)
    page.get_by_text("本批 2 份草稿").wait_for(timeout=180000)
    wait_for_app(page)
    text = shown(page)
    assert "对照上年报告：2023 年度（putian-ptsjj-2023.txt）" in text  # last year found in the store by the named query
    for words in ("三、收到和处理政府信息公开申请情况", "五、存在的主要问题及改进情况", "结转数与上年不衔接", "报告缺少规定部分"):
        assert words in text
    assert "修改建议：应为 0（2023 年度报告“结转下年度继续办理”）" in text
    assert "位置：表三（申请） · 二、上年结转政府信息公开申请数量 · 自然人列" in text
    assert page.locator('[data-testid="stException"]').count() == 0 and page.console_errors == []
    screenshot(page, "review-zh")

    with page.expect_download() as done:
        click_when_still(page.get_by_role("button", name="下载 Word 审核意见"))  # a button still moving gets no click
    path = tmp_path / done.value.suggested_filename
    done.value.save_as(path)
    assert path.name == "莆田市审计局-2024-审核意见.docx"
    import docx

    comments = list(docx.Document(path).comments)
    assert len(comments) == 3 and any("应为 0" in c.text for c in comments)

    wait_for_app(page)
    with page.expect_download() as done:
        click_when_still(page.get_by_role("button", name="下载 Excel"))  # a button still moving gets no click
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(open(done.value.path(), "rb").read())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == "文件")
    assert [r[0] for r in rows[header + 1 :]] == ["ptsjj-2024.docx", "ptstjj-2025.docx"]
    assert [r[4:6] for r in rows[header + 1 :]] == [[1, 2], [3, 0]]

    page.get_by_role("combobox").last.click()  # the other draft
    page.get_by_role("option", name="莆田市统计局 · 2025 · ptstjj-2025.docx").click()
    page.get_by_text("合计与分项不符").first.wait_for()
    wait_for_app(page)
    assert "（七）总计应为" in shown(page)


def test_the_same_review_in_english_and_on_a_phone(chromium, app_server, uploads):
    context = chromium.new_context(viewport={"width": 390, "height": 900}, accept_downloads=True, locale="en-US")
    page = context.new_page()
    try:
        open_review(page, app_server, "en")
        upload(page, uploads[:1])
        page.get_by_text("Putian Municipal Audit Bureau · 2024").first.wait_for(timeout=180000)
        wait_for_app(page)
        text = shown(page)
        for words in ("3. Requests received and handled", "5. Main problems and improvements", "Carry-over does not match last year"):
            assert words in text
        assert "To fix: Should read 0 (carried forward in the 2023 report)" in text
        assert "收到和处理" not in text and "修改建议" not in text
        # nothing runs off a phone's screen
        wide = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stMain] *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1"
            " && !e.closest('[data-testid=stDataFrame]')).length"
        )
        assert wide == 0
        with page.expect_download() as done:
            click_when_still(page.get_by_role("button", name="Download the Word review"))  # a button still moving gets no click
        assert done.value.suggested_filename == "Putian Municipal Audit Bureau-2024-review.docx"
        screenshot(page, "review-en-390")
    finally:
        context.close()
