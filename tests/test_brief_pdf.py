"""The brief (disclosure/brief/): one A4 PDF per agency-year and per scope-year, from a store built from the
real reports in data/reports. The figures it must print are computed here from the store's facts with plain
SQL, not by the builder; the text is read back with poppler's pdftotext, the fonts with pdffonts, and page 1
is rendered with pdftoppm (kept in artifacts/brief/ to look at)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from disclosure import agencies as agency_table
from disclosure.brief import (
    Brief,
    Finding,
    FontMissing,
    KeyFigure,
    MissingGlyphs,
    TrendPoint,
    brief_for_report,
    brief_for_scope,
    fonts,
    region_scope,
    render_brief,
)
from disclosure.brief import charts as brief_charts
from disclosure.store import Store

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "artifacts" / "brief"
A4 = (595.28, 841.89)
MARGIN = 34  # the renderer's side margin: nothing drawn outside it but the footer and the sample mark


def _need(tool: str) -> None:
    if not shutil.which(tool):
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is missing: apt-get install -y poppler-utils")
        pytest.skip(f"{tool} (poppler-utils) is not installed")


@pytest.fixture(scope="module", autouse=True)
def _font():
    if not fonts.font_path().is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{fonts.font_path()} is missing: apt-get install -y {fonts.DEBIAN_PACKAGE}")
        pytest.skip(f"the brief's font is not installed ({fonts.DEBIAN_PACKAGE})")


@pytest.fixture(scope="module")
def reader(reports_reader):
    return reports_reader  # the store of data/reports/, built once a run (conftest)


def _sql(reader, statement: str, *params):
    cur = reader.cursor()
    try:
        return cur.execute(statement, list(params)).fetchall()
    finally:
        cur.close()


def _total(reader, agencies: list[str], year: int, indicator: str) -> float:
    """Σ over the agencies' reports of the year of the 总计 cell, checked to be reported (not blank)."""
    rows = _sql(
        reader,
        "SELECT f.value, f.status FROM reports r JOIN facts f USING (report_id) "
        "WHERE list_contains(?, r.agency) AND r.year = ? AND f.indicator = ? AND f.applicant = 'total'",
        agencies,
        year,
        indicator,
    )
    assert rows and all(status == "reported" for _, status in rows), (agencies, year, indicator, rows)
    return sum(v for v, _ in rows)


def _text(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    _need("pdftotext")
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-raw", *pages, str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")


def _compact(text: str) -> str:
    return "".join(text.split())


def _has_figure(compact: str, figure: str) -> bool:
    """`figure` stands alone (not the tail of a longer number)."""
    tail = r"(?![\d])" if figure[-1].isdigit() else ""
    return re.search(rf"(?<![\d,.]){re.escape(figure)}{tail}", compact) is not None


def _count(value: float) -> str:
    return f"{int(value):,}"


def _pages(pdf: bytes) -> list:
    import io

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return [tuple(float(x) for x in p.mediabox) for p in doc.pages]


def _fonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    _need("pdffonts")
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout.splitlines()
    return [line.split() for line in out[2:] if line.strip()]


def _words_outside(pdf: bytes, tmp_path: Path) -> list[str]:
    """Words whose box leaves the page's printable area (the side margins, top and bottom of the page)."""
    _need("pdftotext")
    path = tmp_path / "w.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    bad = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html):
        x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
        if x0 < MARGIN - 0.5 or x1 > A4[0] - MARGIN + 0.5 or y0 < 0 or y1 > A4[1]:
            bad.append(m.group(5))
    return bad


def _render_page_one(pdf: bytes, name: str, tmp_path: Path) -> Image.Image:
    _need("pdftoppm")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(tmp_path / name)], check=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(tmp_path / f"{name}.png", ARTIFACTS / f"{name}.png")
    return Image.open(tmp_path / f"{name}.png").convert("L")


# ---- one agency-year -------------------------------------------------------------------------


AGENCY, YEAR = "三明市人民政府", 2021


def test_the_agency_brief_prints_the_agency_the_year_and_its_key_figures(reader, tmp_path):
    assert _sql(reader, "SELECT count(*) FROM reports WHERE agency = ? AND year = ?", AGENCY, YEAR) == [(1,)]
    received = _total(reader, [AGENCY], YEAR, "requests.received")
    granted = _total(reader, [AGENCY], YEAR, "requests.outcome.granted")
    partial = _total(reader, [AGENCY], YEAR, "requests.outcome.partial")
    handled = _total(reader, [AGENCY], YEAR, "requests.outcome.total")
    pdf = render_brief(brief_for_report(reader, AGENCY, YEAR, "zh"))
    text = _compact(_text(pdf, tmp_path))
    assert AGENCY in text and f"{YEAR}年度" in text
    for figure in (received, granted, handled):
        assert _has_figure(text, f"{_count(figure)}件"), figure
    assert _has_figure(text, f"{100 * (granted + partial) / handled:.1f}%")  # 公开率, the catalog's formula
    # no 2020 report: the change says so instead of comparing with nothing
    assert not _sql(reader, "SELECT 1 FROM reports WHERE agency = ? AND year = ?", AGENCY, YEAR - 1)
    assert f"{YEAR - 1}年无报告" in text
    (source,) = _sql(reader, "SELECT source_name FROM reports WHERE agency = ? AND year = ?", AGENCY, YEAR)[0]
    assert source in text
    assert "示例数据" not in text  # real reports only


def test_the_cjk_font_is_embedded_and_no_font_is_left_out(reader, tmp_path):
    pdf = render_brief(brief_for_report(reader, AGENCY, YEAR, "zh"))
    rows = _fonts(pdf, tmp_path)
    assert rows and any("WenQuanYiMicroHei" in r[0] for r in rows)
    for r in rows:  # name type encoding emb sub uni id gen: every font embedded, with a ToUnicode map
        assert r[-5] == "yes" and r[-3] == "yes", r


def test_page_one_renders_on_one_a4_page_with_nothing_cut_off(reader, tmp_path):
    pdf = render_brief(brief_for_report(reader, AGENCY, YEAR, "zh"))
    pages = _pages(pdf)
    assert len(pages) == 1 and pages[0][2:] == pytest.approx(A4, abs=0.5)
    assert _words_outside(pdf, tmp_path) == []
    image = _render_page_one(pdf, f"{AGENCY}-{YEAR}", tmp_path)
    assert image.size[0] in (496, 497) and image.size[1] == 702  # A4 at 60 dpi
    ink = sum(image.histogram()[:200]) / (image.size[0] * image.size[1])
    assert ink > 0.03  # cards, charts and text, not an empty page


def test_a_change_across_the_2019_template_is_not_compared(reader, tmp_path):
    templates = dict(_sql(reader, "SELECT year, template FROM reports WHERE agency = ? AND year IN (2018, 2019)", AGENCY))
    assert templates == {2018: "local", 2019: "2019"}
    brief = brief_for_report(reader, AGENCY, 2019, "zh")
    assert all(f.change == "not_comparable" and f.delta is None for f in brief.figures)
    text = _compact(_text(render_brief(brief), tmp_path))
    assert "与上年口径不同，不可直接比较" in text and "比2018年" not in text


def test_the_trend_draws_no_solid_line_across_the_template_change(reader):
    """三明市人民政府: local to 2018, the 2019 format in 2019, no 2020 report, the 2021 format from 2021: the two
    national changes are crossed, so both are drawn (as 年度趋势 draws them), and no solid line crosses either."""
    templates = dict(_sql(reader, "SELECT year, template FROM reports WHERE agency = ? AND year BETWEEN 2018 AND 2021", AGENCY))
    assert templates == {2018: "local", 2019: "2019", 2021: "2021"}
    brief = brief_for_report(reader, AGENCY, YEAR, "zh")
    points = {p.year: p for p in brief.trend_points}
    assert points[2018].comparability == "approximate" and points[2019].comparability == "exact"
    assert brief.trend_breaks == [(2018, 2019), (2020, 2021)]
    drawing = brief_charts.trend(brief.trend_points, brief.trend_breaks, 260, 140, "zh", YEAR)
    lines = [s for s in drawing.contents if isinstance(s, brief_charts.PolyLine)]
    solid = [s for s in lines if not s.strokeDashArray]
    dashed = [s for s in lines if s.strokeDashArray]
    assert solid and len(dashed) == 1  # 2018 → 2019 only; 2019 → 2021 skips 2020 (no report): a gap
    break_x = dashed[0].points[0], dashed[0].points[2]
    assert all((s.points[0], s.points[2]) != break_x for s in solid)
    labels = [s.text for s in drawing.contents if isinstance(s, brief_charts.String)]
    assert labels.count("口径变更") == 2


def test_the_english_brief_has_english_labels_and_the_chinese_agency_name(reader, tmp_path):
    text = _text(render_brief(brief_for_report(reader, AGENCY, YEAR, "en")), tmp_path)
    compact = _compact(text)
    assert AGENCY in compact and "Requests received over the years" in text and "Key figures" in text
    assert f"no {YEAR - 1} report" in text and "关键" not in compact and "主要数字" not in compact


def test_a_blank_figure_prints_blank_never_0(reader, tmp_path):
    """莆田市文化和旅游局 2019: the archive's 新收 row could not be read (incomplete_table): 未填, not 0."""
    agency = "莆田市文化和旅游局"
    rows = _sql(
        reader,
        "SELECT count(*) FROM reports r JOIN facts f USING (report_id) WHERE r.agency = ? AND r.year = 2019 "
        "AND f.indicator = 'requests.received' AND f.value IS NOT NULL",
        agency,
    )
    assert rows == [(0,)]
    brief = brief_for_report(reader, agency, 2019, "zh")
    new = next(f for f in brief.figures if f.label == "新收申请")
    assert new.value is None
    text = _compact(_text(render_brief(brief), tmp_path))
    assert "新收申请未填" in text or "新收申请表中无此项" in text


# ---- one scope-year --------------------------------------------------------------------------


def test_the_scope_brief_sums_its_agencies_and_says_who_reported(reader, tmp_path):
    region, year = "莆田市", 2021
    names = [a.name_zh for a in agency_table.agencies().values() if a.region == region]
    reported = {a for (a,) in _sql(reader, "SELECT agency FROM reports WHERE list_contains(?, agency) AND year = ?", names, year)}
    templates = {
        t for (t,) in _sql(reader, "SELECT DISTINCT template FROM reports WHERE list_contains(?, agency) AND year = ?", names, year)
    }
    assert templates == {"2021"} and 0 < len(reported) < len(names)
    before = {
        t for (t,) in _sql(reader, "SELECT DISTINCT template FROM reports WHERE list_contains(?, agency) AND year = ?", names, year - 1)
    }
    assert before == {"2019"}  # the 2019 format: the same headline set, so compared
    received = _total(reader, names, year, "requests.received")
    received_before = _total(reader, names, year - 1, "requests.received")
    handled = _total(reader, names, year, "requests.outcome.total")
    granted = _total(reader, names, year, "requests.outcome.granted")
    partial = _total(reader, names, year, "requests.outcome.partial")

    scope_names, scope_name = region_scope(region)
    assert sorted(scope_names) == sorted(names) and scope_name == "莆田市 · 全部单位"
    pdf = render_brief(brief_for_scope(reader, scope_names, scope_name, year, "zh"))
    assert len(_pages(pdf)) == 1 and _words_outside(pdf, tmp_path) == []
    text = _compact(_text(pdf, tmp_path))
    assert "莆田市·全部单位" in text and f"{year}年度" in text
    existing = {n for n in names if agency_table.active_in(n, year)} | reported  # a bureau gone by then is not counted
    assert f"已报告单位{len(reported)}/{len(existing)}" in text
    for missing in existing - reported:
        assert missing in text
    assert _has_figure(text, f"{_count(received)}件") and _has_figure(text, f"{_count(handled)}件")
    change = received - received_before
    sign = "+" if change > 0 else "−" if change < 0 else ""
    assert (f"比{year - 1}年{sign}{_count(abs(change))}" if change else f"与{year - 1}年持平") in text
    assert _has_figure(text, f"{100 * (granted + partial) / handled:.1f}%")
    for (source,) in _sql(reader, "SELECT source_name FROM reports WHERE list_contains(?, agency) AND year = ?", names, year):
        assert source in text
    warnings = _sql(
        reader,
        "SELECT count(*) FROM reports r JOIN checks c USING (report_id) WHERE list_contains(?, r.agency) AND r.year = ? AND c.severity = 'warning'",
        names,
        year,
    )[0][0]
    assert f"{warnings}个提醒" in text
    assert _fonts(pdf, tmp_path) and all(r[-5] == "yes" for r in _fonts(pdf, tmp_path))
    image = _render_page_one(pdf, f"{region}-{year}", tmp_path)
    assert image.size[0] in (496, 497) and image.size[1] == 702


def test_a_scope_leaves_reports_without_a_table_out_of_its_sums_and_says_so(reader, tmp_path):
    names, name = region_scope("平潭综合实验区")
    brief = brief_for_scope(reader, names, name, 2013, "zh")
    text = _compact(_text(render_brief(brief), tmp_path))
    no_table = sorted(
        a for (a,) in _sql(reader, "SELECT agency FROM reports WHERE list_contains(?, agency) AND year = 2013 AND template = 'none'", names)
    )
    assert "平潭综合实验区地方税务局" in no_table
    assert "未计入合计（未附统计表）：" + "、".join(no_table) + "。" in text
    tabled = [
        a
        for (a,) in _sql(reader, "SELECT agency FROM reports WHERE list_contains(?, agency) AND year = 2013 AND template <> 'none'", names)
    ]
    # 平潭县人民政府's own report stands apart from its departments' (a summary is never added to its parts)
    assert "未计入合计：平潭县人民政府（" in text
    received = _total(reader, [a for a in tabled if a != "平潭县人民政府"], 2013, "requests.received")
    assert next(f for f in brief.figures if f.label == "受理申请").value == received


# ---- every real report, the sample mark, the font's limits -----------------------------------


@pytest.mark.heavy  # 251 briefs: ~20 CPU-s
def test_every_real_report_has_a_one_page_brief_with_every_glyph_in_the_font(reader):
    for agency, year in _sql(reader, "SELECT agency, year FROM reports ORDER BY agency, year"):
        pdf = render_brief(brief_for_report(reader, agency, year, "zh"))  # raises MissingGlyphs on any character
        assert len(_pages(pdf)) == 1, (agency, year)


def test_sample_data_is_marked_on_every_page(tmp_path):
    long = "示例单位的统计表与正文不一致，" * 18
    brief = Brief(
        title="政府信息公开工作年度报告简报",
        scope="示例市丙区人民政府",
        year=2021,
        figures=[KeyFigure("新收申请", 31, "件", "compared", -12, 2020), KeyFigure("予以公开", None, "件", "compared", None, 2020)],
        trend_points=[TrendPoint(2020, 43, "2019"), TrendPoint(2021, 31, "2021")],
        trend_breaks=[(2020, 2021)],
        findings=[Finding("warning", f"{k}. {long}") for k in range(12)],
        is_sample=True,
    )
    pdf = render_brief(brief)
    pages = len(_pages(pdf))
    assert pages == 2  # the long findings flow onto a second page …
    for page in range(1, pages + 1):  # … and both say 示例数据
        assert "示例数据" in _text(pdf, tmp_path, page)
    text = _compact(_text(pdf, tmp_path))
    assert "予以公开未填" in text and "比2020年−12" in text and "第1/2页" in text


def test_a_sample_report_makes_a_sample_brief(tmp_path):
    s = Store(tmp_path / "sample.duckdb")
    files = sorted((ROOT / "data" / "sample").glob("shili-bingqu-202[01].*"))
    assert files
    s.ingest_paths(files, sample=True)
    r = s.reader()
    try:
        (agency,) = _sql(r, "SELECT DISTINCT agency FROM reports")[0]
        brief = brief_for_report(r, agency, 2021, "zh")
    finally:
        r.close()
    assert brief.is_sample
    assert "示例数据" in _text(render_brief(brief), tmp_path)


def test_a_character_the_font_lacks_is_an_error_not_an_empty_box():
    brief = Brief(title="简报", scope="\U00020000市人民政府", year=2021)  # an ideograph of extension B
    with pytest.raises(MissingGlyphs) as caught:
        render_brief(brief)
    assert "U+20000" in str(caught.value) and "\n" not in str(caught.value)


def test_a_missing_font_file_is_one_line_naming_the_package(tmp_path):
    with pytest.raises(FontMissing) as caught:
        fonts.register(str(tmp_path / "none.ttc"))
    message = str(caught.value)
    assert "\n" not in message and fonts.DEBIAN_PACKAGE in message and "none.ttc" in message


def test_the_font_is_declared_for_the_docker_image_community_cloud_and_the_tests():
    package = fonts.DEBIAN_PACKAGE
    assert package in (ROOT / "packages.txt").read_text(encoding="utf-8").split()
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(rf"apt-get install [^\n]*{package}", dockerfile)
    assert package in (ROOT / "test.sh").read_text(encoding="utf-8")


def test_a_finding_longer_than_a_page_is_cut_and_says_where_the_rest_is(tmp_path):
    brief = Brief(title="简报", scope="三明市人民政府", year=2021, findings=[Finding("error", "统计表有单元格无法确定" * 600)])
    text = _compact(_text(render_brief(brief), tmp_path))
    assert "全文见看板“数据质量”页" in text
