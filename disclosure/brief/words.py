"""The brief's words, Chinese and English (agency names and the documents' own text stay as printed)."""

from __future__ import annotations

import math

WORDS: dict[str, tuple[str, str]] = {
    "title_report": ("政府信息公开工作年度报告简报", "Government information disclosure: annual report brief"),
    "title_scope": ("政府信息公开工作年度报告汇总简报", "Government information disclosure: summary brief"),
    "year": ("{year}年度", "{year}"),
    "sample": ("示例数据", "Sample data"),
    "sample_banner": (
        "示例数据：本简报含生成的虚构数据，仅供演示，不是真实报告。",
        "Sample data: this brief includes generated, fictional figures for demonstration; not a real report.",
    ),
    "page": ("第 {page} / {pages} 页", "page {page} of {pages}"),
    "made_from": ("据本看板数据库中的年度报告统计表生成", "made from the annual reports' statistics tables in the dashboard's store"),
    "key_figures": ("主要数字", "Key figures"),
    "blank": ("未填", "blank"),
    "no_figures": ("本年度没有可读的统计表，没有主要数字。", "No readable statistics table this year: no key figures."),
    "not_in_table": ("表中无此项", "not in the table"),
    "not_computable": ("无法计算", "cannot be computed"),
    "vs": ("比{year}年 {change}", "{change} vs {year}"),
    "same_as": ("与{year}年持平", "same as {year}"),
    "not_comparable": ("与上年口径不同，不可直接比较", "previous year on another template: not comparable"),
    "no_previous": ("{year}年无报告", "no {year} report"),
    "previous_blank": ("{year}年未填", "{year} blank"),
    "previous_no_rate": ("{year}年无法计算此比率", "no {year} rate to compare"),
    "pp": ("个百分点", " pp"),
    "flow": ("申请办理流向", "Where the requests went"),
    "flow_help_2019": (
        "左：本年新收与上年结转；中：本年需办理；右：办理结果与结转下年度（总计列）。",
        "Left: new and carried-over requests; middle: to handle this year; right: outcomes and those carried forward (total column).",
    ),
    "flow_help_2014": (
        "左：本年收到（受理）的申请；右：答复结果。",
        "Left: requests received (accepted) this year; right: how they were answered.",
    ),
    "flow_identity_off": (
        "表内恒等式不成立：新收 + 上年结转 = {inflow}，办理结果总计 + 结转下年度 = {outflow}（审核发现）；图按报告数字绘制。",
        "The table's identity does not hold: new + carried over = {inflow}, outcomes + carried forward = {outflow} (audit finding); drawn as reported.",
    ),
    "flow_unitemised": (
        "{node} {total}，其去向分项之和 {itemised}：差额在表中未分项（条形未连线部分）。",
        "{node} {total}, its itemised outcomes add up to {itemised}: the difference is not itemised in the table (the bar's unlinked part).",
    ),
    "flow_new": ("本年新收", "New this year"),
    "flow_carried_over": ("上年结转", "Carried over"),
    "flow_in_hand": ("本年需办理", "To handle"),
    "carried_forward": ("结转下年度", "Carried forward"),
    "no_requests": ("本年度没有申请数字可画。", "No request figures to draw this year."),
    "outcomes": ("办理结果（按原表分组）", "Outcomes (grouped as in the template)"),
    "no_outcomes": ("本报告没有填报办理结果。", "This report gives no outcomes."),
    "trend": ("收到申请（历年）", "Requests received over the years"),
    "trend_break": ("口径变更", "template change"),
    "trend_legend": (
        "实心点：口径一致；空心点：口径近似（地方表格“受理申请数”）；虚线：跨口径，不可直接比较；空缺：该年无报告或未填。",
        "Filled: same definition; hollow: approximate (local form's 'requests accepted'); dashed: across a template change, not comparable; gap: no report or blank.",
    ),
    "trend_reports": ("{n}家", "n={n}"),
    "no_trend": ("没有历年收到申请的数字。", "No requests-received figures over the years."),
    "findings": ("审核发现", "Audit findings"),
    "no_findings": ("审核没有发现问题。", "The audit found nothing."),
    "findings_more": ("另有 {n} 条发现，见看板“数据质量”页。", "{n} more findings on the dashboard's Data quality page."),
    "message_cut": ("…（全文见看板“数据质量”页）", "… (in full on the dashboard's Data quality page)"),
    "severity_error": ("错误", "Error"),
    "severity_warning": ("提醒", "Warning"),
    "severity_info": ("提示", "Info"),
    "sources": ("来源文件", "Source documents"),
    "no_sources": ("本年度没有报告。", "No reports this year."),
    "template": ("统计表：{template}", "Table: {template}"),
    "templates_mixed": ("统计表：{templates}", "Tables: {templates}"),
    "template_2014": ("2014版统计表", "2014 statistics table"),
    "template_2019": ("2019版年报格式", "2019 report format"),
    "template_2021": ("2021版年报格式", "2021 report format"),
    "template_local": ("地方统计表", "local statistics form"),
    "template_none": ("未附统计表", "no statistics table"),
    "template_mixed": ("多种口径", "mixed templates"),
    # a scope
    "scope_reported": ("报告单位 {n} / {of} 个", "{n} of {of} agencies reported"),
    "scope_missing": ("未见报告：{names}", "no report: {names}"),
    "scope_errors": ("有错误的报告 {n} 份", "{n} reports with errors"),
    "scope_findings": (
        "审核发现：错误 {error} · 提醒 {warning} · 提示 {info}",
        "findings: {error} errors · {warning} warnings · {info} notes",
    ),
    "scope_sum_note": (
        "合计为本年 {n} 份{template}报告之和；比率按合计数计算。",
        "Totals add up {n} reports on the {template}; rates are computed on the totals.",
    ),
    "scope_other_template": (
        "未计入合计（口径不同）：{names}。",
        "Not in the totals (another template): {names}.",
    ),
    "scope_no_table": ("未计入合计（未附统计表）：{names}。", "Not in the totals (no statistics table): {names}."),
    "scope_previous_count": (
        "{year}年报告单位 {before} 个，本年 {now} 个：合计的变化含报告单位的增减。",
        "{before} agencies reported in {year}, {now} this year: the change in totals includes that.",
    ),
    "filled_by": ("{n}/{of} 个单位填报", "filled by {n} of {of}"),
    "compared_over": ("变化按两年均有报告的{n}个单位计", "change over the {n} agencies reporting both years"),
    "findings_by_agency": ("各单位审核发现", "Findings by agency"),
    "agency": ("单位", "Agency"),
    "severity": ("级别", "Severity"),
    "message": ("内容", "Finding"),
    "file": ("文件", "File"),
    "reports_with_errors_head": ("错误", "Errors"),
    "warnings_head": ("提醒", "Warnings"),
    "info_head": ("提示", "Notes"),
    "unit_items": ("件", ""),
    "unit_reports": ("份", ""),
    "reported_agencies": ("报告单位", "Agencies reported"),
    "reports_with_errors": ("有错误的报告", "Reports with errors"),
}


def w(key: str, lang: str, **fmt) -> str:
    zh, en = WORDS[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text


def template_words(template: str, lang: str) -> str:
    key = f"template_{template}"
    return w(key, lang) if key in WORDS else template


def number(value: float | None, digits: int = 0) -> str:
    """A figure as the dashboard prints it (thousands separated); '' for None (callers print 未填 themselves)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    v = float(value)
    if digits:
        return f"{v:,.{digits}f}"
    return f"{int(v):,}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def signed(value: float, digits: int = 0) -> str:
    text = number(abs(value), digits)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text
