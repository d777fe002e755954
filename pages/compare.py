"""单位对比: every agency in one year on one indicator (ranked, the average, the chosen agency highlighted),
then small multiples for a few indicators."""

import pandas as pd
import streamlit as st

from disclosure import catalog
from disclosure.headline import HEADLINES
from disclosure.ui import charts
from disclosure.ui.data import query
from disclosure.ui.escape import t_md
from disclosure.ui.findings import findings_expander
from disclosure.ui.i18n import label, t
from disclosure.ui.page import page_setup
from disclosure.ui.tables import numbers
from disclosure.ui.widgets import agency_and_year, include_sample

page_setup()
st.title(t("page_compare"))
agency, year = agency_and_year()
if agency is None:
    st.info(t("no_reports"))
    st.stop()
templates = query("compare_templates", year=year, include_sample=include_sample())
if templates.empty:
    st.info(t_md("no_report_year", agency=agency, year=year))
    st.stop()
main_template = templates["template"].iloc[0]
in_year = set(templates["template"])
options = [i.id for i in catalog.indicators().values() if i.kind == "value" and in_year & set(i.templates)]
default = "requests.received" if "requests.received" in options else options[0]
indicator = st.selectbox(
    t("compare_indicator"),
    options,
    index=options.index(default),
    key="indicator",
    bind="query-params",
    format_func=lambda i: f"{catalog.get(i).section} · {label(i)}",
)
multiple_default = [i for h in HEADLINES[main_template] for i in h.indicators if i in options][:6]
multiples = st.multiselect(
    t("compare_multiples_pick"),
    options,
    default=multiple_default,
    key="multiples",
    bind="query-params",
    format_func=lambda i: f"{catalog.get(i).section} · {label(i)}",
)

facts = query("compare_facts", year=year, include_sample=include_sample(), indicators=sorted({indicator, *multiples}))


values = charts.values_by(facts, ["agency"]) if not facts.empty else None


def per_agency(ind: str) -> pd.DataFrame:
    """Every agency reporting that year, with its value for `ind` (NaN where its report lacks the row)."""
    names = sorted(facts["agency"].unique())
    got = (
        values.xs(ind, level="indicator")
        if values is not None and ind in values.index.get_level_values("indicator")
        else pd.Series(dtype=float)
    )
    return pd.DataFrame(
        {"agency": names, "indicator": ind, "label": names, "value": pd.to_numeric(got.reindex(names), errors="coerce").values}
    )


ranking = per_agency(indicator)
ind_label = label(indicator)
if ranking["value"].notna().any():
    st.plotly_chart(
        charts.ranked(ranking, agency, t("compare_ranked", year=year, indicator=ind_label), t("compare_average")),
        width="stretch",
        key="compare-ranked",
        config=charts.plot_config(f"compare-{year}-{indicator}"),
    )
    ranked = ranking.dropna(subset=["value"]).sort_values("value", ascending=False).reset_index(drop=True)
    ranked.insert(0, "rank", ranked["value"].rank(ascending=False, method="min").astype(int))
    if agency in set(ranked["agency"]):
        st.caption(t_md("compare_rank", agency=agency, rank=int(ranked.loc[ranked["agency"] == agency, "rank"].iloc[0]), n=len(ranked)))
    else:
        st.caption(t_md("compare_absent", agency=agency, year=year))
    numbers(
        ranked[["rank", "agency", "value"]].rename(columns={"rank": t("rank"), "agency": t("agency"), "value": ind_label}),
        f"compare-{year}-{indicator}",
        key="numbers-ranked",
    )
    if agency in set(ranked["agency"]):
        findings_expander(agency, year, [indicator])  # the highlighted agency's findings on this figure
else:
    st.info(t("compare_none", year=year, template=t(f"template_{main_template}")))

st.subheader(t("compare_multiples"))
if multiples:
    panels = pd.concat([per_agency(i) for i in multiples], ignore_index=True)
    if panels["value"].notna().any():
        st.plotly_chart(
            charts.small_multiples(panels, agency, {i: label(i) for i in multiples}),
            width="stretch",
            key="compare-multiples",
            config=charts.plot_config(f"compare-{year}-multiples"),
        )
        wide = panels.pivot_table(index="agency", columns="indicator", values="value", aggfunc="first").reset_index()
        wide = wide.rename(columns={"agency": t("agency"), **{i: label(i) for i in multiples}})
        numbers(wide, f"compare-{year}-multiples", key="numbers-multiples")
    else:
        st.info(t("compare_none", year=year, template=t(f"template_{main_template}")))
st.caption(t("chart_png_hint") + " " + t("share_hint"))
