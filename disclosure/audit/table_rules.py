"""Rules inside one report's tables: sums, group rows, 其中 rows, channels, table 三 and 四 identities.

A rule whose cells are not all reported is skipped quietly: blank is not zero, and completeness
reports the blanks on its own.
"""

from __future__ import annotations

from .. import catalog
from ..catalog import column_label, indicators
from ..formats import format_value
from ..model import Check, Report
from .facts import APPLICANT_COLUMNS, FactView, label, same, value_key
from .rules import finding

CHANNELS = catalog.group("active_channels")
# units that count the same kind of thing (items, cases, events, articles) and so may be added up
_COUNT_UNITS = {u.unit for u in catalog.units().values() if u.additive}  # units.csv: 条, 件, 次, 篇
# a group heading whose value may repeat this row instead of being a sum
_REPEATED_TOTAL = {"active": "active.total", "active.channels": "active.total", "requests": "requests.received"}
# groups whose rows are not parts of one whole: a differing value is doubtful, not wrong
_NON_ADDITIVE_GROUPS = {"active", "active.channels", "requests", "response"}


def check_tables(report: Report) -> list[Check]:
    view = FactView(report)
    template = catalog.template(report.template)
    checks = _identities(view, report.template)
    if template.layout == "one_column":  # the 2014 table's heading rows carry values, and its rows count channels
        checks += _group_rows(view, report.template)
        checks += _channels(view)
    if template.by_applicant:
        checks += _blank_total_column(view)
    return checks


def _identities(view: FactView, template: str) -> list[Check]:
    """The table arithmetic of catalog/identities.csv (the same rules cell_search reads archives by), for every
    template: a total that differs from its parts, in- and outflow of table 三 that do not balance, a part or a
    历年累计 below the whole. A rule with a blank cell is skipped (blank is not zero); rows the form does not
    print are not part of its sums."""
    out = []
    rows = sorted({f.indicator for f in view.report.facts})
    for rule in catalog.identities(template, rows):
        left = [(i, c, view.value(i, c)) for i, c in rule.left]
        right = [(i, c, view.value(i, c)) for i, c in rule.right if view.fact(i, c) is not None]
        if not right or any(v is None for _, _, v in left + right) or rule.holds([v for *_, v in left], [v for *_, v in right]):
            continue
        if rule.relation == "eq":
            if len(left) > 1 or all(i == left[0][0] for i, _, _ in right):  # a balance, or one row across its columns
                message = _balance_message(left, right, template) if len(left) > 1 else _sum_message(left[0], right, template)
                zh, en = _in_table(rule.table, *message)
            else:
                zh, en = _sum_message(left[0], right, template)
            values = {value_key(i, c): v for i, c, v in left + right}
            out.append(finding(rule.finding, zh, en, list(dict.fromkeys(i for i, _, _ in left + right)), values))
        else:
            for li, lc, lv in left:
                for ri, rc, rv in right:
                    if lv < rv and not same(lv, rv):
                        rn, ln = _column_name(rc, "zh", template), _column_name(lc, "zh", template)
                        rn_en, ln_en = _column_name(rc, "en", template), _column_name(lc, "en", template)
                        out.append(
                            finding(
                                rule.finding,
                                f"“{label(ri)}”{f'（{rn}）' if rn else ''}为 {format_value(rv)}，大于“{label(li)}”{f'（{ln}）' if ln else ''} {format_value(lv)}",
                                f"'{label(ri, 'en')}'{f' ({rn_en})' if rn_en else ''} is {format_value(rv)}, more than '{label(li, 'en')}' "
                                f"({ln_en + ', ' if ln_en else ''}{format_value(lv)})",
                                sorted({li, ri}),
                                {value_key(li, lc): lv, value_key(ri, rc): rv},
                            )
                        )
    return out


def _column_name(column: str, lang: str, template: str) -> str:
    """A cell's column as its form names it; nothing for the one column of a one-column form."""
    return "" if column == "total" and not catalog.columns(template) else column_label(column, lang, template)


def _column(column: str, lang: str, template: str) -> str:
    """（自然人列） after a cell's row; nothing for the 总计 column, which a total is in unless said otherwise."""
    name = "" if column == "total" else _column_name(column, lang, template)
    if not name:
        return ""
    return f"（{name}列）" if lang == "zh" else f" ({name} column)"


def _in_table(table: str, zh: str, en: str) -> tuple[str, str]:
    """The message of a rule of one table of several, said as in that table: 表三（自然人列）…"""
    if not table:
        return zh, en
    number = "一二三四五六七八九".index(table) + 1
    return f"表{table}{zh}", f"Table {number} {en}"


def _sum_message(total: tuple, parts: list[tuple], template: str) -> tuple[str, str]:
    (row, col, tv), pv = total, [v for _, _, v in parts]
    if all(i == row for i, _, _ in parts):  # one row's columns: its 总计 against the applicant columns
        zh = f"“{label(row)}”：{column_label(col, 'zh', template)}列为 {format_value(tv)}，其余各列之和为 {format_value(sum(pv))}"
        en = f"'{label(row, 'en')}': the {column_label(col, 'en', template)} column says {format_value(tv)}, the other columns sum to {format_value(sum(pv))}"
        return zh, en
    zh = (
        f"{label(row)}{_column(col, 'zh', template)}为 {format_value(tv)}，但其分项（"
        + "、".join(label(p) for p, _, _ in parts)
        + f"）之和为 {format_value(sum(pv))}"
    )
    en = (
        f"{label(row, 'en')}{_column(col, 'en', template)} is {format_value(tv)} but its parts ("
        + ", ".join(label(p, "en") for p, _, _ in parts)
        + f") sum to {format_value(sum(pv))}"
    )
    return zh, en


def _balance_message(left: list[tuple], right: list[tuple], template: str) -> tuple[str, str]:
    """Σ left = Σ right with several rows a side (table 三: 新收 + 结转 = 办结 + 结转下年度)."""
    col = left[0][1]

    def side(cells, lang):
        return " + ".join(f"{label(i, lang)} {format_value(v)}" for i, _, v in cells) + f" = {format_value(sum(v for _, _, v in cells))}"

    zh = f"（{column_label(col, 'zh', template)}列）：{side(left, 'zh')}，但 {side(right, 'zh')}"
    en = f"({column_label(col, 'en', template)} column): {side(left, 'en')}, but {side(right, 'en')}"
    return zh, en


def _children(group: str, template: str):
    return [i for i in indicators().values() if i.parent == group and template in i.templates]


def _group_parts(view: FactView, group: str, template: str) -> tuple[dict, bool] | None:
    """The reported values of the rows under a group heading (recursing into sub-headings), and
    whether they can be added up (same kind of count). None when any of them is not reported."""
    values: dict[str, float] = {}
    units = set()
    for child in _children(group, template):
        if child.kind == "header":
            sub = _group_parts(view, child.id, template)
            if sub is None:
                return None
            values.update(sub[0])
            if not sub[1]:
                return values, False
            units.add("件")  # a sub-group of counts
            continue
        v = view.value(child.id)
        if v is None:
            return None
        values[child.id] = v
        units.add(child.unit)
    additive = len(units) <= 1 or units <= _COUNT_UNITS
    return values, additive


def _group_rows(view: FactView, template: str) -> list[Check]:
    out = []
    for ind in indicators().values():
        if ind.kind != "header" or template not in ind.templates:
            continue
        gv = view.value(ind.id)
        if gv is None:
            continue  # a blank heading is the normal case
        repeated = _REPEATED_TOTAL.get(ind.id)
        repeated_value = view.value(repeated) if repeated else None
        parts = _group_parts(view, ind.id, template)
        values, additive = parts if parts is not None else ({}, False)
        if repeated_value is None and (not additive or not values):
            continue  # rows not all reported, or people, offices and money under one heading
        total = sum(values.values()) if additive and values else None
        if (total is not None and same(gv, total)) or (repeated_value is not None and same(gv, repeated_value)):
            continue
        if repeated_value is not None:
            values = {repeated: repeated_value}
        vals = {ind.id: gv} | values
        # a heading over a total and its breakdown (一、主动公开情况) is compared with that total
        expected = total if repeated_value is None else repeated_value
        what_zh = "其下各项之和" if repeated_value is None else f"“{label(repeated)}”"
        what_en = "its rows sum to" if repeated_value is None else f"'{label(repeated, 'en')}' is"
        if gv == 0:
            zh = f"分组行“{label(ind.id)}”填写为 0，但{what_zh}为 {format_value(expected)}"
            en = f"Group row '{label(ind.id, 'en')}' is written as 0 while {what_en} {format_value(expected)}"
            severity = "error"
        else:
            zh = f"分组行“{label(ind.id)}”填写为 {format_value(gv)}，与{what_zh} {format_value(expected)} 不符"
            en = f"Group row '{label(ind.id, 'en')}' is written as {format_value(gv)}, but {what_en} {format_value(expected)}"
            severity = "warning" if ind.id in _NON_ADDITIVE_GROUPS else "error"
        out.append(finding("group_row_value", zh, en, [ind.id, *values], vals, severity=severity))
    return out


def _channels(view: FactView) -> list[Check]:
    total = view.value("active.total")
    if total is None:
        return []
    reported = {c: view.value(c) for c in CHANNELS if view.value(c) is not None}
    if len(reported) < 2:
        return []
    s = sum(reported.values())
    vals = {"active.total": total} | reported
    if s > total:
        return [
            finding(
                "channel_overlap",
                f"各渠道公开政府信息数之和 {format_value(s)} 大于主动公开政府信息数 {format_value(total)}：同一信息在多个渠道公开，属正常现象",
                f"The channels add up to {format_value(s)}, more than the {format_value(total)} items published: one item on several "
                "channels counts on each, which is normal",
                ["active.total", *reported],
                vals,
            )
        ]
    if s < total and len(reported) == len(CHANNELS):
        return [
            finding(
                "channel_shortfall",
                f"各渠道公开政府信息数之和 {format_value(s)} 小于主动公开政府信息数 {format_value(total)}",
                f"The channels add up to {format_value(s)}, fewer than the {format_value(total)} items published",
                ["active.total", *reported],
                vals,
            )
        ]
    return []


def outcome_rows(view: FactView) -> list[str]:
    """The table 三 outcome rows this report has (2021 reports may keep the single 其他处理 row)."""
    rows = [i.id for i in indicators().values() if i.id.startswith("requests.outcome.") and i.id != "requests.outcome.total"]
    split_other = any(view.has(r) for r in rows if r.startswith("requests.outcome.other."))
    if split_other:
        return [r for r in rows if r != "requests.outcome.other"]
    return [r for r in rows if not r.startswith("requests.outcome.other.")]


def _blank_total_column(view: FactView) -> list[Check]:
    """Table 三 rows whose applicant columns are filled and whose 总计 is blank: blank is not counted as 0."""
    rows = [i.id for i in indicators().values() if i.by_applicant and view.report.template in i.templates]
    blank_total_rows = [
        row
        for row in rows
        if (f := view.fact(row)) is not None and f.status == "blank" and any(view.value(row, c) is not None for c in APPLICANT_COLUMNS)
    ]
    if not blank_total_rows:
        return []
    return [
        finding(
            "blank_total_column",
            f"表三有 {len(blank_total_rows)} 行申请人各列已填而“总计”列空白（空白不按 0 计）",
            f"Table 3 has {len(blank_total_rows)} rows whose applicant columns are filled but whose total column "
            "is blank (blank is not counted as 0)",
            blank_total_rows,
            {"blank_rows": len(blank_total_rows)},
        )
    ]
