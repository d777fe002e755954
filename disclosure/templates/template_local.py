"""Mapper for provincial and local forms (spec §1c): `指标名称 / 计量单位 / 本年度 / 历年累计`, or one
value column in the older forms.

Labels go through the label table (catalog/labels.csv); the year's value is applicant `total`, a
历年累计 value applicant `cumulative`. Cells an archive glued or collapsed are read only where the
table's arithmetic (catalog/identities.csv) leaves one reading (cell_search).
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

from .. import narrative_figures
from ..catalog import label_of, words
from ..cell_text import UNITS, normalize, parse_cell, squeeze
from ..model import Check, Fact, Row
from . import cell_search
from .matcher import match

TEMPLATE = "local"
CUMULATIVE = "cumulative"
_HEADER = ("指标名称", "计量单位")


def is_local_table(rows: list[Row]) -> bool:
    """The local form's header, or enough of its rows, each with its unit cell."""
    header = (
        any(
            any(h in squeeze(r.label) for h in _HEADER) and ("累计" in squeeze(r.label) or "年度" in squeeze(r.label) or not r.cells)
            for r in rows
        )
        or any(  # the header split over two rows by a page text ('…附表指标名' / '称单位数量主动公开信息数')
            any(h in squeeze(a.label + b.label) and h not in squeeze(a.label) and h not in squeeze(b.label) for h in _HEADER)
            for a, b in zip(rows, rows[1:])
        )
    )
    mapped = {match(r.label, TEMPLATE) for r in rows if r.cells and _unit_and_cells([normalize(c) for c in r.cells])[0]}
    mapped.discard(None)
    return len(mapped) >= 4 and (header or len(mapped) >= 6)


_VALUE_UNIT = re.compile(r"^(\d+(?:\.\d+)?)(\D{1,2})$")


def _unit_and_cells(cells: list[str]) -> tuple[str, list[str]]:
    """The row's 计量单位 and its value cells: the unit cell first, or a unit glued to every value ('0条', '149条 149条'
    in a page text that lost the cell borders)."""
    if cells and cells[0] in UNITS:
        return cells[0], cells[1:]
    glued = [_VALUE_UNIT.match(c) for c in cells]
    if cells and all(glued) and len({m.group(2) for m in glued}) == 1 and glued[0].group(2) in UNITS:
        return glued[0].group(2), [m.group(1) for m in glued]
    return "", cells


def map_rows(rows: list[Row], name: str, template: str | None = None, narrative: str = "") -> tuple[list[Fact], list[Check]]:
    start = _table_start(rows)
    table = rows[start:]
    columns = ("total", CUMULATIVE) if any("累计" in squeeze(r.label) for r in table[:40]) else ("total",)
    checks: list[Check] = []
    readings: dict[str, list[tuple]] = {}
    units: dict[str, str] = {}
    raw_cells: dict[str, list[str]] = {}
    printed: dict[str, list[str]] = {}
    order: list[str] = []
    previous = None
    for row in table:
        if not row.cells:
            previous = row
            continue
        unit, cells = _unit_and_cells([normalize(c) for c in row.cells])
        if unit and len(cells) > len(columns) and len(set(cells)) == 1 and row.cells[0] not in UNITS:
            # each figure carried its own unit ('149条 149条'): printed cells, never one number glued from two
            said = words(
                "finding_repeated_cells", name=name, label=normalize(row.label), n=len(cells), cells=" ".join(row.cells), value=cells[0]
            )
            checks.append(Check.said("repeated_cells", "info", said))
            cells = cells[: len(columns)]
        indicator = match(row.label, TEMPLATE)
        if indicator is None and previous is not None:
            # a label wrapped over lines: its start printed as a line of its own ('受理政府信息公开申请' / '总数')
            indicator = match(previous.label + row.label, TEMPLATE)
        previous = None
        if indicator is None:
            if unit:  # a row of the form (it has its 计量单位 cell) that the label table does not know
                checks.append(
                    Check.said(
                        "unmapped_row",
                        "warning",
                        words("finding_row_not_mapped", name=name, label=normalize(row.label)),
                        values={"label": normalize(row.label)},
                    )
                )
            continue
        if indicator in readings:
            checks.append(
                Check.said(
                    "unmapped_row",
                    "warning",
                    words("finding_row_second_for_indicator", name=name, label=normalize(row.label), row=label_of(indicator)),
                    [indicator],
                )
            )
            continue
        order.append(indicator)
        units[indicator] = unit
        raw_cells[indicator] = [_bare(c) for c in cells]
        printed[indicator] = cells
    collapsed = cell_search.collapses_runs([(cells, len(columns)) for cells in raw_cells.values()])
    readings = {ind: cell_search.readings(cells, len(columns), collapsed=collapsed) for ind, cells in raw_cells.items()}
    guessed = {ind for ind, cells in raw_cells.items() if cell_search.is_guess(cells, len(columns))}
    known = {}
    for ind, options in readings.items():
        if ind not in guessed:
            for col, raw in zip(columns, options[0]):
                value, status = parse_cell(raw, units[ind])
                if value is not None:
                    known[(ind, col)] = value
    stated = cell_search.narrative_figures(narrative, [c for cells in printed.values() for c in cells])
    cells_of = {k: [(k, c) for c in columns] for k in readings}
    open_rows = {k: readings[k] for k in guessed}
    solved = cell_search.settle(open_rows, cells_of, known, TEMPLATE, stated)
    # one figure printed for 本年度 and 历年累计: the 历年累计 a copy the arithmetic or the text bears out,
    # else a copy of the archive's collapsing that a finding names
    copies = cell_search.unconfirmed_copies(raw_cells, open_rows, solved, cells_of, known, TEMPLATE)
    stated_zero = narrative_figures.cumulative_zero_rows(narrative, TEMPLATE)
    for ind, col in list(copies):
        cells = cell_search.certain_cells(solved.get(ind, readings[ind]))
        if col == CUMULATIVE and cells and cells[-1] == "0" and any(fnmatchcase(ind, p) for p in stated_zero):
            copies.discard((ind, col))  # the text says it: 历年累计收到依申请公开数为0
    facts: list[Fact] = []
    unreadable: list[tuple[str, str]] = []
    for ind in order:
        options = solved.get(ind, readings[ind])
        cells = cell_search.certain_cells(options)
        if not cells:
            cells = [None] * len(columns)
        for col, raw in zip(columns, cells):
            if raw is None:
                unreadable.append((ind, col))
                continue
            raw = _with_suffix(raw, printed[ind])
            value, status = parse_cell(raw, units[ind])
            if status == "unreadable":
                unreadable.append((ind, col))
                continue
            facts.append(Fact(ind, col, value, raw, status))
    if unreadable:
        checks.append(cell_search.incomplete_check(name, unreadable, "local"))
    read_as_copies = [cell for cell in ((f.indicator, f.applicant) for f in facts) if cell in copies]
    if read_as_copies:
        checks.append(cell_search.collapsed_run_check(name, read_as_copies, "local"))
    return facts, checks


def _table_start(rows: list[Row]) -> int:
    for i, row in enumerate(rows):
        key = squeeze(row.label)
        if any(h in key for h in _HEADER):
            return i
    for i, row in enumerate(rows):
        if row.cells and normalize(row.cells[0]) in UNITS and match(row.label, TEMPLATE):
            return i
    return 0


def _bare(cell: str) -> str:
    """The figure of a cell for the search: '1500多' → '1500' (the suffix is put back afterwards)."""
    return re.sub(r"(?<=\d)(?:余|多|以上)$", "", cell)


def _with_suffix(raw: str, printed: list[str]) -> str:
    for cell in printed:
        if cell != raw and _bare(cell) == raw:
            return cell
    return raw
