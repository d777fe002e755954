"""年度趋势: chosen series for one or more agencies over the years, template changes marked, gaps kept as gaps."""

import streamlit as st

from disclosure import catalog, crosswalk
from disclosure.ui import charts
from disclosure.ui.data import query
from disclosure.ui.findings import trend_findings_expander
from disclosure.ui.i18n import label, lang, t
from disclosure.ui.page import page_setup
from disclosure.ui.tables import numbers
from disclosure.ui.widgets import agencies

page_setup()
st.title(t("page_trends"))
frame = agencies()
if frame.empty:
    st.info(t("no_reports"))
    st.stop()
names = frame["agency"].tolist()
samples = set(frame.loc[frame["is_sample"], "agency"])  # marked under the picker, not in its labels (URL values stay plain)


def series_section(series_id: str) -> str:
    """A crosswalk series sits in the section of the first row its formula names."""
    if series_id.startswith("ind:"):
        return catalog.get(series_id[4:]).section
    formula = next(m.formula for m in crosswalk.mappings() if m.series == series_id)
    term = formula.split(" | ")[0].split(" + ")[0].split("[")[0].removesuffix(".*")
    inds = catalog.indicators()
    return (inds.get(term) or next(i for k, i in inds.items() if k.startswith(term + "."))).section


def series_options() -> list[str]:
    """Grouped by section in table order: the crosswalk series first, then the section's single rows."""
    inds = catalog.indicators()
    order = {s: k for k, s in enumerate(dict.fromkeys(i.section for i in inds.values()))}
    xw = [(order[series_section(s["series"])], 0, k, s["series"]) for k, s in enumerate(crosswalk.series_list())]
    single = [(order[i.section], 1, k, f"ind:{i.id}") for k, i in enumerate(inds.values()) if i.kind == "value"]
    return [key for *_, key in sorted(xw + single)]


def series_name(series_id: str) -> str:
    if series_id.startswith("ind:"):
        return label(series_id[4:])
    entry = next(s for s in crosswalk.series_list() if s["series"] == series_id)
    return entry["label_en" if lang() == "en" else "label_zh"]


def option_label(series_id: str) -> str:
    section = series_section(series_id)
    suffix = "" if series_id.startswith("ind:") else f"（{t('trend_crosswalk')}）"
    return f"{section} · {series_name(series_id)}{suffix}"


left, right = st.columns([2, 3])
chosen_agencies = left.multiselect(t("agencies"), names, default=names[:1], key="agencies", bind="query-params")
chosen_series = right.multiselect(
    t("trend_series"), series_options(), default=["requests_received"], key="series", bind="query-params", format_func=option_label
)
if samples.intersection(chosen_agencies):
    left.caption(f":material/science: {t('sample_badge')}：" + "、".join(a for a in chosen_agencies if a in samples))
if not chosen_agencies or not chosen_series:
    st.info(t("trend_pick"))
    st.stop()


def unique_names(series_ids: list[str]) -> dict[str, str]:
    """Legend names, unique by construction: a crosswalk series says so (收到申请 beside 收到申请（跨口径）),
    and two rows of one short label are told apart by their section."""
    names = {s: series_name(s) for s in series_ids}
    for s, n in list(names.items()):
        if list(names.values()).count(n) > 1 and not s.startswith("ind:"):
            names[s] = f"{n}（{t('trend_crosswalk')}）"
    for s, n in list(names.items()):
        if list(names.values()).count(n) > 1:
            names[s] = f"{series_section(s)} · {n}"
    for s, n in list(names.items()):
        if list(names.values()).count(n) > 1:
            names[s] = f"{n} ({s.removeprefix('ind:')})"
    return names


facts = query("trends_facts", agencies=chosen_agencies)
legend = unique_names(chosen_series)
points = charts.trend_points(facts, chosen_agencies, chosen_series, legend.__getitem__)
if points.empty or points["value"].isna().all():
    st.info(t("trend_no_data"))
    st.stop()

matched = "matched_en" if lang() == "en" else "matched_zh"
fig = charts.trend_lines(
    points,
    t("trend_chart"),
    t("trend_break"),
    lambda a, b, ta, tb: t("trend_break_hover", year_from=a, year_to=b, template_from=t(f"template_{ta}"), template_to=t(f"template_{tb}")),
    lambda c: t(c) if c in ("exact", "approximate") else t("none_side"),
    matched,
)
st.plotly_chart(fig, width="stretch", key="trend-chart", config=charts.plot_config("trend"))
st.caption(t("trend_gap_note"))
# every agency-year on the chart, gaps included: a blank cell's finding says why the line breaks
reports = points[["agency", "year"]].drop_duplicates().sort_values(["agency", "year"])
trend_findings_expander(
    list(reports.itertuples(index=False, name=None)),
    [term for s in chosen_series for term in ([s[4:]] if s.startswith("ind:") else crosswalk.series_terms(s))],
)
table = points[["agency", "series", "year", "template", "value", "comparability", matched]].copy()
table["comparability"] = [t(c) if c in ("exact", "approximate") else t("none_side") for c in table["comparability"]]
numbers(
    table.rename(
        columns={
            "agency": t("agency"),
            "series": t("series"),
            "year": t("year"),
            "template": t("template"),
            "value": t("value"),
            "comparability": t("comparability"),
            matched: t("trend_matched"),
        }
    ),
    "trend",
    key="numbers-trend",
)

st.subheader(t("trend_yoy"))
changes = charts.yoy(points)
changes["template_change"] = [t("trend_break") if x else "" for x in changes["template_change"]]
changes["comparability"] = [t(c) if c in ("exact", "approximate") else t("none_side") for c in changes["comparability"]]
changes = changes.rename(
    columns={
        "agency": t("agency"),
        "series": t("series"),
        "year": t("year"),
        "template": t("template"),
        "value": t("value"),
        "previous": t("trend_previous"),
        "change": t("trend_change_abs"),
        "change_pct": t("trend_change_pct"),
        "template_change": t("trend_break"),
        "comparability": t("comparability"),
    }
)
st.dataframe(changes, hide_index=True, width="stretch", placeholder="")
numbers(changes, "trend-yoy", key="numbers-yoy")
st.caption(t("chart_png_hint") + " " + t("share_hint"))
