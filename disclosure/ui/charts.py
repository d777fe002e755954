"""Plotly figures for the leadership pages: pure functions from tidy frames to go.Figure.

They know nothing of Streamlit or the language toggle: the page passes frames whose labels are
already in the reader's language, and the same frames go into the numbers-behind-the-chart tables.
Missing data never becomes a zero bar: rows whose value is NaN are left out of a chart, and the
page says why. Every figure obeys the chart contract (`chart_contract.py`): each data trace says its unit and
carries its figures as format_value writes them (`meta`, see _meta), which its hover shows; figures of different
units get panels of their own; no line joins two years across a year without a figure.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from .. import catalog
from ..formats import format_value
from ..views import trends as trend_view
from .chart_contract import text_width
from .escape import plot_text, plot_texts

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
BLUE, ORANGE, GREY, GREEN, RED, PURPLE, TEAL = "#2563eb", "#ea580c", "#9ca3af", "#16a34a", "#dc2626", "#7c3aed", "#0d9488"
PALETTE = [BLUE, ORANGE, GREEN, PURPLE, TEAL, RED, "#ca8a04", "#db2777", "#4b5563", "#0891b2"]

SEVERITY_COLOURS = {"error": RED, "warning": ORANGE, "info": "#93c5fd"}  # info is a note, not an alarm: lighter
# whole years; on a phone plotly turns the labels (a forced horizontal angle printed 2013…2025 on top of each other)
YEAR_AXIS = {"tickformat": "d", "nticks": 14}
LEGEND_BELOW = {"orientation": "h", "y": -0.15, "yanchor": "top"}


def plot_config(name: str) -> dict:
    """The modebar: no plotly logo, the camera button saves a 2× PNG named after the view."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def figure(
    traces: list[dict], title: str = "", height: int = 380, layout: dict | None = None, xaxis: dict | None = None, yaxis: dict | None = None
) -> go.Figure:
    """A figure from plain dicts, unvalidated: plotly's per-property validation costs tens of ms a
    chart, which the 300 ms page budget cannot afford; the dicts here are fixed and known good."""
    axis = {"gridcolor": "#eef0f3", "zerolinecolor": "#d1d5db", "automargin": True}
    base = {
        "title": {"text": _two_lines(title), "x": 0, "xanchor": "left", "font": {"size": 15}},
        "height": height,
        "font": {"family": FONT, "size": 13},
        "margin": {"l": 10, "r": 20, "t": (72 if len(title) > TITLE_LINE else 50) if title else 20, "b": 30},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "hoverlabel": {"font": {"family": FONT}},
        "xaxis": {**axis, **(xaxis or {})},
        "yaxis": {**axis, **(yaxis or {})},
    }
    base.update(layout or {})
    _house_style(traces, base)
    return go.Figure(data=traces, layout=base, _validate=False)


TITLE_PX = 330  # px a title line may set in: a phone's chart is about 350 px wide
LABEL_PX = 150  # px a category's name may take beside its bar: a phone keeps ~200 px for the bars
TITLE_LINE = 26  # characters a chart title or legend entry may take on one line before it is broken (phones)


def _two_lines(text: str) -> str:
    """Escaped for plotly, and broken after its first " · " when long, so it fits a phone's width; a part still too
    wide for one (an English agency's name) is broken at its last space that fits."""
    head, sep, tail = text.partition(" · ")
    if len(text) <= TITLE_LINE or not sep:
        return "<br>".join(plot_text(line) for line in _fit(text))
    return "<br>".join(plot_text(line) for part in (head, tail) for line in _fit(part))


def _fit(text: str, width: float = TITLE_PX, size: int = 15) -> list[str]:
    """`text` in lines that set at most `width` px in a `size` px font (as the chart contract measures them), broken
    at spaces."""
    lines, line = [], ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if line and text_width(joined, size) > width:
            lines.append(line)
            line = word
        else:
            line = joined
    return [*lines, line]


def _label_lines(label: str) -> str:
    """A category's name broken into lines that fit beside a phone's bars (an English name runs long), escaped."""
    return "<br>".join(plot_text(line) for line in _fit(label, LABEL_PX, 13))


def _category_ticks(labels) -> dict:
    """A category axis whose long names are shown broken into lines (the categories stay the names); {} when all fit."""
    labels = list(labels)
    shown = [_label_lines(x) for x in labels]
    if shown == plot_texts(labels):
        return {}
    return {"tickmode": "array", "tickvals": plot_texts(labels), "ticktext": shown}


def _house_style(traces: list[dict], layout: dict) -> None:
    """The house conventions, for every chart: value labels horizontal; whole-number ticks on an axis of counts
    (no 0.2 steps); a legend below the plot, never over the title; the toolbar upright at the right edge."""
    for trace in traces:
        if trace.get("type") == "bar" and trace.get("text") is not None:
            trace.setdefault("textangle", 0)
            trace.setdefault("constraintext", "none")
    on_axis: dict[str, list] = {}
    for trace in traces:
        if trace.get("type") not in ("bar", "scatter"):
            continue
        key = _value_key(trace)
        on_axis.setdefault(_axis_name(trace.get(f"{key}axis") or key), []).extend(trace.get(key) or [])
    for axis, values in on_axis.items():
        values = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v]
        settings = layout.setdefault(axis, {})
        if values and all(float(v).is_integer() for v in values):
            settings.setdefault("tickformat", ",d")
            if max(abs(v) for v in values) <= 8:
                settings.setdefault("dtick", 1)
        elif values:
            settings.setdefault("tickformat", ",~f")  # 40,000 as the pages write it, never plotly's 40k
    legend = layout.get("legend")
    if isinstance(legend, dict) and legend.get("orientation") == "h" and legend.get("y", 1) > -0.05:
        legend.update({"y": -0.12, "yanchor": "top"})
    layout.setdefault("modebar", {"orientation": "v"})


def _axis_name(ref: str) -> str:
    """A trace's axis reference (x, y2) as the layout names the axis (xaxis, yaxis2)."""
    return ref[0] + "axis" + ref[1:]


def _meta(unit: str | None, value_text: int | None = 0, values_on: str | None = None) -> dict:
    """What the chart contract reads off a data trace: the unit its figures count in (catalog/units.csv; None until the
    page names it, see name_value_axes), the customdata column holding each figure as format_value writes it — the
    text its hover shows, never plotly's own number format — and, where it is not the usual one (x of a horizontal
    bar, y otherwise), the axis its figures run along."""
    meta = {"unit": unit or None, "value_text": value_text}
    return meta | {"values_on": values_on} if values_on else meta


def _value_key(trace: dict) -> str:
    """The letter of the axis a trace's figures run along: x of a horizontal bar, y of a vertical bar or of a line (a
    line's x is years), unless its meta says otherwise."""
    meta = trace.get("meta")
    if isinstance(meta, dict) and meta.get("values_on"):
        return meta["values_on"]
    return "x" if trace.get("type") == "bar" and trace.get("orientation") == "h" else "y"


def _shown(value, unit: str | None = None) -> str:
    """A figure as the pages write it, in its unit's step (blank stays blank), escaped for plotly."""
    return plot_text(format_value(value, unit if unit in catalog.unit_formats() else None))


def _stack(rows: list[int], per_row: int, above: int = 16, below: int = 30) -> tuple[int, list[tuple[float, float]]]:
    """Panels one above the other: each `rows[k] * per_row` px high, with `above` px over it and `below` px under it for
    its tick labels and axis title, so nothing of one panel sits on the next. Returns the plot's height in px and each
    panel's y domain (top panel first)."""
    heights = [max(60, n * per_row) for n in rows]
    total = sum(above + h + below for h in heights)
    domains, at = [], 0
    for h in heights:
        at += above
        domains.append((round(1 - (at + h) / total, 6), round(1 - at / total, 6)))
        at += h + below
    return total, domains


def _vline(x: float, colour: str, dash: str) -> dict:
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "line": {"color": colour, "dash": dash, "width": 1.5},
    }


# ---- one report's values -------------------------------------------------------------------


# ---- bars -----------------------------------------------------------------------------------


def _values(series) -> list:
    return [None if pd.isna(v) else float(v) for v in series]


def bars(
    frame: pd.DataFrame,
    title: str,
    value_title: str = "",
    colour: str = BLUE,
    height: int | None = None,
    unit: str | None = None,
) -> go.Figure:
    """Horizontal bars in the order given (first on top), values printed on the bars. Rows of different units (a
    `unit` column: 期 beside 条) go to panels of their own, one above the other, each with its own value axis (which
    show_chart titles with its unit): figures of different units never share a scale."""
    shown = frame.dropna(subset=["value"])
    units = [u or unit for u in shown["unit"]] if "unit" in shown.columns else [unit] * len(shown)
    groups = list(dict.fromkeys(units))
    if len(groups) <= 1:
        return figure(
            [_bar_trace(shown, groups[0] if groups else unit, colour)],
            title,
            height or max(220, 60 + max(42, _label_rows(shown["label"])) * len(shown)),
            xaxis={"title": {"text": plot_text(value_title)}, "rangemode": "tozero"},
            yaxis={"autorange": "reversed", **_category_ticks(shown["label"])},
        )
    parts = [shown[[u == g for u in units]] for g in groups]
    plot, domains = _stack([len(p) for p in parts], max(36, _label_rows(shown["label"])), below=52)
    top, bottom = (72 if len(title) > TITLE_LINE else 50), 0
    traces, layout = [], {"margin": {"l": 10, "r": 20, "t": top, "b": bottom}}
    for k, (group, part, (y0, y1)) in enumerate(zip(groups, parts, domains)):
        axis = "" if k == 0 else str(k + 1)
        traces.append(_bar_trace(part, group, colour, (f"x{axis}", f"y{axis}")) | {"showlegend": False})
        layout[f"xaxis{axis}"] = {"anchor": f"y{axis}", "rangemode": "tozero", "gridcolor": "#eef0f3", "title": {"standoff": 4}}
        layout[f"yaxis{axis}"] = {
            "anchor": f"x{axis}",
            "domain": [y0, y1],
            "autorange": "reversed",
            "automargin": True,
            **_category_ticks(part["label"]),
        }
    return figure(traces, title, plot + top + bottom, layout=layout)


def _bar_trace(part: pd.DataFrame, unit: str | None, colour: str, axes: tuple[str, str] = ("x", "y")) -> dict:
    texts = [_shown(v, unit) for v in part["value"]]
    return {
        "type": "bar",
        "x": _values(part["value"]),
        "y": plot_texts(part["label"]),
        "orientation": "h",
        "xaxis": axes[0],
        "yaxis": axes[1],
        "marker": {"color": colour},
        "text": texts,
        "textposition": "auto",
        "customdata": [[x] for x in texts],
        "hovertemplate": "%{y}: %{customdata[0]}<extra></extra>",
        "meta": _meta(unit),
    }


def channels_vs_total(
    channels: pd.DataFrame, total_label: str, total: float | None, sum_label: str, title: str, unit: str | None = None
) -> go.Figure:
    """Σ channels as one stacked bar beside the 主动公开总数 bar, so the double counting shows."""
    shown = channels.dropna(subset=["value"])

    def column(x: str, label: str, value: float, colour: str) -> dict:
        text = _shown(value, unit)
        return {
            "type": "bar",
            "x": [plot_text(x)],
            "y": [float(value)],
            "name": plot_text(label),
            "marker": {"color": colour},
            "text": [text] if value else None,
            "textposition": "inside",
            "customdata": [[text]],
            "hovertemplate": f"{plot_text(label)}: %{{customdata[0]}}<extra></extra>",
            "meta": _meta(unit),
        }

    traces = [column(sum_label, row.label, row.value, PALETTE[i % len(PALETTE)]) for i, row in enumerate(shown.itertuples())]
    if total is not None:
        traces.append(column(total_label, total_label, total, GREY))
    channel_sum = float(shown["value"].sum())
    notes = [
        {"x": plot_text(x), "y": v, "text": f"<b>{_shown(v, unit)}</b>", "showarrow": False, "yshift": 12}
        for x, v in ((sum_label, channel_sum), (total_label, total))
        if v is not None
    ]
    return figure(
        traces,
        title,
        420,
        layout={"barmode": "stack", "bargap": 0.45, "annotations": notes, "legend": {"orientation": "v", "x": 1.02, "y": 1}},
        yaxis={"rangemode": "tozero"},
    )


def grouped_outcomes(frame: pd.DataFrame, title: str, group_names: dict[str, str], unit: str | None = None) -> go.Figure:
    """Outcome rows as horizontal bars, one colour per template group (e.g. 不予公开 and its 8 reasons)."""
    shown = frame.dropna(subset=["value"])
    traces = []
    for group, part in shown.groupby("group", sort=False):
        name = plot_text(group_names.get(group, group))
        texts = [_shown(v, unit) for v in part["value"]]
        traces.append(
            {
                "type": "bar",
                "x": _values(part["value"]),
                "y": plot_texts(part["label"]),
                "orientation": "h",
                "name": name,
                "marker": {"color": catalog.colours().get(group, BLUE)},
                "text": texts,
                "textposition": "auto",
                "customdata": [[x] for x in texts],
                "hovertemplate": f"{name} · %{{y}}: %{{customdata[0]}}<extra></extra>",
                "meta": _meta(unit),
            }
        )
    names = [group_names.get(g, g) for g in dict.fromkeys(shown["group"])]
    top, bottom = (72 if len(title) > TITLE_LINE else 50), _legend_room(names)
    height = max(300, 50 + max(26, _label_rows(shown["label"])) * len(shown)) + bottom
    return figure(
        traces,
        title,
        height,
        # the legend a fixed distance under the value axis's title, whatever the chart's height
        layout={"barmode": "overlay", "legend": _legend_below(height, top, bottom), "margin": {"l": 10, "r": 20, "t": top, "b": bottom}},
        xaxis={"rangemode": "tozero"},
        yaxis={
            "autorange": "reversed",
            "categoryorder": "array",
            "categoryarray": plot_texts(shown["label"]),
            **_category_ticks(shown["label"]),
        },
    )


def cases(frame: pd.DataFrame, title: str, unit: str | None = None) -> go.Figure:
    """行政复议 / 行政诉讼: grouped bars, one group per case kind, one bar per result (no 总计 bar)."""
    shown = frame.dropna(subset=["value"])
    shown = shown[shown["result_key"] != "total"]
    colours = {k.removeprefix("result_"): c for k, c in catalog.colours().items() if k.startswith("result_")}
    traces = []
    for key, part in shown.groupby("result_key", sort=False):
        result = plot_text(part["result"].iloc[0])
        texts = [_shown(v, unit) for v in part["value"]]
        traces.append(
            {
                "type": "bar",
                "x": plot_texts(part["case"]),
                "y": _values(part["value"]),
                "name": result,
                "marker": {"color": colours.get(key, BLUE)},
                "text": texts,
                "textposition": "outside",
                "customdata": [[x] for x in texts],
                "hovertemplate": f"%{{x}} · {result}: %{{customdata[0]}}<extra></extra>",
                "meta": _meta(unit),
            }
        )
    return figure(
        traces, title, 360, layout={"barmode": "group", "legend": {"orientation": "h", "y": 1.12, "x": 0}}, yaxis={"rangemode": "tozero"}
    )


# ---- request flow ---------------------------------------------------------------------------


def flow(links: pd.DataFrame, title: str, node_colours: dict[str, str] | None = None, totals: dict[str, float] | None = None) -> go.Figure:
    """A sankey from (source, target, value) rows; zero and blank links are left out. A node's label gives its
    figure: what flows through it, or the report's own figure for it (`totals`) where its links itemise less."""
    shown = links.dropna(subset=["value"])
    shown = shown[shown["value"] > 0]
    nodes = list(dict.fromkeys(list(shown["source"]) + list(shown["target"])))
    index = {n: i for i, n in enumerate(nodes)}
    colours = node_colours or {}
    # each node says its figure, so a saved picture carries the numbers (a node's figure: what flows through it)
    totals = totals or {}
    flows = {
        n: max(shown.loc[shown["source"] == n, "value"].sum(), shown.loc[shown["target"] == n, "value"].sum(), totals.get(n, 0))
        for n in nodes
    }
    trace = {
        "type": "sankey",
        "arrangement": "snap",
        "valueformat": ",",
        "node": {
            "label": [f"{plot_text(n)} {format_value(flows[n])}" for n in nodes],
            "pad": 18,
            "thickness": 18,
            "color": [colours.get(n, BLUE) for n in nodes],
            "hovertemplate": "%{label}<extra></extra>",
        },
        "link": {
            "source": [index[x] for x in shown["source"]],
            "target": [index[x] for x in shown["target"]],
            "value": _values(shown["value"]),
            "color": "rgba(37,99,235,0.18)",
            "customdata": [format_value(v) for v in shown["value"]],  # the figure as the pages write it, not plotly's format
            "hovertemplate": "%{source.label} → %{target.label}: %{customdata}<extra></extra>",
        },
    }
    return figure([trace], title, 460)


# ---- trends ---------------------------------------------------------------------------------


BREAK_SHAPES = {"template": "template_break", "reorg": "reorg_break", "coverage": "coverage_break"}  # chart_contract reads these


def trend_lines(
    points: pd.DataFrame,
    title: str,
    break_label: str,
    break_hover: Callable[[int, int, str, str], str],
    comparability_name: Callable[[str], str],
    matched_column: str = "matched_zh",
    template_name: Callable[[str], str] = str,
    other_breaks: dict[str, tuple[str, Callable[[int, int, str, str], str]]] | None = None,
    point_note: Callable[[str, str], str] | None = None,
) -> go.Figure:
    """Lines over the years (gaps where a year has no value), a 口径变更 marker at each template
    change the data actually crosses, and on hover how each point was matched across templates.
    Series of different units (a `unit` column) get panels of their own, one above the other, on one year axis.

    `other_breaks`: kind (reorg | coverage, views.trends.other_breaks) → (label, hover(before, after, was, now)); a break
    of a kind given is drawn like a template change, and the line is cut there too. `point_note(reporter, coverage)`:
    a line on each point's hover saying whose report it is and what it covers."""
    traces = []
    keys = list(dict.fromkeys(zip(points["agency"], points["series"])))
    multi_agency = points["agency"].nunique() > 1
    units = points["unit"] if "unit" in points.columns else pd.Series([None] * len(points), index=points.index)
    unit_of = {key: u for key, u in zip(zip(points["agency"], points["series"]), units)}
    panels = list(dict.fromkeys(unit_of[k] for k in keys))
    axis_of = {u: "" if k == 0 else str(k + 1) for k, u in enumerate(panels)}
    other_breaks = other_breaks or {}
    drawn_breaks = [b for b in trend_view.other_breaks(points) if b.kind in other_breaks]
    for i, (agency, series) in enumerate(keys):
        unit, axis = unit_of[(agency, series)], axis_of[unit_of[(agency, series)]]
        on = {"xaxis": f"x{axis}", "yaxis": f"y{axis}"}
        part = points[(points["agency"] == agency) & (points["series"] == series)].sort_values("year")
        years = list(range(int(part["year"].min()), int(part["year"].max()) + 1))
        part = part.set_index("year").reindex(years)  # years without a report become gaps too
        name = _two_lines(f"{series} · {agency}") if multi_agency else plot_text(series)
        values = _values(part["value"])
        reporters = part["reporter"] if "reporter" in part.columns else pd.Series([None] * len(part), index=part.index)
        coverages = part["coverage"] if "coverage" in part.columns else pd.Series([None] * len(part), index=part.index)
        custom = [
            [
                plot_text(template_name(t)) if isinstance(t, str) else "",
                plot_text(comparability_name(c)) if isinstance(c, str) else "",
                plot_text(m) if isinstance(m, str) else "",
                _shown(v, unit),
                plot_text(point_note(r, cv if isinstance(cv, str) else "")) if point_note and isinstance(r, str) else "",
            ]
            for t, c, m, v, r, cv in zip(part["template"], part["comparability"], part[matched_column], values, reporters, coverages)
        ]
        # a point's side of every break: its template, and (for the kinds drawn) its reporter and stated coverage
        side = _sides(years, part, drawn_breaks)
        colour = PALETTE[i % len(PALETTE)]
        # No solid segment across a break: the line is cut where the template (or reporter, or coverage) changes, and
        # a thin dashed connector (not in the legend) says the two sides are not the same measure.
        cut_x, cut_y, cut_custom, cut_side = [], [], [], []
        for k, (year, value) in enumerate(zip(years, values)):
            if cut_x and value is not None and cut_y[-1] is not None and cut_side[-1] != side[k]:
                cut_x.append(year - 0.5)  # a gap between the two sides' points
                cut_y.append(None)
                cut_custom.append(["", "", "", "", ""])
                cut_side.append(None)
            cut_x.append(year)
            cut_y.append(value)
            cut_custom.append(custom[k])
            cut_side.append(side[k])
        approximate = [isinstance(c, str) and c == "approximate" for c in part["comparability"]]
        traces.append(
            {
                "type": "scatter",
                "x": cut_x,
                "y": cut_y,
                "mode": "lines",
                "name": name,
                "legendgroup": name,
                "connectgaps": False,
                "line": {"color": colour, "width": 2.5},
                "hoverinfo": "skip",
                "meta": _meta(unit, None),
                **on,
            }
        )
        # points: exact ones filled, approximate (crosswalked) ones open, each with its match on hover
        note = "<br>%{customdata[4]}" if point_note else ""
        traces.append(
            {
                "type": "scatter",
                "x": years,
                "y": values,
                "mode": "markers",
                "name": name,
                "legendgroup": name,
                "showlegend": False,
                # an open symbol draws its outline in the marker's colour: approximate points are rings, exact ones dots
                "marker": {
                    "size": 8,
                    "color": colour,
                    "line": {"width": 2},
                    "symbol": ["circle-open" if a else "circle" for a in approximate],
                },
                "customdata": custom,
                "hovertemplate": f"<b>{name}</b><br>%{{x}}: %{{customdata[3]}}<br>%{{customdata[0]}} · %{{customdata[1]}}<br>%{{customdata[2]}}{note}<extra></extra>",
                "meta": _meta(unit, 3),
                **on,
            }
        )
        present = [(x, y, s_) for x, y, s_ in zip(years, values, side) if y is not None]
        for (x0, y0, s0), (x1, y1, s1) in zip(present, present[1:]):
            # the connector joins the two sides of a change in consecutive years only: across a year without a
            # figure (2019 → 2021 with no 2020 report) there is nothing to join, the gap stays a gap
            if s0 != s1 and x1 - x0 == 1:
                traces.append(
                    {
                        "type": "scatter",
                        "x": [x0, x1],
                        "y": [y0, y1],
                        "mode": "lines",
                        "line": {"color": colour, "width": 1, "dash": "dot"},
                        "legendgroup": name,
                        "showlegend": False,
                        "hoverinfo": "skip",
                        "meta": "template_change_connector",
                        **on,
                    }
                )
    shapes, notes = [], []
    top = _top(points[units == panels[0]])
    marks = [  # the template changes (the brief draws the same) and the other breaks, left to right
        (before, after, "template", break_label, break_hover(before, after, *trend_view.templates_at(points, before, after)))
        for before, after in trend_view.template_breaks(points)
    ]
    marks += [
        (b.before, b.after, b.kind, other_breaks[b.kind][0], other_breaks[b.kind][1](b.before, b.after, b.was, b.now)) for b in drawn_breaks
    ]
    for before, after, kind, label, hover in sorted(marks, key=lambda m: (m[0], m[2])):
        _mark_break(shapes, notes, traces, before, after, kind, label, hover, top)
    if len(panels) == 1:
        return _over_the_years(traces, title, 440, shapes, notes)
    return _over_the_years_in_panels(traces, title, len(panels), shapes, notes)


def _sides(years: list[int], part: pd.DataFrame, breaks: list) -> list[tuple]:
    """Each year's side of every break of the series: its template, and for each reorg or coverage break drawn, which
    side of it the year lies (before + 0.5). Two consecutive points on different sides are never joined solid."""
    templates = [t if isinstance(t, str) else "" for t in part["template"]]
    return [(templates[k], *(year > b.before for b in breaks)) for k, year in enumerate(years)]


def _mark_break(shapes: list, notes: list, traces: list, before: int, after: int, kind: str, label: str, hover: str, top: float) -> None:
    """A break at before + 0.5: a dashed line named for its kind, a shaded band (on either side the figures are not the
    same measure), its label over the chart, and an invisible point carrying the explanation for hover."""
    x = before + 0.5
    shapes.append(_vline(x, RED, "dash") | {"name": BREAK_SHAPES[kind]})
    shapes.append(
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": before + 0.15,
            "x1": after - 0.15,
            "y0": 0,
            "y1": 1,
            "fillcolor": "rgba(220,38,38,0.07)",
            "line": {"width": 0},
            "layer": "below",
        }
    )
    notes.append(
        {
            "x": x,
            "y": 1.0,
            "yref": "paper",
            "text": plot_text(label),
            "showarrow": False,
            "yshift": 10 + 16 * (len(notes) % 2),  # neighbouring breaks' labels one above the other, never on top
            "font": {"color": RED, "size": 12},
            "hovertext": hover,
        }
    )
    traces.append(
        {
            "type": "scatter",
            "x": [x],
            "y": [top],
            "mode": "markers",
            "marker": {"symbol": "diamond", "size": 10, "color": RED},
            "name": plot_text(label),
            "showlegend": False,
            "hovertemplate": hover + "<extra></extra>",
            "meta": "break_marker",
        }
    )


def _over_the_years(traces: list[dict], title: str, height: int, shapes: list[dict], notes: list[dict]) -> go.Figure:
    """A chart over the years: whole-year axis, values from zero, the legend below, hover on the nearest point."""
    layout = {"shapes": shapes, "annotations": notes, "hovermode": "closest", "legend": dict(LEGEND_BELOW)}
    return figure(traces, title, height, layout=layout, xaxis=YEAR_AXIS, yaxis={"rangemode": "tozero"})


def _over_the_years_in_panels(traces: list[dict], title: str, panels: int, shapes: list[dict], notes: list[dict]) -> go.Figure:
    """One panel per unit, one above the other, each with its own value axis (show_chart titles it with its unit), on
    one year axis (the panels' x axes match)."""
    plot, domains = _stack([1] * panels, 170, above=24, below=16)
    top, bottom = 60, 50
    layout = {"shapes": shapes, "annotations": notes, "hovermode": "closest", "margin": {"l": 10, "r": 20, "t": top, "b": bottom}}
    layout["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "y": -64 / plot, "yanchor": "top"}
    for k, (y0, y1) in enumerate(domains):
        axis = "" if k == 0 else str(k + 1)
        layout[f"xaxis{axis}"] = {
            **YEAR_AXIS,
            "anchor": f"y{axis}",
            "gridcolor": "#eef0f3",
            "showticklabels": k == panels - 1,  # the years once, under the last panel: the panels' x axes match
            **({"matches": "x"} if axis else {}),
        }
        layout[f"yaxis{axis}"] = {
            "anchor": f"x{axis}",
            "domain": [y0, y1],
            "rangemode": "tozero",
            "gridcolor": "#eef0f3",
            "automargin": True,
        }
    return figure(traces, title, plot + top + bottom, layout=layout)


def _top(points: pd.DataFrame) -> float:
    top = points["value"].max()
    return 1.0 if pd.isna(top) else float(top)


def break_shapes(fig: go.Figure, kind: str = "template") -> list[float]:
    """x of every break line of a kind on a figure (template: 口径变更, reorg: 机构改革, coverage: 统计范围变化)."""
    return [s.x0 for s in fig.layout.shapes if s.name == BREAK_SHAPES[kind]]


# ---- comparison -----------------------------------------------------------------------------

CHOSEN_OUTLINE = 2.5  # px: the chosen agency's bar is outlined, whatever its colour


def _side_colour(side: str) -> str:
    """A bar's colour by its side of the median (better | worse); at the median, or without a direction: neutral."""
    colours = catalog.colours()
    return colours.get(f"side_{side}", colours["side_neutral"])


def _rank_bars(part: pd.DataFrame, chosen: str | None, text: Callable, unit: str | None = None) -> dict:
    """One measure's bars in the order given (first on top), coloured by `side` (neutral when the frame has none), the
    chosen agency outlined with its figure in bold; on hover each agency's figure and, for a rate, numerator / denominator."""
    colours = catalog.colours()
    mine = [a == chosen for a in part["agency"]]
    sides = part["side"] if "side" in part.columns else ["neutral"] * len(part)
    figures = [plot_text(text(v)) for v in part["value"]]
    fractions = [
        f"{format_value(n)} / {format_value(d)}" if pd.notna(n) or pd.notna(d) else ""
        for n, d in zip(part.get("numerator", [None] * len(part)), part.get("denominator", [None] * len(part)))
    ]
    trace = {
        "type": "bar",
        "x": _values(part["value"]),
        "y": plot_texts(part["label"]),
        "orientation": "h",
        "showlegend": False,
        "marker": {
            "color": [_side_colour(s) for s in sides],
            "line": {"color": colours["compare_chosen"], "width": [CHOSEN_OUTLINE if m else 0 for m in mine]},
        },
        "customdata": [[f, p] for f, p in zip(figures, fractions)],
        "hovertemplate": "%{y}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        "meta": _meta(unit),
    }
    trace |= {"text": [f"<b>{f}</b>" if m else f for f, m in zip(figures, mine)], "textposition": "outside", "cliponaxis": False}
    return trace


def _spread_marks(spread, xref: str = "x", yref: str = "paper") -> list[dict]:
    """The interquartile band (Q1–Q3) behind the bars and the median as a dashed line over it."""
    if spread is None:
        return []
    colours = catalog.colours()
    span = {"xref": xref, "yref": yref, "y0": 0, "y1": 1}
    return [
        {
            "type": "rect",
            "name": "quartiles",
            **span,
            "x0": spread.q1,
            "x1": spread.q3,
            "fillcolor": colours["compare_quartiles"],
            "opacity": 0.3,
            "line": {"width": 0},
            "layer": "below",
        },
        {
            "type": "line",
            "name": "median",
            **span,
            "x0": spread.median,
            "x1": spread.median,
            "line": {"color": colours["compare_median"], "dash": "dash", "width": 1.5},
        },
    ]


def _key(words: dict[str, str]) -> list[dict]:
    """Legend entries for what is not a trace of its own: the median's line, the quartiles' band, the bars' colours and
    the chosen agency's outline (`words`: median, quartiles, better, worse, chosen → its words; an absent one is left out)."""
    colours = catalog.colours()
    square = {"mode": "markers", "marker": {"symbol": "square", "size": 13, "color": colours["side_neutral"]}}
    styles = {
        "median": {"mode": "lines", "line": {"color": colours["compare_median"], "dash": "dash", "width": 1.5}},
        "quartiles": {
            "mode": "markers",
            "marker": {"symbol": "square", "size": 13, "color": colours["compare_quartiles"], "opacity": 0.45},
        },
        "better": {**square, "marker": {**square["marker"], "color": colours["side_better"]}},
        "worse": {**square, "marker": {**square["marker"], "color": colours["side_worse"]}},
        "chosen": {**square, "marker": {**square["marker"], "line": {"color": colours["compare_chosen"], "width": 2}}},
    }
    return [
        {"type": "scatter", "x": [None], "y": [None], "name": plot_text(words[k]), "hoverinfo": "skip", "meta": "legend_key", **style}
        for k, style in styles.items()
        if words.get(k)
    ]


PHONE_PX = 366  # px a chart gets on a 390 px phone (chart_contract.VIEWPORTS)


def _legend_room(names) -> int:
    """The bottom margin a horizontal legend of these entries needs under the value axis and its title on a phone,
    where it wraps into rows; with less, plotly grows the margin and the legend slides up onto the axis title."""
    rows, used = 1, 0.0
    for name in names:
        width = 40 + text_width(str(name), 13)
        if used and used + width > PHONE_PX:
            rows, used = rows + 1, 0.0
        used += width
    return 64 + 22 * rows


def _label_rows(labels) -> int:
    """The px a bar's row needs for its category's name broken into lines (see _label_lines)."""
    lines = max((len(_fit(str(x), LABEL_PX, 13)) for x in labels), default=1)
    return 16 * lines + 6


def _legend_below(height: int, top: int, bottom: int) -> dict:
    """A horizontal legend a fixed distance under the plot (under the value axis and its title), whatever the chart's height."""
    return {"orientation": "h", "x": 0, "xanchor": "left", "y": -58 / max(1, height - top - bottom), "yanchor": "top"}


def ranked(
    frame: pd.DataFrame,
    chosen: str | None,
    title: str,
    spread=None,
    words: dict[str, str] | None = None,
    text: Callable = format_value,
    value_title: str = "",
    unit: str | None = None,
    rows: int | None = None,
    set_labels: list[str] | None = None,
) -> go.Figure:
    """All agencies on one measure in the order given (rank 1 on top), coloured by their side of the median (`side`:
    better | worse | at | neutral), the chosen agency outlined with its figure in bold, the median (`spread`) a dashed
    line over the interquartile band; `words` names them in the legend (see _key); `text` writes a figure in `unit`.
    `rows`: the bars to make room for, and `set_labels` the names whose lines set a row's height (a set of small
    multiples drawn side by side is as tall as its longest), else the frame's."""
    shown = frame.dropna(subset=["value"])
    key = _key(words or {})
    bottom = _legend_room(k["name"] for k in key) if key else 50  # room for the key under the value axis's title
    row = max(22, _label_rows(frame["label"] if set_labels is None else set_labels))
    height, top = max(300, 80 + row * (rows or len(shown))) + bottom - 30, 70
    return figure(
        [_rank_bars(shown, chosen, text, unit), *key],
        title,
        height,
        layout={
            "shapes": _spread_marks(spread),
            "margin": {"l": 10, "r": 60, "t": top, "b": bottom},
            "legend": _legend_below(height, top, bottom),
            "hovermode": "closest",
        },
        xaxis={"rangemode": "tozero", "title": {"text": plot_text(value_title)}},
        yaxis={"autorange": "reversed", **_chosen_tick(shown, chosen)},
    )


def _chosen_tick(shown: pd.DataFrame, chosen: str | None) -> dict:
    """The agency axis: each name broken into lines that fit beside a phone's bars (an English name runs long), the
    chosen agency's in bold, so it is found even when its bar has no length (the categories stay the names, escaped)."""
    labels = plot_texts(shown["label"])
    ticks = [_label_lines(name) for name in shown["label"]]
    ticks = [f"<b>{tick}</b>" if a == chosen else tick for a, tick in zip(shown["agency"], ticks)]
    return {"tickmode": "array", "tickvals": labels, "ticktext": ticks}


def channel_history(
    points: pd.DataFrame,
    names: dict[str, str],
    table_label: str,
    text_label: str,
    aside: Callable[[str], str],
    switch_label: str,
    switch_hover: str | None,
    switch_year: int | None,
    title: str,
) -> go.Figure:
    """Channel figures over the years: per channel a solid line of table figures and a dashed line of
    figures the text states (`source` table | text), never joined or added; a marker where the
    agency's figures move from the table to the text. Channels of different units (a `unit` column: 条, 篇, 次)
    get panels of their own on one year axis (see _over_the_years_in_panels); a year without a figure is a gap in the line, never joined over."""
    traces = []
    units = points["unit"] if "unit" in points.columns else pd.Series([None] * len(points), index=points.index)
    unit_of = dict(zip(points["channel"], units))
    panels = list(dict.fromkeys(unit_of[c] for c in points["channel"]))
    axis_of = {u: "" if k == 0 else str(k + 1) for k, u in enumerate(panels)}
    for i, (channel, part) in enumerate(points.groupby("channel", sort=False)):
        colour, unit = PALETTE[i % len(PALETTE)], unit_of[channel]
        for source, dash, symbol in (("table", "solid", "circle"), ("text", "dash", "circle-open")):
            side = part[part["source"] == source].sort_values("year").drop_duplicates("year")
            if side.empty:
                continue
            years = list(range(int(side["year"].min()), int(side["year"].max()) + 1))
            side = side.set_index(side["year"].astype(int)).reindex(years)  # a year without a figure: a gap
            name = plot_text(names[channel] + aside(table_label if source == "table" else text_label))
            evidence = [plot_text(e) if isinstance(e, str) else "" for e in side["evidence"]]
            values = _values(side["value"])
            traces.append(
                {
                    "type": "scatter",
                    "x": years,
                    "y": values,
                    "mode": "lines+markers",
                    "name": name,
                    "connectgaps": False,
                    "line": {"color": colour, "dash": dash, "width": 2.5},
                    "marker": {"symbol": symbol, "size": 8},
                    "customdata": [[e, _shown(v, unit)] for e, v in zip(evidence, values)],
                    "hovertemplate": f"<b>{name}</b><br>%{{x}}: %{{customdata[1]}}<br>%{{customdata[0]}}<extra></extra>",
                    "meta": _meta(unit, 1),
                    "xaxis": f"x{axis_of[unit]}",
                    "yaxis": f"y{axis_of[unit]}",
                }
            )
    shapes, notes = [], []
    if switch_year is not None:
        x = switch_year - 0.5
        shapes.append(_vline(x, RED, "dot"))
        notes.append(
            {
                "x": x,
                "y": 1.0,
                "yref": "paper",
                "text": plot_text(switch_label),
                "showarrow": False,
                "yshift": 10,
                "font": {"color": RED, "size": 12},
                "hovertext": plot_text(switch_hover or ""),
            }
        )
    if len(panels) == 1:
        return _over_the_years(traces, title, 420, shapes, notes)
    return _over_the_years_in_panels(traces, title, len(panels), shapes, notes)


def severity_bars(
    order: list[str], stacks: dict[str, tuple[str, list]], title: str, count_title: str, unit: str | None = None
) -> go.Figure:
    """Findings per rule stacked by severity, horizontal; `stacks`: severity name → (colour, counts in `order`)."""
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": name,
            "y": order,
            "x": counts,
            "marker": {"color": colour},
            "customdata": [[_shown(c, unit)] for c in counts],
            "hovertemplate": "%{y}: %{customdata[0]}<extra>" + plot_text(name) + "</extra>",
            "meta": _meta(unit),
        }
        for name, (colour, counts) in stacks.items()
    ]
    top, bottom = (72 if len(title) > TITLE_LINE else 50), _legend_room(stacks)
    height = max(260, 30 + max(42, _label_rows(order)) * len(order)) + bottom
    return figure(
        traces,
        title=title,
        height=height,
        layout={
            "barmode": "stack",
            "legend": _legend_below(height, top, bottom) | {"traceorder": "normal"},
            "margin": {"l": 10, "r": 20, "t": top, "b": bottom},
        },
        xaxis={"title": {"text": count_title}, "tickformat": "d", "rangemode": "tozero"},
        yaxis=_category_ticks(order),
    )


def add_source_note(fig: go.Figure, lines: list[str]) -> None:
    """The source lines as the title's subtitle, small and grey (escaped: they name documents), so a saved PNG
    says where its figures come from; one short line each, so they fit a phone's width."""
    text = "<br>".join(plot_text(line) for line in lines if line)
    margin = fig.layout.margin.t if fig.layout.margin and fig.layout.margin.t is not None else 50
    room = 10 + 16 * (1 + text.count("<br>"))  # under the title for the lines and any note above the plot
    fig.update_layout(
        title={"subtitle": {"text": text, "font": {"size": 10, "color": "#6b7280"}}},
        margin={"t": margin + room},
        height=(fig.layout.height or 450) + room,  # the plot keeps the height its rows were given
    )


def name_value_axes(fig: go.Figure, unit_title: Callable[[str], str], unit: str = "") -> None:
    """Title every value axis (x of horizontal bars, y otherwise; each panel's own) with the unit its traces count in,
    `unit_title(unit)` (数量（件）), unless it has a title or shows the unit on its ticks. Traces that do not say their
    unit yet take `unit`: the page's word for what the whole chart counts."""
    units: dict[str, set] = {}
    for trace in fig.data:
        meta = trace.meta
        if not isinstance(meta, dict):
            continue  # a connector, a marker, a legend key: no figures of its own
        if meta.get("unit") is None and unit:
            trace.meta = meta = {**meta, "unit": unit}
        key = _value_key({"type": trace.type, "orientation": getattr(trace, "orientation", None), "meta": meta})
        ref = getattr(trace, f"{key}axis", None) or key
        units.setdefault(_axis_name(ref), set()).add(meta.get("unit"))
    for name, found in units.items():
        found.discard(None)
        axis = fig.layout[name]
        if len(found) != 1 or (axis.title and axis.title.text) or axis.ticksuffix:
            continue  # several units on one axis is the chart contract's to refuse, not this function's to hide
        fig.update_layout({name: {"title": {"text": plot_text(unit_title(found.pop()))}}})


SIDES = ("better", "worse", "level", "neutral")


def rate_spread(spread: pd.DataFrame, title: str, side_names: dict[str, str], median_name: str) -> go.Figure:
    """Each rate a row, each agency a dot (columns rate, label, agency, name, value, numerator, denominator, median,
    side), coloured by its side of the scope's median as the rate's direction reads it (neutral: grey); the
    median a tick on each row."""
    rates = list(dict.fromkeys(spread["rate"]))
    row = {r: i for i, r in enumerate(rates)}
    labels = [spread.loc[spread["rate"] == r, "label"].iloc[0] for r in rates]
    colour = catalog.colours()
    traces = []
    for side in SIDES:
        part = spread[spread["side"] == side]
        if part.empty:
            continue
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": plot_text(side_names[side]),
                "x": _values(part["value"]),
                "y": [row[r] for r in part["rate"]],
                "marker": {"color": colour.get(f"side_{side}", colour["side_neutral"]), "size": 11, "line": {"color": "white", "width": 1}},
                "customdata": [
                    [plot_text(n), _shown(v, "%"), format_value(a), format_value(b)]
                    for n, v, a, b in zip(part["name"], part["value"], part["numerator"], part["denominator"])
                ],
                "hovertemplate": "%{customdata[0]}: %{customdata[1]}% (%{customdata[2]}/%{customdata[3]})<extra></extra>",
                "meta": _meta("%", 1, "x"),
            }
        )
    medians = spread.groupby("rate", sort=False)["median"].first()
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": plot_text(median_name),
            "x": [float(medians[r]) for r in rates],
            "y": [row[r] for r in rates],
            "marker": {"symbol": "line-ns-open", "size": 26, "color": "#111827", "line": {"width": 2}},
            "customdata": [[_shown(float(medians[r]), "%")] for r in rates],
            "hovertemplate": plot_text(median_name) + ": %{customdata[0]}%<extra></extra>",
            "meta": _meta("%", 0, "x"),
        }
    )
    return figure(
        traces,
        title,
        max(240, 120 + 60 * len(rates)),
        layout={"legend": {**LEGEND_BELOW, "y": -0.3}, "showlegend": True, "margin": {"l": 10, "r": 20, "t": 80, "b": 70}},
        xaxis={"range": [-4, 104], "ticksuffix": "%", "zeroline": False},
        yaxis={"tickvals": list(range(len(rates))), "ticktext": [_label_lines(x) for x in labels], "autorange": "reversed", "range": None},
    )


COVERAGE_TINTS = {"reported": "#dcfce7", "errors": "#fee2e2", "no_table": "#fef3c7", "missing": "#f3f4f6"}  # 总览's grid
