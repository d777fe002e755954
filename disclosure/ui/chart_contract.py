"""The chart contract: what every figure a page draws must obey, read off the plotly figure itself (its JSON, as the
browser gets it). `breaches(fig, lang)` lists what a figure breaks; tests/test_chart_lint.py runs it over every chart
of every page of the app's page table, in both languages, over the real store and the sample, and shows each rule
failing on a figure built to break it.

names    Every trace in the legend has a name, every bar's category is labelled (its axis shows tick labels), and no
         name, category, tick, annotation or title is an id (an indicator, rate, series, template or agency id, or any
         `dotted.lower_case` token): names come from the catalog, in the page's language — no Chinese in an English
         chart beyond proper names (an agency without an English name), no English words in a Chinese one.
units    Every data trace says the unit its figures count in (`meta.unit`, a unit of catalog/units.csv); each value
         axis holds one unit, so figures of different units go to separate panels or axes, never one scale; and each
         value axis names its unit: its title says it (数量（件）, 公开率（%）), or its ticks carry it (a `%` suffix).
years    No line joins two years with a year between them that has no figure (a gap stays a gap, whatever
         `connectgaps` says); across a break (a shape named `template_break`, `reorg_break` for a 机构改革 or
         `coverage_break` for a change of stated coverage) no line is drawn but the marked connector (`meta`
         "template_change_connector", dotted), and that one only between consecutive years; every break is labelled
         (an annotation at its x).
panels   A figure of several panels (value axes): each panel titled with its measure (when it holds one) and unit
         (a title annotation over it, or its value axis's title); panels of the same measure and unit on one scale
         (`matches`, or one range); and no title or annotation overlaps another or the tick labels of any panel, nor
         runs off the chart, at the plot widths a 1440 px and a 390 px screen give a chart (VIEWPORTS).
formats  Every figure reads as disclosure.formats.format_value writes it in its unit, hovers included: a hover shows
         a text column (`customdata[meta.value_text]`, or the bar's text), never plotly's own number format of a
         value (`%{x:,}`, `%{value}`); each text column and bar label is format_value of its figure; value axes
         tick in thousands with commas (40,000), never plotly's SI 40k.
blanks   A blank is a gap, never 0: a figure whose text is blank has no value to draw (None), and a drawn value has
         its text.

Where a rule needs a fact plotly does not keep (a trace's unit, which column is its figure's text, which shape is a
template break), the charts write it into the figure: charts._meta, the shape's name. A trace whose `meta` is a role
string (`template_change_connector`, `break_marker`, `legend_key`) draws no figures of its own and is held only to
the rules that concern it.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .. import agencies, catalog, crosswalk
from ..formats import format_value

RULES = ("names", "units", "years", "panels", "formats", "blanks")
# viewport → the px plotly gets for a full-width chart on it, measured in Chromium (2026-12-08): the main column at 1440
# px with the sidebar open, and a phone's 390 less the padding. A chart in one of three columns at 1440 px gets 316 px,
# about a phone's width: titles are made to fit both (charts.TITLE_PX).
VIEWPORTS = {1440: 980, 390: 366}
CONNECTOR, BREAK_MARKER, LEGEND_KEY = "template_change_connector", "break_marker", "legend_key"
BREAKS = ("template_break", "reorg_break", "coverage_break")  # the names a break's line carries (charts.BREAK_SHAPES)
ROLES = (CONNECTOR, BREAK_MARKER, LEGEND_KEY)
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:[._:][a-z0-9]+)+$|^[a-z0-9]+(?:-[a-z0-9]+)+$")
TAG = re.compile(r"<[^>]+>")
HOVER_FIELD = re.compile(r"%\{([^}:]*)(:[^}]*)?\}")


@dataclass(frozen=True)
class Breach:
    rule: str
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.where}: {self.what}"


def breaches(fig, lang: str, proper_names: frozenset[str] | set[str] = frozenset(), viewports: dict[int, int] = VIEWPORTS) -> list[Breach]:
    """Every way `fig` (a plotly figure or its JSON) breaks the contract, for a page in `lang` (zh | en);
    `proper_names`: names that stay as they are in either language (agencies' names as the store has them)."""
    spec = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else fig
    chart = _Chart(spec, lang, frozenset(proper_names))
    found = chart.names() + chart.units() + chart.years() + chart.formats() + chart.panels(viewports)
    return list(dict.fromkeys(found))


def plain(text) -> str:
    """A plotly text as it reads: tags dropped (<br> a space), entities decoded."""
    return html.unescape(TAG.sub(" ", str(text or ""))).strip()


@cache
def known_ids() -> frozenset[str]:
    """Every id the catalog hands out: what a reader must never see in place of a name."""
    ids = set(catalog.indicators()) | {f"ind:{i}" for i in catalog.indicators()}
    ids |= {r.id for r in catalog.all_rates()} | {f"rate:{r.id}" for r in catalog.all_rates()}
    ids |= {s["series"] for s in crosswalk.series_list()}
    ids |= {t.id for t in catalog.templates()} | {"text"}
    ids |= set(catalog.groups()) | set(catalog.colours()) | set(agencies.agencies())
    return frozenset(ids)


def is_id(text: str) -> bool:
    shown = plain(text)
    years = {t.id for t in catalog.templates() if t.id.isdigit()}  # a template named by its year: a year may be a category
    return shown in known_ids() - years or bool(ID_PATTERN.match(shown))


def _cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF" and ch.isalpha()


def wrong_language(text: str, lang: str, proper_names: frozenset[str]) -> bool:
    """Chinese in an English chart, or English words in a Chinese one (proper names aside)."""
    shown = plain(text)
    for name in sorted(proper_names, key=len, reverse=True):
        shown = shown.replace(name, " ")
    if lang == "en":
        return any(_cjk(ch) for ch in shown)
    return not any(_cjk(ch) for ch in shown) and bool(re.search(r"[A-Za-z]{3,}", shown))


def text_width(text: str, size: float) -> float:
    """How wide a line sets in px: a CJK or full-width character about its font size, any other about 0.55 of it."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else 0.55 * size for ch in text)


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and not (isinstance(v, float) and math.isnan(v))


def _axis_name(ref: str | None, letter: str) -> str:
    ref = ref or letter
    return ref[0] + "axis" + ref[1:]


def _shown_as(value, unit: str | None) -> set[str]:
    """The texts format_value gives a figure in its unit (a rate may carry its % sign)."""
    text = format_value(value, unit if unit in catalog.unit_formats() else None)
    return {text, text + "%"} if unit == "%" and text else {text}


class _Chart:
    def __init__(self, spec: dict, lang: str, proper_names: frozenset[str]):
        self.data = list(spec.get("data") or [])
        self.layout = dict(spec.get("layout") or {})
        self.lang, self.proper = lang, proper_names
        self.title = plain((self.layout.get("title") or {}).get("text")) if isinstance(self.layout.get("title"), dict) else ""

    # ---- what a trace is

    def where(self, k: int) -> str:
        trace = self.data[k]
        return f"{self.title or 'chart'} · trace {k} {plain(trace.get('name')) or trace.get('type')}"

    @staticmethod
    def role(trace: dict) -> str:
        meta = trace.get("meta")
        if isinstance(meta, str) and meta in ROLES:
            return meta
        values = (trace.get("x") or []) + (trace.get("y") or [])
        if trace.get("type") in ("bar", "scatter") and not any(_number(v) for v in values):
            return LEGEND_KEY  # no figure to draw: a legend entry
        return "data"

    @staticmethod
    def horizontal(trace: dict) -> bool:
        return trace.get("type") == "bar" and trace.get("orientation") == "h"

    def value_key(self, trace: dict) -> str:
        meta = trace.get("meta")
        if isinstance(meta, dict) and meta.get("values_on") in ("x", "y"):
            return meta["values_on"]
        return "x" if self.horizontal(trace) else "y"

    def category_key(self, trace: dict) -> str:
        return "x" if self.value_key(trace) == "y" else "y"

    def value_axis(self, trace: dict) -> str:
        key = self.value_key(trace)
        return _axis_name(trace.get(f"{key}axis"), key)

    def category_axis(self, trace: dict) -> str:
        key = self.category_key(trace)
        return _axis_name(trace.get(f"{key}axis"), key)

    def axis(self, name: str) -> dict:
        return self.layout.get(name) or {}

    def figures(self):
        """(index, trace) of every trace that draws figures on value axes."""
        return [(k, tr) for k, tr in enumerate(self.data) if tr.get("type") in ("bar", "scatter") and self.role(tr) == "data"]

    @staticmethod
    def unit(trace: dict) -> str | None:
        meta = trace.get("meta")
        return meta.get("unit") if isinstance(meta, dict) else None

    # ---- names

    def names(self) -> list[Breach]:
        out = []
        several = len(self.data) > 1
        for k, trace in enumerate(self.data):
            name = trace.get("name")
            if several and trace.get("showlegend", True) is not False and trace.get("type") != "sankey" and not plain(name):
                out.append(Breach("names", self.where(k), "a trace in the legend without a name"))
            texts = [name] if name else []
            if trace.get("type") == "sankey":
                texts += list((trace.get("node") or {}).get("label") or [])
            elif self.role(trace) == "data" and trace.get("type") == "bar":
                categories = trace.get(self.category_key(trace)) or []
                texts += [c for c in categories if isinstance(c, str)]
                if any(not plain(c) for c in categories if isinstance(c, str) or c is None):
                    out.append(Breach("names", self.where(k), "a bar without a category name"))
                axis = self.axis(self.category_axis(trace))
                if axis.get("showticklabels") is False and not trace.get("text"):
                    out.append(Breach("names", self.where(k), "bars nobody can tell apart: their categories' labels are hidden"))
            out += self._words(texts, self.where(k))
        for name, axis in self.layout.items():
            if re.fullmatch(r"[xy]axis\d*", name) and isinstance(axis, dict):
                title = axis.get("title")
                texts = list(axis.get("ticktext") or []) + ([title.get("text")] if isinstance(title, dict) else [])
                out += self._words(texts, f"{self.title or 'chart'} · {name}")
        notes = [a.get("text") for a in self.layout.get("annotations") or [] if isinstance(a, dict)]
        out += self._words([*notes, self.title], f"{self.title or 'chart'} · titles")
        return out

    def _words(self, texts, where: str) -> list[Breach]:
        out = []
        for text in texts:
            if not isinstance(text, str) or not plain(text):
                continue
            if is_id(text):
                out.append(Breach("names", where, f"an id where a name belongs: {plain(text)!r}"))
            elif wrong_language(text, self.lang, self.proper):
                out.append(Breach("names", where, f"not in the page's language ({self.lang}): {plain(text)!r}"))
        return out

    # ---- units

    def units(self) -> list[Breach]:
        out, on_axis = [], {}
        for k, trace in self.figures():
            unit = self.unit(trace)
            if not unit:
                out.append(Breach("units", self.where(k), "figures without a unit (meta.unit)"))
                continue
            if unit not in catalog.unit_formats():
                out.append(Breach("units", self.where(k), f"a unit catalog/units.csv does not know: {unit!r}"))
            on_axis.setdefault(self.value_axis(trace), {}).setdefault(unit, []).append(k)
        for name, by_unit in on_axis.items():
            if len(by_unit) > 1:
                out.append(Breach("units", f"{self.title or 'chart'} · {name}", f"several units on one scale: {', '.join(by_unit)}"))
                continue
            unit = next(iter(by_unit))
            if not self.names_unit(name, unit):
                out.append(
                    Breach(
                        "units",
                        f"{self.title or 'chart'} · {name}",
                        f"the value axis does not name its unit {catalog.unit_name(unit, self.lang)!r}",
                    )
                )
        return out

    def names_unit(self, axis_name: str, unit: str) -> bool:
        axis = self.axis(axis_name)
        word = catalog.unit_name(unit, self.lang)
        title = axis.get("title")
        text = plain(title.get("text")) if isinstance(title, dict) else plain(title)
        if word and word in text or (axis.get("ticksuffix") or "").strip() == word:
            return True
        return any(word in plain(note.get("text")) for note in self.panel_titles(axis_name))

    def panel_titles(self, value_axis: str) -> list[dict]:
        """Title annotations standing over the panel of `value_axis` (paper-placed, over its domain, at its top)."""
        box = self.panel_box(value_axis)
        if box is None:
            return []
        (x0, x1), (y0, y1) = box
        return [
            a
            for a in self.layout.get("annotations") or []
            if a.get("xref", "x") == "paper"
            and a.get("yref", "y") == "paper"
            and x0 - 0.02 <= a.get("x", 0.5) <= x1 + 0.02
            and y1 - 0.02 <= a.get("y", 0.5) <= y1 + 0.08
        ]

    def panel_box(self, value_axis: str):
        """((x0, x1), (y0, y1)) of the panel a value axis belongs to, in paper fractions."""
        for _, trace in self.figures():
            if self.value_axis(trace) == value_axis:
                xs = self.axis(_axis_name(trace.get("xaxis"), "x")).get("domain") or [0, 1]
                ys = self.axis(_axis_name(trace.get("yaxis"), "y")).get("domain") or [0, 1]
                return (xs[0], xs[1]), (ys[0], ys[1])
        return None

    # ---- years

    def years(self) -> list[Breach]:
        out = []
        breaks = [s.get("x0") for s in self.layout.get("shapes") or [] if isinstance(s, dict) and s.get("name") in BREAKS]
        labelled = {a.get("x") for a in self.layout.get("annotations") or [] if isinstance(a, dict) and a.get("text")}
        for x in breaks:
            if _number(x) and x not in labelled:
                out.append(Breach("years", "layout.shapes", f"the break at {x:g} has no label"))
        for k, trace in enumerate(self.data):
            if trace.get("type") != "scatter" or "lines" not in (trace.get("mode") or "lines"):
                continue
            xs, ys = list(trace.get("x") or []), list(trace.get("y") or [])
            if not all(_number(x) for x in xs):
                continue
            drawn = [(x, y) for x, y in zip(xs, ys) if _number(y)]
            joined = trace.get("connectgaps") is True
            for (a, ya), (b, yb) in zip(zip(xs, ys), list(zip(xs, ys))[1:]):
                if _number(ya) and _number(yb) and b - a > 1 + 1e-9:
                    out.append(Breach("years", self.where(k), f"a line from {a:g} to {b:g} across a year without a figure"))
            if joined:
                for (a, _), (b, _) in zip(drawn, drawn[1:]):
                    if b - a > 1 + 1e-9:
                        out.append(Breach("years", self.where(k), f"connectgaps joins {a:g} to {b:g} across a year without a figure"))
            connector = trace.get("meta") == CONNECTOR
            if connector and (trace.get("line") or {}).get("dash") not in ("dot", "dash"):
                out.append(Breach("years", self.where(k), "a template-change connector drawn solid"))
            if not connector:
                pairs = (
                    zip(drawn, drawn[1:])
                    if joined
                    else ((p, q) for p, q in zip(zip(xs, ys), list(zip(xs, ys))[1:]) if _number(p[1]) and _number(q[1]))
                )
                for (a, _), (b, _) in pairs:
                    for x in breaks:
                        if _number(x) and a < x < b:
                            out.append(Breach("years", self.where(k), f"a solid line across the template break at {x:g}"))
        return out

    # ---- formats and blanks

    def formats(self) -> list[Breach]:
        out = []
        for k, trace in enumerate(self.data):
            if trace.get("type") == "sankey":
                for part in ("node", "link"):
                    template = (trace.get(part) or {}).get("hovertemplate") or ""
                    if any(f.startswith("value") for f, _ in HOVER_FIELD.findall(template)):
                        out.append(Breach("formats", self.where(k), f"the {part} hover formats a value itself: {template!r}"))
                continue
            if trace.get("type") not in ("bar", "scatter") or self.role(trace) != "data":
                continue
            out += self._hover(k, trace)
            axis = self.axis(self.value_axis(trace))
            big = any(_number(v) and abs(v) >= 1000 for v in trace.get(self.value_key(trace)) or [])
            if big and not axis.get("tickformat") and axis.get("exponentformat") != "none":
                out.append(Breach("formats", self.where(k), f"{self.value_axis(trace)} ticks in plotly's own format (40k, not 40,000)"))
            unit, values = self.unit(trace), trace.get(self.value_key(trace)) or []
            meta = trace.get("meta") if isinstance(trace.get("meta"), dict) else {}
            column = meta.get("value_text")
            rows = trace.get("customdata") or []
            if column is not None:
                out += self._texts(k, values, [r[column] if isinstance(r, list) and len(r) > column else None for r in rows], unit, "hover")
            text = trace.get("text")
            if isinstance(text, list):
                out += self._texts(k, values, text, unit, "label")
        return out

    def _hover(self, k: int, trace: dict) -> list[Breach]:
        template = trace.get("hovertemplate")
        if not template:
            if trace.get("hoverinfo") in ("skip", "none"):
                return []
            return [Breach("formats", self.where(k), "plotly's own hover: it writes the raw figure")]
        value = self.value_key(trace)
        for field, spec in HOVER_FIELD.findall(template):
            if field in (value, "value", "z") or (spec and not field.startswith("customdata")):
                return [Breach("formats", self.where(k), f"the hover formats a figure itself: %{{{field}{spec}}}")]
        return []

    def _texts(self, k: int, values: list, texts: list, unit: str | None, kind: str) -> list[Breach]:
        out = []
        if len(texts) != len(values):
            return [Breach("formats", self.where(k), f"{len(texts)} {kind} texts for {len(values)} figures")]
        for v, text in zip(values, texts):
            shown = plain(text) if text is not None else ""
            if not _number(v):
                if shown:
                    out.append(Breach("blanks", self.where(k), f"a {kind} says {shown!r} where there is no figure to draw"))
                continue
            if not shown and kind == "hover":
                out.append(Breach("blanks", self.where(k), f"{v:g} is drawn where the figure is blank"))
            elif shown and shown not in _shown_as(v, unit):
                out.append(
                    Breach("formats", self.where(k), f"the {kind} {shown!r} is not how {v!r} reads ({' or '.join(_shown_as(v, unit))})")
                )
        return out

    # ---- panels

    def panels(self, viewports: dict[int, int]) -> list[Breach]:
        axes = list(dict.fromkeys(self.value_axis(tr) for _, tr in self.figures()))
        out = []
        if len(axes) > 1:
            out += self._panel_titles(axes) + self._panel_scales(axes)
        for viewport, width in viewports.items():
            out += self._overlaps(viewport, width)
        return out

    def _panel_titles(self, axes: list[str]) -> list[Breach]:
        out = []
        for name in axes:
            traces = [tr for _, tr in self.figures() if self.value_axis(tr) == name]
            unit = self.unit(traces[0])
            notes = " ".join(plain(a.get("text")) for a in self.panel_titles(name))
            title = self.axis(name).get("title")
            words = notes + " " + (plain(title.get("text")) if isinstance(title, dict) else "")
            if unit and catalog.unit_name(unit, self.lang) not in words:
                out.append(Breach("panels", f"{self.title or 'chart'} · {name}", "a panel not titled with its unit"))
            measures = {plain(tr.get("name")) for tr in traces if plain(tr.get("name"))}
            if len(measures) == 1 and not any(m in notes for m in measures) and not words.strip():
                out.append(Breach("panels", f"{self.title or 'chart'} · {name}", "a panel not titled with its measure"))
        return out

    def _panel_scales(self, axes: list[str]) -> list[Breach]:
        out, seen = [], {}
        for name in axes:
            traces = [tr for _, tr in self.figures() if self.value_axis(tr) == name]
            key = (frozenset(plain(tr.get("name")) for tr in traces), self.unit(traces[0]))
            if key in seen and key[0] != {""}:
                first, axis = seen[key], self.axis(name)
                ref = first.replace("axis", "")  # xaxis2 → x2, as `matches` names an axis
                linked = axis.get("matches") == ref or (axis.get("range") and axis.get("range") == self.axis(first).get("range"))
                if not linked:
                    out.append(Breach("panels", f"{self.title or 'chart'} · {name}", f"the same measure as {first} on another scale"))
            seen.setdefault(key, name)
        return out

    def _overlaps(self, viewport: int, width: int) -> list[Breach]:
        """Titles and annotations against each other and against every panel's tick labels, in px at `width`."""
        size = (self.layout.get("font") or {}).get("size") or 12
        margin = {"l": 80, "r": 80, "t": 100, "b": 80} | (self.layout.get("margin") or {})
        height = self.layout.get("height") or 450
        left = margin["l"] + self._left_labels(size)
        plot_w, plot_h = max(1.0, width - left - margin["r"]), max(1.0, height - margin["t"] - margin["b"])
        boxes = []
        for note in self.layout.get("annotations") or []:
            if note.get("xref", "x") != "paper" or note.get("yref", "y") != "paper" or not plain(note.get("text")):
                continue
            font = (note.get("font") or {}).get("size") or size
            lines = str(note.get("text")).split("<br>")
            w = max(text_width(plain(line), font) for line in lines) * (1.05 if "<b>" in note.get("text") else 1)
            h = 1.3 * font * len(lines)
            x, y = note.get("x", 0.5) * plot_w + note.get("xshift", 0), note.get("y", 0.5) * plot_h + note.get("yshift", 0)
            xanchor = note.get("xanchor", "auto")
            if xanchor == "auto":
                xanchor = "left" if note.get("x", 0.5) < 1 / 3 else "right" if note.get("x", 0.5) > 2 / 3 else "center"
            yanchor = note.get("yanchor", "auto")
            if yanchor == "auto":
                yanchor = "bottom" if note.get("y", 0.5) < 1 / 3 else "top" if note.get("y", 0.5) > 2 / 3 else "middle"
            x0 = {"left": x, "center": x - w / 2, "right": x - w}[xanchor]
            y0 = {"bottom": y, "middle": y - h / 2, "top": y - h}[yanchor]
            boxes.append((plain(note.get("text")), (x0, x0 + w), (y0, y0 + h)))
        legend = self._legend(size, plot_w, plot_h, left, margin["r"], margin["b"])
        if legend is not None:
            boxes.append(legend)
        out = []
        labels = self._left_labels(size) - 6
        if labels > 0.6 * width:
            out.append(
                Breach(
                    "panels", f"{self.title or 'chart'} at {viewport} px", f"category labels {labels:.0f} px wide leave the bars no room"
                )
            )
        title = self.layout.get("title")
        for line in str(title.get("text") or "").split("<br>") if isinstance(title, dict) else []:
            if text_width(plain(line), (title.get("font") or {}).get("size") or 17) > width - 10:
                out.append(
                    Breach("panels", f"{self.title or 'chart'} at {viewport} px", f"the title line {plain(line)!r} runs off the chart")
                )
        out += self._crowded_ticks(viewport, size, plot_w) + self._crowded_labels(viewport, size, plot_h)
        for text, (x0, x1), _ in boxes:
            if x0 < -left - 1 or x1 > plot_w + margin["r"] + 1:
                out.append(Breach("panels", f"{self.title or 'chart'} at {viewport} px", f"{text!r} runs off the chart"))
        for i, (a, ax, ay) in enumerate(boxes):
            for b, bx, by in boxes[i + 1 :]:
                if _cross(ax, bx) and _cross(ay, by):
                    out.append(Breach("panels", f"{self.title or 'chart'} at {viewport} px", f"{a!r} overlaps {b!r}"))
            for axis_name, (tx, ty) in self._tick_bands(size, plot_w, plot_h):
                if _cross(ax, tx) and _cross(ay, ty):
                    out.append(
                        Breach("panels", f"{self.title or 'chart'} at {viewport} px", f"{a!r} overprints the tick labels of {axis_name}")
                    )
        return out

    def _crowded_ticks(self, viewport: int, size: float, plot_w: float) -> list[Breach]:
        """A year axis held horizontal (`tickangle` 0) whose labels do not fit side by side: plotly prints them over
        each other rather than turning them."""
        out = []
        for name, axis in self.layout.items():
            if not re.fullmatch(r"xaxis\d*", name) or not isinstance(axis, dict) or axis.get("showticklabels") is False:
                continue
            if axis.get("tickangle") not in (0, "0") or axis.get("tickformat") != "d":
                continue
            years = [x for _, tr in self.figures() if _axis_name(tr.get("xaxis"), "x") == name for x in tr.get("x") or [] if _number(x)]
            if not years:
                continue
            span = max(years) - min(years) + 1
            step = next((d for d in (1, 2, 5, 10, 20, 50) if span / d <= (axis.get("nticks") or 14)), 100)
            domain = axis.get("domain") or [0, 1]
            if (span / step) * (text_width("2024", size) + 8) > plot_w * (domain[1] - domain[0]):
                out.append(
                    Breach("panels", f"{self.title or 'chart'} at {viewport} px", f"the year labels of {name} print over each other")
                )
        return out

    def _crowded_labels(self, viewport: int, size: float, plot_h: float) -> list[Breach]:
        """Category names (broken into lines) taller than their bar's row: they print over each other."""
        out = []
        for name in dict.fromkeys(self.category_axis(tr) for _, tr in self.figures() if self.category_key(tr) == "y"):
            axis = self.axis(name)
            if axis.get("showticklabels") is False:
                continue
            labels = axis.get("ticktext") or list(
                dict.fromkeys(
                    c for _, tr in self.figures() if self.category_axis(tr) == name for c in tr.get("y") or [] if isinstance(c, str)
                )
            )
            if not labels:
                continue
            domain = axis.get("domain") or [0, 1]
            row = plot_h * (domain[1] - domain[0]) / len(labels)
            tallest = max(str(x).count("<br>") + 1 for x in labels) * 1.2 * size
            if tallest > row + 2:
                out.append(
                    Breach("panels", f"{self.title or 'chart'} at {viewport} px", f"the category names of {name} print over each other")
                )
        return out

    def _left_labels(self, size: float) -> float:
        """The px the widest category label on a left axis takes (plotly's automargin makes room for it)."""
        widths = [0.0]
        for _, trace in self.figures():
            axis = self.axis(self.category_axis(trace))
            if self.category_key(trace) == "y" and axis.get("showticklabels") is not False:
                labels = axis.get("ticktext") or [c for c in trace.get("y") or [] if isinstance(c, str)]
                widths += [text_width(plain(line), size) for label in labels for line in str(label).split("<br>")]
        return max(widths) + 6

    def _legend(self, size: float, plot_w: float, plot_h: float, left: float, right: float, bottom: float):
        """The legend's box in px (a horizontal one wraps its entries into rows; plotly moves one that would run off
        the figure back into it), or None when plotly shows none."""
        entries = [str(tr.get("name")) for tr in self.data if tr.get("showlegend", True) is not False and plain(tr.get("name"))]
        shown = self.layout.get("showlegend")
        if shown is False or not entries or (len(entries) < 2 and shown is not True):
            return None
        legend = self.layout.get("legend") or {}
        row = 1.3 * size + 6
        item = [40 + max(text_width(plain(line), size) for line in e.split("<br>")) for e in entries]
        lines = [e.count("<br>") + 1 for e in entries]
        x = legend.get("x", 0 if legend.get("orientation") == "h" else 1.02) * plot_w
        if legend.get("orientation") == "h":
            rows, used, widest, tallest = [], 0.0, 0.0, 1
            for w, n in zip(item, lines):
                if used and used + w > left + plot_w + right:
                    rows, used, tallest = [*rows, tallest], 0.0, 1
                used, tallest = used + w, max(tallest, n)
                widest = max(widest, used)
            w, h = widest, sum([*rows, tallest]) * row
        else:
            w, h = max(item), sum(lines) * row
        x = max(-left, min(x, plot_w + right - w))
        y = legend.get("y", 1) * plot_h
        if legend.get("y", 1) < 0 and y - h < -bottom:  # no room under the plot: plotly grows the margin, the plot
            y = legend.get("y", 1) * (plot_h - (-bottom - (y - h)))  # shrinks and the legend, placed by fraction, rises
        top = {"top": y, "bottom": y + h, "middle": y + h / 2}.get(legend.get("yanchor", "top" if legend.get("y", 1) >= 0 else "top"), y)
        return "legend", (x, x + w), (top - h, top)

    def _tick_bands(self, size: float, plot_w: float, plot_h: float):
        """Each x axis's tick labels (and title) under its panel, as (x range, y range) in px."""
        for name, axis in self.layout.items():
            if not re.fullmatch(r"xaxis\d*", name) or not isinstance(axis, dict) or axis.get("showticklabels") is False:
                continue
            anchor = axis.get("anchor") or "y"
            ys = self.axis(_axis_name(anchor, "y")).get("domain") or [0, 1] if anchor != "free" else [0, 1]
            xs = axis.get("domain") or [0, 1]
            title = axis.get("title")
            depth = 1.3 * size + 4 + ((1.3 * size + 6) if isinstance(title, dict) and plain(title.get("text")) else 0)
            yield name, ((xs[0] * plot_w, xs[1] * plot_w), (ys[0] * plot_h - depth, ys[0] * plot_h))


def _cross(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] - 0.5 and b[0] < a[1] - 0.5
