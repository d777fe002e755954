"""A report's metadata from its own words: the agency, the year its statistics cover, whether the text
is an annual report at all, and the years its titles name (more than one: several reports in one file).
The file name is the last resort."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .model import ReportError

_AGENCY_END = (
    r"(?:局|委员会|委|人民政府|政府|办公室|办公厅|厅|院|部|署|中心|管理处|处|所|站|馆|会|集团|公司|街道办事处|街道|乡|镇|区|市|县|旗)"
)
_TITLE = re.compile(r"^(?P<agency>\S{2,40}?" + _AGENCY_END + r")\s*(?:(?P<year>\d{4})\s*年度?)?\s*政府信息公开工作年度报告")
_TITLE_YEAR = re.compile(r"^(?:(?P<year>\d{4})\s*年度?)\s*政府信息公开(?:工作)?年度报告")
_TABLE_TITLE = re.compile(r"^政府信息公开(?:情况)?统计表")
_AGENCY_LINE = re.compile(r"^\S{2,40}?" + _AGENCY_END + r"$")
_PERIOD = re.compile(r"统计期限\S{0,4}?(\d{4})\s*年\s*1\s*月\s*1\s*日")
_YEAR_IN_TITLE = re.compile(r"[(（]\s*(\d{4})\s*年度?\s*[)）]")
# A crawler's header line naming the page title ('标题: …' / '标题：…').
_HEADER_TITLE = re.compile(r"^\s*标题\s*[:：]\s*(.+)$")
# Any title: the agency is what the title prints before the year, whatever its last character
# (平潭综合实验区, 莆田市, 三明市人民政府 …); or the year first, then the agency.
_TITLE_ANY = re.compile(
    r"^(?P<agency>[\u4e00-\u9fff()（）]{2,40}?)\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)"
)
_TITLE_YEAR_FIRST = re.compile(
    r"^(?P<year>(?:19|20)\d{2})\s*年度?\s*(?P<agency>[\u4e00-\u9fff()（）]{2,40}?)\s*(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)"
)
_BY_OFFICE = re.compile(r"由(\S{2,40}?" + _AGENCY_END + r")(?:办公室)?(?:负责)?编制")


def read_metadata(text: str, name: str) -> tuple[str, int, bool]:
    """(agency as printed, report year, True when the agency came from the file name)."""
    lines = _lines(text)
    agency = year = None
    for line in lines[:20]:
        m = _HEADER_TITLE.match(line)
        if m:
            agency, year = _from_title(m.group(1).replace(" ", ""))
            break
    for i, line in enumerate(lines[:400]):
        if agency is None and year is None:
            agency, year = _from_title(line.replace(" ", ""))
            if agency is None and year is None and i + 1 < len(lines) and i < 30:
                # a title wrapped over two lines ('上海市科学技术委员会2019年政府信息公开' / '工作年度报告')
                agency, year = _from_title((line + lines[i + 1]).replace(" ", ""))
        m = _TITLE.match(line.replace(" ", ""))
        if m and agency is None:
            agency = m.group("agency")
            year = year or _int(m.group("year"))
        m = _TITLE_YEAR.match(line.replace(" ", ""))
        if m:
            year = year or _int(m.group("year"))
            if agency is None and i > 0 and _AGENCY_LINE.match(lines[i - 1].replace(" ", "")):
                agency = lines[i - 1].replace(" ", "")
        if _TABLE_TITLE.match(line.replace(" ", "")) and i > 0:
            if agency is None and _AGENCY_LINE.match(lines[i - 1].replace(" ", "")):
                agency = lines[i - 1].replace(" ", "")
            if year is None and i + 1 < len(lines):
                m = _YEAR_IN_TITLE.search(lines[i + 1])
                year = _int(m.group(1)) if m else None
    flat = " ".join(lines)
    if year is None:
        m = _PERIOD.search(flat)
        year = _int(m.group(1)) if m else None
    if agency is None:
        m = _BY_OFFICE.search(flat.replace(" ", ""))
        agency = m.group(1) if m else None
    if agency is None:
        agency = _signature(lines)
    stem = Path(name).stem
    if year is None:
        m = re.search(r"(20[0-4]\d)", stem)
        year = int(m.group(1)) if m else None
    if year is None or not 2008 <= year <= 2100:
        raise ReportError(name, "cannot tell the report year (no 统计期限 or title year in the text or file name)")
    from_name = agency is None
    if agency is None:
        agency = re.sub(r"[-_ ]*(20[0-4]\d)[-_ ]*", "", stem) or stem
    return agency, year, from_name


_DATE_LINE = re.compile(r"^(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日$")


def _signature(lines: list[str]) -> str | None:
    """The agency that signs the report: a name line just above the date at its end."""
    tail = [ln.replace(" ", "") for ln in lines[-15:]]
    for i in range(len(tail) - 1, 0, -1):
        if _DATE_LINE.match(tail[i]) and _AGENCY_LINE.match(tail[i - 1]) and len(tail[i - 1]) <= 30:
            return tail[i - 1]
    return None


_SPACE = re.compile(r"\s+")


def _lines(text: str) -> list[str]:
    """The text's non-empty lines, NFKC-normalised once for the whole text, spacing squeezed."""
    nfkc = unicodedata.normalize("NFKC", text or "").replace("\u3000", " ").replace("\xa0", " ")
    return [ln for ln in (_SPACE.sub(" ", raw).strip() for raw in nfkc.splitlines()) if ln]


def _from_title(title: str) -> tuple[str | None, int | None]:
    m = _TITLE_ANY.match(title) or _TITLE_YEAR_FIRST.match(title)
    if not m:
        return None, None
    agency = m.group("agency")
    if agency in ("政府", "本机关", "本单位", "我局", "我委", "全市", "全县", "全区"):
        agency = None  # '2018年政府信息公开工作年度报告': the year first, no agency named
    return agency, _int(m.group("year"))


def _int(s: str | None) -> int | None:
    return int(s) if s else None


_REPORT_TITLE = re.compile(r"(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)")


def is_annual_report(text: str) -> bool:
    """A disclosure annual report by its own words: a title naming an agency and a year, and a text
    long enough to be one (a news item that mentions a report is shorter and has no such title)."""
    lines = [ln.replace(" ", "") for ln in _lines("\n".join(text.splitlines()[:40]))]
    titled = any(_from_title(m.group(1) if (m := _HEADER_TITLE.match(ln)) else ln)[1] for ln in lines if _REPORT_TITLE.search(ln))
    return titled and len(text) >= 800 and text.count("信息公开") >= 5


_SPACES = re.compile(r"[\s\u3000]+")


def report_years(text: str) -> list[int]:
    """The years a text's report titles name (or, when no title names one, its 统计期限 statements): more than
    one is several reports in one file. A 统计期限 that names another year than the title is one report with a
    wrong period (a draft copied from last year's), which the audit's statistics_period rule reports."""
    years: set[int] = set()
    nfkc = unicodedata.normalize("NFKC", text[:2_000_000])  # once for the whole text, not per line
    for line in nfkc.splitlines()[:20000]:
        if "报告" not in line:
            continue  # every title names itself a report
        compact = _SPACES.sub("", line)
        m = _TITLE.match(compact) or _TITLE_YEAR.match(compact)
        if m and m.group("year"):
            years.add(int(m.group("year")))
    if years:
        return sorted(years)
    return sorted({int(m.group(1)) for m in _PERIOD.finditer(_SPACES.sub(" ", nfkc))})
