"""总览 in Debian's Chromium on the real reports of data/: the scope's key figures for the latest year, the agencies
furthest from the median and the coverage grid — the figures checked against sums worked out here from the hand-written
corpus answer keys (tests/keys/corpus), not from the app — and a click on an agency reaching its report."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from statistics import median
from urllib.parse import quote

from conftest import click_when_still, screenshot, wait_for_app

from disclosure.agencies import active_in, canonical, url_id

HERE = Path(__file__).resolve().parent
KEYS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((HERE / "keys" / "corpus").glob("*.json"))]
OTHER = "示例市农业农村局"  # a sample agency with a 2021-form report


def _real_reports() -> list[dict]:
    with (HERE / "corpus" / "expected.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _keys_of(year: int) -> dict[str, dict]:
    """file → the answer key's facts, for every real report of `year` (each must have a key)."""
    files = {r["file"] for r in _real_reports() if int(r["year"]) == year}
    keyed = {k["input"]: k["facts"] for k in KEYS if k["year"] == year}
    assert files <= set(keyed), f"reports of {year} without an answer key: {sorted(files - set(keyed))}"
    return {f: keyed[f] for f in files}


def _sum(keys: dict[str, dict], *ids: str) -> float:
    return sum(facts[f"{i}|total"] for facts in keys.values() for i in ids)  # a key lacking one fails here


def _disclosure(facts: dict) -> tuple[float, float]:
    return facts["requests.outcome.granted|total"] + facts["requests.outcome.partial|total"], facts["requests.outcome.total|total"]


def _pct(n: float, d: float) -> str:
    return f"{100 * n / d:.1f}".rstrip("0").rstrip(".") + "%"


def _agency_of(file: str) -> str:
    return canonical(next(r["agency"] for r in _real_reports() if r["file"] == file))


def _keyed_agencies() -> list[str]:
    return sorted({canonical(r["agency"]) for r in _real_reports()} | {"开封市质量技术监督局"})


def _keyed_scope(app_server: str) -> str:
    return f"{app_server}/?scope=group:{','.join(url_id(a) for a in _keyed_agencies())}"


def test_root_shows_the_scope_figures_the_answer_keys_give(app_server, page):
    latest = max(int(r["year"]) for r in _real_reports())
    now, before = _keys_of(latest), _keys_of(latest - 1)
    both = {f for f in now if any(_agency_of(b) == _agency_of(f) for b in before)}
    # the agencies the answer keys cover (the corpus reports and the founding one), as a scope of their own: the
    # collected reports of data/reports/collected/ have no full keys, and "all agencies" would count them
    agencies = _keyed_agencies()
    existing = [a for a in agencies if active_in(a, latest) or any(_agency_of(f) == a for f in now)]
    litigation = ("litigation.direct.total", "litigation.after_review.total")
    expected = {
        "收到申请": f"{_sum(now, 'requests.received'):,.0f}",
        "办结": f"{_sum(now, 'requests.outcome.total'):,.0f}",
        "公开率": _pct(_sum(now, "requests.outcome.granted", "requests.outcome.partial"), _sum(now, "requests.outcome.total")),
        "已报告单位": f"{len(now)}/{len(existing)}",
        "行政复议": f"{_sum(now, 'review.total'):,.0f}",
        "复议纠错率": _pct(_sum(now, "review.corrected"), _sum(now, "review.total")),
        "行政诉讼": f"{_sum(now, *litigation):,.0f}",
        "诉讼纠错率": _pct(_sum(now, "litigation.direct.corrected", "litigation.after_review.corrected"), _sum(now, *litigation)),
    }
    page.goto(_keyed_scope(app_server))  # real data: the sample agencies are off
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.get_by_role("heading", name="总览").count() == 1
    assert page.get_by_role("heading", name=f"{agencies[0]}、{agencies[1]}等{len(agencies)}家单位 · {latest}年关键数字").count() == 1
    labels = page.locator('[data-testid="stMetricLabel"]').all_inner_texts()
    values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert dict(zip([s.strip() for s in labels], values)) == expected

    # the change on the year before, over the agencies that reported both years
    received_then = sum(before[b]["requests.received|total"] for b in before if any(_agency_of(b) == _agency_of(f) for f in both))
    received_same = sum(now[f]["requests.received|total"] for f in both)
    deltas = page.locator('[data-testid="stMetricDelta"]').all_inner_texts()
    assert (
        deltas[0].startswith(f"+{received_same - received_then:,.0f}")
        and f"比{latest - 1}年" in page.locator('[data-testid="stMetric"]').first.inner_text()
    )

    # the agencies furthest from the median disclosure rate, worked out from the keys
    rates = {_agency_of(f): 100 * n / d for f, (n, d) in ((f, _disclosure(k)) for f, k in now.items()) if d}
    mid = median(rates.values())
    furthest = max(rates, key=lambda a: abs(rates[a] - mid))
    link = page.locator('[data-testid="stPageLink"] a', has_text=furthest).first
    assert f"中位数 {mid:.1f}%" in link.inner_text()
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1  # the coverage grid
    screenshot(page, "overview-scope-1440-zh")

    link.click()
    page.wait_for_url(f"**/report?agency={url_id(furthest)}&year={latest}", timeout=60000)
    wait_for_app(page)
    assert page.get_by_role("heading", name="单位年报").count() == 1
    file = next(f for f in now if _agency_of(f) == furthest)
    assert file in page.locator('[data-testid="stCaptionContainer"]').first.inner_text()  # that agency's report
    key = now[file]
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == f"{key['requests.received|total']:,.0f}"
    assert page.console_errors == []


def test_overview_speaks_english_with_the_same_figures(app_server, page):
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(f"{app_server}/?lang=en")
    wait_for_app(page)
    assert page.get_by_role("heading", name="Overview").count() == 1
    labels = [s.strip() for s in page.locator('[data-testid="stMetricLabel"]').all_inner_texts()]
    assert labels[:4] == ["Requests received", "Requests handled", "Disclosure rate", "Agencies reported"]
    screenshot(page, "overview-scope-1440-en")


def test_an_old_overview_link_naming_an_agency_opens_its_report(app_server, page):
    """A shared /overview?agency=…&year=… (older links opened one report on 总览) opens that report on 单位年报, the
    agency kept as its id; a link naming a 示例 agency shows it although sample data are off by default."""
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.goto(f"{app_server}/overview?agency={quote(OTHER)}&year=2021")  # the agency by name
    page.wait_for_url(f"{app_server}/report?agency={url_id(OTHER)}&year=2021", timeout=60000)
    wait_for_app(page)
    assert page.get_by_role("heading", name="单位年报").count() == 1
    assert page.locator('[data-testid="stMetricValue"]').all_inner_texts()[:4] == ["14", "0", "8", "14"]
    assert not [m for m in messages if "does not seem to exist" in m]
    assert "not found" not in page.locator("body").inner_text().lower()
    page.locator('[data-testid="stSidebarNav"] a[href$="/channels"]').click(timeout=30000)
    page.wait_for_function("() => (document.querySelector('h1') || {}).textContent?.includes('公开渠道')", timeout=60000)
    wait_for_app(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.console_errors == []


def _pdf_text(path: Path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _brief_text(page, url: str, target: Path) -> str:
    """Open `url`, download its brief, and return the PDF's text without white space."""
    page.goto(url)
    wait_for_app(page)
    with page.expect_download(timeout=60000) as done:
        click_when_still(page.get_by_role("button", name="下载简报").first)
    done.value.save_as(target)
    return "".join(_pdf_text(target).split())


def test_the_brief_downloads_for_the_scope_year_and_for_the_report(app_server, page, tmp_path):
    latest = max(int(r["year"]) for r in _real_reports())
    now = _keys_of(latest)
    text = _brief_text(page, _keyed_scope(app_server), tmp_path / "scope.pdf")
    agencies = _keyed_agencies()
    assert f"{agencies[0]}、{agencies[1]}等{len(agencies)}家单位" in text.replace(" ", "") and f"{latest}年度" in text
    assert f"{_sum(now, 'requests.received'):,.0f}件" in text  # the same key figure as on the screen
    assert f"报告单位{len(now)}/" in text

    agency = _agency_of(sorted(now)[0])
    text = _brief_text(page, f"{app_server}/report?agency={url_id(agency)}&year={latest}", tmp_path / "report.pdf")
    assert agency in text and f"{latest}年度" in text
    assert page.console_errors == []
