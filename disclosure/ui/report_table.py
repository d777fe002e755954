"""A report's statistics table as printed, its findings, and what changed between two versions.

Shared by 总览 (facts from the store) and 导入报告 (facts of a report parsed in this session), so an
uploaded report previews exactly as it will look once stored.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import catalog
from ..formats import format_value
from ..model import APPLICANTS, Check, Report
from .escape import md_text, t_md
from .exports import display_value, numbers
from .i18n import column_label, lang, t


def md_escape(text: str) -> str:
    """Text from a report or a file name, safe to put into st.markdown / st.error / st.subheader (escape.md_text)."""
    return md_text(text)


def report_facts(report: Report) -> pd.DataFrame:
    """A parsed report's facts in table order, shaped like the store's `report_facts` query."""
    inds = catalog.indicators()
    rows = []
    for seq, f in enumerate(report.facts):
        ind = inds.get(f.indicator)
        rows.append(
            dict(
                indicator=f.indicator,
                applicant=f.applicant,
                value=f.value,
                raw=f.raw,
                status=f.status,
                seq=seq,
                section=ind.section if ind else "",
                unit=ind.unit if ind else "",
            )
        )
    return pd.DataFrame(rows, columns=["indicator", "applicant", "value", "raw", "status", "seq", "section", "unit"])


def _row_label(indicator: str, template: str) -> str:
    ind = catalog.indicators().get(indicator)
    if ind is None:
        return indicator
    return catalog.reported_label(ind, template) if lang() == "zh" else ind.label("en", short=False)


# The 2019/2021 formats print table 二 (第二十条) before tables 三 and 四; the catalog lists those rows last.
SECTION_ORDER_2019 = {"主动公开": 0, "依申请公开": 1, "行政复议": 2, "行政诉讼": 3}


def table_frame(facts: pd.DataFrame, template: str) -> pd.DataFrame:
    """The whole table as reported: one row per indicator, by applicant column on the 2019+ formats."""
    facts = facts[facts["status"] != "from_text"].copy()  # figures the narrative states are not table cells
    if catalog.template(template).by_applicant and not facts.empty:
        facts["_rank"] = [SECTION_ORDER_2019.get(s, 9) for s in facts["section"]]
        facts = facts.sort_values(["_rank", "seq"], kind="stable").drop(columns="_rank")
    facts["label"] = [_row_label(i, template) for i in facts["indicator"]]
    facts["shown"] = [display_value(v, s, i) for v, s, i in zip(facts["value"], facts["status"], facts["indicator"])]
    if facts["applicant"].ne("total").any():
        # 2019+: table 三 by applicant column, as printed
        wide = facts.pivot_table(index=["section", "label"], columns="applicant", values="shown", aggfunc="first", sort=False)
        order = facts.drop_duplicates(["section", "label"])[["section", "label", "unit"]]
        table = order.merge(wide.reset_index(), on=["section", "label"], how="left")
        columns = [c.id for c in catalog.columns(template)]  # 自然人 … 总计, or 本年度 and 历年累计 on local forms
        table = table[["section", "label", "unit"] + [c for c in columns if c in table.columns]]
        table = table.rename(columns={c: column_label(c, template) for c in columns})
    else:
        table = facts[["section", "label", "unit", "shown"]].rename(columns={"shown": t("value")})
    table = table.assign(
        section=[catalog.section_name(x, lang()) for x in table["section"]], unit=[catalog.unit_name(u, lang()) for u in table["unit"]]
    )
    return table.rename(columns={"section": t("section"), "label": t("indicator"), "unit": t("unit")}).fillna("")


def show_table(table: pd.DataFrame, name: str, key: str) -> None:
    """Section by section, as the report prints it, then the numbers with downloads.

    Tables 二 and 四 have one value column: there the empty applicant columns are dropped and 总计
    reads as 数值, as the report prints them."""
    by_applicant = [column_label(c) for c in APPLICANTS if c != "total"]
    for section, part in table.groupby(t("section"), sort=False):
        part = part.drop(columns=[t("section")])
        present = [c for c in by_applicant if c in part.columns]
        if present and (part[present] == "").all().all():
            part = part.drop(columns=present).rename(columns={column_label("total"): t("value")})
        st.markdown(f"**{md_escape(section)}**")
        # the row label stays in view while a phone scrolls the value columns sideways
        st.dataframe(
            part, hide_index=True, width="stretch", placeholder="", column_config={t("indicator"): st.column_config.Column(pinned=True)}
        )
    numbers(table, name, key=key)


SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def findings_frame(checks: list[Check]) -> pd.DataFrame:
    """Findings worst first; the message in the current language, the report's sentence when there is one."""
    rows = [
        {
            t("severity"): t(f"severity_{c.severity}") if c.severity in SEVERITY_ORDER else c.severity,
            t("import_message"): c.text(lang()),
            t("import_sentence"): c.sentence,
            "_order": SEVERITY_ORDER.get(c.severity, 3),
        }
        for c in checks
    ]
    frame = pd.DataFrame(rows, columns=[t("severity"), t("import_message"), t("import_sentence"), "_order"])
    return frame.sort_values("_order", kind="stable").drop(columns="_order").reset_index(drop=True)


def _cell(value, status) -> tuple:
    """What a cell holds, for comparison: blank and 0 differ, 12 and 12.0 do not."""
    if status != "reported" or value is None or pd.isna(value):
        return (status, None)
    return (status, float(value))


def changes(old: pd.DataFrame, new: pd.DataFrame, template: str) -> pd.DataFrame:
    """Every cell whose value differs between the stored version and the new one, in the new table's order.

    Both frames have indicator, applicant, value, status (the `report_facts` shape). A cell only one
    version has shows as absent on the other side, never as 0.
    """
    key = ["indicator", "applicant"]
    old, new = old[old["status"] != "from_text"], new[new["status"] != "from_text"]  # table cells only
    merged = (
        new[key + ["value", "status", "seq"]]
        .merge(old[key + ["value", "status"]], on=key, how="outer", suffixes=("_new", "_old"), indicator=True, sort=False)
        .rename(columns={"_merge": "side"})
    )
    rows = []
    for r in merged.itertuples(index=False):
        in_old, in_new = r.side in ("both", "right_only"), r.side in ("both", "left_only")
        before = _cell(r.value_old, r.status_old) if in_old else None
        after = _cell(r.value_new, r.status_new) if in_new else None
        if before == after:
            continue
        rows.append(
            {
                t("indicator"): _row_label(r.indicator, template),
                t("import_applicant"): column_label(r.applicant, template),
                t("import_old"): display_value(r.value_old, r.status_old, r.indicator) if in_old else t("import_absent"),
                t("import_new"): display_value(r.value_new, r.status_new, r.indicator) if in_new else t("import_absent"),
                "_seq": r.seq if in_new else float("inf"),
            }
        )
    columns = [t("indicator"), t("import_applicant"), t("import_old"), t("import_new")]
    frame = pd.DataFrame(rows, columns=columns + ["_seq"])
    return frame.sort_values("_seq", kind="stable").drop(columns="_seq").reset_index(drop=True)


def ocr_mark(facts: pd.DataFrame, template: str) -> None:
    """识别: a report whose figures were read by OCR says so above its figures, with the least sure of them."""
    from ..views.quality import ocr_figures

    count, lowest = ocr_figures(facts)
    if not count:
        return
    least = [
        f"{_row_label(r.indicator, template)}"
        + (
            ""
            if r.applicant in ("total", "cumulative")
            else f"（{column_label(r.applicant, template)}）"
            if lang() == "zh"
            else f" ({column_label(r.applicant, template)})"
        )
        + f" {r.raw} · {format_value(100 * r.confidence, '%')}%"
        for r in lowest.itertuples()
    ]
    sep = "；" if lang() == "zh" else "; "
    st.caption(t_md("ocr_marked", n=count, lowest=sep.join(least)))  # the figures as printed are document text: escaped
