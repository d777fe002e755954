"""A scanned report's figures: the ones OCR read surely, the unsure ones the table's arithmetic settles, the rest left out.

The OCR reader hands on the rows with what the engine said of every value cell (`OcrFigure`). The
template mapper is run once with each figure cell replaced by a marker, which tells which fact
(indicator, column) each cell fills; then the identities of `catalog/identities.csv` — the same
arithmetic the audit checks and `templates/cell_search` reads mangled archives by — decide the
unsure cells. A cell is taken only where the arithmetic leaves one reading of it: every identity it
takes part in whose other cells are all read is tried with each of its readings (the printed one,
the digits' second choices, the confusions 0/O/〇, 1/l/丨, 5/S, 8/B, ，/.). A cell no complete
identity confirms is left out and named in one `ocr_uncertain` finding, never guessed and never 0.
Certain cells are never re-read: a sure figure that breaks an identity is the report's own error,
which the audit reports.

Every fact of a scan carries its confidence; an `ocr_read` finding says the file was read by OCR,
how many pages, and lists the least sure figures.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from . import catalog, settings
from .catalog import words
from .model import Check, Extracted, Fact, Report, ReportError
from .readers.ocr_types import ENGINE, OcrExtracted, OcrFigure
from .templates import detect_template, mapper_for

_MARK_BASE = 987_000_000  # marker figures: nine digits no report prints in a cell
MAX_JOINT = 256  # joint readings one identity may try
LOWEST_LISTED = 5


def map_report(extracted: OcrExtracted, name: str) -> Report:
    from . import parse

    cell_of = _cells_to_facts(extracted, name)
    known: dict[tuple[str, str], float] = {}
    open_cells: dict[tuple[str, str], OcrFigure] = {}
    where: dict[tuple[str, str], tuple[int, int]] = {}
    for pos, target in cell_of.items():
        figure = extracted.figures[pos]
        where[target] = pos
        if figure.certain:
            known[target] = _number(figure.text)
        else:
            open_cells[target] = figure
    for f in _map(extracted, name):
        if f.value is not None and (f.indicator, f.applicant) not in where:
            known.setdefault((f.indicator, f.applicant), f.value)  # 无 and other cells that are no OCR figure
    template = detect_template(extracted) or ""
    settled = settle(open_cells, known, template)

    # every unsure figure the arithmetic did not settle is marked, whether or not the first mapping placed
    # it: the facts the marks land in are left out and named, so none slips through unconfirmed
    rows = []
    marks: dict[str, OcrFigure] = {}
    for i, row in enumerate(extracted.rows):
        cells = list(row.cells)
        for k in range(len(cells)):
            figure = extracted.figures.get((i, k))
            if figure is None:
                continue
            target = cell_of.get((i, k))
            if target in settled:
                cells[k] = settled[target] + figure.suffix
            elif not figure.certain:
                mark = str(_MARK_BASE + len(marks))
                marks[mark] = figure
                cells[k] = mark
        rows.append(replace(row, cells=tuple(cells)))
    report = parse.map_report(Extracted(extracted.text, rows, extracted.form), name)
    confidence = {t: extracted.figures[p].confidence for t, p in where.items()}
    facts = []
    left_out: dict[tuple[str, str], OcrFigure] = {}
    for f in report.facts:
        if f.raw in marks:
            left_out[(f.indicator, f.applicant)] = marks[f.raw]
            continue
        target = (f.indicator, f.applicant)
        if target in confidence:
            f = replace(f, confidence=confidence[target])
        facts.append(f)
    report.facts = facts
    for check in report.checks:  # an unmapped row names its cells as printed, not by their marks
        for mark, figure in marks.items():
            if mark in check.message or mark in check.message_en:
                check.replace_text(mark, figure.text)
    if left_out:
        report.checks.append(uncertain_check(name, left_out, template))
    report.checks.append(read_check(name, extracted, facts, settled, open_cells, template))
    return report


def _cells_to_facts(extracted: OcrExtracted, name: str) -> dict[tuple[int, int], tuple[str, str]]:
    """(row, cell) of each OCR figure → the (indicator, column) the template puts it in."""
    marks: dict[str, tuple[int, int]] = {}
    rows = []
    for i, row in enumerate(extracted.rows):
        cells = list(row.cells)
        for k in range(len(cells)):
            if (i, k) in extracted.figures:
                mark = str(_MARK_BASE + len(marks))
                marks[mark] = (i, k)
                cells[k] = mark
        rows.append(replace(row, cells=tuple(cells)))
    facts = _map(Extracted(extracted.text, rows, extracted.form), name)
    return {marks[f.raw]: (f.indicator, f.applicant) for f in facts if f.raw in marks}


def _map(extracted: Extracted, name: str) -> list[Fact]:
    template = detect_template(extracted)
    if template is None:
        return []
    try:
        facts, _ = mapper_for(template).map_rows(extracted.rows, name, narrative=extracted.text)
    except ReportError:
        return []
    return facts


def _number(text: str) -> int | float:
    return int(text) if text.isdigit() else float(text)


def settle(open_cells: dict[tuple[str, str], OcrFigure], known: dict[tuple[str, str], float], template: str) -> dict[tuple[str, str], str]:
    """The unsure cells the identities pin to one reading: cell → the reading taken.

    An identity decides when every cell in it is read (surely, or already settled) or open; the
    open cells' readings are tried jointly, and a cell is settled when all the joint readings that
    satisfy the identity agree on it. Settled cells count as read for the next identity, until
    nothing changes.
    """
    if not open_cells or not template:
        return {}
    indicators = sorted({ind for ind, _ in open_cells} | {ind for ind, _ in known})
    rules = catalog.identities(template, indicators)
    values: dict[tuple[str, str], float] = dict(known)
    taken: dict[tuple[str, str], str] = {}
    changed = True
    while changed:
        changed = False
        for rule in rules:
            if any(c not in values and c not in open_cells for c in rule.left):
                continue  # the whole is not in the table (or blank): the identity says nothing
            # as the audit sums them: parts the table does not have (a 2019 row on a 2021 form) or leaves blank are not parts
            parts = tuple(c for c in rule.right if c in values or c in open_cells)
            if not parts:
                continue
            rule = replace(rule, right=parts)
            cells = list(dict.fromkeys(rule.left + rule.right))
            pending = [c for c in cells if c in open_cells and c not in taken]
            if not pending:
                continue
            options = [open_cells[c].readings for c in pending]
            space = 1
            for o in options:
                space *= len(o)
            if space > MAX_JOINT:
                continue
            fits = []
            for choice in itertools.product(*options):
                trial = dict(values)
                trial.update({c: _number(r) for c, r in zip(pending, choice)})
                if rule.holds([trial[c] for c in rule.left], [trial[c] for c in rule.right]):
                    fits.append(choice)
            if not fits:
                continue  # no reading fits: the arithmetic cannot tell a misreading from the report's own error
            for k, cell in enumerate(pending):
                agreed = {choice[k] for choice in fits}
                if len(agreed) == 1:
                    reading = agreed.pop()
                    taken[cell] = reading
                    values[cell] = _number(reading)
                    changed = True
    return taken


def _cell_name(target: tuple[str, str], template: str) -> dict[str, str]:
    """A cell as a finding names it: its row's label, with its column on a form of several."""
    indicator, column = target
    if column == "total" and not catalog.template(template).by_applicant:
        return catalog.label_of(indicator)
    col = catalog.both(catalog.column_label(column, "zh", template), catalog.column_label(column, "en", template))
    return words("finding_row_with_columns", row=catalog.label_of(indicator), columns=col).both()


def uncertain_check(name: str, left_out: dict[tuple[str, str], OcrFigure], template: str) -> Check:
    from .audit.rules import finding

    ordered = sorted(left_out.items(), key=lambda kv: kv[1].confidence)
    figures = catalog.joined(
        (
            words("finding_ocr_figure", cell=_cell_name(t, template), read=f.text, confidence=f"{f.confidence:.0%}", page=f.page).both()
            for t, f in ordered
        ),
        "clause",
    )
    return finding(
        "ocr_uncertain",
        words("finding_ocr_uncertain", name=name, n=len(ordered), figures=figures),
        indicators=[t[0] for t, _ in ordered],
        values={f"{t[0]}|{t[1]}": {"read": f.text, "confidence": f.confidence, "page": f.page} for t, f in ordered},
    )


def read_check(name: str, extracted: OcrExtracted, facts: list[Fact], settled: dict, open_cells: dict, template: str) -> Check:
    from .audit.rules import finding

    scored = sorted((f for f in facts if f.confidence is not None), key=lambda f: f.confidence)
    lowest = scored[:LOWEST_LISTED]
    skipped = extracted.pages_total - extracted.pages_read
    pages = words(
        "finding_ocr_pages_skipped" if skipped else "finding_ocr_pages",
        read=extracted.pages_read,
        total=extracted.pages_total,
        skipped=skipped,
    )
    low = catalog.joined(
        words(
            "finding_ocr_low_figure", cell=_cell_name((f.indicator, f.applicant), template), raw=f.raw, confidence=f"{f.confidence:.0%}"
        ).both()
        for f in lowest
    )
    return finding(
        "ocr_read",
        words(
            "finding_ocr_read",
            name=name,
            pages=pages.both(),
            figures=len(scored),
            settled=len(settled),
            lowest=words("finding_ocr_lowest", cells=low).both() if lowest else "",
        ),
        values={
            "engine": ENGINE,
            "pages_read": extracted.pages_read,
            "pages_total": extracted.pages_total,
            "figures": len(scored),
            "settled_by_arithmetic": sorted(f"{i}|{a}" for i, a in settled),
            "unsure": len(open_cells),
            "lowest": [{"indicator": f.indicator, "applicant": f.applicant, "raw": f.raw, "confidence": f.confidence} for f in lowest],
            "skew_degrees": [round(s, 2) for s in extracted.skew],
            "ocr_page_seconds": settings.OCR_PAGE_SECONDS,
        },
    )
