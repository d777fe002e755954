"""Plotly figures for the leadership pages: pure functions from tidy frames to go.Figure.

They know nothing of Streamlit or the language toggle: the page passes frames whose labels are
already in the reader's language, and the same frames go into the numbers-behind-the-chart tables.
Missing data never becomes a zero bar: rows whose value is NaN are left out of a chart, and the
page says why.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from .. import catalog
from ..formats import format_value
from ..views import trends as trend_view
from .escape import plot_text, plot_texts

FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
BLUE, ORANGE, GREY, GREEN, RED, PURPLE, TEAL = "#2563eb", "#ea580c", "#9ca3af", "#16a34a", "#dc2626", "#7c3aed", "#0d9488"
PALETTE = [BLUE, ORANGE, GREEN, PURPLE, TEAL, RED, "#ca8a04", "#db2777", "#4b5563", "#0891b2"]

SEVERITY_COLOURS = {"error": RED, "warning": ORANGE, "info": "#93c5fd"}  # info is a note, not an alarm: lighter
YEAR_AXIS = {"tickformat": "d", "nticks": 14, "tickangle": 0}  # whole years; plotly thins them on a phone
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


TITLE_LINE = 26  # characters a chart title or legend entry may take on one line before it is broken (phones)


def _two_lines(text: str) -> str:
    """Escaped for plotly, and broken after its first " · " when long, so it fits a phone's width."""
    head, sep, tail = text.partition(" · ")
    if len(text) <= TITLE_LINE or not sep:
        return plot_text(text)
    return plot_text(head) + "<br>" + plot_text(tail)


def _house_style(traces: list[dict], layout: dict) -> None:
    """The house conventions, for every chart: value labels horizontal; whole-number ticks on an axis of counts
    (no 0.2 steps); a legend below the plot, never over the title; the toolbar upright at the right edge."""
    for trace in traces:
        if trace.get("type") == "bar" and trace.get("text") is not None:
            trace.setdefault("textangle", 0)
            trace.setdefault("constraintext", "none")
    for axis, key, horizontal in (("xaxis", "x", True), ("yaxis", "y", False)):
        values = [
            v
            for trace in traces
            # the value axis: x of a horizontal bar, y of a vertical bar or of a line (a line's x is years)
            if (trace.get("type") == "bar" and (trace.get("orientation") == "h") == horizontal)
            or (trace.get("type") == "scatter" and not horizontal)
            for v in (trace.get(key) or [])
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v
        ]
        if values and all(float(v).is_integer() for v in values):
            settings = layout.setdefault(axis, {})
            settings.setdefault("tickformat", ",d")
            if max(abs(v) for v in values) <= 8:
                settings.setdefault("dtick", 1)
    legend = layout.get("legend")
    if isinstance(legend, dict) and legend.get("orientation") == "h" and legend.get("y", 1) > -0.05:
        legend.update({"y": -0.12, "yanchor": "top"})
    layout.setdefault("modebar", {"orientation": "v"})


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


def bars(frame: pd.DataFrame, title: str, value_title: str = "", colour: str = BLUE, height: int | None = None) -> go.Figure:
    """Horizontal bars in the order given (first on top), values printed on the bars."""
    shown = frame.dropna(subset=["value"])
    trace = {
        "type": "bar",
        "x": _values(shown["value"]),
        "y": plot_texts(shown["label"]),
        "orientation": "h",
        "marker": {"color": colour},
        "text": [format_value(v) for v in shown["value"]],
        "textposition": "auto",
        "hovertemplate": "%{y}: %{x:,}<extra></extra>",
    }
    return figure(
        [trace],
        title,
        height or max(220, 60 + 42 * len(shown)),
        xaxis={"title": {"text": value_title}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed"},
    )


def channels_vs_total(channels: pd.DataFrame, total_label: str, total: float | None, sum_label: str, title: str) -> go.Figure:
    """Σ channels as one stacked bar beside the 主动公开总数 bar, so the double counting shows."""
    shown = channels.dropna(subset=["value"])
    traces = [
        {
            "type": "bar",
            "x": [plot_text(sum_label)],
            "y": [float(row.value)],
            "name": plot_text(row.label),
            "marker": {"color": PALETTE[i % len(PALETTE)]},
            "text": [format_value(row.value)] if row.value else None,
            "textposition": "inside",
            "hovertemplate": f"{plot_text(row.label)}: %{{y:,}}<extra></extra>",
        }
        for i, row in enumerate(shown.itertuples())
    ]
    if total is not None:
        traces.append(
            {
                "type": "bar",
                "x": [plot_text(total_label)],
                "y": [float(total)],
                "name": plot_text(total_label),
                "marker": {"color": GREY},
                "text": [format_value(total)],
                "textposition": "inside",
                "hovertemplate": f"{plot_text(total_label)}: %{{y:,}}<extra></extra>",
            }
        )
    channel_sum = float(shown["value"].sum())
    notes = [
        {"x": plot_text(x), "y": v, "text": f"<b>{format_value(v)}</b>", "showarrow": False, "yshift": 12}
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


def grouped_outcomes(frame: pd.DataFrame, title: str, group_names: dict[str, str]) -> go.Figure:
    """Outcome rows as horizontal bars, one colour per template group (e.g. 不予公开 and its 8 reasons)."""
    shown = frame.dropna(subset=["value"])
    traces = []
    for group, part in shown.groupby("group", sort=False):
        name = plot_text(group_names.get(group, group))
        traces.append(
            {
                "type": "bar",
                "x": _values(part["value"]),
                "y": plot_texts(part["label"]),
                "orientation": "h",
                "name": name,
                "marker": {"color": catalog.colours().get(group, BLUE)},
                "text": [format_value(v) for v in part["value"]],
                "textposition": "auto",
                "hovertemplate": f"{name} · %{{y}}: %{{x:,}}<extra></extra>",
            }
        )
    return figure(
        traces,
        title,
        max(300, 90 + 26 * len(shown)),
        layout={"barmode": "overlay", "legend": {"orientation": "h", "y": -0.08, "yanchor": "top"}},
        xaxis={"rangemode": "tozero"},
        yaxis={"autorange": "reversed", "categoryorder": "array", "categoryarray": plot_texts(shown["label"])},
    )


def cases(frame: pd.DataFrame, title: str) -> go.Figure:
    """行政复议 / 行政诉讼: grouped bars, one group per case kind, one bar per result (no 总计 bar)."""
    shown = frame.dropna(subset=["value"])
    shown = shown[shown["result_key"] != "total"]
    colours = {k.removeprefix("result_"): c for k, c in catalog.colours().items() if k.startswith("result_")}
    traces = []
    for key, part in shown.groupby("result_key", sort=False):
        result = plot_text(part["result"].iloc[0])
        traces.append(
            {
                "type": "bar",
                "x": plot_texts(part["case"]),
                "y": _values(part["value"]),
                "name": result,
                "marker": {"color": colours.get(key, BLUE)},
                "text": [format_value(v) for v in part["value"]],
                "textposition": "outside",
                "hovertemplate": f"%{{x}} · {result}: %{{y:,}}<extra></extra>",
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
            "hovertemplate": "%{source.label} → %{target.label}: %{value:,}<extra></extra>",
        },
    }
    return figure([trace], title, 460)


# ---- trends ---------------------------------------------------------------------------------


def trend_lines(
    points: pd.DataFrame,
    title: str,
    break_label: str,
    break_hover: Callable[[int, int, str, str], str],
    comparability_name: Callable[[str], str],
    matched_column: str = "matched_zh",
) -> go.Figure:
    """Lines over the years (gaps where a year has no value), a 口径变更 marker at each template
    change the data actually crosses, and on hover how each point was matched across templates."""
    traces = []
    keys = list(dict.fromkeys(zip(points["agency"], points["series"])))
    multi_agency = points["agency"].nunique() > 1
    for i, (agency, series) in enumerate(keys):
        part = points[(points["agency"] == agency) & (points["series"] == series)].sort_values("year")
        years = list(range(int(part["year"].min()), int(part["year"].max()) + 1))
        part = part.set_index("year").reindex(years)  # years without a report become gaps too
        name = _two_lines(f"{series} · {agency}") if multi_agency else plot_text(series)
        custom = [
            [
                plot_text(t) if isinstance(t, str) else "",
                plot_text(comparability_name(c)) if isinstance(c, str) else "",
                plot_text(m) if isinstance(m, str) else "",
            ]
            for t, c, m in zip(part["template"], part["comparability"], part[matched_column])
        ]
        values = _values(part["value"])
        colour = PALETTE[i % len(PALETTE)]
        # No solid segment across a 口径变更: the line is cut where the template changes, and a thin dashed
        # connector (not in the legend) says the two sides are not the same measure.
        cut_x, cut_y, cut_custom = [], [], []
        for k, (year, value) in enumerate(zip(years, values)):
            if cut_x and value is not None and cut_y[-1] is not None and cut_custom[-1][0] != custom[k][0]:
                cut_x.append(year - 0.5)  # a gap between the two templates' points
                cut_y.append(None)
                cut_custom.append(["", "", ""])
            cut_x.append(year)
            cut_y.append(value)
            cut_custom.append(custom[k])
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
            }
        )
        # points: exact ones filled, approximate (crosswalked) ones open, each with its match on hover
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
                "hovertemplate": f"<b>{name}</b><br>%{{x}}: %{{y:,}}<br>%{{customdata[0]}} · %{{customdata[1]}}<br>%{{customdata[2]}}<extra></extra>",
            }
        )
        for (x0, y0, t0), (x1, y1, t1) in zip(
            [(x, y, c[0]) for x, y, c in zip(years, values, custom) if y is not None],
            [(x, y, c[0]) for x, y, c in zip(years, values, custom) if y is not None][1:],
        ):
            if t0 != t1:
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
                    }
                )
    shapes, notes = [], []
    for before, after in trend_view.template_breaks(points):  # the brief draws the same breaks
        crossing = trend_view.templates_at(points, before, after)
        x = before + 0.5
        hover = break_hover(before, after, *crossing)
        shapes.append(_vline(x, RED, "dash"))
        shapes.append(  # a shaded band: on either side of it the figures are not the same measure
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
                "text": plot_text(break_label),
                "showarrow": False,
                "yshift": 10 + 16 * (len(notes) % 2),  # neighbouring breaks' labels one above the other, never on top
                "font": {"color": RED, "size": 12},
                "hovertext": hover,
            }
        )
        # an invisible point on the line carries the same explanation for hover anywhere along it
        traces.append(
            {
                "type": "scatter",
                "x": [x],
                "y": [_top(points)],
                "mode": "markers",
                "marker": {"symbol": "diamond", "size": 10, "color": RED},
                "name": plot_text(break_label),
                "showlegend": False,
                "hovertemplate": hover + "<extra></extra>",
            }
        )
    return _over_the_years(traces, title, 440, shapes, notes)


def _over_the_years(traces: list[dict], title: str, height: int, shapes: list[dict], notes: list[dict]) -> go.Figure:
    """A chart over the years: whole-year axis, values from zero, the legend below, hover on the nearest point."""
    layout = {"shapes": shapes, "annotations": notes, "hovermode": "closest", "legend": dict(LEGEND_BELOW)}
    return figure(traces, title, height, layout=layout, xaxis=YEAR_AXIS, yaxis={"rangemode": "tozero"})


def _top(points: pd.DataFrame) -> float:
    top = points["value"].max()
    return 1.0 if pd.isna(top) else float(top)


def break_shapes(fig: go.Figure) -> list[float]:
    """x of every 口径变更 line on a figure (for tests and the numbers table)."""
    return [s.x0 for s in fig.layout.shapes if s.line.dash == "dash"]


# ---- comparison -----------------------------------------------------------------------------

CHOSEN_OUTLINE = 2.5  # px: the chosen agency's bar is outlined, whatever its colour


def _side_colour(side: str) -> str:
    """A bar's colour by its side of the median (better | worse); at the median, or without a direction: neutral."""
    colours = catalog.colours()
    return colours.get(f"side_{side}", colours["side_neutral"])


def _rank_bars(part: pd.DataFrame, chosen: str | None, text: Callable, axes: tuple[str, str] = ("x", "y"), on_bars: bool = True) -> dict:
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
        "xaxis": axes[0],
        "yaxis": axes[1],
        "showlegend": False,
        "marker": {
            "color": [_side_colour(s) for s in sides],
            "line": {"color": colours["compare_chosen"], "width": [CHOSEN_OUTLINE if m else 0 for m in mine]},
        },
        "customdata": [[f, p] for f, p in zip(figures, fractions)],
        "hovertemplate": "%{y}: %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
    }
    if on_bars:
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
        {"type": "scatter", "x": [None], "y": [None], "name": plot_text(words[k]), "hoverinfo": "skip", **style}
        for k, style in styles.items()
        if words.get(k)
    ]


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
) -> go.Figure:
    """All agencies on one measure in the order given (rank 1 on top), coloured by their side of the median (`side`:
    better | worse | at | neutral), the chosen agency outlined with its figure in bold, the median (`spread`) a dashed
    line over the interquartile band; `words` names them in the legend (see _key); `text` writes a figure."""
    shown = frame.dropna(subset=["value"])
    height, top, bottom = max(300, 80 + 22 * len(shown)) + 60, 70, 90
    return figure(
        [_rank_bars(shown, chosen, text), *_key(words or {})],
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
    """The agency axis with the chosen agency's name in bold (the categories stay the names, escaped), so it is found
    even when its bar has no length."""
    labels = plot_texts(shown["label"])
    if chosen is None or chosen not in set(shown["agency"]):
        return {}
    ticks = [f"<b>{label}</b>" if a == chosen else label for a, label in zip(shown["agency"], labels)]
    return {"tickmode": "array", "tickvals": labels, "ticktext": ticks}


def small_multiples(
    frame: pd.DataFrame,
    chosen: str | None,
    titles: dict[str, str],
    title: str = "",
    spreads: dict | None = None,
    words: dict[str, str] | None = None,
    texts: dict[str, Callable] | None = None,
    sep: str = ", ",
    columns: int = 3,
) -> go.Figure:
    """One small ranked-bar panel per measure (columns indicator, agency, label, value[, side, numerator, denominator]),
    each in the order given, titled from `titles`, with its median and quartile band (`spreads`) drawn as on the ranked
    chart; the chart's title is `title` and the panels' names (joined by `sep`, broken into lines that fit a phone).
    The grid is laid out by hand because make_subplots alone costs ~60 ms."""
    indicators = list(dict.fromkeys(frame["indicator"]))
    n = max(1, len(indicators))
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    gap_x, gap_y = 0.06, 0.22 / rows  # room for the row above's tick labels and this row's titles
    width, height = (1 - gap_x * (cols - 1)) / cols, (1 - gap_y * (rows - 1)) / rows
    traces, layout, notes, shapes = [], {}, [], []
    for k, indicator in enumerate(indicators):
        part = frame[frame["indicator"] == indicator].dropna(subset=["value"])
        r, c = divmod(k, cols)
        axis = "" if k == 0 else str(k + 1)
        x0, y1 = c * (width + gap_x), 1 - r * (height + gap_y)
        x_domain = [round(max(0.0, x0), 6), round(min(1.0, x0 + width), 6)]  # float error must not leave [0, 1]
        y_domain = [round(max(0.0, y1 - height), 6), round(min(1.0, y1), 6)]
        name = plot_text(titles.get(indicator, indicator))
        bars = _rank_bars(part, chosen, (texts or {}).get(indicator, format_value), (f"x{axis}", f"y{axis}"), on_bars=False)
        bars |= {"name": name, "hovertemplate": name + "<br>" + bars["hovertemplate"]}
        traces.append(bars)
        shapes += _spread_marks((spreads or {}).get(indicator), f"x{axis}", f"y{axis} domain")
        layout[f"xaxis{axis}"] = {"domain": x_domain, "anchor": f"y{axis}", "gridcolor": "#eef0f3", "rangemode": "tozero"}
        layout[f"yaxis{axis}"] = {"domain": y_domain, "anchor": f"x{axis}", "autorange": "reversed", "showticklabels": False}
        notes.append(
            {
                "text": f"<b>{name}</b>",
                "x": x0 + width / 2,
                "y": y1,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
            }
        )
    agencies = frame["agency"].nunique()
    heading = _lines(title, [titles.get(i, i) for i in indicators], sep) if title else []
    top, bottom = 24 + 20 * len(heading), 60 if words else 30  # the title's lines over the first row's panel titles
    total = max(300, rows * (70 + 9 * agencies)) + top + bottom
    layout |= {"annotations": notes, "shapes": shapes, "margin": {"l": 10, "r": 20, "t": top, "b": bottom}}
    layout["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "y": -30 / max(1, total - top - bottom), "yanchor": "top"}
    if heading:  # the base title takes one or two lines; this one as many as the set needs
        layout["title"] = {
            "text": "<br>".join(heading),
            "x": 0,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 12},
            "font": {"size": 15},
        }
    return figure([*traces, *_key(words or {})], "", total, layout=layout)


def _width(text: str) -> int:
    """How wide a text sets: a CJK or full-width character takes two units, any other one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(head: str, items: list[str], sep: str) -> list[str]:
    """A title naming a set: the head, then the items joined by `sep`, broken between items into lines that fit a phone
    (TITLE_LINE Chinese characters, twice as many Latin ones; an item longer than that has a line of its own); each
    line escaped for plotly."""
    lines, line = [], ""
    for item in items:
        piece = item if not line else sep + item
        if line and _width(line + piece) > 2 * TITLE_LINE:
            lines.append(line + sep.rstrip())
            line = item
        else:
            line += piece
    return [plot_text(head)] + [plot_text(x) for x in [*lines, line] if x]


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
    agency's figures move from the table to the text."""
    traces = []
    for i, (channel, part) in enumerate(points.groupby("channel", sort=False)):
        colour = PALETTE[i % len(PALETTE)]
        for source, dash, symbol in (("table", "solid", "circle"), ("text", "dash", "circle-open")):
            side = part[part["source"] == source].sort_values("year")
            if side.empty:
                continue
            name = plot_text(names[channel] + aside(table_label if source == "table" else text_label))
            evidence = plot_texts(side["evidence"].fillna(""))
            traces.append(
                {
                    "type": "scatter",
                    "x": side["year"].astype(int).tolist(),
                    "y": _values(side["value"]),
                    "mode": "lines+markers",
                    "name": name,
                    "line": {"color": colour, "dash": dash, "width": 2.5},
                    "marker": {"symbol": symbol, "size": 8},
                    "customdata": [[e] for e in evidence],
                    "hovertemplate": f"<b>{name}</b><br>%{{x}}: %{{y:,}}<br>%{{customdata[0]}}<extra></extra>",
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
    return _over_the_years(traces, title, 420, shapes, notes)


def severity_bars(order: list[str], stacks: dict[str, tuple[str, list]], title: str, count_title: str) -> go.Figure:
    """Findings per rule stacked by severity, horizontal; `stacks`: severity name → (colour, counts in `order`)."""
    traces = [
        {
            "type": "bar",
            "orientation": "h",
            "name": name,
            "y": order,
            "x": counts,
            "marker": {"color": colour},
            "hovertemplate": "%{y}: %{x}<extra>" + plot_text(name) + "</extra>",
        }
        for name, (colour, counts) in stacks.items()
    ]
    return figure(
        traces,
        title=title,
        height=max(260, 70 + 42 * len(order)),
        layout={"barmode": "stack", "legend": {"orientation": "h", "y": -0.15, "traceorder": "normal"}},
        xaxis={"title": {"text": count_title}, "tickformat": "d", "rangemode": "tozero"},
    )


def add_source_note(fig: go.Figure, lines: list[str]) -> None:
    """The source lines as the title's subtitle, small and grey (escaped: they name documents), so a saved PNG
    says where its figures come from; one short line each, so they fit a phone's width."""
    text = "<br>".join(plot_text(line) for line in lines if line)
    margin = fig.layout.margin.t if fig.layout.margin and fig.layout.margin.t is not None else 50
    fig.update_layout(
        title={"subtitle": {"text": text, "font": {"size": 10, "color": "#6b7280"}}},
        margin={"t": margin + 10 + 16 * (1 + text.count("<br>"))},  # room under the title for the lines and any note above the plot
    )


def name_value_axis(fig: go.Figure, title: str) -> None:
    """Title the axis the values run along (x for horizontal bars, y otherwise) with the unit, unless it has one."""
    horizontal = any(getattr(trace, "orientation", None) == "h" for trace in fig.data)
    axis = fig.layout.xaxis if horizontal else fig.layout.yaxis
    if not (axis.title and axis.title.text):
        fig.update_layout({("xaxis" if horizontal else "yaxis"): {"title": {"text": plot_text(title)}}})


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
                    [plot_text(n), format_value(round(v, 1)), format_value(a), format_value(b)]
                    for n, v, a, b in zip(part["name"], part["value"], part["numerator"], part["denominator"])
                ],
                "hovertemplate": "%{customdata[0]}: %{customdata[1]}% (%{customdata[2]}/%{customdata[3]})<extra></extra>",
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
            "hovertemplate": plot_text(median_name) + ": %{x:.1f}%<extra></extra>",
        }
    )
    return figure(
        traces,
        title,
        max(240, 120 + 60 * len(rates)),
        layout={"legend": {**LEGEND_BELOW, "y": -0.3}, "showlegend": True, "margin": {"l": 10, "r": 20, "t": 80, "b": 70}},
        xaxis={"range": [-4, 104], "ticksuffix": "%", "zeroline": False},
        yaxis={"tickvals": list(range(len(rates))), "ticktext": plot_texts(labels), "autorange": "reversed", "range": None},
    )


COVERAGE_TINTS = {"reported": "#dcfce7", "errors": "#fee2e2", "no_table": "#fef3c7", "missing": "#f3f4f6"}  # 总览's grid
