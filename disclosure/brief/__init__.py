"""A one-page A4 PDF brief per agency-year and per scope-year (issue 12, item 5).

    from disclosure.brief import brief_for_report, brief_for_scope, render_brief
    pdf = render_brief(brief_for_report(store.reader(), "三明市人民政府", 2021, lang="zh"))

`Brief` and its parts are plain dataclasses (model.py): any caller can fill one and render it.
"""

from .build import brief_for_report, brief_for_scope, region_scope
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
    "brief_for_report",
    "brief_for_scope",
    "region_scope",
    "render_brief",
]
