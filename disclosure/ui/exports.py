"""The numbers behind every chart, one click away, with CSV and Excel downloads that say what they are.

Every export starts with a header block — the app and page, agency or scope, year, unit, source documents and
whether the figures are 示例 sample data — then a blank row, then the table; whole-number columns are written
as integers (never `50.0`), blanks as empty cells. A page names what it shows once per run (`about`), the
pickers do it for the agency-year pages; every numbers expander and chart of the run reads it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from .. import catalog, settings
from ..formats import format_value
from ..spreadsheets import to_csv, to_xlsx, whole_numbers  # noqa: F401 (the pages' downloads)
from . import charts
from .data import reader, shared
from .i18n import colon, lang, list_sep, plot_config, t, unit_axis

_ABOUT = "export.about"


@dataclass
class About:
    """What the figures of the current view are: the export header block's contents (document strings stay data)."""

    page: str = ""
    agency: str = ""
    year: int | None = None
    scope: str = ""
    unit: str = ""
    sources: list[str] = field(default_factory=list)
    is_sample: bool = False

    def rows(self) -> list[tuple[str, str]]:
        rows = [(t("export_app"), t("app_name") + (f" · {self.page}" if self.page else ""))]
        rows += [(t("agency"), self.agency)] if self.agency else []
        rows += [(t("year"), str(self.year))] if self.year is not None else []
        rows += [(t("export_scope"), self.scope)] if self.scope else []
        rows += [(t("unit"), self.unit)] if self.unit else []
        rows += [(t("export_sources"), "; ".join(self.sources))] if self.sources else []
        rows.append((t("export_sample"), t("export_sample_yes") if self.is_sample else t("export_sample_no")))
        return rows


def begin_run(page: str) -> None:
    """app.py, before the page runs: the view names itself afresh each run."""
    st.session_state[_ABOUT] = About(page=page)


def about(**facts) -> About:
    """Add what the view shows (agency, year, scope, unit, sources, is_sample) to this run's export header."""
    current = st.session_state.get(_ABOUT) or About()
    for key, value in facts.items():
        setattr(current, key, value)
    st.session_state[_ABOUT] = current
    return current


def current_about() -> About:
    return st.session_state.get(_ABOUT) or About()


def export_name(name: str, header: About) -> str:
    """A file name saying what it holds; 示例 first when the figures are sample data."""
    return (f"{t('sample_badge')}-" if header.is_sample else "") + name


def downloads(frame: pd.DataFrame, name: str, key: str) -> None:
    header = current_about()
    name = export_name(name, header)
    left, right = st.columns(2)
    # The files are built on click (deferred data): building every expander's Excel on each rerun
    # cost ~30 ms a table, more than a page's whole budget allows.
    left.download_button(
        t("download_csv"), lambda: to_csv(frame, header), file_name=f"{name}.csv", mime="text/csv", key=f"{key}-csv", width="stretch"
    )
    right.download_button(
        t("download_xlsx"),
        lambda: to_xlsx(frame, header.page or "data", header),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}-xlsx",
        width="stretch",
    )


def numbers_open_key(key: str) -> str:
    """The session key of a numbers expander's open state (True while the visitor has it open)."""
    return f"{key}-open"


def numbers(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, key: str, expanded: bool = False) -> None:
    """An expander holding the table behind a chart and its downloads. The table is made and sent only while the
    expander is open: in Streamlit 1.67 an expander's contents run and are sent whether it is open or not, unless it
    tracks its state (on_change="rerun": opening it reruns the page, and `.open` says so). `frame` may be a function
    making the table, so a closed expander costs not even the frame."""
    box = st.expander(t("numbers"), expanded=expanded, key=numbers_open_key(key), on_change="rerun")
    if not box.open:
        return
    with box:
        frame = frame() if callable(frame) else frame
        first = {frame.columns[0]: st.column_config.Column(pinned=True)} if len(frame.columns) > 2 else None  # labels stay in view
        shown = frame.head(settings.TABLE_MAX_ROWS)  # a page sends what a person reads; the files hold every row
        st.dataframe(shown, hide_index=True, width="stretch", placeholder="", column_config=first)
        if len(frame) > len(shown):
            st.caption(t("table_first_rows", shown=len(shown), total=len(frame)))
        downloads(frame, name, key)


def display_value(value, status: str, indicator: str | None = None) -> str:
    """How a cell reads on screen: blank stays blank, n/a is ——, a figure as formats.format_value shows it
    in its indicator's unit (a stored indicator the catalog no longer has reads as a figure without one)."""
    if status == "na":
        return "——"
    if status == "blank":
        return ""
    return format_value(value, indicator if indicator in catalog.indicators() else None)


def show_chart(fig, key: str, name: str, unit: str = "") -> None:
    """A chart with its source line under the plot (agency or scope, year, source documents, 示例), so a PNG saved
    with the camera button says where its figures come from; the PNG is named like the exports. Every chart a page
    shows goes through here, so the lint (tests/test_chart_lint.py) holds it to disclosure/ui/chart_contract.py."""
    header = current_about()
    first = " · ".join(p for p in (t("app_name"), header.agency or header.scope, str(header.year or "")) if p)
    lines = [first + (f" · {t('sample_badge')}" if header.is_sample else "")]
    if header.sources:
        shown = header.sources[:2] + (["…"] if len(header.sources) > 2 else [])
        lines.append(t("export_sources") + colon() + ", ".join(shown))
    charts.add_source_note(fig, lines)
    charts.name_value_axes(fig, unit_axis, unit)  # each value axis with its unit (`unit`: what the chart counts, if it does not say)
    st.html(f'<p class="sr-only" role="note">{html.escape(chart_description(fig, lines))}</p>')  # the chart's alt text
    st.plotly_chart(fig, width="stretch", key=key, config=plot_config(export_name(name, header)))


def _frozen(value):
    """A session value as a hashable key part (lists and sets as tuples, dicts as sorted pairs)."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(map(str, value)))
    if isinstance(value, dict):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    return value


# session keys under view. that are not choices: the URL this session last wrote (made from the choices) and a
# switch to another page about to happen
_NOT_CHOICES = ("view.url", "view.goto")


def view_key() -> tuple:
    """Everything a chart of this run depends on besides the store and the settings: the language, the page and what
    the view names itself (the export header: agency, year, scope, unit, sources, 示例), and every choice of the view
    (the session's view.* entries, which view_state settles before anything is drawn)."""
    header = current_about()
    about_part = (header.page, header.agency, header.year, header.scope, header.unit, tuple(header.sources), header.is_sample)
    choices = tuple(
        sorted((k, _frozen(st.session_state[k])) for k in list(st.session_state.keys()) if k.startswith("view.") and k not in _NOT_CHOICES)
    )
    return (lang(), about_part, choices)


def shared_chart(build: Callable[[], object], key: str, name: str, unit: str = "") -> None:
    """show_chart for a figure built by `build()` (charts.py: pure functions of the view's frames): built, described
    and serialised once for every session that shows the same view (data.shared: the page, language, choices, store
    version and settings), replayed from the cache after that. `build` reads only what the view's choices settle."""
    shared(f"chart:{key}", (*view_key(), key, name, unit), lambda: show_chart(build(), key, name, unit))


def chart_description(fig, source_lines: list[str]) -> str:
    """What a chart shows, in words, for readers who cannot see it: its title, its series, its source, and where
    the numbers are."""

    def plain(text) -> str:
        return html.unescape(re.sub(r"<[^>]+>", " ", str(text or ""))).strip()

    title = plain(fig.layout.title.text) if fig.layout.title else ""
    names = list(dict.fromkeys(plain(trace.name) for trace in fig.data if getattr(trace, "name", None)))
    parts = [t("chart_alt") + colon() + (title or t("numbers"))]
    if names:
        parts.append(t("chart_alt_series") + colon() + list_sep().join(names[:8]))
    parts += source_lines
    parts.append(t("chart_alt_numbers"))
    return " · ".join(p for p in parts if p)


def brief_button(agency: str, year: int, language: str, key: str) -> None:
    """The one-page A4 brief of an agency-year (disclosure.brief), built on click."""
    from ..brief import brief_for_report

    _brief_download(lambda handle: brief_for_report(handle, agency, year, language), f"{agency}-{year}", key)


def scope_brief_button(agencies: list[str], scope_name: str, year: int, language: str, key: str) -> None:
    """The one-page A4 brief of a scope-year: its agencies' key figures, charts, findings and documents."""
    from ..brief import brief_for_scope

    _brief_download(lambda handle: brief_for_scope(handle, agencies, scope_name, year, language), f"{scope_name}-{year}", key)


def _brief_download(build, stem: str, key: str) -> None:
    """Without its CJK font the page says so in one line instead of offering a file; a glyph the font lacks is
    checked when the brief is built."""
    from ..brief import FontMissing, render_brief
    from ..brief.fonts import available

    handle = reader()
    if handle is None:
        return
    try:
        available()
    except FontMissing as e:
        st.caption(str(e))
        return
    header = current_about()
    st.download_button(
        t("brief_download"),
        lambda: render_brief(build(handle)),
        file_name=export_name(f"{stem}-{t('brief_file')}", header) + ".pdf",
        mime="application/pdf",
        key=key,
        icon=":material/picture_as_pdf:",
    )
