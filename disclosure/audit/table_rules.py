"""Rules inside one report's tables: sums, group rows, 其中 rows, channels, table 三 and 四 identities.

The arithmetic is catalog/identities.csv's, checked by catalog.Identity.broken; this module only says what a
broken one means, in the words of catalog/strings.csv. A rule whose cells are not all reported is skipped
quietly: blank is not zero, and completeness reports the blanks on its own.
"""

from __future__ import annotations

from .. import catalog
from ..catalog import both, column_label, indicators, joined, label_of, words
from ..formats import format_value
from ..model import Check, Report
from .facts import APPLICANT_COLUMNS, FactView, value_key
from .rules import finding


def check_tables(report: Report) -> list[Check]:
    view = FactView(report)
    checks = _identities(view, report.template)
    if catalog.template(report.template).by_applicant:
        checks += _blank_total_column(view)
    return checks


def _identities(view: FactView, template: str) -> list[Check]:
    """The table arithmetic and the audit's expectations of catalog/identities.csv, for every template: a total
    that differs from its parts, in- and outflow of table 三 that do not balance, a part or a 历年累计 below the
    whole, a heading row that repeats none of its sums, channels adding up to more or less than the items
    published. Rows the form does not print are not part of its sums."""
    out = []
    rows = sorted({f.indicator for f in view.report.facts})
    present = lambda i, c: view.fact(i, c) is not None  # noqa: E731
    for rule in catalog.identities(template, rows, expectations=True):
        broken = rule.broken(view.value, present)
        if broken is None:
            continue
        values = {value_key(i, c): v for i, c, v in broken.left + broken.right}
        involved = [i for i, _, _ in broken.left + broken.right]
        if rule.relation == "ge":
            for (li, lc, lv), (ri, rc, rv) in broken.pairs:
                part_column, whole_column = _column_name(rc, template), _column_name(lc, template)
                said = words(
                    "finding_part_exceeds_whole",
                    part=label_of(ri),
                    part_column=words("finding_column_aside", column=part_column).both() if part_column else "",
                    part_value=format_value(rv),
                    whole=label_of(li),
                    whole_column=words("finding_column_before_value", column=whole_column).both() if whole_column else "",
                    whole_value=format_value(lv),
                )
                out.append(finding(rule.finding, said, sorted({li, ri}), {value_key(li, lc): lv, value_key(ri, rc): rv}))
        elif rule.relation == "one_of":
            out.append(_heading(rule, broken, involved, values))
        elif rule.relation in ("sum_le", "sum_ge"):
            said = words(
                "finding_channel_overlap" if rule.finding == "channel_overlap" else "finding_channel_shortfall",
                parts=format_value(broken.right_sum),
                whole=format_value(broken.left_sum),
            )
            out.append(finding(rule.finding, said, involved, values))
        else:
            out.append(finding(rule.finding, _sum_words(broken, template, rule.table), involved, values))
    return out


def _heading(rule: catalog.Identity, broken: catalog.Broken, involved: list[str], values: dict) -> Check:
    """A heading row (一、主动公开情况) that carries a value repeating none of its sums: compared with the first sum
    its rows give (the total it heads, else its rows' sum). Written as 0, it is an error whatever its rows are."""
    (heading, _, written), parts = broken.left[0], broken.right
    compared = (
        words("finding_heading_compared_with_row", row=label_of(parts[0][0]))
        if len(parts) == 1  # a sum of one row: the total the heading stands over
        else words("finding_heading_compared_with_sum")
    )
    said = words(
        "finding_heading_zero" if written == 0 else "finding_heading_differs",
        heading=label_of(heading),
        written=format_value(written),
        compared=compared.both(),
        expected=format_value(broken.right_sum),
    )
    return finding(rule.finding, said, involved, values, severity="error" if written == 0 else rule.severity or None)


def _column_name(column: str, template: str) -> dict[str, str] | str:
    """A cell's column as its form names it, in both languages; nothing for the one column of a one-column form."""
    if column == "total" and not catalog.columns(template):
        return ""
    return both(column_label(column, "zh", template), column_label(column, "en", template))


def _sum_words(broken: catalog.Broken, template: str, table: str) -> catalog.Words:
    """A total that differs from its parts: a balance of several rows a side (table 三: 新收 + 结转 = 办结 +
    结转下年度) or one row's 总计 against its applicant columns, said as in its table (表三（自然人列）…) when the
    form has several; or a row and the rows it is the sum of."""
    left, right = broken.left, broken.right
    row, col, total = left[0]
    in_table = words("finding_in_table", table=table, number="一二三四五六七八九".index(table) + 1).both() if table else ""
    if len(left) > 1:

        def side(cells) -> dict[str, str]:
            sums = {
                lang: " + ".join(f"{catalog.in_language(label_of(i), lang)} {format_value(v)}" for i, _, v in cells)
                for lang in ("zh", "en")
            }
            return {lang: f"{text} = {format_value(sum(v for *_, v in cells))}" for lang, text in sums.items()}

        column = both(column_label(col, "zh", template), column_label(col, "en", template))
        return words("finding_balance", table=in_table, column=column, left=side(left), right=side(right))
    if all(i == row for i, _, _ in right):  # one row's columns: its 总计 against the applicant columns
        column = both(column_label(col, "zh", template), column_label(col, "en", template))
        return words(
            "finding_row_columns_sum",
            table=in_table,
            row=label_of(row),
            column=column,
            total=format_value(total),
            parts=format_value(broken.right_sum),
        )
    name = "" if col == "total" else _column_name(col, template)
    return words(
        "finding_parts_sum",
        row=label_of(row),
        column=words("finding_column_of", column=name).both() if name else "",
        total=format_value(total),
        parts=joined(label_of(i) for i, _, _ in right),
        parts_sum=format_value(broken.right_sum),
    )


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
            words("finding_blank_total_column", n=len(blank_total_rows)),
            blank_total_rows,
            {"blank_rows": len(blank_total_rows)},
        )
    ]
