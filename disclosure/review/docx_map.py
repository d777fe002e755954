"""Where a finding sits in a Word draft's body: the paragraph, or the table cell, it concerns.

Cells are found by the template's own mapper, not by a second reading of labels: every value cell of the
draft's tables (as the .docx reader cuts them, merged cells once) is replaced by a unique figure, the
rows go through the same mapper the pipeline used, and each fact's figure names the cell it came from.
So a cell is located exactly where the reader read it, whatever the row's wording or the table's layout.

This opens the draft in the app's process, after the sandbox has parsed the same bytes within its budgets
(the pipeline), and after the reader's own zip-bomb checks (`readers.docx.check_zip`).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from .. import catalog
from ..audit.narrative import clean
from ..cell_text import is_value_token, normalize
from ..model import Report
from ..readers import BLANK_ROW_MIN_CELLS, rows_from_grid
from ..readers.docx import _body_blocks, check_zip
from ..templates import mapper_for

_TAG_BASE = 7_000_000  # unique figures below implausible_value's ten million, so no cell is dropped as absurd
_PROBE = 30  # characters of a sentence enough to find its paragraph


@dataclass(frozen=True)
class CellPlace:
    table: int  # the body's tables counted from 0
    row: int
    cell: int  # the grid column the cell starts in, counted from 0 (python-docx's `row.cells[cell]`)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", clean(text))


class DocxMap:
    """A Word draft opened for comments: its body paragraphs and the cell of every fact the mapper reads."""

    def __init__(self, data: bytes, report: Report, locate: bool = True):
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        check_zip(data)
        self.document = docx.Document(io.BytesIO(data))
        self.paragraphs: list = []
        self.tables: list = []
        for block in _body_blocks(self.document.element.body):
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                self.paragraphs.append(Paragraph(block, self.document))
            elif tag == "tbl":
                self.tables.append(Table(block, self.document))
        self._squeezed = [_squeezed(p.text) for p in self.paragraphs]
        self.cells: dict[tuple[str, str], CellPlace] = {}
        self._cell_objects: dict[CellPlace, object] = {}
        if locate:  # a draft whose findings already carry their places only needs its body
            self._locate_cells(report)

    def _locate_cells(self, report: Report) -> None:
        if not catalog.template(report.template).has_table:
            return
        tags: dict[str, CellPlace] = {}
        rows = []
        for t_no, table in enumerate(self.tables):
            for r_no, row in enumerate(table.rows):
                distinct, grid, previous = [], [], None
                for g_no, cell in enumerate(row.cells):
                    if previous is not None and cell._tc is previous:
                        continue  # one merged cell spanning several grid columns, as the reader takes it
                    previous = cell._tc
                    distinct.append(cell)
                    grid.append(g_no)
                texts = [normalize(c.text) for c in distinct]
                if not rows_from_grid([texts], t_no):
                    continue  # a spacer row the reader skips
                last_text = max((i for i, c in enumerate(texts) if c and not is_value_token(c)), default=-1)
                tagged = list(texts)
                for c_no in range(last_text + 1, len(texts)):
                    tag = str(_TAG_BASE + len(tags))
                    place = CellPlace(t_no, r_no, grid[c_no])
                    tags[tag] = place
                    self._cell_objects[place] = distinct[c_no]
                    tagged[c_no] = tag
                if not any(texts[last_text + 1 :]) and last_text < 0 and len(texts) < BLANK_ROW_MIN_CELLS:
                    continue
                rows.extend(rows_from_grid([tagged], t_no))
        try:
            facts, _ = mapper_for(report.template).map_rows(rows, report.source.name, narrative=report.narrative)
        except Exception:  # a draft the mapper reads only in its own layout: no cell places, comments go to paragraphs
            return
        for fact in facts:
            place = tags.get(fact.raw.strip())
            if place is not None:
                self.cells.setdefault((fact.indicator, fact.applicant), place)

    def cell(self, place: CellPlace):
        try:
            return self._cell_objects.get(place) or self.tables[place.table].rows[place.row].cells[place.cell]
        except IndexError:
            return None

    def row_place(self, indicator: str) -> CellPlace | None:
        """The row's label cell (its first cell) for an indicator whose cells were located."""
        places = [p for (ind, _), p in self.cells.items() if ind == indicator]
        if not places:
            return None
        first = min(places, key=lambda p: (p.table, p.row, p.cell))
        return CellPlace(first.table, first.row, 0)

    def label_cell(self, place: CellPlace):
        row = self.tables[place.table].rows[place.row]
        return row.cells[0]

    def paragraph_index(self, words: str, start: int = 0) -> int | None:
        """The first body paragraph (from `start`) holding the beginning of `words`."""
        wanted = _squeezed(words)
        for probe in (wanted[:_PROBE], wanted[:12]):
            if not probe:
                return None
            for i in range(start, len(self.paragraphs)):
                if probe in self._squeezed[i]:
                    return i
        return None

    def title_index(self) -> int:
        return next((i for i, s in enumerate(self._squeezed) if s), 0)
