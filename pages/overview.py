"""总览: a scope of agencies in one year — the key figures with their change on the year before, who reported and
whose reports have errors, the agencies furthest from the scope's median on each rate, and the coverage of reports
agency × year; an agency or a grid cell opens that agency's report (单位年报)."""

import pandas as pd
import streamlit as st

from disclosure import settings
from disclosure.formats import format_value
from disclosure.ui import charts, view_state
from disclosure.ui.cards import key_figure_card
from disclosure.ui.data import per_version, query
from disclosure.ui.escape import md_text
from disclosure.ui.exports import about, numbers, scope_brief_button, shared_chart
from disclosure.ui.i18n import agency_name, agency_names, lang, list_sep, t
from disclosure.ui.page import guarded, page_setup
from disclosure.ui.widgets import scope_name, scope_picker, scope_year_picker
from disclosure.views import scope as view

REPORT_PAGE = "pages/report.py"


@per_version  # once per store version, scope, year and language: a rerun redraws, it does not recompute
def scope_views(members: tuple[str, ...], year: int, language: str) -> dict:
    agencies = list(members)
    reports = query("scope_reports", agencies=agencies)
    facts = query("scope_facts", agencies=agencies, year=year, indicators=view.needed_indicators())
    spread = view.rate_spread(reports, facts, year, language)
    years = list(range(int(reports["year"].min()), int(reports["year"].max()) + 1))
    order, group_of = view.grid_order(view.coverage(reports, agencies, [year]), year)
    return {
        "figures": view.key_figures(reports, facts, year, language),
        "apart": view.apart(reports, year),
        "reporting": view.reporting(reports, agencies, year),
        "spread": spread,
        "far": view.outliers(spread),
        "years": years,
        "order": order,
        "group_of": group_of,
        "coverage": view.coverage(reports, order, years),
    }


page_setup()
if st.session_state.get("url.agency") and "url.scope" not in st.session_state:
    # a link naming one agency (older links to 总览 showed one report): that agency's report, as the link meant
    st.switch_page(REPORT_PAGE, query_params=[(k, v) for k in st.query_params for v in st.query_params.get_all(k)])
st.title(t("page_overview"))
left, right = st.columns([3, 1])
scope, members = scope_picker(left)
if not members:
    st.info(t("scope_pick_agencies") if scope.kind == "group" else t("no_reports"))
    st.stop()
reports = query("scope_reports", agencies=members)
year = scope_year_picker(reports, right)
if year is None:
    st.info(t("no_reports_scope"))
    st.stop()
in_year = reports[reports["year"] == year]
name = scope_name(scope)
about(scope=name, year=year, sources=sorted(in_year["source_name"]), is_sample=bool(in_year["is_sample"].any()))
if in_year["is_sample"].any():
    st.caption(f":material/science: {t('sample_badge')}")

# -- key figures: Σ over the agencies of the year's template family, the change over those that reported both years
views = scope_views(tuple(members), year, lang())
figures, reporting = views["figures"], views["reporting"]
st.subheader(t("scope_key_figures", scope=name, year=year))
with guarded("key_figures"):
    if not figures:
        st.warning(t("scope_no_tables", year=year))
    else:

        def help_of(f: view.ScopeFigure) -> str:
            words = t("scope_summed", n=f.agencies) if not f.is_rate else t("scope_pooled", n=f.agencies)
            if f.change == "compared":
                words += " " + t("scope_compared", n=f.compared, year=f.base_year)
            return words

        top, bottom = figures[:3], figures[3:]  # requests first, then reviews and lawsuits
        columns = st.columns(len(top) + 1)
        for column, f in zip(columns, top):
            key_figure_card(column, f.label, f.value, f.unit, f.direction, f.base_year, f.change, f.delta, help_of(f))
        columns[-1].metric(
            t("scope_reported"),
            f"{reporting.reported}/{reporting.agencies}",
            delta=t("scope_with_errors", n=reporting.with_errors),
            delta_color="red" if reporting.with_errors else "gray",
            delta_arrow="off",
            help=t("scope_reported_help", year=year),
            border=True,
        )
        for column, f in zip(st.columns(len(bottom)), bottom):
            key_figure_card(column, f.label, f.value, f.unit, f.direction, f.base_year, f.change, f.delta, help_of(f))
        if reporting.missing:
            few, more = view.named_few(reporting.missing, settings.MISSING_NAMES_SHOWN)
            names = list_sep().join(md_text(agency_name(a)) for a in few)
            st.caption(
                t("scope_missing_more", year=year, names=names, n=len(reporting.missing), more=more)
                if more
                else t("scope_missing", year=year, names=names)
            )
        if views["apart"]:  # a summary report beside its own departments' is not added to them
            st.caption(t("scope_apart", names=list_sep().join(md_text(agency_name(a)) for a in views["apart"])))
        numbers(
            lambda: pd.DataFrame(
                {
                    t("measure"): [f.label for f in figures],
                    str(year): [f.value for f in figures],
                    t("unit"): [f.unit for f in figures],
                    t("scope_agencies_counted"): [f.agencies for f in figures],
                    t("scope_base_value", year=year - 1): [f.base_value for f in figures],
                    t("scope_same_value", year=year): [f.now_compared for f in figures],
                    t("scope_agencies_compared"): [f.compared for f in figures],
                }
            ),
            f"overview-{year}-key-figures",
            key="numbers-key-figures",
        )
    scope_brief_button(members, name, year, lang(), key="brief-scope")

# -- outliers: furthest from the scope's median on each rate
st.subheader(t("scope_outliers"))
with guarded("outliers"):
    spread, far = views["spread"], views["far"]
    drawn = view.furthest(spread, settings.SPREAD_MAX_POINTS)  # a province: the furthest, not thousands of dots
    if spread.empty:
        st.info(t("scope_no_rates", year=year))
    else:
        names = agency_names()
        sides = {s: t(f"side_{s}") for s in charts.SIDES}
        shared_chart(
            lambda: charts.rate_spread(
                drawn.assign(name=[names(a) for a in drawn["agency"]]), t("scope_spread_title", year=year), sides, t("median")
            ),
            "overview-spread",
            f"overview-{year}-rates",
        )
        if len(drawn) < len(spread):
            st.caption(t("scope_spread_capped", n=settings.SPREAD_MAX_POINTS, total=spread["agency"].nunique()))
        if far.empty:
            st.caption(t("scope_no_outliers"))
        for row in far.itertuples():
            st.page_link(
                REPORT_PAGE,
                label=t(
                    "scope_outlier_line",
                    agency=agency_name(row.agency),
                    rate=row.label,
                    value=format_value(row.value, "%"),
                    n=format_value(row.numerator),
                    d=format_value(row.denominator),
                    median=format_value(row.median, "%"),
                    side=sides[row.side],
                ),
                icon=":material/arrow_outward:",
                query_params=view_state.link_params(row.agency, year),
            )
        numbers(
            lambda: spread.assign(agency=[names(a) for a in spread["agency"]], side=[sides[s] for s in spread["side"]])[
                ["label", "agency", "value", "numerator", "denominator", "median", "side"]
            ].rename(
                columns={
                    "label": t("measure"),
                    "agency": t("agency"),
                    "value": t("rate_percent"),
                    "numerator": t("numerator"),
                    "denominator": t("denominator"),
                    "median": t("median"),
                    "side": t("scope_side"),
                }
            ),
            f"overview-{year}-rates",
            key="numbers-spread",
        )

# -- coverage: agency × year; a cell opens that agency's report
st.subheader(t("scope_coverage"))
with guarded("coverage"):
    years, order, every = views["years"], views["order"], views["coverage"]
    per = settings.GRID_MAX_ROWS
    pages = max(1, -(-len(order) // per))
    page_no = st.number_input(t("coverage_page"), 1, pages, 1, key="w.coverage_page") if pages > 1 else 1
    if pages > 1:
        st.caption(t("coverage_rows", n=len(order), per=per))
    shown_years = view.grid_years(years, year, settings.GRID_MAX_YEARS)
    grid = every.loc[order[(page_no - 1) * per : page_no * per], shown_years]  # one page: what a person reads
    symbols = {s: t(f"coverage_symbol_{s}") for s in view.COVERAGE} | {"": ""}
    words = {s: t(f"coverage_{s}") for s in view.COVERAGE} | {"": ""}
    shown = grid.apply(lambda col: col.map(symbols))
    shown.columns = [str(y) for y in shown_years]
    shown.insert(0, t("agency"), [agency_name(a) for a in grid.index])
    if len(set(views["group_of"].values())) > 1:  # rows grouped: the city's departments, each county with its own
        shown[t("coverage_government")] = [agency_name(views["group_of"][a]) if views["group_of"][a] else "" for a in grid.index]
    tints = {symbols[s]: f"background-color: {charts.COVERAGE_TINTS[s]}" for s in view.COVERAGE}

    def go_to_cell() -> None:
        cells = st.session_state["coverage-grid"].selection.cells
        if cells:
            row, column = cells[0]
            agency = grid.index[int(row)]
            picked = int(column) if str(column).isdigit() else None
            reported = picked is not None and grid.loc[agency, picked] in ("reported", "errors", "no_table")
            st.session_state["view.goto"] = (agency, picked if reported else None)  # else: the agency's latest report

    st.dataframe(
        shown.style.map(lambda v: tints.get(v, ""), subset=shown.columns[1:]),
        hide_index=True,
        width="stretch",
        key="coverage-grid",
        height=min(len(grid), per) * 35 + 38,  # every row of the page at once: no box scrolling inside the page
        on_select=go_to_cell,
        selection_mode="single-cell",
        column_config={t("agency"): st.column_config.Column(pinned=True)},
    )
    st.caption(" · ".join(f"{symbols[s]} {words[s]}" for s in view.COVERAGE) + " · " + t("coverage_click"))
    numbers(
        lambda: (
            every.apply(lambda col: col.map(words)).rename(index=agency_name).rename_axis(t("agency")).reset_index().rename(columns=str)
        ),
        "overview-coverage",
        key="numbers-coverage",
    )
goto = st.session_state.pop("view.goto", None)
if goto is not None:
    agency, picked = goto
    st.switch_page(REPORT_PAGE, query_params=view_state.link_params(agency, picked))
