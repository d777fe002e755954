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

# total = Σ parts, per template (spec §5): the same table arithmetic cell_search reads archives by
SUMS_2014 = catalog.sums("2014")
SUMS_2019 = catalog.sums("2019")  # table 四's blocks; table 三's identities have messages of their own (_table3)

# 其中 rows: a part that may not exceed its parent
PARTS_2014: list[tuple[str, str]] = [
    ("active.normative_published", "active.total"),
    ("response.press_conferences.leaders", "response.press_conferences"),
    ("response.online_interviews.leaders", "response.online_interviews"),
]

CHANNELS = catalog.group("active_channels")
# units that count the same kind of thing (items, cases, events, articles) and so may be added up
_COUNT_UNITS = {u.unit for u in catalog.units().values() if u.additive}  # units.csv: 条, 件, 次, 篇
# a group heading whose value may repeat this row instead of being a sum
_REPEATED_TOTAL = {"active": "active.total", "active.channels": "active.total", "requests": "requests.received"}
# groups whose rows are not parts of one whole: a differing value is doubtful, not wrong
_NON_ADDITIVE_GROUPS = {"active", "active.channels", "requests", "response"}


def check_tables(report: Report) -> list[Check]:
    view = FactView(report)
    if report.template == "2014":
        checks = _sums(view, SUMS_2014)
        checks += _parts(view)
        checks += _group_rows(view, report.template)
        checks += _channels(view)
        return checks
    if report.template == "local":
        return _identities(view, report.template)
    checks = _sums(view, SUMS_2019)
    checks += _table3(view)
    return checks


def _identities(view: FactView, template: str) -> list[Check]:
    """The table arithmetic of catalog/identities.csv (the same rules cell_search reads archives by):
    a total that differs from its parts, a 历年累计 below the year's figure."""
    out = []
    rows = sorted({f.indicator for f in view.report.facts})
    for rule in catalog.identities(template, rows):
        left = [(i, c, view.value(i, c)) for i, c in rule.left]
        right = [(i, c, view.value(i, c)) for i, c in rule.right if view.value(i, c) is not None]
        if not right or any(v is None for _, _, v in left):
            continue
        if rule.relation == "eq":
            ((total, col, tv),) = left
            parts = [i for i, _, _ in right]
            pv = [v for _, _, v in right]
            if same(tv, sum(pv)):
                continue
            zh, en = _sum_message(total, parts, tv, pv, col, template)
            out.append(
                finding(
                    "sum_mismatch", zh, en, [total, *parts], {value_key(total, col): tv} | {value_key(p, col): v for p, v in zip(parts, pv)}
                )
            )
        else:
            for li, lc, lv in left:
                for ri, rc, rv in right:
                    if lv < rv and not same(lv, rv):
                        out.append(
                            finding(
                                "part_exceeds_whole",
                                f"“{label(ri)}”（{column_label(rc, 'zh', template)}）为 {format_value(rv)}，大于“{label(li)}”（{column_label(lc, 'zh', template)}） {format_value(lv)}",
                                f"'{label(ri, 'en')}' ({column_label(rc, 'en', template)}) is {format_value(rv)}, more than '{label(li, 'en')}' "
                                f"({column_label(lc, 'en', template)}, {format_value(lv)})",
                                sorted({li, ri}),
                                {value_key(li, lc): lv, value_key(ri, rc): rv},
                            )
                        )
    return out


def _sum_message(total: str, parts, tv, pv, applicant: str = "total", template: str = "2019") -> tuple[str, str]:
    col_zh = "" if applicant == "total" else f"（{column_label(applicant, 'zh', template)}列）"
    col_en = "" if applicant == "total" else f" ({column_label(applicant, 'en', template)} column)"
    zh = (
        f"{label(total)}{col_zh}为 {format_value(tv)}，但其分项（"
        + "、".join(label(p) for p in parts)
        + f"）之和为 {format_value(sum(pv))}"
    )
    en = (
        f"{label(total, 'en')}{col_en} is {format_value(tv)} but its parts ("
        + ", ".join(label(p, "en") for p in parts)
        + f") sum to {format_value(sum(pv))}"
    )
    return zh, en


def _sums(view: FactView, sums, applicant: str = "total") -> list[Check]:
    out = []
    for total, parts in sums:
        tv = view.value(total, applicant)
        pv = view.values(parts, applicant)
        if tv is None or pv is None or same(tv, sum(pv)):
            continue
        zh, en = _sum_message(total, parts, tv, pv, applicant)
        vals = {value_key(total, applicant): tv} | {value_key(p, applicant): v for p, v in zip(parts, pv)}
        out.append(finding("sum_mismatch", zh, en, [total, *parts], vals))
    return out


def _parts(view: FactView) -> list[Check]:
    out = []
    for part, parent in PARTS_2014:
        pv, tv = view.value(part), view.value(parent)
        if pv is None or tv is None or pv <= tv:
            continue
        out.append(
            finding(
                "part_exceeds_whole",
                f"“{label(part)}”为 {format_value(pv)}，大于其所属的“{label(parent)}” {format_value(tv)}",
                f"'{label(part, 'en')}' is {format_value(pv)}, more than '{label(parent, 'en')}' ({format_value(tv)})",
                [part, parent],
                {part: pv, parent: tv},
            )
        )
    return out


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


def _table3(view: FactView) -> list[Check]:
    out = []
    outcomes = outcome_rows(view)
    for col in (*APPLICANT_COLUMNS, "total"):
        out += _sums(view, [("requests.outcome.total", tuple(outcomes))], col)
        ins = view.values(("requests.received", "requests.carried_over"), col)
        outs = view.values(("requests.outcome.total", "requests.carried_forward"), col)
        if ins is not None and outs is not None and not same(sum(ins), sum(outs)):
            col_zh, col_en = column_label(col), column_label(col, "en")
            out.append(
                finding(
                    "request_balance",
                    f"表三（{col_zh}列）：本年新收 {format_value(ins[0])} + 上年结转 {format_value(ins[1])} = {format_value(sum(ins))}，"
                    f"但办理结果总计 {format_value(outs[0])} + 结转下年度 {format_value(outs[1])} = {format_value(sum(outs))}",
                    f"Table 3 ({col_en} column): received {format_value(ins[0])} + carried over {format_value(ins[1])} = {format_value(sum(ins))}, "
                    f"but total handled {format_value(outs[0])} + carried forward {format_value(outs[1])} = {format_value(sum(outs))}",
                    ["requests.received", "requests.carried_over", "requests.outcome.total", "requests.carried_forward"],
                    {
                        value_key("requests.received", col): ins[0],
                        value_key("requests.carried_over", col): ins[1],
                        value_key("requests.outcome.total", col): outs[0],
                        value_key("requests.carried_forward", col): outs[1],
                    },
                )
            )
    blank_total_rows = []
    for row in ("requests.received", "requests.carried_over", *outcomes, "requests.outcome.total", "requests.carried_forward"):
        tv = view.value(row)
        cols = [view.value(row, c) for c in APPLICANT_COLUMNS]
        total_fact = view.fact(row)
        if total_fact is not None and total_fact.status == "blank" and any(v is not None for v in cols):
            blank_total_rows.append(row)
        if tv is None or any(v is None for v in cols) or same(tv, sum(cols)):
            continue
        vals = {value_key(row): tv} | {value_key(row, c): v for c, v in zip(APPLICANT_COLUMNS, cols)}
        out.append(
            finding(
                "sum_mismatch",
                f"表三“{label(row)}”：总计列为 {format_value(tv)}，六类申请人之和为 {format_value(sum(cols))}",
                f"Table 3 '{label(row, 'en')}': the total column says {format_value(tv)}, the six applicant columns sum to {format_value(sum(cols))}",
                [row],
                vals,
            )
        )
    if blank_total_rows:
        out.append(
            finding(
                "blank_total_column",
                f"表三有 {len(blank_total_rows)} 行申请人各列已填而“总计”列空白（空白不按 0 计）",
                f"Table 3 has {len(blank_total_rows)} rows whose applicant columns are filled but whose total column "
                "is blank (blank is not counted as 0)",
                blank_total_rows,
                {"blank_rows": len(blank_total_rows)},
            )
        )
    return out
