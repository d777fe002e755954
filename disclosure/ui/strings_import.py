"""UI strings of 导入报告 (report import) and the public/admin modes, as (zh, en)."""

from __future__ import annotations

STRINGS_IMPORT: dict[str, tuple[str, str]] = {
    "import_mode_public": (
        "公开演示模式：上传的报告只保存在本浏览器会话中（最多 {max} 份），关闭页面即消失，不会写入数据库。",
        "Public demo: uploaded reports stay in this browser session only (up to {max}); they vanish when you close the page and never reach the database.",
    ),
    "import_mode_admin": (
        "管理模式：确认后，报告写入数据库，原文件保存在 data/reports/uploads/。",
        "Admin mode: once confirmed, a report is written to the database and its file kept under data/reports/uploads/.",
    ),
    "import_uploader": ("选择年度报告文件（可多选）", "Choose annual report files (several at once if you like)"),
    "import_uploader_help": (
        "支持 txt、html、pdf、docx、md；每个文件不超过 {mb} MB。",
        "txt, html, pdf, docx or md; at most {mb} MB per file.",
    ),
    "import_parsing": ("正在解析 {name}（{done}/{total}）", "Parsing {name} ({done}/{total})"),
    "import_parsed": ("已解析 {total} 个文件", "Parsed {total} files"),
    "import_unexpected": ("无法读取该文件（{kind}）", "cannot read this file ({kind})"),
    "import_errors": ("{n} 个文件无法导入", "{n} files could not be imported"),
    "import_session_reports": ("本次会话导入的报告", "Reports imported in this session"),
    "import_session_full": (
        "本会话最多保留 {max} 份报告，{name} 未保留。请先清空本会话的报告。",
        "A session keeps at most {max} reports; {name} was not kept. Clear this session's reports first.",
    ),
    "import_session_clear": ("清空本会话的报告", "Clear this session's reports"),
    "import_uploaded_reports": ("上传的报告", "Uploaded reports"),
    "import_summary": ("{template} · 来源文件：{name} · {facts} 项数据", "{template} · source file: {name} · {facts} figures"),
    "import_findings": ("核查发现", "Findings"),
    "import_no_findings": ("核查未发现问题", "The audit found no issues"),
    "import_findings_count": (
        "{errors} 个错误 · {warnings} 个提醒 · {infos} 条说明",
        "{errors} errors · {warnings} warnings · {infos} notes",
    ),
    "import_severity": ("级别", "Severity"),
    "import_severity_error": ("错误", "Error"),
    "import_severity_warning": ("提醒", "Warning"),
    "import_severity_info": ("说明", "Note"),
    "import_message": ("说明", "Finding"),
    "import_sentence": ("原文句子", "Sentence in the report"),
    "import_table": ("统计表（按原表分组）", "The statistics table as reported"),
    "import_narrative": ("报告正文", "Report text"),
    "import_narrative_cut": ("（正文较长，仅显示前 {n} 个字符）", "(long text: only the first {n} characters are shown)"),
    "import_in_store_same": (
        "数据库中已有完全相同的这份报告，无需再次保存。",
        "The database already holds this exact report; nothing to save.",
    ),
    "import_new_in_store": ("数据库中还没有 {agency} {year} 年度的报告。", "The database has no {year} report for {agency} yet."),
    "import_replaces": (
        "数据库中已有 {agency} {year} 年度的另一版本（来源文件：{name}）。下表列出新版本改变的数据：",
        "The database already holds another version of {agency}'s {year} report (source file: {name}). What the new version changes:",
    ),
    "import_no_value_changes": (
        "两个版本的统计数据相同（只有文件本身不同）。",
        "The figures are identical in both versions (only the file differs).",
    ),
    "import_changes_count": ("{n} 项数据不同", "{n} figures differ"),
    "import_applicant": ("申请人", "Applicant"),
    "import_old": ("原数值", "Stored value"),
    "import_new": ("新数值", "New value"),
    "import_absent": ("（无此项）", "(not in this version)"),
    "import_save": ("保存到数据库", "Save to the database"),
    "import_replace": ("用新版本替换", "Replace with the new version"),
    "import_saved": (
        "已保存：新增 {added} 份 · 替换 {replaced} 份 · 未变 {unchanged} 份",
        "Saved: {added} added · {replaced} replaced · {unchanged} unchanged",
    ),
    "import_open_overview": ("在总览中查看", "See it on the overview"),
    "import_public_only_session": (
        "公开演示模式下不会写入数据库；这份报告只在本会话中预览。",
        "In the public demo nothing is written to the database; this report is previewed in this session only.",
    ),
}
