"""Chinese first, English on request. Every UI string is defined once here as (zh, en)."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from .. import agencies

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("公开年报看板", "Disclosure Dashboard"),
    "lang_toggle": ("English", "English"),
    "show_sample": ("显示示例数据", "Show sample data"),
    "show_sample_help": (
        "示例数据是生成的虚构单位（示例市），用于演示；关闭后只看真实报告。",
        "Sample data are generated fictional agencies (示例市) for the demo; switch off to see real reports only.",
    ),
    "sample_badge": ("示例数据", "Sample data"),
    "agency": ("单位", "Agency"),
    "year": ("年度", "Year"),
    "template": ("表格口径", "Template"),
    "template_2014": ("2014版统计表（国办发〔2014〕32号）", "2014 statistics table"),
    "template_2019": ("2019版年报格式（国办公开办函〔2019〕60号）", "2019 report format"),
    "template_2021": ("2021版年报格式（国办公开办函〔2021〕30号）", "2021 report format"),
    "template_local": ("地方统计表（如福建省政府信息公开情况统计表）", "local statistics form (e.g. Fujian's)"),
    "template_none": ("未附统计表", "no statistics table"),
    "no_table_report": (
        "这份年度报告没有附政府信息公开情况统计表，因此没有可显示的统计数字；这本身是数据质量页上的一条错误。",
        "This annual report was published without its disclosure statistics table, so there are no figures to show; that is itself an error on the Data quality page.",
    ),
    "applicant_cumulative": ("历年累计", "Cumulative"),
    "applicant_year": ("本年度", "This year"),
    "page_overview": ("总览", "Overview"),
    "page_channels": ("公开渠道", "Channels"),
    "page_requests": ("依申请公开", "Information requests"),
    "page_trends": ("年度趋势", "Trends"),
    "page_compare": ("单位对比", "Comparison"),
    "page_glossary": ("指标说明", "Glossary"),
    "page_quality": ("数据质量", "Data quality"),
    "page_import": ("导入报告", "Import reports"),
    "no_reports": (
        "还没有任何报告。把报告文件放进 data/reports/ 后重新打开，或在“导入报告”页上传。",
        "No reports yet. Put report files into data/reports/ and reopen, or upload them on the Import page.",
    ),
    "no_report_year": ("{agency} 没有 {year} 年度的报告。", "{agency} has no report for {year}."),
    "headline": ("关键数字", "Key figures"),
    "vs_last_year": ("与上年相比", "vs. previous year"),
    "no_previous": ("上年无报告，无法比较", "no report for the previous year"),
    "not_in_template": ("该口径未报告", "not reported in this template"),
    "blank": ("未填", "blank"),
    "full_table": ("统计表全文（按原表分组，空白即原表未填）", "The statistics table as reported (blank = left blank in the report)"),
    "numbers": ("查看数据", "The numbers"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "download_xlsx": ("下载 Excel", "Download Excel"),
    "indicator": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "value": ("数值", "Value"),
    "section": ("部分", "Section"),
    "source_file": ("来源文件", "Source file"),
    "quality_badge": ("数据质量", "Data quality"),
    "quality_pending": ("尚未核查", "not yet audited"),
    "quality_ok": ("未发现问题", "no issues found"),
    "quality_findings": ("{errors} 个错误 · {warnings} 个提醒", "{errors} errors · {warnings} warnings"),
    "applicant_natural": ("自然人", "Natural persons"),
    "applicant_commercial": ("商业企业", "Businesses"),
    "applicant_research": ("科研机构", "Research institutions"),
    "applicant_social": ("社会公益组织", "Public-interest organisations"),
    "applicant_legal": ("法律服务机构", "Legal service organisations"),
    "applicant_other": ("其他", "Other"),
    "applicant_total": ("总计", "Total"),
}


def lang() -> str:
    return "en" if st.session_state.get("view.lang") == "en" else "zh"  # settled by the sidebar (ui.view_state)


def t(key: str, **fmt) -> str:
    zh, en = STRINGS[key]
    text = en if lang() == "en" else zh
    return text.format(**fmt) if fmt else text


def label(indicator, short: bool = True) -> str:
    """An indicator's label in the current language (catalog.Indicator or its id)."""
    from .. import catalog

    ind = catalog.get(indicator) if isinstance(indicator, str) else indicator
    return ind.label(lang(), short=short)


from .strings_dashboard import STRINGS_DASHBOARD  # noqa: E402  (the leadership pages)

STRINGS.update(STRINGS_DASHBOARD)
from .strings_import import STRINGS_IMPORT  # noqa: E402

STRINGS.update(STRINGS_IMPORT)  # noqa: E402,E702  (导入报告)
from .strings_quality import STRINGS_QUALITY  # noqa: E402

STRINGS.update(STRINGS_QUALITY)  # noqa: E402,E702  (数据质量)


# Punctuation follows the language: full-width in Chinese, ASCII with spaces in English.
def colon() -> str:
    return "：" if lang() == "zh" else ": "


def aside(text: str) -> str:
    """A note in parentheses after a name: 收到申请（跨口径） / Requests received (across templates)."""
    return f"（{text}）" if lang() == "zh" else f" ({text})"


def list_sep() -> str:
    """Between items of a list: 、 / ,"""
    return "、" if lang() == "zh" else ", "


def clause_sep() -> str:
    """Between clauses: ； / ;"""
    return "；" if lang() == "zh" else "; "


def agency_name(name: str, language: str | None = None) -> str:
    """An agency as the reader's language names it: the agency table's English name where it has one."""
    found = agencies.find(name) if (language or lang()) == "en" else None
    return found.name_en if found is not None and found.name_en else name


def agency_names() -> Callable[[str], str]:
    """agency_name with the language fixed now: a widget's format_func may also be called outside the run
    (AppTest formats options after it), where the session's language cannot be read."""
    return functools.partial(agency_name, language=lang())


# plotly's own toolbar and hints, in the view's language (plotly.js takes a locale dictionary in the config)
PLOTLY_WORDS = {
    "Download plot as a png": "plotly_download_png",
    "Download plot as a PNG": "plotly_download_png",
    "Fullscreen": "plotly_fullscreen",
    "Download plot": "plotly_download",
    "Zoom": "plotly_zoom",
    "Pan": "plotly_pan",
    "Zoom in": "plotly_zoom_in",
    "Zoom out": "plotly_zoom_out",
    "Autoscale": "plotly_autoscale",
    "Reset axes": "plotly_reset_axes",
    "Reset view": "plotly_reset_view",
    "Toggle Spike Lines": "plotly_spikes",
    "Show closest data on hover": "plotly_hover_closest",
    "Compare data on hover": "plotly_hover_compare",
    "Double-click to zoom back out": "plotly_double_click",
}


def plot_config(name: str) -> dict:
    """charts.plot_config with plotly's toolbar words in the view's language."""
    from . import charts

    config = charts.plot_config(name)
    if lang() == "zh":
        config["locale"] = "zh-CN"
        config["locales"] = {"zh-CN": {"dictionary": {word: t(key) for word, key in PLOTLY_WORDS.items()}, "format": {}}}
    return config
