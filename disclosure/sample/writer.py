"""Report writer: the facts of one agency-year → a complete report file in one input form.

`render(report_facts, form)` lays the report out once (title, narrative, the statistics tables of
its template) and then writes that layout as txt (seed style, one cell per line), html, docx, md or
pdf. Tables exist twice in the layout: as spanned tables (rowspan/colspan, the way agencies publish
them) for html/docx/pdf/md, and as flat pipe blocks for the seed-style txt.

Which rows a table has follows the facts: a 2014 row whose fact is absent is left out of the table
(older forms lack 政务微信 and the 主要负责同志 rows); a 2021 report whose facts carry the single
`requests.outcome.other` keeps the single （六）其他处理 row. A fact whose value is None is written as an
empty cell, the string 'na' as '——'.
"""

from __future__ import annotations

import html as html_lib
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import catalog
from ..catalog import columns, for_template
from ..model import APPLICANTS

FORMS = ("txt", "html", "docx", "md", "pdf")
NA = "na"
SINGLE_OTHER_VARIANT = "2021-single-other"


def form_variant(template: str, facts: dict) -> str:
    """The form the writer prints a report's facts on: the 2021 format with its single 其他处理 row when the facts
    have none of the three split rows."""
    if template == "2021" and not any(k.startswith("requests.outcome.other.") for k in facts):
        return SINGLE_OTHER_VARIANT
    return template


@dataclass
class ReportFacts:
    """One agency-year as the writer needs it.

    `facts` maps 'indicator|applicant' → value (int/float), None (blank cell) or 'na' (——).
    `narrative` holds the paragraphs before the tables, `closing` those after them (2019+:
    sections 五 and 六). An empty narrative gets a minimal one stating the statistics period.
    """

    agency: str
    year: int
    template: str  # '2014' | '2019' | '2021' | '2021-single-other'
    facts: dict
    narrative: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)

    @classmethod
    def from_mapping(cls, d: Mapping) -> ReportFacts:
        """Accepts the shape of tests/fixtures/keys/*.json (narrative may be a string or absent)."""
        narrative = d.get("narrative") or []
        closing = d.get("closing") or []
        if isinstance(narrative, str):
            narrative = [p for p in narrative.splitlines() if p.strip()]
        if isinstance(closing, str):
            closing = [p for p in closing.splitlines() if p.strip()]
        return cls(d["agency"], int(d["year"]), str(d["template"]), dict(d["facts"]), list(narrative), list(closing))

    @property
    def base_template(self) -> str:
        return "2021" if self.template.startswith("2021") else self.template

    @property
    def single_other_row(self) -> bool:
        if self.base_template == "2019":
            return True
        return self.template == SINGLE_OTHER_VARIANT or any(k.startswith("requests.outcome.other|") for k in self.facts)


# ---------------------------------------------------------------- layout


@dataclass
class SpanCell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    vertical: bool = False  # the narrow 三、本年度办理结果 cell: one character per line in print


@dataclass
class SpanTable:
    ncols: int
    widths: list[float]  # relative column widths, for pdf
    cells: list[SpanCell] = field(default_factory=list)
    nrows: int = 0

    def add(self, row: int, col: int, text: str, rowspan: int = 1, colspan: int = 1, header: bool = False, vertical: bool = False):
        self.cells.append(SpanCell(row, col, text, rowspan, colspan, header, vertical))
        self.nrows = max(self.nrows, row + rowspan)

    def grid(self) -> list[list[str]]:
        """Spans expanded: a spanned cell's text repeats over every position it covers."""
        g = [["" for _ in range(self.ncols)] for _ in range(self.nrows)]
        for c in self.cells:
            for r in range(c.row, c.row + c.rowspan):
                for k in range(c.col, c.col + c.colspan):
                    g[r][k] = c.text
        return g


@dataclass
class PipeBlock:
    title: str | None
    rows: list[list[str]]


@dataclass
class TablePart:
    captions: list[str]  # lines printed above the table (2014: agency / 统计表 / (year年度))
    spanned: SpanTable
    blocks: list[PipeBlock]


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "——" if value == NA else value
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(int(value))


def _v(rf: ReportFacts, indicator: str, applicant: str = "total") -> str:
    return cell_text(rf.facts.get(f"{indicator}|{applicant}"))


def _has(rf: ReportFacts, indicator: str, applicant: str = "total") -> bool:
    return f"{indicator}|{applicant}" in rf.facts


def layout(rf: ReportFacts) -> list[tuple[str, object]]:
    """The report as parts: ('title', str) · ('para', str) · ('heading', str) · ('table', TablePart)."""
    parts: list[tuple[str, object]] = [("title", rf.agency), ("title", f"{rf.year}年政府信息公开工作年度报告")]
    narrative = rf.narrative or [
        f"本报告依据《中华人民共和国政府信息公开条例》编制。本年度报告中所列数据的统计期限为{rf.year}年1月1日至{rf.year}年12月31日。"
    ]
    if catalog.template(rf.base_template).one_column:
        parts += [("para", p) for p in narrative + rf.closing]
        parts.append(("para", "附件："))
        parts.append(("table", _table_2014(rf)))
        return parts
    parts += [("para", p) for p in narrative]
    parts.append(("heading", "二、主动公开政府信息情况"))
    parts.append(("table", _table_art20(rf)))
    parts.append(("heading", "三、收到和处理政府信息公开申请情况"))
    parts.append(("table", _table_requests(rf)))
    parts.append(("heading", "四、政府信息公开行政复议、行政诉讼情况"))
    parts.append(("table", _table_review(rf)))
    parts += [("para", p) for p in rf.closing]
    return parts


def _table_2014(rf: ReportFacts) -> TablePart:
    t = SpanTable(3, [6.4, 1.0, 1.3])
    t.add(0, 0, "统计指标", header=True)
    t.add(0, 1, "单位", header=True)
    t.add(0, 2, "统计数", header=True)
    rows = [["统 计 指 标", "单位", "统计数"]]
    r = 1
    for ind in for_template("2014"):
        if ind.kind == "value" and not _has(rf, ind.id):
            continue
        label = ind.label_zh.split(" ／ ")[0]
        unit = ind.unit if ind.kind == "value" else "——"
        value = _v(rf, ind.id)
        t.add(r, 0, label)
        t.add(r, 1, unit)
        t.add(r, 2, value)
        rows.append([label, unit, value])
        r += 1
    captions = [rf.agency, "政府信息公开情况统计表", f"（{rf.year}年度）"]
    return TablePart(captions, t, [PipeBlock(None, rows)])


def _art20_sections(rf: ReportFacts) -> list[tuple[str, list[str], list[tuple[str, list[str]]]]]:
    """(section title, column headers, [(row label, [indicator per column])])."""
    if rf.base_template == "2019":
        three = ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
        items = ["上一年项目数量", "本年增/减", "处理决定数量"]
        return [
            (
                "第二十条第（一）项",
                three,
                [
                    ("规章", ["art20.rules.issued", "art20.rules.published", "art20.rules.total_published"]),
                    ("规范性文件", ["art20.normative.issued", "art20.normative.published", "art20.normative.total_published"]),
                ],
            ),
            (
                "第二十条第（五）项",
                items,
                [
                    ("行政许可", ["art20.licensing.prev_items", "art20.licensing.change", "art20.licensing.decisions"]),
                    (
                        "其他对外管理服务事项",
                        ["art20.other_services.prev_items", "art20.other_services.change", "art20.other_services.decisions"],
                    ),
                ],
            ),
            (
                "第二十条第（六）项",
                items,
                [
                    ("行政处罚", ["art20.penalty.prev_items", "art20.penalty.change", "art20.penalty.decisions"]),
                    ("行政强制", ["art20.enforcement.prev_items", "art20.enforcement.change", "art20.enforcement.decisions"]),
                ],
            ),
            (
                "第二十条第（八）项",
                ["上一年项目数量", "本年增/减"],
                [
                    ("行政事业性收费", ["art20.fees.prev_items", "art20.fees.change"]),
                ],
            ),
            (
                "第二十条第（九）项",
                ["采购项目数量", "采购总金额"],
                [
                    ("政府集中采购", ["art20.procurement.items", "art20.procurement.amount"]),
                ],
            ),
        ]
    return [
        (
            "第二十条第（一）项",
            ["本年制发件数", "本年废止件数", "现行有效件数"],
            [
                ("规章", ["art20.rules.issued", "art20.rules.repealed", "art20.rules.in_force"]),
                ("行政规范性文件", ["art20.normative.issued", "art20.normative.repealed", "art20.normative.in_force"]),
            ],
        ),
        ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", ["art20.licensing.decisions"])]),
        (
            "第二十条第（六）项",
            ["本年处理决定数量"],
            [
                ("行政处罚", ["art20.penalty.decisions"]),
                ("行政强制", ["art20.enforcement.decisions"]),
            ],
        ),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", ["art20.fees.amount"])]),
    ]


def _table_art20(rf: ReportFacts) -> TablePart:
    t = SpanTable(4, [2.2, 1.6, 1.6, 1.6])
    blocks = []
    r = 0
    for title, headers, rows in _art20_sections(rf):
        t.add(r, 0, title, colspan=4, header=True)
        r += 1
        t.add(r, 0, "信息内容", header=True)
        _spread(t, r, headers, header=True)
        r += 1
        block_rows = [["信息内容", *headers]]
        for label, indicators in rows:
            values = [_v(rf, i) for i in indicators]
            t.add(r, 0, label)
            _spread(t, r, values)
            r += 1
            block_rows.append([label, *values])
        blocks.append(PipeBlock(title, block_rows))
    return TablePart([], t, blocks)


def _spread(t: SpanTable, r: int, texts: list[str], header: bool = False):
    """Fill columns 1–3 with `texts`; the last one spans what is left (as the national form does)."""
    for k, text in enumerate(texts):
        span = 3 - k if k == len(texts) - 1 else 1
        t.add(r, 1 + k, text, colspan=span, header=header)


OUTCOME_GROUPS_2019 = [
    ("（一）予以公开", [(None, "requests.outcome.granted")]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [(None, "requests.outcome.partial")]),
    (
        "（三）不予公开",
        [
            ("1.属于国家秘密", "requests.outcome.denied.state_secret"),
            ("2.其他法律行政法规禁止公开", "requests.outcome.denied.other_law"),
            ("3.危及“三安全一稳定”", "requests.outcome.denied.security_stability"),
            ("4.保护第三方合法权益", "requests.outcome.denied.third_party"),
            ("5.属于三类内部事务信息", "requests.outcome.denied.internal_affairs"),
            ("6.属于四类过程性信息", "requests.outcome.denied.process_info"),
            ("7.属于行政执法案卷", "requests.outcome.denied.enforcement_files"),
            ("8.属于行政查询事项", "requests.outcome.denied.query_matters"),
        ],
    ),
    (
        "（四）无法提供",
        [
            ("1.本机关不掌握相关政府信息", "requests.outcome.unable.not_held"),
            ("2.没有现成信息需要另行制作", "requests.outcome.unable.needs_creation"),
            ("3.补正后申请内容仍不明确", "requests.outcome.unable.unclear"),
        ],
    ),
    (
        "（五）不予处理",
        [
            ("1.信访举报投诉类申请", "requests.outcome.not_processed.petition"),
            ("2.重复申请", "requests.outcome.not_processed.duplicate"),
            ("3.要求提供公开出版物", "requests.outcome.not_processed.publication"),
            ("4.无正当理由大量反复申请", "requests.outcome.not_processed.excessive"),
            ("5.要求行政机关确认或重新出具已获取信息", "requests.outcome.not_processed.confirmation"),
        ],
    ),
]
OTHER_SINGLE = ("（六）其他处理", [(None, "requests.outcome.other")])
OTHER_SPLIT = (
    "（六）其他处理",
    [
        ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "requests.outcome.other.no_correction"),
        ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "requests.outcome.other.no_fee"),
        ("3.其他", "requests.outcome.other.misc"),
    ],
)
TOTAL_GROUP = ("（七）总计", [(None, "requests.outcome.total")])
RESULTS_LABEL = "三、本年度办理结果"
LINKAGE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def outcome_groups(single_other_row: bool):
    return OUTCOME_GROUPS_2019 + [OTHER_SINGLE if single_other_row else OTHER_SPLIT, TOTAL_GROUP]


def _table_requests(rf: ReportFacts) -> TablePart:
    t = SpanTable(10, [0.5, 1.6, 3.0] + [0.9] * 7)
    t.add(0, 0, LINKAGE_NOTE, rowspan=3, colspan=3, header=True)
    t.add(0, 3, "申请人情况", colspan=7, header=True)
    # 自然人, the five columns under 法人或其他组织, 总计: the applicant columns as catalog/columns.csv names them
    natural, *grouped, total = columns("2019")
    t.add(1, 3, natural.label_zh, rowspan=2, header=True)
    t.add(1, 4, grouped[0].group_zh, colspan=len(grouped), header=True)
    t.add(1, 4 + len(grouped), total.label_zh, rowspan=2, header=True)
    for k, column in enumerate(grouped):
        t.add(2, 4 + k, column.label_zh, header=True)
    blocks_rows = [["申请人情况", *(c.label_zh for c in (natural, *grouped, total))]]

    def values(indicator):
        return [_v(rf, indicator, a) for a in APPLICANTS]

    def put_values(r, indicator):
        for k, text in enumerate(values(indicator)):
            t.add(r, 3 + k, text)

    r = 3
    for label, indicator in (
        ("一、本年新收政府信息公开申请数量", "requests.received"),
        ("二、上年结转政府信息公开申请数量", "requests.carried_over"),
    ):
        t.add(r, 0, label, colspan=3)
        put_values(r, indicator)
        blocks_rows.append([label, *values(indicator)])
        r += 1
    groups = outcome_groups(rf.single_other_row)
    n_outcome_rows = sum(len(items) for _, items in groups)
    t.add(r, 0, RESULTS_LABEL, rowspan=n_outcome_rows, vertical=True)
    for group, items in groups:
        if items[0][0] is None:
            t.add(r, 1, group, colspan=2)
            put_values(r, items[0][1])
            blocks_rows.append([f"{RESULTS_LABEL} {group}", *values(items[0][1])])
            r += 1
            continue
        t.add(r, 1, group, rowspan=len(items))
        for item, indicator in items:
            t.add(r, 2, item)
            put_values(r, indicator)
            blocks_rows.append([f"{RESULTS_LABEL} {group} {item}", *values(indicator)])
            r += 1
    t.add(r, 0, "四、结转下年度继续办理", colspan=3)
    put_values(r, "requests.carried_forward")
    blocks_rows.append(["四、结转下年度继续办理", *values("requests.carried_forward")])
    return TablePart([], t, [PipeBlock(None, blocks_rows)])


REVIEW_RESULTS = (("结果维持", "upheld"), ("结果纠正", "corrected"), ("其他结果", "other"), ("尚未审结", "pending"), ("总计", "total"))
REVIEW_BLOCKS = (("行政复议", "review"), ("未经复议直接起诉", "litigation.direct"), ("复议后起诉", "litigation.after_review"))


def review_indicators() -> list[str]:
    return [f"{prefix}.{suffix}" for _, prefix in REVIEW_BLOCKS for _, suffix in REVIEW_RESULTS]


def _table_review(rf: ReportFacts) -> TablePart:
    t = SpanTable(15, [1.0] * 15)
    t.add(0, 0, "行政复议", colspan=5, header=True)
    t.add(0, 5, "行政诉讼", colspan=10, header=True)
    for k, (name, _) in enumerate(REVIEW_RESULTS):
        t.add(1, k, name, rowspan=2, header=True)
    t.add(1, 5, "未经复议直接起诉", colspan=5, header=True)
    t.add(1, 10, "复议后起诉", colspan=5, header=True)
    for b in range(2):
        for k, (name, _) in enumerate(REVIEW_RESULTS):
            t.add(2, 5 + 5 * b + k, name, header=True)
    values = [_v(rf, i) for i in review_indicators()]
    for k, text in enumerate(values):
        t.add(3, k, text)
    header = []
    for block, _ in REVIEW_BLOCKS:
        prefix = block if block == "行政复议" else f"行政诉讼 {block}"
        header += [f"{prefix} {name}" for name, _ in REVIEW_RESULTS]
    return TablePart([], t, [PipeBlock(None, [header, values])])


# ---------------------------------------------------------------- forms


def render(report_facts, form: str) -> bytes:
    """The report in one input form: 'txt' | 'html' | 'docx' | 'md' | 'pdf'."""
    rf = report_facts if isinstance(report_facts, ReportFacts) else ReportFacts.from_mapping(report_facts)
    parts = layout(rf)
    writers = {"txt": _txt, "html": _html, "docx": _docx, "md": _md, "pdf": _pdf}
    if form not in writers:
        raise ValueError(f"unknown form {form!r}; expected one of {', '.join(FORMS)}")
    return writers[form](rf, parts)


def _txt(rf: ReportFacts, parts) -> bytes:
    lines: list[str] = []
    for kind, part in parts:
        if kind != "table":
            lines.append(part)
            continue
        lines += part.captions
        for block in part.blocks:
            if block.title:
                lines.append(block.title)
            for row in block.rows:
                for cell in row:
                    lines.append(f"{cell} |" if cell else "|")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _md(rf: ReportFacts, parts) -> bytes:
    out: list[str] = []
    for kind, part in parts:
        if kind == "title":
            out += [f"# {part}" if part == rf.agency else f"## {part}", ""]
        elif kind == "heading":
            out += [f"## {part}", ""]
        elif kind == "para":
            out += [part, ""]
        else:
            out += [c for c in part.captions for c in (c, "")]
            if len(part.blocks) > 1:
                # 第二十条 sub-tables: converters emit each as its own table under its title line
                for block in part.blocks:
                    out += [block.title or "", ""]
                    out.append("| " + " | ".join(c.replace("|", "\\|") for c in block.rows[0]) + " |")
                    out.append("|" + "|".join(["---"] * len(block.rows[0])) + "|")
                    out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in block.rows[1:]]
                    out.append("")
                continue
            grid = part.spanned.grid()
            esc = [[c.replace("|", "\\|") for c in row] for row in grid]
            out.append("| " + " | ".join(esc[0]) + " |")
            out.append("|" + "|".join(["---"] * part.spanned.ncols) + "|")
            for row in esc[1:]:
                out.append("| " + " | ".join(row) + " |")
            out.append("")
    return ("\n".join(out)).encode("utf-8")


HTML_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>body{{font-family:"SimSun",serif;margin:0}} .nav a{{margin:0 8px}} table{{border-collapse:collapse}} td,th{{border:1px solid #000;padding:2px 4px;font-size:14px}}</style>
</head>
<body>
<div class="top"><div class="logo">示例市人民政府门户网站（示例数据）</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwgk/ndbg/">政府信息公开年报</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="article">
"""
HTML_FOOT = """</div>
<div class="share">分享到： 微信 微博 【打印本页】 【关闭窗口】</div>
<div class="footer"><p>主办：示例市人民政府办公室（示例数据，非真实机构）</p><p>网站标识码：0000000000 示ICP备00000000号</p></div>
</body>
</html>
"""


def _html(rf: ReportFacts, parts) -> bytes:
    esc = html_lib.escape
    out = [HTML_HEAD.format(title=esc(f"{rf.agency}{rf.year}年政府信息公开工作年度报告"))]
    titles = [p for k, p in parts if k == "title"]
    out.append(f'<h1 class="title">{"<br>".join(esc(t) for t in titles)}</h1>\n')
    out.append('<div class="info">发布机构：' + esc(rf.agency) + f' 发布日期：{rf.year + 1}-01-20</div>\n<div class="content">\n')
    for kind, part in parts:
        if kind == "title":
            continue
        if kind == "heading":
            out.append(f"<p><strong>{esc(part)}</strong></p>\n")
        elif kind == "para":
            out.append(f'<p style="text-indent:2em">{esc(part)}</p>\n')
        else:
            for c in part.captions:
                out.append(f'<p style="text-align:center">{esc(c)}</p>\n')
            out.append(_html_table(part.spanned))
    out.append("</div>\n")
    out.append(HTML_FOOT)
    return "".join(out).encode("utf-8")


def _html_table(t: SpanTable) -> str:
    by_row: dict[int, list[SpanCell]] = {}
    for c in t.cells:
        by_row.setdefault(c.row, []).append(c)
    out = ['<table border="1" cellspacing="0" cellpadding="0" width="100%">\n<tbody>\n']
    for r in range(t.nrows):
        out.append("<tr>")
        for c in sorted(by_row.get(r, []), key=lambda c: c.col):
            attrs = ""
            if c.rowspan > 1:
                attrs += f' rowspan="{c.rowspan}"'
            if c.colspan > 1:
                attrs += f' colspan="{c.colspan}"'
            if c.vertical:
                attrs += ' style="width:20px"'
            text = html_lib.escape(c.text) if c.text else "&nbsp;"
            if c.header and len(c.text) == 4 and c.text.startswith(("结果", "其他", "尚未")):
                text = f"{c.text[:2]}<br>{c.text[2:]}"  # the narrow 复议/诉讼 headers wrap, as on agency sites
            out.append(f'<td{attrs}><p align="center">{text}</p></td>')
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)


FIXED_DATE = (2000, 1, 1, 0, 0, 0)


def _docx(rf: ReportFacts, parts) -> bytes:
    import datetime

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    props = document.core_properties
    props.author = "示例数据生成器"
    props.last_modified_by = "示例数据生成器"
    props.title = f"{rf.agency}{rf.year}年政府信息公开工作年度报告（示例数据）"
    props.comments = "示例数据：虚构机构的示例年报"
    props.revision = 1
    fixed = datetime.datetime(rf.year + 1, 1, 20, 9, 0, 0)
    props.created = fixed
    props.modified = fixed
    props.last_printed = fixed
    for kind, part in parts:
        if kind == "title":
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(part).bold = True
        elif kind == "heading":
            document.add_paragraph().add_run(part).bold = True
        elif kind == "para":
            document.add_paragraph(part)
        else:
            for c in part.captions:
                document.add_paragraph(c).alignment = WD_ALIGN_PARAGRAPH.CENTER
            t = part.spanned
            table = document.add_table(rows=t.nrows, cols=t.ncols)
            table.style = "Table Grid"
            # table.cell() rebuilds the whole cell list on every call; take it once. Span regions are
            # disjoint, so merging one never invalidates another's anchor or corner cell.
            grid_cells = table._cells
            for c in t.cells:
                cell = grid_cells[c.row * t.ncols + c.col]
                if c.rowspan > 1 or c.colspan > 1:
                    corner = grid_cells[(c.row + c.rowspan - 1) * t.ncols + c.col + c.colspan - 1]
                    cell = cell.merge(corner)
                cell.text = c.text
            document.add_paragraph()
    buf = io.BytesIO()
    document.save(buf)
    return _fixed_zip(buf.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """python-docx stamps zip entries with the current time; rewrite them with a fixed date."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


_FONT = "STSong-Light"


def _pdf(rf: ReportFacts, parts) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
    body = ParagraphStyle("body", fontName=_FONT, fontSize=11, leading=18, firstLineIndent=22)
    title = ParagraphStyle("title", fontName=_FONT, fontSize=16, leading=24, alignment=TA_CENTER)
    center = ParagraphStyle("center", fontName=_FONT, fontSize=11, leading=16, alignment=TA_CENTER)
    heading = ParagraphStyle("heading", fontName=_FONT, fontSize=12, leading=20)
    cell_style = ParagraphStyle("cell", fontName=_FONT, fontSize=8, leading=10, alignment=TA_CENTER)
    label_style = ParagraphStyle("label", fontName=_FONT, fontSize=8, leading=10)

    buf = io.BytesIO()
    margin = 50
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=60,
        bottomMargin=60,
        invariant=1,
        title=f"{rf.agency}{rf.year}年政府信息公开工作年度报告",
        author="示例数据生成器",
        creator="示例数据生成器",
    )
    usable = A4[0] - 2 * margin
    story = []
    for kind, part in parts:
        if kind == "title":
            story.append(Paragraph(html_lib.escape(part), title))
        elif kind == "heading":
            story.append(Paragraph(html_lib.escape(part), heading))
        elif kind == "para":
            story.append(Paragraph(html_lib.escape(part), body))
        else:
            for c in part.captions:
                story.append(Paragraph(html_lib.escape(c), center))
            t = part.spanned
            scale = usable / sum(t.widths)
            widths = [w * scale for w in t.widths]
            data = [["" for _ in range(t.ncols)] for _ in range(t.nrows)]
            style = [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, 0), (-1, -1), _FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
            for c in t.cells:
                is_label = not c.header and c.col < t.ncols and not _is_number_text(c.text)
                data[c.row][c.col] = (
                    Paragraph(html_lib.escape(c.text), label_style if is_label and not c.vertical else cell_style) if c.text else ""
                )
                if c.rowspan > 1 or c.colspan > 1:
                    style.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row + c.rowspan - 1)))
            story.append(Table(data, colWidths=widths, style=TableStyle(style), repeatRows=0))
            story.append(Spacer(1, 10))

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont(_FONT, 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {document.page} -")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def _is_number_text(text: str) -> bool:
    t = text.lstrip("+-")
    return t.replace(".", "", 1).isdigit() or text == "——"
