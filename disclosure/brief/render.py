"""render_brief(brief) -> PDF bytes: one A4 page when it fits (longer findings lists flow onto a second),
the font embedded, 示例数据 on every page when any figure is sample data, page numbers "1 / n"."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .. import catalog
from ..catalog import t_in
from ..formats import format_value
from ..views.changes import change_side
from . import charts
from .fonts import check, register
from .model import Brief, KeyFigure

PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 34, 40, 34
FRAME_PAD = 6  # platypus' frame padding on each side
CONTENT_W = PAGE_W - 2 * MARGIN_X - 2 * FRAME_PAD
FINDINGS_SHOWN = 12  # rows of findings printed; the rest are counted, with a pointer to 数据质量
MESSAGE_CHARS = 400  # a longer finding is cut here and says so (a row taller than a page cannot be laid out)
CARDS_PER_ROW = 5

GREEN = colors.HexColor("#2e7d32")
SEVERITY_COLOUR = {"error": charts.RED, "warning": colors.HexColor("#b7791f"), "info": charts.GREY}


def _styles(lang: str) -> dict[str, ParagraphStyle]:
    font = register()
    wrap = "CJK" if lang != "en" else None  # Chinese breaks anywhere; English at spaces (long runs are split)

    def style(name, size, colour=charts.INK, leading=None, **kw):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.3, textColor=colour, wordWrap=wrap, **kw)

    return {
        "title": style("title", 15, leading=19),
        "scope": style("scope", 13, charts.BLUE, leading=17),
        "meta": style("meta", 7.5, charts.GREY, leading=10),
        "h": style("h", 9.5, charts.INK, leading=12, spaceBefore=6, spaceAfter=2),
        "help": style("help", 6.5, charts.GREY, leading=8.5),
        "card_label": style("card_label", 7, charts.GREY, leading=9),
        "card_value": style("card_value", 14, charts.INK, leading=17),
        "card_change": style("card_change", 6.5, charts.GREY, leading=8.3),
        "cell": style("cell", 7, charts.INK, leading=9),
        "cell_grey": style("cell_grey", 7, charts.GREY, leading=9),
        "banner": style("banner", 8, colors.white, leading=10),
    }


class BriefTable(Table):
    """A table whose default font is the brief's (reportlab's is Helvetica, which pdffonts would list unembedded)."""

    def setStyle(self, tblstyle):
        super().setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), register()), *tblstyle.getCommands()]))


def para(text: str, style: ParagraphStyle, colour: colors.Color | None = None) -> Paragraph:
    """Document text as data (escaped), checked against the font first."""
    body = escape(check(text))
    if colour is not None:
        body = f'<font color="{colour.hexval()}">{body}</font>'
    return Paragraph(body, style)


# ---- key figures ---------------------------------------------------------------------------


def value_text(f: KeyFigure, lang: str) -> str:
    """The figure by its catalog unit (format_value), the unit after it in Chinese ("236 条", "29 人", "12.5%")."""
    if f.value is None:
        return f.when_none or t_in("blank", lang)
    if f.unit == "%":
        return f"{format_value(f.value, f.unit)}%"
    return format_value(f.value, f.unit) + (f" {f.unit}" if f.unit and lang != "en" else "")


def signed(delta: float, unit: str) -> str:
    """A change with its sign (−, not a hyphen), shown to its unit's step."""
    return ("+" if delta > 0 else "−" if delta < 0 else "±") + format_value(abs(delta), unit)


def change_text(f: KeyFigure, lang: str) -> tuple[str, colors.Color]:
    """ "比2023年 +12" (coloured by the figure's direction), or, in the page's words, why there is no change to give."""
    year = f.base_year
    if year is None or f.value is None:  # nothing this year: no change to give
        return "", charts.GREY
    if f.change == "no_previous":
        return t_in("no_report_in_year", lang, year=year), charts.GREY
    if f.change == "not_comparable":
        return t_in("not_comparable_with_year", lang), charts.GREY
    if f.delta is None:  # compared, but the base year has no figure (blank, or a rate over 0)
        return t_in("no_base_figure", lang, year=year), charts.GREY
    if format_value(abs(f.delta), f.unit).strip("0.") == "":
        return t_in("brief_same_as", lang, year=year), charts.GREY
    change = signed(f.delta, f.unit) + (t_in("percentage_points", lang) if f.unit == "%" else "")
    colour = {"better": GREEN, "worse": charts.RED}.get(change_side(f.delta, f.direction), charts.GREY)
    return f"{t_in('compared_with_year', lang, year=year)} {change}", colour


def _card(f: KeyFigure, s: dict, lang: str) -> list:
    change, colour = change_text(f, lang)
    value = value_text(f, lang)
    cell = [para(f.label, s["card_label"]), para(value, s["card_value"], charts.GREY if f.value is None else None)]
    if change:
        cell.append(para(change, s["card_change"], colour))
    if f.note:
        cell.append(para(f.note, s["card_change"]))
    return cell


def _figures(brief: Brief, s: dict) -> list:
    if not brief.figures:
        return [para(brief.no_figures, s["cell_grey"])] if brief.no_figures else []
    cards = [_card(f, s, brief.lang) for f in brief.figures]
    while len(cards) % CARDS_PER_ROW:
        cards.append("")
    rows = [cards[i : i + CARDS_PER_ROW] for i in range(0, len(cards), CARDS_PER_ROW)]
    gap = 4
    table = BriefTable(rows, colWidths=[CONTENT_W / CARDS_PER_ROW] * CARDS_PER_ROW)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell != "":
                style.append(("BACKGROUND", (c, r), (c, r), colors.HexColor("#f3f5f8")))
                style.append(("LINEBEFORE", (c, r), (c, r), 1.6, charts.BLUE))
                style.append(("LINEBELOW", (c, r), (c, r), gap, colors.white))
    table.setStyle(TableStyle(style))
    return [table]


# ---- findings and sources -------------------------------------------------------------------


def _findings(brief: Brief, s: dict) -> list:
    lang = brief.lang
    out = [para(t_in("findings_title", lang), s["h"])]
    if not brief.findings:
        out.append(para(brief.no_findings, s["cell_grey"]))
        return out
    scope_wide = brief.kind == "scope"  # a scope's findings name their agency
    shown = brief.findings[:FINDINGS_SHOWN]
    rows = []
    for f in shown:
        severity = para(
            t_in(f"severity_{f.severity}", lang) if f.severity in SEVERITY_COLOUR else f.severity,
            s["cell"],
            SEVERITY_COLOUR.get(f.severity),
        )
        row = [severity]
        if scope_wide:
            row.append(para(f.agency, s["cell"]))
        message = f.message if len(f.message) <= MESSAGE_CHARS else f.message[:MESSAGE_CHARS] + t_in("brief_message_cut", lang)
        row.append(para(message, s["cell"]))
        rows.append(row)
    widths = [34, 92, CONTENT_W - 126] if scope_wide else [34, CONTENT_W - 34]
    table = BriefTable(rows, colWidths=widths, repeatRows=0)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, charts.LIGHT),
            ]
        )
    )
    out.append(table)
    total = brief.findings_total if brief.findings_total is not None else len(brief.findings)
    if total > len(shown):
        out.append(para(t_in("brief_findings_more", lang, n=total - len(shown)), s["help"]))
    return out


def _sources(brief: Brief, s: dict) -> list:
    lang = brief.lang
    out = [para(t_in("export_sources", lang), s["h"])]
    if not brief.sources:
        out.append(para(brief.no_sources, s["cell_grey"]))
        return out
    if len({x.template for x in brief.sources}) > 1:  # each document's template, when they are not all the header's one
        rows = [[para(x.name, s["cell"]), para(x.agency, s["cell_grey"]), para(x.template, s["cell_grey"])] for x in brief.sources]
        widths = [CONTENT_W * 0.3, CONTENT_W * 0.25, CONTENT_W * 0.45]
    else:
        rows = [[para(x.name, s["cell"]), para(x.agency, s["cell_grey"])] for x in brief.sources]
        widths = [CONTENT_W * 0.5, CONTENT_W * 0.5]
    table = BriefTable(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    out.append(table)
    return out


# ---- the page ------------------------------------------------------------------------------


def _canvas_class(brief: Brief):
    """A canvas that knows the page count (page x / n) and marks every page (示例数据, scope, year)."""
    lang = brief.lang
    font = register()
    footer_left = check(f"{brief.scope} · {t_in('brief_year', lang, year=brief.year)} · {t_in('brief_made_from', lang)}")
    sample = check(t_in("sample_badge", lang))

    class BriefCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number_, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._mark(number_, total)
                super().showPage()
            super().save()

        def _mark(self, page: int, pages: int) -> None:
            self.saveState()
            self.setFont(font, 6.5)
            self.setFillColor(charts.GREY)
            self.drawString(MARGIN_X, 18, footer_left)
            self.drawRightString(PAGE_W - MARGIN_X, 18, check(t_in("brief_page", lang, page=page, pages=pages)))
            if brief.is_sample:
                self.setFillColor(charts.RED)
                box_w = self.stringWidth(sample, font, 9) + 12
                self.roundRect(PAGE_W - MARGIN_X - box_w, PAGE_H - 28, box_w, 16, 3, stroke=0, fill=1)
                self.setFillColor(colors.white)
                self.setFont(font, 9)
                self.drawCentredString(PAGE_W - MARGIN_X - box_w / 2, PAGE_H - 23.5, sample)
                self.setFont(font, 6.5)
                self.setFillColor(charts.RED)
                self.drawCentredString(PAGE_W / 2, 8, sample)
            self.restoreState()

    return BriefCanvas


def _group_colours(brief: Brief) -> dict[str, str]:
    """An outcome group's colour on 依申请公开 (catalog.colours), for its bar and its flow node."""
    colours = catalog.colours()
    return {o.label: colours[o.group] for o in brief.outcomes if o.group in colours}


def _two_charts(brief: Brief, s: dict) -> Table:
    lang = brief.lang
    half = (CONTENT_W - 12) / 2
    left = [para(t_in("requests_outcomes", lang), s["h"]), charts.outcome_bars(brief.outcomes, half, lang, _group_colours(brief))]
    right = [
        para(brief.trend_title, s["h"]),
        charts.trend(brief.trend_points, brief.trend_breaks, half, 140, lang, brief.year, show_reports=brief.kind == "scope"),
        para(t_in("brief_trend_legend", lang), s["help"]),
    ]
    table = BriefTable([[left, right]], colWidths=[half + 12, half])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    )
    return table


def story(brief: Brief) -> list:
    s = _styles(brief.lang)
    lang = brief.lang
    out: list = [para(brief.title, s["title"]), para(f"{brief.scope} · {t_in('brief_year', lang, year=brief.year)}", s["scope"])]
    meta = [t_in("brief_template", lang, template=brief.template)] if brief.template else []
    for line in [*meta, *brief.summary]:
        out.append(para(line, s["meta"]))
    if brief.is_sample:
        banner = BriefTable([[para(t_in("brief_sample_banner", lang), s["banner"])]], colWidths=[CONTENT_W])
        banner.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), charts.RED), ("TOPPADDING", (0, 0), (-1, -1), 3)]))
        out += [Spacer(1, 3), banner]
    out += [Spacer(1, 4), para(t_in("headline", lang), s["h"]), *_figures(brief, s)]
    for line in brief.notes:
        out.append(para(line, s["help"]))
    flow = [
        para(t_in("requests_flow", lang), s["h"]),
        charts.flow(brief.flow_links, CONTENT_W, 150 if brief.flow_links else 40, lang, _group_colours(brief), brief.flow_totals),
    ]
    if brief.flow_links and brief.flow_caption:
        flow.append(para(brief.flow_caption, s["help"]))
    if brief.flow_note:
        flow.append(para(brief.flow_note, s["help"], charts.RED))
    out.append(KeepTogether(flow))
    out.append(_two_charts(brief, s))
    out.append(KeepTogether(_findings(brief, s)))
    out.append(KeepTogether(_sources(brief, s)))
    return out


def render_brief(brief: Brief) -> bytes:
    """The brief as PDF bytes (A4). Raises fonts.FontMissing (no font file) or fonts.MissingGlyphs (a
    character the font cannot draw) with a one-line message."""
    register()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=check(f"{brief.title} · {brief.scope} · {brief.year}"),
        author="Disclosure Dashboard",
        subject=check(t_in("sample_badge", brief.lang)) if brief.is_sample else "",
        invariant=1,
        initialFontName=register(),  # else the canvas starts in Helvetica, listed (not embedded) by pdffonts
        lang="en" if brief.lang == "en" else "zh-CN",
    )
    doc.build(story(brief), canvasmaker=_canvas_class(brief))
    return buffer.getvalue()
