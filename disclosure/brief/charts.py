"""The brief's three charts as reportlab.graphics drawings (vector, no browser): the requests flow, the
outcomes by group and the trend of requests received with its template changes drawn as breaks."""

from __future__ import annotations

from collections import defaultdict

from reportlab.graphics.shapes import Circle, Drawing, Line, Path, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from .. import catalog
from ..catalog import t_in
from ..formats import format_value
from .fonts import check, register
from .model import FlowLink, Outcome, TrendPoint

UNIT = catalog.get("requests.received").unit  # the flow, the outcomes and the trend count requests

INK = colors.HexColor("#1f2933")
GREY = colors.HexColor("#7b8794")
LIGHT = colors.HexColor("#e4e7eb")
BLUE = colors.HexColor("#2f6fb0")
RED = colors.HexColor("#c0392b")
# outcome groups, in the dashboard's order of hues
PALETTE = ["#2e8b57", "#7fb069", "#c0392b", "#e0a030", "#8e6bbf", "#7b8794", "#2f6fb0", "#b05f8a", "#4a9fb5", "#a0522d"]


def text(x: float, y: float, s: str, size: float = 7, colour=INK, anchor: str = "start") -> String:
    """Every string of a chart goes through the font's glyph check."""
    return String(x, y, check(s), fontName=register(), fontSize=size, fillColor=colour, textAnchor=anchor)


def width_of(s: str, size: float) -> float:
    return stringWidth(s, register(), size)


def fit(s: str, size: float, room: float) -> str:
    """`s`, shortened with an ellipsis at the end when it is wider than `room` (chart labels only; the
    numbers are never shortened)."""
    if width_of(s, size) <= room:
        return s
    while s and width_of(s + "…", size) > room:
        s = s[:-1]
    return s + "…"


def drawing(width: float, height: float) -> Drawing:
    """A drawing whose initial font is the brief's (reportlab's default Helvetica would be listed, unembedded)."""
    d = Drawing(width, height)
    d.initialFontName = register()
    return d


def empty(width: float, height: float, message: str) -> Drawing:
    d = drawing(width, height)
    d.add(Rect(0, 0, width, height, fillColor=colors.HexColor("#f5f7fa"), strokeColor=None))
    d.add(text(width / 2, height / 2 - 3, message, 8, GREY, "middle"))
    return d


# ---- the flow -------------------------------------------------------------------------------


def _layers(links: list[FlowLink]) -> list[list[str]]:
    nodes = list(dict.fromkeys([n for link in links for n in (link.source, link.target)]))
    incoming = defaultdict(list)
    for link in links:
        incoming[link.target].append(link.source)
    depth: dict[str, int] = {}

    def level(node: str, seen: tuple = ()) -> int:
        if node not in depth:
            depth[node] = 0 if not incoming[node] or node in seen else 1 + max(level(s, (*seen, node)) for s in incoming[node])
        return depth[node]

    for n in nodes:
        level(n)
    out: list[list[str]] = [[] for _ in range(max(depth.values()) + 1)]
    for n in nodes:
        out[depth[n]].append(n)
    return out


def flow(
    links: list[FlowLink],
    width: float,
    height: float,
    lang: str,
    colours: dict[str, str] | None = None,
    totals: dict[str, float] | None = None,
) -> Drawing:
    """A layered Sankey: each node as tall as the largest of what flows in, what flows out and its reported
    figure (`totals`: 收到申请 157 whose answers itemise 29 stays 157, the rest of its bar without bands);
    bands as wide as their figure. A 0 keeps its node (a hairline) and its label, so a zero is seen as a zero."""
    if not links or not any(link.value for link in links):
        return empty(width, height, t_in("no_requests", lang))
    size = 7
    layers = _layers(links)
    inflow, outflow = defaultdict(float), defaultdict(float)
    for link in links:
        outflow[link.source] += link.value
        inflow[link.target] += link.value
    totals = totals or {}
    value = {n: max(inflow[n], outflow[n], totals.get(n, 0.0)) for layer in layers for n in layer}
    label = {n: f"{n} {format_value(value[n], UNIT)}" for n in value}
    left_room = max(width_of(label[n], size) for n in layers[0]) + 4
    right_room = max(width_of(label[n], size) for n in layers[-1]) + 4 if len(layers) > 1 else 0
    bar = 7
    top, bottom = height - 4, 4
    room = top - bottom
    slot_min, gap = size + 3, 3

    def used(layer: list[str], scale: float) -> float:
        return sum(max(value[n] * scale, slot_min) for n in layer) + gap * (len(layer) - 1)

    def scale_for(layer: list[str]) -> float:
        lo, hi = 0.0, room / max(1e-9, max(value[n] for n in layer) or 1e-9)
        for _ in range(60):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if used(layer, mid) <= room else (lo, mid)
        return lo

    scale = min(scale_for(layer) for layer in layers)
    span = width - left_room - right_room - bar
    xs = [left_room + (span * i / (len(layers) - 1) if len(layers) > 1 else 0) for i in range(len(layers))]
    y_top: dict[str, float] = {}
    for layer in layers:
        total = used(layer, scale)
        y = top - (room - total) / 2
        for n in layer:
            y_top[n] = y
            y -= max(value[n] * scale, slot_min) + gap
    d = drawing(width, height)
    colours = colours or {}
    target_colour = {}
    for i, n in enumerate(layers[-1]):
        target_colour[n] = colors.HexColor(colours.get(n, PALETTE[i % len(PALETTE)]))
    # bands, stacked from the top of each node
    out_offset, in_offset = defaultdict(float), defaultdict(float)
    x_of = {n: xs[i] for i, layer in enumerate(layers) for n in layer}
    for link in links:
        thick = link.value * scale
        if thick <= 0:
            continue
        x0 = x_of[link.source] + bar
        x1 = x_of[link.target]
        y0 = y_top[link.source] - out_offset[link.source]
        y1 = y_top[link.target] - in_offset[link.target]
        out_offset[link.source] += thick
        in_offset[link.target] += thick
        mid = (x0 + x1) / 2
        base = target_colour.get(link.target, BLUE)
        band = colors.Color(base.red, base.green, base.blue, alpha=0.35)
        p = Path(fillColor=band, strokeColor=None)
        p.moveTo(x0, y0)
        p.curveTo(mid, y0, mid, y1, x1, y1)
        p.lineTo(x1, y1 - thick)
        p.curveTo(mid, y1 - thick, mid, y0 - thick, x0, y0 - thick)
        p.closePath()
        d.add(p)
    for i, layer in enumerate(layers):
        for n in layer:
            h = max(value[n] * scale, 0.8)
            fill = target_colour.get(n, INK if i else BLUE) if i == len(layers) - 1 else (BLUE if i == 0 else INK)
            d.add(Rect(x_of[n], y_top[n] - h, bar, h, fillColor=fill, strokeColor=None))
            centre = y_top[n] - min(h, max(value[n] * scale, slot_min)) / 2 - size / 3
            if i == 0:
                d.add(text(x_of[n] - 3, centre, label[n], size, INK, "end"))
            elif i == len(layers) - 1:
                d.add(text(x_of[n] + bar + 3, centre, label[n], size, INK, "start"))
            else:  # a middle node: its label over the bar
                d.add(text(x_of[n] + bar / 2, min(y_top[n] + 2, height - size), label[n], size, INK, "middle"))
    return d


# ---- outcomes -------------------------------------------------------------------------------


def outcome_bars(outcomes: list[Outcome], width: float, lang: str, colours: dict[str, str] | None = None) -> Drawing:
    """One horizontal bar per outcome (group), its figure at the end; a blank one says 未填, no bar."""
    if not outcomes or all(o.value is None for o in outcomes):
        return empty(width, 60, t_in("section_empty", lang))
    size, row = 7, 15
    height = row * len(outcomes) + 6
    label_room = min(width * 0.42, max(width_of(o.label, size) for o in outcomes) + 6)
    value_room = max(width_of(format_value(o.value, UNIT) or t_in("blank", lang), size) for o in outcomes) + 6
    span = width - label_room - value_room
    top = max((o.value or 0) for o in outcomes) or 1
    d = drawing(width, height)
    colours = colours or {}
    for i, o in enumerate(outcomes):
        y = height - 4 - (i + 1) * row + 3
        d.add(text(label_room - 4, y + 2, fit(o.label, size, label_room - 6), size, INK, "end"))
        d.add(Line(label_room, y - 2, label_room, y + row - 3, strokeColor=LIGHT, strokeWidth=0.5))
        if o.value is None:
            d.add(text(label_room + 3, y + 2, t_in("blank", lang), size, GREY))
            continue
        length = span * o.value / top
        colour = colors.HexColor(colours.get(o.label, PALETTE[i % len(PALETTE)]))
        if length > 0:
            d.add(Rect(label_room, y, length, row - 4, fillColor=colour, strokeColor=None))
        d.add(text(label_room + length + 3, y + 2, format_value(o.value, UNIT), size, INK))
    return d


# ---- the trend ------------------------------------------------------------------------------


def _nice_top(top: float) -> float:
    """The axis top: the smallest of 4, 8, 10, 20, 40, 60, 80, 100, 200 … at or over `top` (quarters read well)."""
    candidates = sorted({m * 10**k for k in range(10) for m in (1, 2, 4, 6, 8)} | {4})
    return next(c for c in candidates if c >= max(top, 4))


def trend(
    points: list[TrendPoint],
    breaks: list[tuple[int, int]],
    width: float,
    height: float,
    lang: str,
    current_year: int,
    show_reports: bool = False,
) -> Drawing:
    """Requests received over the years: a dashed red line labelled 口径变更 at each of `breaks` (年度趋势's, from
    views.trends.template_breaks), a solid line only between adjacent years no break separates, a dashed grey
    segment across one, gaps where a year has no figure; hollow points are approximate, the brief's year larger."""
    shown = [p for p in points if p.value is not None]
    if not shown:
        return empty(width, height, t_in("trend_no_data", lang))
    size = 6
    years = [p.year for p in points]
    first, last = min(years), max(years)
    left, right, bottom, top_pad = 26, 8, 14 + (7 if show_reports else 0), 16
    inset = 9  # the first and last years stand off the axes, so their labels clear the y labels
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    y_max = _nice_top(max(p.value for p in shown) * 1.15)
    n_years = max(1, last - first)

    def x(year: float) -> float:
        return left + inset + ((plot_w - 2 * inset) * (year - first) / n_years if last > first else (plot_w - 2 * inset) / 2)

    def y(value: float) -> float:
        return bottom + plot_h * value / y_max

    d = drawing(width, height)
    for k in range(5):  # grid and y labels
        v = y_max * k / 4
        d.add(Line(left, y(v), left + plot_w, y(v), strokeColor=LIGHT, strokeWidth=0.5))
        d.add(text(left - 3, y(v) - 2, format_value(v), size, GREY, "end"))
    by_year = {p.year: p for p in points}
    step = 1 if n_years <= 12 else 2
    for year in range(first, last + 1):
        if (year - first) % step and year != current_year:
            continue
        label = str(year) if n_years <= 8 else f"{year % 100:02d}"
        d.add(text(x(year), bottom - 8, label, size, INK if year == current_year else GREY, "middle"))
        if show_reports and year in by_year and by_year[year].value is not None:
            d.add(text(x(year), bottom - 14, t_in("brief_trend_reports", lang, n=by_year[year].reports), size - 0.5, GREY, "middle"))
    if n_years > 8:  # two-digit years: say which century once
        d.add(text(left + plot_w, bottom - 8 - (7 if show_reports else 0) - 6, f"{first}–{last}", size - 0.5, GREY, "end"))
    # breaks: a dashed vertical line half-way between the two reports, labelled
    word = t_in("trend_break", lang)
    xs = [(x(a) + x(b)) / 2 for a, b in breaks]
    anchors = ["middle"] * len(xs)
    for k in range(len(xs) - 1):  # two breaks closer than their labels: one label leans left, the next right
        if anchors[k] == "middle" and xs[k + 1] - xs[k] < width_of(word, size) + 2:
            anchors[k], anchors[k + 1] = "end", "start"
    for xb, anchor in zip(xs, anchors):
        d.add(Line(xb, bottom, xb, bottom + plot_h + 4, strokeColor=RED, strokeWidth=0.7, strokeDashArray=[2, 2]))
        shift = {"end": 1, "start": -1, "middle": 0}[anchor]
        d.add(text(xb - shift, bottom + plot_h + 6, word, size, RED, anchor))
    # segments
    ordered = sorted(points, key=lambda p: p.year)
    for a, b in zip(ordered, ordered[1:]):
        if a.value is None or b.value is None or b.year != a.year + 1:
            continue  # a gap
        if not any(a.year <= before and after <= b.year for before, after in breaks):
            d.add(PolyLine([x(a.year), y(a.value), x(b.year), y(b.value)], strokeColor=BLUE, strokeWidth=1.4))
        else:
            d.add(PolyLine([x(a.year), y(a.value), x(b.year), y(b.value)], strokeColor=GREY, strokeWidth=0.9, strokeDashArray=[2.5, 2]))
    for p in shown:
        radius = 3 if p.year == current_year else 2.1
        hollow = p.comparability == "approximate"
        d.add(
            Circle(
                x(p.year),
                y(p.value),
                radius,
                fillColor=colors.white if hollow else BLUE,
                strokeColor=BLUE,
                strokeWidth=0.9 if hollow else 0,
            )
        )
        d.add(
            text(
                x(p.year),
                y(p.value) + radius + 1.5,
                format_value(p.value, UNIT),
                size - 0.5,
                INK if p.year == current_year else GREY,
                "middle",
            )
        )
    return d
