"""The brief's one font: WenQuanYi Micro Hei (Debian's fonts-wqy-microhei), embedded as a TrueType subset.

Why this font: reportlab's TTFont embeds TrueType (glyf) outlines only, and Debian's fonts-noto-cjk ships
CFF-outline .ttc files, which it refuses. Micro Hei is a TrueType-outline sans-serif CJK font (derived from
Droid Sans Fallback; Apache 2.0 / GPLv3, embedding allowed) covering GBK's 20,932 ideographs plus Latin,
digits and the punctuation the brief prints; one 1.6 MB Debian package, the same path on Debian 11, 12 and 13
(the python:3.11-slim image and Streamlit Community Cloud, through packages.txt). Converting Noto's CFF
outlines with fontTools would add a dependency and a slow conversion step for no gain in coverage here.

Every string drawn goes through `check`: a character the font lacks raises MissingGlyphs naming it, so
nothing is silently drawn as an empty box.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

FONT_NAME = "BriefCJK"
# DISCLOSURE_BRIEF_FONT may name another TrueType-outline font (.ttf, or .ttc with its first face used)
DEFAULT_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
DEBIAN_PACKAGE = "fonts-wqy-microhei"


class FontMissing(RuntimeError):
    """The brief's font file is not on this machine."""


class MissingGlyphs(ValueError):
    """A string to draw holds characters the font has no glyph for."""

    def __init__(self, chars: list[str], text: str):
        self.chars = chars
        self.text = text
        listed = " ".join(f"{c!r} (U+{ord(c):04X})" for c in chars)
        super().__init__(f"the brief's font has no glyph for {listed} in {text[:60]!r}")


def font_path() -> Path:
    return Path(os.environ.get("DISCLOSURE_BRIEF_FONT", str(DEFAULT_FONT)))


def available(path: str | None = None) -> Path:
    """The font file, when it is on this machine; else FontMissing. Cheap: a page offering the brief asks this, and
    the font is read (some 20 MB of reportlab's tables per process) only when a brief is built."""
    file = Path(path) if path else font_path()
    if not file.is_file():
        raise FontMissing(
            f"brief font missing: {file} — install Debian's {DEBIAN_PACKAGE} (packages.txt, Dockerfile) or set DISCLOSURE_BRIEF_FONT"
        )
    return file


@cache
def register(path: str | None = None) -> str:
    """Register the font with reportlab once per process (per path); returns the font name to use."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    file = available(path)
    kwargs = {"subfontIndex": 0} if file.suffix.lower() == ".ttc" else {}
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(file), **kwargs))
    return FONT_NAME


@cache
def covered() -> frozenset[int]:
    """The code points the registered font has glyphs for."""
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(register()).face.charToGlyph)


def missing(text: str) -> list[str]:
    """The characters of `text` the font cannot draw (line breaks and spaces are layout, not glyphs)."""
    have = covered()
    return sorted({c for c in text if c not in "\n\r\t" and ord(c) not in have})


def check(text: str) -> str:
    """`text` itself, when the font can draw every character; else MissingGlyphs."""
    lacking = missing(text)
    if lacking:
        raise MissingGlyphs(lacking, text)
    return text
