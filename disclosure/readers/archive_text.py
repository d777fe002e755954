"""Text exports of a report page, as web archives and crawlers keep them (corpus README, spec §2).

A few header lines (标题, 发布时间, 来源, 原文链接, 本地目录) and a `正文` marker come before the page
text; site chrome (当前位置, 相关链接, 附件下载 …) surrounds it. The table is flattened: one cell
per line, or all on one line separated by spaces, or with no separator at all between a row's
numbers. This reader only separates text from figures: each run of label text followed by a run
of figures is a row, its cells the figure tokens as printed (a glued `20263542` stays one token).
Which of those tokens make which cells is the template's question (templates/cell_search.py).
"""

from __future__ import annotations

import re
import unicodedata

from .. import cell_text
from ..cell_text import UNITS
from ..model import Extracted, Row
from .text_layout import MARKER

HEADER_KEYS = ("标题", "发布时间", "文号", "发布机构", "栏目", "原始链接", "原文链接", "来源", "本地目录", "索引号", "主题分类", "发文日期")
_HEADER = re.compile(r"^\s*(" + "|".join(HEADER_KEYS) + r")\s*[:：]")
_BODY_MARK = re.compile(r"^\s*(?:=+\s*)?正文\s*(?:=+)?\s*[:：]?\s*$")
# Site chrome: lines that belong to the page, not to the report.
_CHROME = re.compile(r"^(?:当前位置|您当前的位置|相关链接|附件下载|页面链接与图片详见|打印本页|关闭窗口|【\s*打印\s*】|电脑版|扫一扫)")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u2060"), None)
_HAS_INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff\u2060]")

# A figure: digits (a decimal point only between digits), optionally its unit glued on.
_UNIT = "(?:" + "|".join(u for u in UNITS if u != "人") + ")"  # every cell unit but a lone 人, as this reader has always read them
# Numbering markers belong to labels: '1.' '2、' before text (possibly on the next line).
_MARKER_TAIL = re.compile(r"\s*[.、．]\s*(?=[^\d\s.、．])")
# Digits followed by 年 / 月 / 日 / 号 / % / 万 / 亿 (after optional spaces) are words of the text.
_WORDY = re.compile(r"\s*(?:年|月|日|号|%|％|万(?!元)|亿|周|岁|名|家|户|位|台|部|所|份|[:：@])")
_PROSE_END = re.compile(r"[。；;！？]")
_TOP_MARKER = re.compile(r"[一二三四五六七八九十]、")
_GROUP_START = re.compile(r"^\([一二三四五六七八九十]\)")
# a unit glued to the end of its label: '主动公开信息数条' + '20263542'
_GLUED_UNIT = re.compile(r"(?:条|元|万元|人次|(?<=数)(?:件|次|个|篇|人))$")
# an article cited by its number ('第二十条'): its 条 is no unit
_ARTICLE = re.compile(r"[一二三四五六七八九十百]+条$")
_UNIT_AFTER = re.compile(r"\s*((?:余|多)?" + _UNIT + r"?)(?![\u4e00-\u9fff])")
_BOUND_AFTER = re.compile(r"(余|多)")
_SIGN = re.compile(r"\s*([+\-－增减])\s*")
_UNIT_BELOW = re.compile(r"[ \t]*\n[ \t]*(" + _UNIT + r")[ \t]*(?:\n|$)")
_SPACES = re.compile(r"\s+")
_CLOSING = re.compile(r"[”’」』)）\]】]+")
# a figure, or a '——' cell (not applicable; the 计量单位 of a group row), glued or apart
# a figure, a dash for 'none', or a slash cell for 'not applicable' right after a unit or another slash ('条 / /')
_SPLIT = re.compile(r"(\d+(?:\.\d+)?|—{2,}|(?<=[条件元次])\s*/(?=\s*[/\u4e00-\u9fff])|(?<=/)\s*/(?=\s*(?:[/\u4e00-\u9fff]|$)))")
# what may follow a figure's line break for the figure to be a plain cell: the next figure, or the end
_FIGURE_OR_END = frozenset("0123456789") | {""}
_CELL_BREAK = frozenset("\n \t")
# a label right after its item number, on the same line (no unit, no 年/月/日 …): '3不予公开答复数'
_BARE_MARKER = re.compile(r"(?!" + _UNIT + r")[\u4e00-\u9fff]{2}")


def read(text: str) -> Extracted:
    if _HAS_INVISIBLE.search(text):  # str.translate costs a pass over the text; most texts need none
        text = text.translate(_INVISIBLE)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    header, body = split_header(lines)
    # a chrome line is dropped; a one-line page (chrome, then the whole report) is kept
    body = [ln for ln in body if not (_CHROME.match(ln.strip()) and len(ln) < 200)]
    narrative = "\n".join(header + body)
    # NFKC once for the whole text (cached: the metadata reads the same text); it maps no character to a
    # line break nor a line break to anything, so the body's lines are the normalised text's last lines
    normalized = cell_text.nfkc(narrative).split("\n")
    rows = rows_from_text("\n".join(normalized[len(header) :]), normalized=True)
    return Extracted(narrative, rows, "archive")


def split_header(lines: list[str]) -> tuple[list[str], list[str]]:
    """Crawler header lines (before the 正文 marker) and the page text after it."""
    for i, line in enumerate(lines[:20]):
        if _BODY_MARK.match(line):
            return [ln for ln in lines[:i] if ln.strip()], lines[i + 1 :]
    head = 0
    while head < len(lines) and head < 20 and (_HEADER.match(lines[head]) or not lines[head].strip()):
        head += 1
    return [ln for ln in lines[:head] if ln.strip()], lines[head:]


def is_archive_export(text: str) -> bool:
    """The header lines a crawler writes before the page text."""
    first = [ln for ln in text.replace("\r", "").split("\n")[:20] if ln.strip()]
    return sum(1 for ln in first if _HEADER.match(ln)) >= 2 or any(_BODY_MARK.match(ln) for ln in first[:15])


_LONE_POINT = re.compile(r"(\d)[ \t]*\n[ \t]*\.[ \t]*\n[ \t]*(\d)")


def rows_from_text(body: str, normalized: bool = False) -> list[Row]:
    """Label runs and figure runs, in order. A label run over several lines or space-separated
    pieces keeps only its last piece as the row's label; the pieces before it become a label-only
    row (headers, group labels, a table title). `normalized`: the body is NFKC already."""
    if not normalized:
        body = unicodedata.normalize("NFKC", body)
    # a decimal point the archive put on a line of its own: '851' / '.' / '776247' is 851.776247
    body = _LONE_POINT.sub(r"\1.\2", body)
    rows: list[Row] = []
    pieces: list[str] = []  # text pieces of the current label run
    values: list[str] = []
    expected_item = 1

    def flush() -> None:
        if values:
            label_pieces = [p for p in pieces if p]
            unit = ""
            if label_pieces and label_pieces[-1] in UNITS:
                unit = label_pieces.pop()  # the 计量单位 cell
            label = label_pieces.pop() if label_pieces else ""
            # a wrapped label: '(二)部分公开' over '(区分处理的,只计这一情形,不计其他情形)'
            if label.startswith("(") and label_pieces and _GROUP_START.match(label_pieces[-1]):
                label = label_pieces.pop() + label
            # a unit glued to the end of its label: '主动公开信息数条' + '20263542'
            if not unit and len(label) > 3 and not _ARTICLE.search(label):
                m = _GLUED_UNIT.search(label)
                if m:
                    unit, label = m.group(0), label[: m.start()]
            head = _after_prose(label_pieces)
            if head:
                rows.append(Row(head, (), cells_exact=False))
            if _is_prose(label):  # a page with no line breaks: the label is what follows the last sentence
                label = _PROSE_END.split(label)[-1]
            # column headers glued before a row's own numbering marker ('…统计数一、主动公开情况'):
            # the row's label starts at its marker
            top = _TOP_MARKER.search(label)
            if top and top.start() > 0 and not MARKER.match(label):
                label_pieces.append(label[: top.start()])
                label = label[top.start() :]
            if label and not _is_prose(label):
                rows.append(Row(label, ((unit,) if unit else ()) + tuple(values), cells_exact=False))
        else:
            head = _after_prose([p for p in pieces if p])
            if head:
                rows.append(Row(head, (), cells_exact=False))
        pieces.clear()
        values.clear()

    text_buf = ""
    pos = 0
    for m in _SPLIT.finditer(body):
        between = body[pos : m.start()]
        number = m.group(1).strip()
        pos = m.end()
        after = body[pos : pos + 8]
        text_buf += between
        if after[:1] in _CELL_BREAK and after[1:2] in _FIGURE_OR_END and not text_buf.strip() and number[0] != "—":
            # one cell per line or cells apart by spaces, the next a figure too (or the end): a cell, nothing else to ask
            text_buf = ""
            values.append(number)
            continue
        if number.startswith("—") or number == "/":
            _take_text(text_buf, pieces, values, flush)
            text_buf = ""
            values.append("/" if number == "/" else "——")
            continue
        if _WORDY.match(after) or (text_buf and not text_buf[-1].isspace() and text_buf[-1] in "第（(:：-/" and not values):
            text_buf += number  # part of the words ('2016年', '第1', '（2019')
            continue
        if number == str(expected_item) and body[m.start() - 1 : m.start()] == "\n" and _BARE_MARKER.match(after):
            # the item number of a label with no point after it, at the start of its line: '3不予公开答复数'
            _take_text(text_buf, pieces, values, flush)
            text_buf = number
            expected_item += 1
            continue
        marker = _MARKER_TAIL.match(after)
        if marker and "." not in number:
            digits, item = _marker_split(number, expected_item)
            if item is not None:
                if digits:
                    _take_text(text_buf, pieces, values, flush)
                    text_buf = ""
                    values.append(digits)
                text_buf += item + after[: marker.end()].strip()
                pos += marker.end()
                expected_item = int(item) + 1
                continue
        # '1500多' / '100余' are lower bounds; a unit may follow ('11批', '1.1499万元')
        unit = _UNIT_AFTER.match(after) or _BOUND_AFTER.match(after)
        sign = _SIGN.fullmatch(text_buf)
        if sign and values:  # '本年增/减' figures: a sign (or 增 / 减) printed apart from its digits
            number = ("+" if sign.group(1) in "+增" else "-") + number
            text_buf = ""
        _take_text(text_buf, pieces, values, flush)
        text_buf = ""
        money = _UNIT_BELOW.match(body, pos, pos + 12)
        if unit and unit.group(1) and "\n" not in after[: unit.end()]:
            number += unit.group(1)
            pos += unit.end()
        elif money and values is not None:  # one cell per line: a figure's unit on the line below it ('142512' / '元', '11' / '批')
            number += money.group(1)
            pos = money.end(1)  # an absolute position: matched in body itself
        values.append(number)
    text_buf += body[pos:]
    _take_text(text_buf, pieces, values, flush)
    flush()
    return rows


def _take_text(text: str, pieces: list[str], values: list[str], flush) -> None:
    """Text between figures: it ends the current row (if figures came before) and starts the next label."""
    if not text.strip():
        return
    if values:
        flush()
    for i, chunk in enumerate(_SPACES.split(text)):
        if chunk:
            # a label's closing quote or bracket wrapped onto a line of its own: '…三安全一稳定' / '”'
            if pieces and (i == 0 and not text[0].isspace() or _CLOSING.fullmatch(chunk)):
                pieces[-1] += chunk
            else:
                pieces.append(chunk)
    if text[-1].isspace():
        pieces.append("")


def _marker_split(number: str, expected: int) -> tuple[str, str | None]:
    """'18182' before '.传真申请数' → ('1818', '2'): the marker is the item number the list expects
    next (or 1, a new list); without figures before it the whole number is the marker."""
    for item in (str(expected), "1"):
        if number == item:
            return "", item
        if number.endswith(item) and len(number) > len(item):
            return number[: -len(item)], item
    if len(number) <= 2:
        return "", number
    return number, None


def _after_prose(pieces: list[str]) -> str:
    """The label pieces after the last narrative sentence (a table title, its column headers)."""
    kept: list[str] = []
    for piece in reversed(pieces):
        if _is_prose(piece):
            break
        kept.insert(0, piece)
    return "".join(kept)


def _is_prose(label: str) -> bool:
    """A narrative sentence, never a table label."""
    # glued column headers run long (table 四's are 90 characters), so length alone decides only far out
    return bool(_PROSE_END.search(label)) or len(label) > 200 or label.count(",") >= 3 or label[:1] in ",:"
