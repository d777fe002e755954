"""Write the hostile-input suite: bombs, bad encodings, absurd numbers, duplicate tables, odd names, a FIFO.

    python scripts/make_hostile_files.py OUT_DIR [--small]

Every file is built from the founding report (data/reports/kaifeng-zhijian-2018.txt) or from raw
bytes; nothing is downloaded. `--small` makes the bombs smaller (for quick runs); the defaults are
the sizes of the issue's probe. `EXPECT` says, per file, the words its one-line error or finding
must carry (tests/test_hostile_files.py checks them); `hostile_files(out)` returns the paths.
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "reports" / "kaifeng-zhijian-2018.txt"

# file name → ("error" | "finding" | "ok", words the message must contain)
EXPECT = {
    "pdf-stream-bomb.pdf": ("error", "decompressed"),
    "pdf-100000-pages.pdf": ("error", "pages"),
    "html-span-bomb.html": ("error", "cells"),
    "html-colspan-wide.html": ("error", "cells"),
    "docx-zip-bomb.docx": ("error", "zip"),
    "docx-many-entries.docx": ("error", "entries"),
    "number-400-digits.txt": ("finding", "implausible_value"),
    "number-negative.txt": ("finding", "implausible_value"),
    "number-10e15.txt": ("finding", "implausible_value"),
    "big5.txt": ("error", "Big5"),
    "utf16-no-bom.txt": ("error", "neither UTF-8 nor GB18030"),
    "duplicate-table.txt": ("finding", "duplicate_table"),
    "two-reports.txt": ("error", "2 reports"),
    "-starts-with-dash.txt": ("ok", ""),
    "new\nline added 999 · replaced 0.txt": ("ok", ""),
    "deep-nesting.html": ("error", ""),
    "fifo.txt": ("error", "FIFO"),
    "png-60000-square.png": ("error", "OCR_MAX_PIXELS"),
}


def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _with_value(text: str, old: str, new: str) -> str:
    """The seed with the 236 of 主动公开政府信息数 (the first table value row) replaced."""
    lines = text.splitlines()
    i = lines.index("(一)主动公开政府信息数 |")
    assert lines[i + 2].strip() == old + " |"
    lines[i + 2] = new + " |"
    return "\n".join(lines) + "\n"


def pdf_stream_bomb(expanded: int) -> bytes:
    """A one-page PDF whose content stream inflates to `expanded` bytes of text operators."""
    line = b"BT /F1 12 Tf 72 720 Td (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj ET\n"
    z = zlib.compressobj(9)
    parts, total = [], 0
    block = line * (1 << 14)
    while total < expanded:
        parts.append(z.compress(block))
        total += len(block)
    parts.append(z.flush())
    stream = b"".join(parts)
    return _pdf(
        [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"],
        extra={
            4: b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
            5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        },
    )


def pdf_many_pages(pages: int) -> bytes:
    """`pages` pages sharing one tiny content stream."""
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
    content = b"BT /F1 12 Tf 72 720 Td (page) Tj ET"
    return _pdf(
        [page] * pages,
        extra={
            4: b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        },
    )


def _pdf(pages: list[bytes], extra: dict[int, bytes]) -> bytes:
    """Objects 1 catalog, 2 pages, 3 unused, 4.. extra, then the pages; with an xref table."""
    first_page = max(extra) + 1
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(len(pages)))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages),
        3: b"<< >>",
        **extra,
    }
    for i, p in enumerate(pages):
        objects[first_page + i] = p
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = out.tell()
    count = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
    for number in range(1, count):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref))
    return out.getvalue()


def html_span_bomb(cells: int) -> str:
    """A table whose cells each claim rowspan and colspan 500: a naive grid has cells × 250,000 slots."""
    tds = "".join(f'<td rowspan="500" colspan="500">{i}</td>' for i in range(cells))
    return f"<html><body><p>政府信息公开工作年度报告</p><table><tr>{tds}</tr>" + "<tr><td>x</td></tr>" * 50 + "</table></body></html>"


def html_colspan_wide(rows: int) -> str:
    """Many rows of one colspan-1000 cell: each row alone is wide, together past any real table."""
    return "<html><body><table>" + '<tr><td colspan="1000">1</td></tr>' * rows + "</table></body></html>"


def deep_nesting(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "政府信息公开" + "</div>" * depth + "<table><tr><td>1</td></tr></table></body></html>"


def docx_zip_bomb(expanded: int) -> bytes:
    """A .docx whose word/document.xml inflates to `expanded` bytes (deflate of repeated spaces)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(
            "[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
        )
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            block = b" " * (1 << 20)
            for _ in range(expanded >> 20):
                fh.write(block)
            fh.write(b"</w:body></w:document>")
    return buf.getvalue()


def docx_many_entries(entries: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        for i in range(entries):
            zf.writestr(f"word/media/e{i}.bin", b"")
    return buf.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height pixels over a few bytes of data: an image decompression bomb."""
    import struct

    out = b"\x89PNG\r\n\x1a\n"
    for kind, body in ((b"IHDR", struct.pack("!IIBBBBB", width, height, 8, 0, 0, 0, 0)), (b"IDAT", zlib.compress(b"\0" * 64))):
        out += struct.pack("!I", len(body)) + kind + body + struct.pack("!I", zlib.crc32(kind + body))
    return out


def files(small: bool = False) -> dict[str, bytes]:
    text = seed()
    duplicate = text + "\n" + text[text.index("开封市质量技术监督局\n政府信息公开情况统计表") :]
    other = text.replace("开封市质量技术监督局", "开封市市场监督管理局").replace("2018", "2019")
    return {
        "pdf-stream-bomb.pdf": pdf_stream_bomb((80 if small else 400) * 1000 * 1000),
        "pdf-100000-pages.pdf": pdf_many_pages(5000 if small else 100_000),
        "html-span-bomb.html": html_span_bomb(100 if small else 2000).encode(),
        "html-colspan-wide.html": html_colspan_wide(500).encode(),
        "docx-zip-bomb.docx": docx_zip_bomb((100 if small else 600) * 1000 * 1000),
        "docx-many-entries.docx": docx_many_entries(3000),
        "number-400-digits.txt": _with_value(text, "236", "9" * 400).encode(),
        "number-negative.txt": _with_value(text, "236", "-5").encode(),
        "number-10e15.txt": _with_value(text, "236", "1000000000000000").encode(),
        "big5.txt": "臺北市政府資訊公開年度報告 統計表 一、主動公開情況 條 236\n".encode("big5") * 40,
        "utf16-no-bom.txt": text.encode("utf-16-le"),
        "duplicate-table.txt": duplicate.encode(),
        "two-reports.txt": (text + "\n" + other).encode(),
        "-starts-with-dash.txt": text.encode(),
        "new\nline added 999 · replaced 0.txt": text.replace("2018", "2017").encode(),
        "deep-nesting.html": deep_nesting(100_000).encode(),
        "png-60000-square.png": png_claiming(60000, 60000),
    }


def hostile_files(out: Path, small: bool = False) -> dict[str, Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in files(small).items():
        path = out / name
        path.write_bytes(data)
        paths[name] = path
    fifo = out / "fifo.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    paths["fifo.txt"] = fifo
    return paths


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--small"]
    if len(args) != 1:
        sys.exit(__doc__)
    for name, path in hostile_files(Path(args[0]), small="--small" in sys.argv).items():
        size = path.stat().st_size if path.is_file() else 0
        print(f"{size:>12,}  {name!r}")
