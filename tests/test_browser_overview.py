"""The app opens in Debian's Chromium and shows 总览 with the founding report, no exception."""

from urllib.parse import quote

from conftest import screenshot, wait_for_app

from disclosure.agencies import url_id

AGENCY = "开封市质量技术监督局"
OTHER = "示例市农业农村局"  # a sample agency with a 2021-form report


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


def test_overview_file_name_url_opens_without_a_page_not_found_notice(app_server, page):
    """A shared /overview?… link (the page's file name, like every other page's URL) opens 总览 at the
    root on the same view, with no "page not found" notice; the sidebar marks 总览 and takes the
    visitor on. (A view that is not the first agency keeps its parameters in the address: the pickers
    drop a parameter that equals their default.)"""
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(f"{app_server}/overview?agency={quote(OTHER)}&year=2021")  # an old link: the agency by name
    page.wait_for_url(f"{app_server}/?agency={url_id(OTHER)}&year=2021", timeout=60000)  # kept as its id
    wait_for_app(page)
    assert page.get_by_role("heading", name="总览").count() == 1
    assert page.locator('[data-testid="stMetricValue"]').all_inner_texts()[:4] == ["14", "0", "8", "14"]
    assert "总览" in page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]').inner_text()
    assert not [m for m in messages if "does not seem to exist" in m]
    assert "not found" not in page.locator("body").inner_text().lower()
    page.locator('[data-testid="stSidebarNav"] a[href$="/channels"]').click(timeout=30000)
    page.wait_for_function("() => (document.querySelector('h1') || {}).textContent?.includes('公开渠道')", timeout=60000)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.console_errors == []
