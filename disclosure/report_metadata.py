"""A report's metadata from its own words: the agency, the year its statistics cover, whether the text
is an annual report at all, and the years its titles name (more than one: several reports in one file).
The file name is the last resort.

The page around a report is not the report (`strip_chrome`): a saved site page links to the agency's
other reports (上一篇 / 下一篇, 相关链接 lists), prints breadcrumbs, attachment lists, share bars and a
footer (`catalog/site_chrome.csv`). The parse takes those lines out before any reader sees the text,
so a title there never names this report's agency or year, never makes a table row, and never
makes a file "several reports"."""

from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_right
from functools import cache
from itertools import accumulate
from pathlib import Path

from . import agencies, cell_text
from .model import ReportError

_AGENCY_END = (
    r"(?:局|委员会|委|人民政府|政府|办公室|办公厅|厅|院|部|署|中心|管理处|处|所|站|馆|会|集团|公司|街道办事处|街道|乡|镇|区|市|县|旗)"
)
_TITLE = re.compile(r"^(?P<agency>\S{2,40}?" + _AGENCY_END + r")\s*(?:(?P<year>\d{4})\s*年度?)?\s*政府信息公开工作年度报告")
_TITLE_YEAR = re.compile(r"^(?:(?P<year>\d{4})\s*年度?)\s*政府信息公开(?:工作)?年度报告")
_TABLE_WORDS = re.compile(r"政府信息公开(?:工作)?(?:有关)?(?:情况)?统计表")
# a statistics table's own title naming the agency ('开封市质量技术监督局政府信息公开情况统计表', after
# an optional '附件：'), the year in it or on the line below ('（2018年度）')
_NAMED_TABLE_TITLE = re.compile(
    r"^(?:附件\d*[:：]?)?(?:(?P<year1>(?:19|20)\d{2})年度?)?(?P<agency>[\u4e00-\u9fff()（）]{2,40}?"
    + _AGENCY_END
    + r")(?:(?P<year2>(?:19|20)\d{2})年度?)?政府信息公开(?:工作)?(?:有关)?(?:情况)?统计表"
)
_AGENCY_LINE = re.compile(r"^\S{2,40}?" + _AGENCY_END + r"$")
_PERIOD = re.compile(r"统计期限\S{0,4}?(\d{4})\s*年\s*1\s*月\s*1\s*日")
_YEAR_IN_TITLE = re.compile(r"[(（]\s*(\d{4})\s*年度?\s*[)）]")
# A crawler's header line naming the page title ('标题: …' / '标题：…').
_HEADER_TITLE = re.compile(r"^\s*标题\s*[:：]\s*(.+)$")
# Any title: the agency is what the title prints before the year, whatever its last character
# (平潭综合实验区, 莆田市, 三明市人民政府 …); or the year first, then the agency.
# 政务公开 titles too ('平潭综合实验区经济发展局2018年政务公开工作年度报告'); a cover letter's 关于 before the year
# ('…行政审批局关于2017年政府信息公开工作年度报告') is not part of the name
# the words titles use: 政府信息公开, 政务公开, and two old slips ('…2011年工作公开年度报告', '…政府信息工作公开年度报告')
_OPENNESS = r"(?:(?:政府)?信息(?:工作)?|政务|工作)公开(?:工作)?(?:年度)?(?:报告|年报)"
_TITLE_ANY = re.compile(r"^(?P<agency>[\u4e00-\u9fff()（）]{2,40}?)\s*(?:关于)?\s*(?P<year>(?:19|20)\d{2})\s*年度?\s*" + _OPENNESS)
_TITLE_YEAR_FIRST = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年度?\s*(?P<agency>[\u4e00-\u9fff()（）]{2,40}?)\s*" + _OPENNESS)
# a crawler's header naming the publisher
# ('发布机构: 平潭县公安局办公室'; a site's code before it: 'PTSSLJ-莆田市水利局')
_HEADER_PUBLISHER = re.compile(r"^\s*发布机构\s*[:：]\s*(?:[A-Za-z0-9_]+[-_—])?([\u4e00-\u9fff()（）]{2,40}?)(?:办公室)?$")
_BY_OFFICE = re.compile(r"由(\S{2,40}?" + _AGENCY_END + r")(?:办公室)?(?:负责)?编制")


def read_metadata(text: str, name: str) -> tuple[str, int, bool]:
    """(agency as printed, report year, True when the agency came from the file name)."""
    lines = _lines(text)
    agency = year = None
    publisher = None
    for line in lines[:20]:
        m = _HEADER_PUBLISHER.match(line)
        publisher = publisher or (m.group(1) if m else None)
        m = _HEADER_TITLE.match(line)
        if m and agency is None and year is None:
            agency, year = _from_title(m.group(1).replace(" ", ""))
    if agency and publisher and publisher != agency and publisher.endswith(agency):
        agency = publisher  # the title drops the place ('公安局2009年度…'); the publisher names it ('平潭县公安局')
    for i, line in enumerate(lines[:400]):
        if agency is not None and year is not None:
            break  # nothing below changes a name and a year once both are read
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
        if _TABLE_WORDS.search(line) and (agency is None or year is None):
            # a table with its own title ('开封市质量技术监督局政府信息公开情况统计表' / '（2018年度）'), the
            # title perhaps wrapped over the lines above ('2014' / '年度莆田市审计局' / '政府信息公开有关情况统计表')
            compact = [ln.replace(" ", "") for ln in lines[max(0, i - 2) : i + 1]]
            for title in (compact[-1], "".join(compact[-2:]), "".join(compact)):
                m = _NAMED_TABLE_TITLE.match(title)
                if m and not m.group("agency").startswith("年") and "报告" not in m.group("agency"):
                    agency = agency or m.group("agency")
                    year = year or _int(m.group("year1") or m.group("year2"))
                    break
            if year is None and i + 1 < len(lines):
                below = _YEAR_IN_TITLE.search(lines[i + 1])
                year = _int(below.group(1)) if below else None
    flat = " ".join(lines)
    if year is None:
        m = _PERIOD.search(flat)
        year = _int(m.group(1)) if m else None
    if agency is None:
        m = _BY_OFFICE.search(flat.replace(" ", ""))
        agency = m.group(1) if m else None
    if agency is None:
        agency = _signature(lines)
    elif not agencies.infer_region(agency):
        # a title naming no place ('财金局2016年…') yields to a signature that does ('平潭综合实验区财政金融局')
        signed = _signature(lines)
        agency = signed if signed and agencies.infer_region(signed) else agency
    stem = Path(name).stem
    if year is None:
        m = re.search(r"(20[0-4]\d)", stem)
        year = int(m.group(1)) if m else None
    if year is None or not 2008 <= year <= 2100:
        raise ReportError(name, "refusal_no_year")
    from_name = agency is None
    if agency is None:
        agency = re.sub(r"[-_ ]*(20[0-4]\d)[-_ ]*", "", stem) or stem
    return agency, year, from_name


_DATE_LINE = re.compile(r"^(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年\s*\S{1,3}\s*月\s*\S{1,3}\s*日$")


_GLUED_SIGNATURE = re.compile(
    r"(?:^|\s)([\u4e00-\u9fff()（）]{2,30}?" + _AGENCY_END + r")\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
)


def _signature(lines: list[str]) -> str | None:
    """The agency that signs the report: a name line just above the date at its end."""
    tail = [ln.replace(" ", "") for ln in lines[-15:]]
    for i in range(len(tail) - 1, 0, -1):
        if _DATE_LINE.match(tail[i]) and _AGENCY_LINE.match(tail[i - 1]) and len(tail[i - 1]) <= 30:
            return tail[i - 1]
    # a page text that runs the signature into the last line ('…电子邮件申请数条0 平潭综合实验区财政金融局2017年1月13日')
    m = _GLUED_SIGNATURE.search(lines[-1]) if lines else None
    return m.group(1) if m else None


_SPACE = re.compile(r"\s+")
_SPACE_IN_LINE = re.compile("[ \t\x1f\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def _lines(text: str) -> list[str]:
    """The text's non-empty lines, NFKC-normalised once for the whole text, spacing squeezed."""
    nfkc = cell_text.nfkc(text or "").replace("\u3000", " ").replace("\xa0", " ")
    # spacing squeezed in one pass over the text: the whitespace that does not end a line (str.splitlines)
    return [ln for ln in (raw.strip() for raw in _SPACE_IN_LINE.sub(" ", nfkc).splitlines()) if ln]


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


_REPORT_TITLE = re.compile(_OPENNESS)


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
    nfkc = cell_text.nfkc(text[:2_000_000])  # once for the whole text, not per line
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


# ---- site chrome ---------------------------------------------------------------------------------

# bullets and brackets a link list puts before an item
_BULLETS = "·•●◆◇▪■□○>»›-*|[]「」 \t\u3000"
_DATE = r"[\[［（(]?\s*(?:19|20)\d{2}[-/]\d{1,2}[-/]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[\]］）)]?"
# an item of a list of links: a file to download, or a title with its date before or after it (apart
# from the title, or glued to its last word where spans run together)
_LIST_ITEM = re.compile(
    r"\.(?:docx?|pdf|wps|xlsx?|et|ofd|zip|rar)\s*$|(?:\s|[\[［（(]|报告|年报|统计表|通知|公告)"
    + _DATE
    + r"\s*$|^\s*"
    + _DATE
    + r"(?:\s|(?<=[\]］）)]))",
    re.I,
)
_LINK_DATE_LINE = re.compile(r"^\s*" + _DATE + r"\s*$")
# what a listed link's title names: a report, a table, a notice … (a table's cells name none of these)
_DOCUMENT_WORD = re.compile(
    r"报告|年报|统计表|通知|公告|公示|通报|办法|意见|规定|方案|决定|指南|目录|解读|纪要|简报|\.(?:docx?|pdf|wps|xlsx?)"
)
# a crawler's header lines are the export's own, never chrome
_CRAWLER_HEADER = re.compile(r"^\s*(?:标题|发布时间|文号|发布机构|栏目|原始链接|原文链接|来源|本地目录|索引号|主题分类|发文日期)\s*[:：]")
_SENTENCE = re.compile(r"[。；;！？!?]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CHROME_MAX_CHARS = 200  # a longer line is a page printed on one line, chrome and report together: kept
_LINK_MAX_CHARS = 100  # a listed link: one short line with no sentence in it


@cache
def _chrome_words() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(line starts, list headings, anywhere) from catalog/site_chrome.csv, each as written and NFKC'd
    (a page prints '分享到：' or '分享到:')."""
    from .catalog import HERE

    kinds: dict[str, set[str]] = {"line": set(), "heading": set(), "contains": set()}
    with (HERE / "site_chrome.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            kinds[r["kind"]] |= {r["text"], unicodedata.normalize("NFKC", r["text"])}
    return tuple(sorted(kinds["line"])), tuple(sorted(kinds["heading"])), tuple(sorted(kinds["contains"]))


@cache
def _chrome_candidate() -> re.Pattern:
    """What any chrome line holds: one of the words, a file name or a date (a fast first look)."""
    starts, headings, anywhere = _chrome_words()
    words = "|".join(re.escape(w) for w in sorted({*starts, *headings, *anywhere}, key=len, reverse=True))
    # every branch starts with a literal character and no flag covers the whole pattern, so that the
    # engine skips ahead to the characters these start with instead of trying every branch everywhere
    date = r"\d{2}[-/]\d{1,2}[-/]\d{1,2}"
    return re.compile(words + r"|\.(?i:docx?|pdf|wps|xlsx?|et|ofd|zip|rar)|19" + date + "|20" + date)


def _link_like(line: str) -> bool:
    """A line a list of links could hold: short, no sentence, naming a document."""
    return len(line) <= _LINK_MAX_CHARS and not _SENTENCE.search(line) and bool(_DOCUMENT_WORD.search(line))


def chrome_lines(lines: list[str]) -> list[bool]:
    """Per line, whether it belongs to the page around the report: a line that starts like chrome
    (上一篇 / 下一篇, 当前位置, 分享到, the footer: catalog/site_chrome.csv) and is no sentence, a listed
    link to a document (its date before or after it, or a file to download), and every listed link
    under a heading such as 相关链接 / 相关文章 / 附件下载 until the report's own text resumes. A table's
    cells name no document and are never chrome; crawler header lines (标题, 发布时间 …) are the
    export's own; a line over 200 characters is a whole page printed on one line and is kept."""
    starts, headings, anywhere = _chrome_words()
    flags = [False] * len(lines)
    # a first look over the whole text: only lines with a chrome word, a file name or a date (and the
    # line before one: a listed title, its date below) can be chrome, and the lines of an open list
    offsets = list(accumulate((len(line) + 1 for line in lines), initial=0))
    hits = {bisect_right(offsets, m.start()) - 1 for m in _chrome_candidate().finditer("\n".join(lines))}
    todo = sorted({j for i in hits for j in (i - 1, i) if j >= 0})
    in_list = False
    i, k = -1, 0
    while True:
        if in_list:
            i += 1
        else:
            while k < len(todo) and todo[k] <= i:
                k += 1
            if k == len(todo):
                break
            i = todo[k]
        if i >= len(lines):
            break
        line = lines[i].strip()
        if not line:
            continue
        if len(line) > _CHROME_MAX_CHARS or _CRAWLER_HEADER.match(line):
            in_list = False
            continue
        bare = line.lstrip(_BULLETS)
        sentence = _SENTENCE.search(line)  # the report's own sentence, whatever word it starts with
        if bare.startswith(headings) and not sentence and len(line) <= _LINK_MAX_CHARS:
            flags[i] = in_list = True
        elif (bare.startswith(starts) and not sentence) or any(w in line for w in anywhere):
            flags[i], in_list = True, False  # chrome of another kind (上一篇, the footer): the list has ended
        elif _link_like(line) and (in_list or _LIST_ITEM.search(line) or _next_is_date(lines, i)):
            flags[i] = True
        elif _LINK_DATE_LINE.match(line) and _previous_flagged(lines, flags, i):
            flags[i] = True  # the date of the listed link above
        elif not _CJK.search(bare) and len(bare) <= 10:
            continue  # '-->', '>>', a page number: neither the report's text nor the end of a list
        else:
            in_list = False  # the report's own text
    return flags


def _next_is_date(lines: list[str], i: int) -> bool:
    for j in range(i + 1, min(len(lines), i + 3)):
        if lines[j].strip():
            return bool(_LINK_DATE_LINE.match(lines[j]))
    return False


def _previous_flagged(lines: list[str], flags: list[bool], i: int) -> bool:
    for j in range(i - 1, max(-1, i - 3), -1):
        if lines[j].strip():
            return flags[j]
    return False


def strip_chrome(text: str) -> str:
    """The text without the page around the report (`chrome_lines`); every other line as it was."""
    if not _chrome_candidate().search(text):
        return text
    lines = text.split("\n")
    flags = chrome_lines(lines)
    if not any(flags):
        return text
    return "\n".join(line for line, chrome in zip(lines, flags) if not chrome)
