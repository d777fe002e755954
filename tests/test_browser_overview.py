"""The app opens in Debian's Chromium and shows 总览 with the founding report, no exception."""
from urllib.parse import quote

from conftest import screenshot, wait_for_app

AGENCY = "开封市质量技术监督局"


def test_overview_opens_in_chromium_with_the_founding_report(app_server, page):
    page.goto(f"{app_server}/?agency={quote(AGENCY)}&year=2018")  # 总览 is the default page, served at /
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_role("heading", name="总览").count() == 1
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert metrics[:6] == ["236", "1", "1", "0", "0", "29"]
    screenshot(page, "overview-kaifeng-2018")
    assert page.console_errors == []


def test_root_url_lands_on_overview(app_server, page):
    page.goto(app_server)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_role("heading", name="总览").count() == 1
