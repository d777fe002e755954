"""A one-page A4 PDF brief per agency-year and per scope-year (issue 12, item 5).

`Brief` and its parts are plain dataclasses (model.py): any caller can fill one and render it with
`render_brief(brief) -> bytes`.
"""

from .fonts import FontMissing, MissingGlyphs
from .model import Brief, Finding, FlowLink, KeyFigure, Outcome, Source, TrendPoint
from .render import render_brief

__all__ = [
    "Brief",
    "Finding",
    "FlowLink",
    "FontMissing",
    "KeyFigure",
    "MissingGlyphs",
    "Outcome",
    "Source",
    "TrendPoint",
    "render_brief",
]
