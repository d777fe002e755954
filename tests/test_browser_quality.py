"""数据质量 opens in Debian's Chromium on the founding report: the card, the sentence, the chart, no errors."""

import re
from urllib.parse import quote

from conftest import click_when_still, open_expander, screenshot, wait_for_app

AGENCY = "开封市质量技术监督局"
# streamlit/streamlit#7074 (open): on a deep link the frontend first probes /<page>/_stcore/health and
# host-config, which 404, before finding the server at /. Those two probes are expected; any other
# console error is not.
STCORE_PROBE = re.compile(r"/[a-z]+/_stcore/(health|host-config)$")


def _watch_failed_responses(pg) -> list[str]:
    failed: list[str] = []
    pg.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    return failed


def _unexpected_console_errors(pg, failed: list[str]) -> list[str]:
    probes = sum(1 for url in failed if STCORE_PROBE.search(url.split("?")[0]))
    errors = list(pg.console_errors)
    for _ in range(probes):
        if "status of 404" in " ".join(errors):
            errors.remove(next(e for e in errors if "status of 404" in e))
    unexplained = [url for url in failed if not STCORE_PROBE.search(url.split("?")[0])]
    return errors + unexplained


def test_quality_page_opens_in_chromium_with_the_founding_reports_card_and_the_rule_chart(app_server, page):
    failed = _watch_failed_responses(page)
    page.goto(f"{app_server}/quality?agency={quote(AGENCY)}&year=2018")
    wait_for_app(page, timeout=180000)  # the first visit may build the store
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_role("heading", name="数据质量").count() == 1
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert "分组行“回应解读渠道”填写为 0，但其下各项之和为 11" in body
    assert "各渠道公开政府信息数之和 265 大于主动公开政府信息数 236" in body
    warning = body[body.index("正文数字与统计表不符") :]
    assert "236条" in warning[:200] and "统计表为 98" in warning[:200]
    # escaped markdown reads as written: no stray backslashes before the file name's dots
    assert "kaifeng-zhijian-2018.txt" in body and "\\." not in body
    sentence = page.locator('[data-testid="stText"]').all_inner_texts()
    assert any("网站主动公开政务信息236条" in s for s in sentence)
    chart = page.locator('[data-testid="stPlotlyChart"] .main-svg').first
    chart.wait_for(timeout=30000)
    assert page.locator('[data-testid="stPlotlyChart"] .bars path').count() > 0
    # the page scrolls inside stMain, so a full-page shot needs a viewport as tall as the content
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": height + 50})
    page.wait_for_timeout(500)
    screenshot(page, "quality-kaifeng-2018")
    assert _unexpected_console_errors(page, failed) == []


def test_overview_badge_link_opens_the_quality_page_for_the_same_report(app_server, page):
    failed = _watch_failed_responses(page)
    page.goto(f"{app_server}/?agency={quote(AGENCY)}&year=2018")  # 总览 is the default page
    wait_for_app(page, timeout=180000)
    badge = page.locator(".st-key-quality_badge")
    findings = open_expander(badge, "本报告的数据质量提示（3）")
    assert "回应解读渠道" in findings.inner_text()  # the three findings are one click away on 总览 too
    click_when_still(badge.get_by_role("link", name="在“数据质量”页查看全部核查结果"))
    page.get_by_role("heading", name="数据质量").wait_for(timeout=60000)
    wait_for_app(page)
    assert page.url.split("?")[0].endswith("/quality")
    assert "分组行“回应解读渠道”填写为 0" in page.locator('[data-testid="stMain"]').inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    assert _unexpected_console_errors(page, failed) == []
