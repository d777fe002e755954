"""Word (.docx) drafts: paragraphs are the narrative, tables are read in body order.

python-docx hands back a horizontally merged cell once per grid column it covers (the same
<w:tc>), and a vertically merged cell's continuation as the cell that starts the merge. Repeats
of one <w:tc> in a row are collapsed so a value cell spanning three columns is one value, and
the repeated label text of vertical merges is deduplicated by rows_from_grid.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

from .. import settings
from ..model import Extracted, ReportError, Row
from . import rows_from_grid


def read(data: bytes) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        KeyError,
        ValueError,
        etree.XMLSyntaxError,
        RuntimeError,
        NotImplementedError,
    ) as e:
        # a damaged archive (bad CRC, truncated deflate stream, an entry flagged encrypted — zipfile's
        # RuntimeError — or an unknown compression method) or damaged XML inside it
        raise ReportError("", "refusal_corrupt_docx", why=e.__class__.__name__) from None
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    paragraphs: list[str] = []
    rows: list[Row] = []
    table_number = 0
    for block in _body_blocks(document.element.body):
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs.append(Paragraph(block, document).text)
        elif tag == "tbl":
            rows.extend(_table_rows(Table(block, document), table_number))
            table_number += 1
    return Extracted("\n".join(paragraphs), rows, "docx")


def check_zip(data: bytes) -> None:
    """Refuse a zip bomb before python-docx inflates it: too many entries, too many bytes uncompressed,
    or an entry that inflates far more than any Word part does. The sizes are the archive's own; an
    entry that lies about its size is cut off at that size by zipfile (and then fails its CRC)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, RuntimeError, NotImplementedError) as e:
        raise ReportError("", "refusal_corrupt_docx", why=e.__class__.__name__) from None
    if len(infos) > settings.DOCX_MAX_ENTRIES:
        raise ReportError("", "refusal_docx_entries", n=f"{len(infos):,}", limit=f"{settings.DOCX_MAX_ENTRIES:,}")
    total = sum(i.file_size for i in infos)
    if total > settings.DOCX_MAX_UNZIPPED_BYTES:
        raise ReportError("", "refusal_docx_unpacked_size", size=f"{total / 1e6:,.0f}", limit=settings.DOCX_MAX_UNZIPPED_BYTES // 1000000)
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > settings.DOCX_MAX_RATIO * max(i.compress_size, 1):
            raise ReportError(
                "",
                "refusal_docx_ratio",
                entry=i.filename,
                ratio=f"{i.file_size / max(i.compress_size, 1):,.0f}",
                limit=settings.DOCX_MAX_RATIO,
            )


def _body_blocks(element):
    """Paragraphs and tables in body order, including those wrapped in content controls
    (<w:sdt>) and tracked insertions, which templates from government offices often use."""
    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            yield child
        elif tag in ("sdt", "sdtContent", "ins", "customXml"):
            yield from _body_blocks(child)


def _table_rows(table, number: int) -> list[Row]:
    grid: list[list[str]] = []
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue  # one merged cell spanning several grid columns
            previous = cell._tc
            cells.append(cell.text)
        grid.append(cells)
    return rows_from_grid(grid, number)
