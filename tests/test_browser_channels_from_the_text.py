"""公开渠道 in Chromium on real 2021-format reports: the channel figures the report's text states,
marked 据正文, each with its sentence one click away, and a channel history that moves from the
table (福建 local form, to 2018) to the text (2019 on) with the switch marked."""

from __future__ import annotations

import json
from urllib.parse import quote

from conftest import ROOT, open_expander, screenshot, wait_for_app


def _key(case: str) -> dict:
    return json.loads((ROOT / "tests" / "keys" / "text" / f"{case}.json").read_text(encoding="utf-8"))


def test_a_2025_report_shows_its_text_channels_with_their_sentences(app_server, page):
    key = _key("sanming-shi-2025")  # written by hand from the document
    page.goto(f"{app_server}/channels?agency={quote('三明市人民政府')}&year=2025")
    wait_for_app(page, timeout=180000)
    main = page.locator('[data-testid="stMain"]')
    assert "据正文" in main.inner_text()
    chart = page.locator(".st-key-channels-text")
    chart.wait_for()
    for figure in key["figures"]:
        value = f"{figure['value']:,}"
        assert value in chart.inner_text(), figure  # every figure the key has is drawn
    website = next(f for f in key["figures"] if f["indicator"] == "text.channel.website")
    box = open_expander(main, f"网站公开（正文）：{website['value']:,}{website['unit']}")
    assert website["quote"].replace(" ", "") in box.inner_text().replace(" ", "").replace("\n", "")
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "channels-text-sanming-2025")


def test_the_channel_history_switches_from_table_to_text_at_2019(app_server, page):
    page.goto(f"{app_server}/channels?agency={quote('莆田市统计局')}&year=2022")
    wait_for_app(page, timeout=180000)
    history = page.locator(".st-key-channels-history")
    history.wait_for()
    svg_text = " ".join(history.locator("svg text").evaluate_all("els => els.map(e => e.textContent)"))
    assert "表格→正文" in svg_text  # the switch marked on the chart
    legend = " ".join(history.locator(".legendtext").evaluate_all("els => els.map(e => e.textContent)"))
    assert "（统计表）" in legend and "（据正文）" in legend
    assert page.locator('[data-testid="stException"]').count() == 0
