"""The audit's findings turned into a reviewer's: each at its place (table, row, column; the paragraph; the
part) and with what would make it right ("总计应为 154（151+3）").

The rules themselves are the audit's (disclosure/audit): table arithmetic, text against table, the parts
of the report, the statistics period, cross-year continuity, copied text. A finding that names several
cells is split into one per cell a reviewer would mark (a carry-over break per applicant column, a blank
总计 per row). One rule is the review's own: a cell left blank where the form wants a figure (0 when
nothing happened) — the audit counts blanks for the report card, a reviewer marks each row.
"""

from __future__ import annotations

import logging
import re

from .. import catalog
from ..audit import completeness, find_parts, parts_for
from ..audit.facts import APPLICANT_COLUMNS, FactView, value_key
from ..audit.narrative import carried_sentences, clean, copied_passages, paragraphs
from ..audit.parts import NATIONAL_FORMATS
from ..catalog import t_in, words
from ..formats import format_value
from ..model import Check, Report
from .model import DOCUMENT, SEVERITY_RANK, TABLE_OTHER, Finding, Where

log = logging.getLogger(__name__)
LANGS = ("zh", "en")
BLANK_CELL = "blank_cell"  # the review's own rule
BLANK_CELL_SEVERITY = "warning"
# the audit's summary of blank, n/a and missing cells: the review lists blank cells row by row instead
SUMMARY_ONLY = {"completeness"}
EXCERPT_CHARS = 40
NUMERALS = "一二三四五六七八九十"  # parts as the format numbers them


# ---- places ----------------------------------------------------------------------------------------


def _part_of_indicator(indicator: str, template: str):
    ind = catalog.indicators().get(indicator)
    if ind is None:
        return None
    return next((p for p in parts_for(template) if ind.section in p.sections), None)


def _row_label(indicator: str, template: str, lang: str) -> str:
    ind = catalog.indicators().get(indicator)
    if ind is None:
        return indicator
    return catalog.reported_label(ind, template) if lang == "zh" else ind.label("en", short=False)


def _column_label(applicant: str, template: str, lang: str) -> str:
    try:
        return catalog.column_label(applicant, lang, template)
    except KeyError:
        return applicant


def cell_where(report: Report, indicator: str, applicant: str = "total", whole_row: bool = False) -> Where:
    """A table cell (or, `whole_row`, its row) in words: the table, the row as the form prints it, the column."""
    part = _part_of_indicator(indicator, report.template)
    texts = {}
    for lang in LANGS:
        table = part.table(lang) if part else t_in("review_table_main", lang)
        row = _row_label(indicator, report.template, lang)
        has_columns = catalog.template(report.template).by_applicant and indicator.startswith("requests.")
        if whole_row or not has_columns:
            texts[lang] = t_in("review_where_row", lang, table=table, row=row)
        else:
            texts[lang] = t_in("review_where_cell", lang, table=table, row=row, column=_column_label(applicant, report.template, lang))
    has_columns = catalog.template(report.template).by_applicant and indicator.startswith("requests.")
    return Where(
        "row" if whole_row else "cell",
        part.id if part else TABLE_OTHER,
        texts["zh"],
        texts["en"],
        indicator=indicator,
        applicant="" if whole_row else applicant,
        table=part.table("zh") if part else t_in("review_table_main", "zh"),
        row=_row_label(indicator, report.template, "zh"),
        column=_column_label(applicant, report.template, "zh") if has_columns and not whole_row else "",
    )


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", clean(text))


def paragraph_where(report: Report, quoted: str, section: str | None = None) -> Where:
    """The paragraph holding `quoted` (a sentence the audit quotes), numbered as the reader counts paragraphs."""
    paras = paragraphs(report.narrative)
    wanted = _squeezed(quoted)
    probe = wanted[:30]
    index = next((i for i, p in enumerate(paras) if probe and probe in _squeezed(p)), None)
    if index is None:
        where = document_where(section)
        where.quote = quoted
        return where
    return _paragraph(report, index, paras[index], section, quoted)


def _paragraph(report: Report, index: int, text: str, section: str | None = None, quoted: str = "") -> Where:
    return Where(
        "paragraph",
        section or _section_at(report, index),
        t_in("review_where_paragraph", "zh", n=index + 1),
        t_in("review_where_paragraph", "en", n=index + 1),
        paragraph=index + 1,
        quote=quoted or text,
        excerpt=text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…",
    )


def _section_at(report: Report, index: int) -> str:
    """The part a paragraph sits in: the last part whose heading comes at or before it."""
    found = [f for f in find_parts(report.narrative, report.template) if f.paragraph is not None and f.paragraph <= index]
    return max(found, key=lambda f: f.paragraph).part.id if found else DOCUMENT


def document_where(section: str | None = None) -> Where:
    return Where("document", section or DOCUMENT, t_in("review_where_document", "zh"), t_in("review_where_document", "en"))


def part_where(report: Report, part_id: str, order: int, after: str | None = None) -> Where:
    """A part of the report; its heading paragraph when it has one, else (a missing part) the heading of the
    part it should follow (`after`), else the title."""
    part = next(p for p in parts_for(report.template) if p.id == part_id)
    found = {f.part.id: f for f in find_parts(report.narrative, report.template)}
    here = found.get(part_id) if after is None else found.get(after)
    paras = paragraphs(report.narrative)
    index = here.paragraph if here is not None and here.paragraph is not None else None
    return Where(
        "part",
        part_id,
        t_in("review_where_part", "zh", n=order, numeral=NUMERALS[order - 1], part=part.name("zh")),
        t_in("review_where_part", "en", n=order, numeral=NUMERALS[order - 1], part=part.name("en")),
        paragraph=index + 1 if index is not None and after is None else None,
        quote=paras[index] if index is not None else "",
    )


# ---- findings --------------------------------------------------------------------------------------


def _sum_text(values: list, lang: str = "zh") -> str:
    """'151+3': the parts that are not zero (a row of twenty zeros and one figure reads '各分项之和')."""
    shown = [format_value(v) for v in values if v]
    return "+".join(shown) if len(shown) > 1 else t_in("review_parts_sum", lang)


def review_findings(report: Report, checks: list[Check], previous: Report | None = None) -> list[Finding]:
    """Every check on the draft (parse and audit) as findings at their places, plus blank cells: by section in the
    report's order (the report as a whole first, the table's other rows last), errors first within a section."""
    view = FactView(report)
    out: list[Finding] = []
    for check in checks:
        if check.rule in SUMMARY_ONLY:
            continue
        convert = _CONVERT.get(check.rule, _plain)
        try:
            out.extend(convert(report, view, check, previous))
        except (KeyError, ValueError, StopIteration, TypeError, IndexError):
            # a finding shaped unlike its rule's usual ones keeps its message, at the report as a whole
            log.exception("no place for %s on %s", check.rule, report.source.name)
            out.extend(_plain(report, view, check, previous))
    out.extend(blank_cells(report, view))
    order = {p.id: p.order for p in parts_for(report.template)}
    return sorted(
        out, key=lambda f: (order.get(f.where.section, 0 if f.where.section == DOCUMENT else 99), SEVERITY_RANK.get(f.severity, 3))
    )


def _finding(check: Check, where: Where, fix: str = "", fix_en: str = "", **extra) -> Finding:
    return Finding(
        check.rule,
        check.severity,
        check.text("zh"),
        check.text("en"),
        where,
        fix,
        fix_en,
        list(check.indicators),
        dict(check.values),
        check.sentence,
        code=check.code,
        params=dict(check.params),
        **extra,
    )


def _plain(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    """A check without a rule of its own here: at its first indicator's row, or the report as a whole."""
    rows = [i for i in check.indicators if i in catalog.indicators()]
    if check.sentence:
        where = paragraph_where(report, check.sentence)
    elif len(rows) == 1:
        where = cell_where(report, rows[0], whole_row=True)
    else:
        where = document_where()
    return [_finding(check, where)]


def _first_cell(check: Check) -> tuple[str, str]:
    """The finding's first table cell (`indicator` or `indicator|column`), skipping other keys."""
    for key in check.values:
        if ":" in key:
            continue
        indicator, _, applicant = key.partition("|")
        if indicator in catalog.indicators():
            return indicator, applicant or "total"
    return (check.indicators[0] if check.indicators else ""), "total"


def _sum_mismatch(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    total, applicant = _first_cell(check)
    if not total:
        return _plain(report, view, check, previous)
    parts = [v for k, v in check.values.items() if k != value_key(total, applicant)]
    expected = sum(parts)
    fixes = {}
    for lang in LANGS:
        cell = _row_label(total, report.template, lang) if applicant == "total" and len(check.indicators) > 1 else ""
        if len(check.indicators) == 1:  # a row's 总计 column against its six applicant columns
            cell = _column_label("total", report.template, lang)
        fixes[lang] = t_in("review_fix_sum", lang, cell=cell, expected=format_value(expected, total), parts=_sum_text(parts, lang))
    return [_finding(check, cell_where(report, total, applicant), fixes["zh"], fixes["en"])]


def _request_balance(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    applicant = next((k.partition("|")[2] for k in check.values if "|" in k), "total")
    received = view.value("requests.received", applicant) or 0
    carried_over = view.value("requests.carried_over", applicant) or 0
    forward = view.value("requests.carried_forward", applicant) or 0
    expected = received + carried_over - forward
    fixes = [
        t_in(
            "review_fix_balance",
            lang,
            ins=format_value(received + carried_over),
            expected=format_value(expected),
            forward=format_value(forward),
        )
        for lang in LANGS
    ]
    return [_finding(check, cell_where(report, "requests.outcome.total", applicant), *fixes)]


def _group_row(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    group = check.indicators[0]
    rest = [v for k, v in check.values.items() if k != group]
    expected = rest[0] if len(rest) == 1 else sum(rest)
    fixes = [t_in("review_fix_group", lang, expected=format_value(expected)) for lang in LANGS]
    return [_finding(check, cell_where(report, group), *fixes)]


def _part_exceeds(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    keys = list(check.values)
    # the audit writes the whole first and the part second for identities, the part first for 其中 rows
    whole_key, part_key = (keys[0], keys[1]) if check.values[keys[0]] < check.values[keys[1]] else (keys[1], keys[0])
    part, applicant = part_key.partition("|")[0], part_key.partition("|")[2] or "total"
    whole = whole_key.partition("|")[0]
    fixes = [
        t_in(
            "review_fix_part_exceeds",
            lang,
            whole=format_value(check.values[whole_key], whole),
            parent=_row_label(whole, report.template, lang),
        )
        for lang in LANGS
    ]
    return [_finding(check, cell_where(report, part, applicant), *fixes)]


def _blank_total(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    """One finding per row whose 总计 is blank while its applicant columns are filled: the sum it should read."""
    out = []
    for row in check.indicators:
        cols = [view.value(row, c) for c in APPLICANT_COLUMNS]
        filled = [v for v in cols if v is not None]
        fixes = [
            t_in("review_fix_blank_total", lang, expected=format_value(sum(filled), row), parts=_sum_text(filled, lang)) for lang in LANGS
        ]
        label = {lang: _row_label(row, report.template, lang) for lang in LANGS}
        one = Check.said(
            check.rule,
            check.severity,
            words("review_msg_blank_total", row=label),
            [row],
            {value_key(row, c): v for c, v in zip(APPLICANT_COLUMNS, cols) if v is not None},
        )
        out.append(_finding(one, cell_where(report, row, "total"), *fixes))
    return out


def _carryover(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    """One finding per applicant column whose 上年结转 differs from last year's 结转下年度."""
    out = []
    year = next((k.split(":")[0] for k in check.values if ":" in k), "")
    for key, value in check.values.items():
        if ":" in key or not key.startswith("requests.carried_over"):
            continue
        applicant = key.partition("|")[2] or "total"
        before = check.values.get(f"{year}:" + value_key("requests.carried_forward", applicant))
        if before is None:
            continue
        col = {lang: _column_label(applicant, report.template, lang) for lang in LANGS}
        one = Check.said(
            check.rule,
            check.severity,
            words("review_msg_carryover", column=col, value=format_value(value), before=format_value(before), year=year),
            ["requests.carried_over"],
            {key: value, f"{year}:" + value_key("requests.carried_forward", applicant): before},
        )
        fixes = [t_in("review_fix_carryover", lang, expected=format_value(before), year=year) for lang in LANGS]
        out.append(_finding(one, cell_where(report, "requests.carried_over", applicant), *fixes))
    return out or _plain(report, view, check, previous)


def _in_force(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    in_force = check.indicators[0]
    kind = in_force.split(".")[1]
    before = next(v for k, v in check.values.items() if k.endswith(":" + in_force))
    issued, repealed = check.values[f"art20.{kind}.issued"], check.values[f"art20.{kind}.repealed"]
    fixes = [
        t_in(
            "review_fix_in_force",
            lang,
            expected=format_value(before + issued - repealed),
            before=format_value(before),
            issued=format_value(issued),
            repealed=format_value(repealed),
        )
        for lang in LANGS
    ]
    return [_finding(check, cell_where(report, in_force), *fixes)]


def _narrative(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    indicator = check.indicators[0] if check.indicators else ""
    table = check.values.get(indicator)
    fixes = [
        t_in("review_fix_narrative", lang, row=_row_label(indicator, report.template, lang), table=format_value(table, indicator))
        for lang in LANGS
    ]
    return [_finding(check, paragraph_where(report, check.sentence), *fixes)]


def _copied(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    passages = (
        copied_passages(report.narrative, previous.narrative) if previous is not None else ([check.sentence] if check.sentence else [])
    )
    if previous is not None:
        kept, carried = carried_sentences(report.narrative, previous.narrative)
        share = round(100 * sum(carried) / len(kept)) if kept else 0
    else:
        share = round(100 * check.values.get("carried_sentences", 0) / max(check.values.get("sentences", 1), 1))
    fixes = [t_in("review_fix_copied", lang, share=share, n=len(passages)) for lang in LANGS]
    where = paragraph_where(report, passages[0], DOCUMENT) if passages else document_where()
    where.section = DOCUMENT
    return [_finding(check, where, *fixes, passages=passages)]


def _missing_part(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    order = check.values.get("part_order")
    part = next(p for p in parts_for(report.template) if p.order == order)
    found = [f for f in find_parts(report.narrative, report.template) if f.paragraph is not None and f.part.order < order]
    after = max(found, key=lambda f: f.part.order) if found else None
    if report.template not in NATIONAL_FORMATS:  # an older form: the 条例 asks for the content, not a numbered part
        fixes = [t_in("review_fix_missing_content", lang, part=part.name(lang)) for lang in LANGS]
        return [_finding(check, part_where(report, part.id, order, ""), *fixes)]
    fixes = [
        t_in(
            "review_fix_missing_part",
            lang,
            part=part.name(lang),
            n=order,
            numeral=NUMERALS[order - 1],
            after=t_in("review_after_part", lang, part=after.part.name(lang)) if after else t_in("review_after_title", lang),
        )
        for lang in LANGS
    ]
    return [_finding(check, part_where(report, part.id, order, after.part.id if after else ""), *fixes)]


def _part_order(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    order = check.values.get("part_order")
    part = next(p for p in parts_for(report.template) if p.order == order)
    fixes = [t_in("review_fix_part_order", lang, n=order, numeral=NUMERALS[order - 1]) for lang in LANGS]
    return [_finding(check, part_where(report, part.id, order), *fixes)]


def _period(report: Report, view: FactView, check: Check, previous) -> list[Finding]:
    fixes = [t_in("review_fix_period", lang, year=report.year) for lang in LANGS]
    return [_finding(check, paragraph_where(report, check.sentence, "overview"), *fixes)]


_CONVERT = {
    "sum_mismatch": _sum_mismatch,
    "request_balance": _request_balance,
    "group_row_value": _group_row,
    "part_exceeds_whole": _part_exceeds,
    "blank_total_column": _blank_total,
    "carryover_break": _carryover,
    "in_force_break": _in_force,
    "narrative_mismatch": _narrative,
    "narrative_copied": _copied,
    "missing_part": _missing_part,
    "part_order": _part_order,
    "statistics_period": _period,
}


def blank_cells(report: Report, view: FactView) -> list[Finding]:
    """Cells the form asks for that the draft leaves blank (not ——, not a missing row), one finding per row:
    the national forms want 0 where nothing happened. A row whose 总计 alone is blank is the audit's
    blank_total_column, with the sum it should read."""
    if not catalog.template(report.template).national:
        return []
    blank = completeness(report)["cells"]["blank"]
    by_row: dict[str, list[str]] = {}
    for key in blank:
        indicator, _, applicant = key.partition("|")
        by_row.setdefault(indicator, []).append(applicant or "total")
    out = []
    for indicator, columns in by_row.items():
        filled = [c for c in APPLICANT_COLUMNS if view.value(indicator, c) is not None]
        if columns == ["total"] and filled:
            continue  # blank_total_column
        whole_row = not catalog.template(report.template).by_applicant or not indicator.startswith("requests.") or len(columns) == 7
        names = catalog.joined({lang: _column_label(c, report.template, lang) for lang in LANGS} for c in columns)
        row = {lang: _row_label(indicator, report.template, lang) for lang in LANGS}
        where = cell_where(report, indicator, columns[0], whole_row=whole_row)
        said = words("review_msg_blank_cell", row=row, n=len(columns))
        shown = {"zh": f"（{names['zh']}）", "en": f"({names['en']})"} if len(columns) < 7 else {"zh": "", "en": ""}
        fixes = {lang: t_in("review_fix_blank_cell", lang, columns=shown[lang]) for lang in LANGS}
        out.append(
            Finding(
                BLANK_CELL,
                BLANK_CELL_SEVERITY,
                said.zh,
                said.en,
                where,
                fixes["zh"],
                fixes["en"],
                [indicator],
                {"columns": columns},
                code=said.key,
                params=said.params,
            )
        )
    return out
