"""The audit rules as the quality page lists them: id, default severity, title and one-line description."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Check


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # the severity the rule's findings carry (error | warning | info)
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    cross_year: bool = False  # needs the same agency's report for the year before


RULES: list[Rule] = [
    Rule(
        "sum_mismatch",
        "error",
        "合计与分项不符",
        "Total differs from its parts",
        "统计表中的合计数不等于其分项之和（如收到申请数 ≠ 四种申请渠道之和，（七）总计 ≠ 各办理结果之和，总计列 ≠ 六类申请人之和）。",
        "A total in the table is not the sum of its parts (e.g. requests received vs the four intake channels, "
        "(7) total vs the outcome rows, the total column vs the six applicant columns).",
    ),
    Rule(
        "request_balance",
        "error",
        "申请数量勾稽不平",
        "Request counts do not balance",
        "表三每一列应满足：一（本年新收）+ 二（上年结转）= 三（七）总计 + 四（结转下年度）。",
        "In table 3, per applicant column: received + carried over = (7) total handled + carried forward.",
    ),
    Rule(
        "group_row_value",
        "error",
        "分组行数值与子项不符",
        "Group row value contradicts its rows",
        "分组标题行填写了数值（如 0），但与其下各项之和不符。",
        "A group heading row carries a value (often 0) that contradicts the sum of the rows under it.",
    ),
    Rule(
        "part_exceeds_whole",
        "error",
        "“其中”项大于总数",
        "A 'of which' row exceeds its parent",
        "“其中”项的数值大于其所属的总数。",
        "An 'of which' row is larger than the row it is part of.",
    ),
    Rule(
        "channel_overlap",
        "info",
        "各渠道公开数之和超过主动公开总数",
        "Channels add up to more than the total",
        "同一条信息可在多个渠道公开，各渠道之和大于主动公开政府信息数属正常现象，仅作提示。",
        "One item published on several channels counts on each, so channels adding up to more than the "
        "total is normal; noted for the reader.",
    ),
    Rule(
        "channel_shortfall",
        "warning",
        "各渠道公开数之和小于主动公开总数",
        "Channels add up to less than the total",
        "每条主动公开的信息至少经一个渠道公开，各渠道之和不应小于主动公开政府信息数。",
        "Every item published goes out through at least one channel, so the channels should not add up to less than the total.",
    ),
    Rule(
        "blank_total_column",
        "warning",
        "总计列空白",
        "Total column left blank",
        "表三中申请人各列已填写，但“总计”列空白（空白不等于 0）。",
        "In table 3 the applicant columns are filled but the total column is blank (blank is not zero).",
    ),
    Rule(
        "carryover_break",
        "warning",
        "结转数与上年不衔接",
        "Carry-over does not match last year",
        "本年“上年结转政府信息公开申请数量”应等于上一年度报告的“结转下年度继续办理”。",
        "This year's requests carried over should equal last year's requests carried forward.",
        cross_year=True,
    ),
    Rule(
        "in_force_break",
        "warning",
        "现行有效件数与上年不衔接",
        "Documents in force do not follow from last year",
        "2021 年起：现行有效件数（本年）= 现行有效件数（上年）+ 本年制发件数 − 本年废止件数（规章、行政规范性文件）。",
        "From 2021: in force (this year) = in force (last year) + issued − repealed, for rules and normative documents.",
        cross_year=True,
    ),
    Rule(
        "narrative_mismatch",
        "warning",
        "正文数字与统计表不符",
        "Narrative figure differs from the table",
        "报告正文中陈述的数字（如“受理政府信息公开申请17件”）与统计表中对应指标的数值不同。",
        "A figure the report's text states (e.g. 'received 17 requests') differs from the table's value for that indicator.",
    ),
    Rule(
        "narrative_copied",
        "warning",
        "正文与上年高度雷同",
        "Narrative repeats last year's",
        "去除数字后，本年度报告正文与同一机关上一年度报告正文的相似度达到 80% 以上。",
        "With the figures removed, the narrative is at least 80% similar to the same agency's report for the year before.",
        cross_year=True,
    ),
    Rule(
        "completeness",
        "info",
        "填报完整性",
        "Completeness",
        "按模板应填的单元格中，已填、空白、不适用（——）与缺行的数量。",
        "Of the cells the template asks for: how many are reported, blank, not applicable (——) or missing.",
    ),
    Rule(
        "template_outdated",
        "warning",
        "使用过期模板",
        "Outdated template",
        "报告年度已启用新模板，统计表仍沿用旧模板（如 2019 年后仍用 2014 年统计表，2021 年后仍用含第（九）项的 2019 年表）。",
        "The table uses a template older than the report year calls for (the 2014 table after 2019, the "
        "2019 layout with item (9) after 2021).",
    ),
    Rule(
        "implausible_value",
        "warning",
        "数值超出合理范围",
        "Figure outside any plausible range",
        "统计表中的数值为负数、超过一千万，或位数多于任何真实统计表（此类单元格不作为数值入库）。",
        "A figure in the table is negative, above ten million, or has more digits than any real table holds "
        "(such a cell is not stored as a number).",
    ),
    Rule(
        "duplicate_table",
        "warning",
        "统计表重复",
        "Statistics table appears twice",
        "同一文件中统计表出现了不止一次；只读取了第一份。",
        "The file holds the statistics table more than once; only the first copy was read.",
    ),
    # found while reading the file (stage parse): the audit re-runs, these stay with the file
    Rule(
        "no_statistics_table",
        "error",
        "未附统计表",
        "No statistics table",
        "年度报告没有附政府信息公开情况统计表，报告中没有可读取的统计数字；按规定报告应附统计表。",
        "The annual report was published without its disclosure statistics table: it has no figures to read.",
    ),
    Rule(
        "incomplete_table",
        "warning",
        "统计表有单元格无法确定",
        "Table cells that cannot be read",
        "网页存档把数字粘连、把相同的相邻格合并或未印出，表内算术不能唯一确定这些格的数值；这些格不作 0 计，也不猜测。",
        "An archive glued digits, merged equal neighbouring cells or left cells unprinted, and the table's "
        "arithmetic does not settle them: they are neither zero nor guessed.",
    ),
    Rule(
        "ocr_uncertain",
        "warning",
        "扫描件有数字识别不确定",
        "Scanned figures not read with certainty",
        "扫描件经文字识别（OCR）读取，有些数字识别把握不足，表内算术也不能唯一确认；这些数字未读取，不作 0 计，也不猜测。",
        "The scan was read by OCR and some figures were not read with certainty, nor does the table's arithmetic "
        "settle them: they are left out, neither zero nor guessed.",
    ),
    Rule(
        "ocr_read",
        "info",
        "扫描件经文字识别读取",
        "Read from a scan by OCR",
        "报告是扫描件或照片（没有文字层），其文字和数字经文字识别（OCR）读取；每个数字带识别把握，最低的列出。",
        "The report is a scan or photo (no text layer): its text and figures were read by OCR, each figure with "
        "its confidence; the least sure are listed.",
    ),
    Rule(
        "unmapped_row",
        "warning",
        "统计表中的行无法对应指标",
        "Table row not mapped",
        "统计表中有一行无法对应到任何指标（标签未知或格数不符），未读取，也不作 0 计。",
        "A table row matched no indicator (unknown label or cell count); it was left out, not counted as 0.",
    ),
    Rule(
        "missing_row",
        "warning",
        "统计表缺行",
        "Table row missing",
        "模板规定的一行在报告的统计表中没有出现；缺行不作 0 计。",
        "A row the template prescribes does not appear in the report's table; it is absent, not 0.",
    ),
    Rule(
        "unreadable_cell",
        "warning",
        "单元格内容无法读取",
        "Cell cannot be read",
        "单元格里写的内容不是数字、空白或“——”，无法读取。",
        "A cell holds something that is neither a figure, a blank nor '——'.",
    ),
    Rule(
        "agency_from_file_name",
        "warning",
        "机关名称取自文件名",
        "Agency taken from the file name",
        "报告正文、标题和落款都没有写明机关名称，只能取自文件名。",
        "The report's title, text and signature name no agency, so the file name stands in.",
    ),
]

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def finding(
    rule_id: str, message: str, message_en: str, indicators=(), values=None, sentence: str = "", severity: str | None = None
) -> Check:
    rule = RULES_BY_ID[rule_id]
    return Check(
        rule=rule_id,
        severity=severity or rule.severity,
        message=message,
        message_en=message_en,
        indicators=list(dict.fromkeys(indicators)),
        values=dict(values or {}),
        sentence=sentence,
    )
