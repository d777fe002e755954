"""Bytes → text: UTF-8 (with or without BOM), then GB18030 strictly, then charset-normalizer."""

from __future__ import annotations

import re

from .model import ReportError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


# words every report carries, in simplified (as GB18030 reads them) and traditional (Big5) spelling
_REPORT_WORDS = ("政府信息", "信息公开", "年度报告", "统计")
_BIG5_WORDS = ("政府資訊", "資訊公開", "年度報告", "統計", "資訊")


def _neither(name: str, encoding: str) -> ReportError:
    return ReportError(name, "refusal_other_encoding", encoding=encoding)


def _looks_utf16(head: bytes) -> bool:
    """The head reads as UTF-16 text: nearly every unit a CJK character, ASCII text or a line break."""
    head = head[: len(head) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        text = head.decode(codec, "replace")
        good = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or " " <= ch <= "~" or ch in "\r\n\t\u3000，。、：；（）")
        if len(text) >= 32 and good >= 0.9 * len(text):
            return True
    return False


def decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if _looks_utf16(data[:4096]):
            raise _neither(name, "UTF-16 without a byte-order mark")
        raise ReportError(name, "refusal_binary")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise ReportError(name, "refusal_binary")
        if not best.encoding.lower().startswith("utf_16"):
            raise _neither(name, best.encoding.replace("_", "-"))
        text = str(best)
    if encoding == "gb18030" and not any(w in text for w in _REPORT_WORDS):
        # Big5 bytes mostly decode as GB18030 too, into nonsense: say what the file is instead
        try:
            traditional = data.decode("big5")
        except UnicodeDecodeError:
            traditional = ""
        if any(w in traditional for w in _BIG5_WORDS):
            raise _neither(name, "Big5 (traditional Chinese)")
    controls = len(_CONTROL.findall(text, 0, 20000))
    if controls > max(8, len(text[:20000]) // 100):
        raise ReportError(name, "refusal_binary")
    return text
