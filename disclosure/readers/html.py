"""HTML pages saved from agency sites: real <table>s with rowspan/colspan inside page chrome."""
from __future__ import annotations

import lxml.html

from ..model import Extracted, ReportError
from . import rows_from_grid

BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "td", "th", "table"}


def read(text: str) -> Extracted:
    try:
        doc = lxml.html.document_fromstring(text)
    except Exception as e:  # lxml raises several types for hopeless markup
        raise ReportError("", f"unreadable HTML ({e.__class__.__name__})") from None
    for bad in doc.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    # Layout tables wrap content tables on older government sites: only leaf tables hold data.
    tables = [t for t in doc.xpath("//table") if not t.xpath(".//table")]
    rows = []
    for number, table in enumerate(tables):
        rows.extend(rows_from_grid(expand_spans(table), table=number))
    for table in tables:
        table.drop_tree()
    return Extracted(_block_text(doc), rows, "html")


def expand_spans(table) -> list[list[str]]:
    """A grid with every rowspan/colspan cell copied into each slot it covers."""
    grid: list[list[str | None]] = []
    for r, tr in enumerate(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")):
        while len(grid) <= r:
            grid.append([])
        row = grid[r]
        c = 0
        for cell in tr.xpath("./td|./th"):
            while c < len(row) and row[c] is not None:
                c += 1
            text = _cell_text(cell)
            rowspan = _span(cell.get("rowspan"))
            colspan = _span(cell.get("colspan"))
            for dr in range(rowspan):
                while len(grid) <= r + dr:
                    grid.append([])
                target = grid[r + dr]
                while len(target) < c + colspan:
                    target.append(None)
                for dc in range(colspan):
                    target[c + dc] = text
            c += colspan
    return [[cell or "" for cell in row] for row in grid]


def _cell_text(cell) -> str:
    for br in cell.xpath(".//br"):
        br.tail = (br.tail or "")
    return "".join(cell.itertext()).replace("\xa0", " ").strip()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 500))
    except ValueError:
        return 1


def _block_text(doc) -> str:
    for el in doc.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    lines = [ln.strip() for ln in doc.text_content().splitlines()]
    return "\n".join(ln for ln in lines if ln)
