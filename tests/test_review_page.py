"""审核草稿 as AppTest sees it: a session's reviews drawn by section, in Chinese and in English (no Chinese in the
English view but the drafts' own words shown as text), the batch table and its downloads; an empty session
says what to do. The upload itself goes through Chromium in tests/test_review_browser.py."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from disclosure.review import drafts
from disclosure.review.batch import review_many

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]+")


@pytest.fixture(scope="module")
def session_reviews():
    last, this = drafts.published("putian-ptsjj-2023"), drafts.published("putian-ptsjj-2024")
    bad = drafts.plant_missing_part(drafts.plant_carryover(this, "natural"), "五、")
    items = review_many([("ptsjj-2023.docx", last.docx()), ("ptsjj-2024.docx", bad.docx()), ("empty.txt", b" \n")])
    return {f"{r.name}|key": r for r in items}


def run(app_env, lang: str, reviews=None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if lang == "en":
        at.query_params["lang"] = "en"
    if reviews is not None:
        at.session_state["review_items"] = dict(reviews)
    at.switch_page("pages/review.py")
    at.run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    out = [el.value for kind in ("title", "subheader", "caption", "markdown", "info", "error", "success") for el in at.get(kind)]
    out += [m.label for m in at.metric] + [s.label for s in at.selectbox]
    return [re.sub(r"\\(.)", r"\1", s) for s in out if isinstance(s, str)]  # Markdown's escapes undone, to read as shown


def test_an_empty_session_says_what_to_do(app_env):
    at = run(app_env, "zh")
    assert at.title[0].value == "审核草稿" and at.info[0].value == "尚未上传草稿。"


def test_findings_by_section_in_chinese(app_env, session_reviews):
    at = run(app_env, "zh", session_reviews)
    shown = texts(at)
    assert "本批 3 份草稿" in shown
    assert any(s.startswith("empty.txt：") for s in shown)  # the file that is not a report, with its reason
    at.selectbox(key="review-pick").set_value(1).run()
    shown = texts(at)
    assert "#### 三、收到和处理政府信息公开申请情况" in shown and "#### 五、存在的主要问题及改进情况" in shown
    assert any("修改建议：应为 0（2023 年度报告“结转下年度继续办理”）" in s for s in shown)
    assert any("位置：表三（申请） · 二、上年结转政府信息公开申请数量 · 自然人列" in s for s in shown)
    assert [m.value for m in at.metric] == ["1", "2", "0"]
    table = at.dataframe[0].value
    assert list(table.columns) == ["文件", "机关", "年度", "格式", "错误", "提醒", "最严重的问题"] and len(table) == 3


def test_the_same_findings_in_english_with_no_chinese_but_the_drafts_words(app_env, session_reviews):
    at = run(app_env, "en", session_reviews)
    at.selectbox(key="review-pick").set_value(1).run()
    shown = texts(at)
    assert "#### 3. Requests received and handled" in shown and "#### 5. Main problems and improvements" in shown
    assert any("To fix: Should read 0 (carried forward in the 2023 report)" in s for s in shown)
    leaks = {w for s in shown for w in CJK.findall(s)} - {"中文"}
    # file names the store holds are the only document strings in captions
    assert not leaks, sorted(leaks)


def test_a_session_keeps_a_bounded_number_of_reviews_and_bytes():
    from disclosure import settings
    from disclosure.review.batch import Reviewed
    from disclosure.review.page import REVIEWS_MAX, room_for

    assert room_for({}, Reviewed("a.docx", data=b"x" * 10))
    assert not room_for({str(i): Reviewed(f"{i}.txt") for i in range(REVIEWS_MAX)}, Reviewed("one-more.txt"))
    held = {"big": Reviewed("big.docx", data=b"x" * (settings.SESSION_UPLOAD_BYTES_MAX - 5))}
    assert not room_for(held, Reviewed("next.docx", data=b"x" * 10)) and room_for(held, Reviewed("next.txt"))
