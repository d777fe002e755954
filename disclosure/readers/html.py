"""HTML pages saved from agency sites: real <table>s with rowspan/colspan inside page chrome."""

from __future__ import annotations

import re

import lxml.html

from .. import settings
from ..model import Extracted, ReportError
from . import rows_from_grid

BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "td", "th", "table"}


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def read(text: str) -> Extracted:
    text = _NOT_XML.sub("", text)  # control characters lxml refuses in text nodes; no report needs them
    try:
        doc = lxml.html.document_fromstring(text)
    except Exception as e:  # lxml raises several types for hopeless markup
        raise ReportError("", "refusal_bad_html", why=e.__class__.__name__) from None
    for bad in doc.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    # Layout tables wrap content tables on older government sites: only leaf tables hold data.
    tables = [t for t in doc.xpath("//table") if not t.xpath(".//table")]
    rows = []
    budget = [settings.HTML_MAX_TOTAL_CELLS]
    for number, table in enumerate(tables):
        rows.extend(rows_from_grid(expand_spans(table, budget), table=number))
    for table in tables:
        table.drop_tree()
    return Extracted(_block_text(doc), rows, "html")


def expand_spans(table, budget: list[int] | None = None) -> list[list[str]]:
    """A true cell grid: every rowspan/colspan cell copied into each slot it covers.

    As browsers do, a rowspan stops at the table's last row and a span is at most 1000 columns /
    65534 rows. The grid is counted before it is built: a table over HTML_MAX_TABLE_CELLS slots, or
    tables together over HTML_MAX_TOTAL_CELLS (`budget`, shared by the tables of a file), is refused.
    """
    trs = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    n_rows = len(trs)
    # first pass: place the cells (row, column, rowspan, colspan) without materialising the grid
    taken: dict[int, set[int]] = {}  # row → columns already covered by a rowspan from above (span > 1 only)
    placed: list[tuple[int, int, int, int, str]] = []
    width = 0
    for r, tr in enumerate(trs):
        covered = taken.pop(r, set())
        c = 0
        for cell in tr.xpath("./td|./th"):
            while c in covered:
                c += 1
            rowspan = min(_span(cell.get("rowspan"), 65534), n_rows - r)
            colspan = _span(cell.get("colspan"), 1000)
            if c + colspan > width:
                width = c + colspan
                if width * n_rows > settings.HTML_MAX_TABLE_CELLS:
                    raise _too_many(width * n_rows)
            placed.append((r, c, rowspan, colspan, _cell_text(cell)))
            for dr in range(1, rowspan):
                taken.setdefault(r + dr, set()).update(range(c, c + colspan))
            c += colspan
    cells = width * n_rows
    if budget is not None:
        budget[0] -= cells
        if budget[0] < 0:
            raise ReportError("", "refusal_html_total_cells", limit=f"{settings.HTML_MAX_TOTAL_CELLS:,}")
    grid: list[list[str | None]] = [[None] * width for _ in range(n_rows)]
    row_ends = [0] * n_rows
    for r, c, rowspan, colspan, text in placed:
        for dr in range(rowspan):
            target = grid[r + dr]
            for dc in range(colspan):
                target[c + dc] = text
            row_ends[r + dr] = max(row_ends[r + dr], c + colspan)
    # a row is as long as its last covered slot (short rows stay short, as before)
    return [[cell or "" for cell in row[: row_ends[i]]] for i, row in enumerate(grid)]


def _too_many(cells: int) -> ReportError:
    return ReportError("", "refusal_html_table_cells", n=f"{cells:,}", limit=f"{settings.HTML_MAX_TABLE_CELLS:,}")


def _cell_text(cell) -> str:
    for br in cell.xpath(".//br"):
        br.tail = br.tail or ""
    return "".join(cell.itertext()).replace("\xa0", " ").strip()


def _span(value: str | None, most: int) -> int:
    try:
        return max(1, min(int(str(value or 1).strip()[:6] or 1), most))
    except ValueError:
        return 1


def _block_text(doc) -> str:
    for el in doc.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    lines = [ln.strip() for ln in doc.text_content().splitlines()]
    return "\n".join(ln for ln in lines if ln)
