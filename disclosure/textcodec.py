"""Bytes → text: UTF-8 (with or without BOM), then GB18030 strictly, then charset-normalizer."""
from __future__ import annotations

import re

from .model import ReportError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReportError(name, "binary content, not a text, HTML, PDF or Word report")
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
            raise ReportError(name, "binary content, not a text, HTML, PDF or Word report")
        text = str(best)
    controls = len(_CONTROL.findall(text, 0, 20000))
    if controls > max(8, len(text[:20000]) // 100):
        raise ReportError(name, "binary content, not a text, HTML, PDF or Word report")
    return text
