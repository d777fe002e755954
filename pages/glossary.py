"""指标说明: every indicator with its label as printed, unit, templates, plain definition and source; the crosswalk."""

import pandas as pd
import streamlit as st

from disclosure import catalog, crosswalk
from disclosure.ui import view_state
from disclosure.ui.exports import downloads
from disclosure.ui.i18n import lang, t, template_name
from disclosure.ui.page import page_setup

page_setup()
st.title(t("page_glossary"))
st.caption(t("glossary_intro"))
en = lang() == "en"
left, right = st.columns([3, 1])
search = view_state.settle("q", None, "").strip()
left.text_input(t("glossary_search"), **view_state.widget_args("q"))
NATIONAL = catalog.template_ids(national=True)
TEMPLATES = ["all", *NATIONAL]
template = view_state.settle("template", TEMPLATES, "all")
right.selectbox(
    t("glossary_template"),
    TEMPLATES,
    format_func=lambda x: t("glossary_all") if x == "all" else template_name(x),
    **view_state.widget_args("template"),
)

rows = []
for ind in catalog.indicators().values():
    if template != "all" and template not in ind.templates:
        continue
    # the printed label of the newest national template that has the row (local forms word it many ways)
    shown_template = template if template != "all" else ([t for t in ind.templates if t in NATIONAL] or list(ind.templates))[-1]
    rows.append(
        {
            "id": ind.id,
            t("section"): catalog.section_name(ind.section, lang()),
            t("indicator"): ind.label("en", short=False) if en else catalog.reported_label(ind, shown_template),
            t("unit"): catalog.unit_name(ind.unit, lang()) or "——",
            t("templates"): " / ".join(ind.templates),
            t("definition"): (ind.definition_en if en else ind.definition_zh) or "",
            t("where_defined"): ind.source_zh,
        }
    )
glossary = pd.DataFrame(rows)
if search and not glossary.empty:
    hit = glossary.apply(lambda r: r.astype(str).str.contains(search, case=False, regex=False).any(), axis=1)
    glossary = glossary[hit]
st.caption(t("glossary_count", n=len(glossary)))
st.dataframe(
    glossary,
    hide_index=True,
    width="stretch",
    placeholder="",
    height=560,
    column_config={t("definition"): st.column_config.TextColumn(width="large")},
)
downloads(glossary, "glossary", key="glossary")

st.subheader(t("glossary_crosswalk"))
crosswalk_rows = pd.DataFrame(
    [
        {
            t("series"): m.label_en if en else m.label_zh,
            t("template"): m.template,
            "formula": m.formula,
            t("comparability"): t(m.comparability),
            t("note"): m.note_en if en else m.note_zh,
        }
        for m in crosswalk.mappings()
    ]
)
st.dataframe(crosswalk_rows, hide_index=True, width="stretch", placeholder="")
downloads(crosswalk_rows, "crosswalk", key="crosswalk")
