"""Scans made from a real text-layer PDF: its pages rendered as images (resolution, grey), then turned,
blurred, photographed at a slant and JPEG-compressed, and put back together as an image-only PDF or
kept as one PNG/JPEG. The keys are the source document's own keys: the figures did not change.

Used by tests/test_ocr_*.py and scripts/bench_ocr.py; made on the fly so no big binaries are kept.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageFilter

FIXTURES = Path("/work/shared/fixtures")
if not FIXTURES.exists():
    FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
HONGZE = Path(__file__).resolve().parent / "fixtures" / "hongze-2024.pdf"
if not HONGZE.exists():
    HONGZE = FIXTURES / "hongze-2024.pdf"
HONGZE_KEY = HONGZE.parent / "keys" / "hongze-2024.json"


@dataclass(frozen=True)
class Scan:
    """How a page was scanned: resolution, a turn in degrees, blur radius, JPEG quality (None: lossless),
    a phone photo's slant (fraction of the width the top edge is narrowed by)."""

    dpi: int = 150
    rotate: float = 0.0
    blur: float = 0.0
    jpeg: int | None = None
    slant: float = 0.0

    @property
    def name(self) -> str:
        parts = [f"{self.dpi}dpi"]
        if self.rotate:
            parts.append(f"rot{self.rotate:+g}")
        if self.blur:
            parts.append(f"blur{self.blur:g}")
        if self.jpeg:
            parts.append(f"jpeg{self.jpeg}")
        if self.slant:
            parts.append(f"slant{self.slant:g}")
        return "-".join(parts)


def page_images(pdf: Path, scan: Scan, pages: list[int] | None = None) -> list[Image.Image]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        chosen = range(len(document)) if pages is None else pages
        return [degrade(document[i].render(scale=scan.dpi / 72, grayscale=True).to_pil().convert("L"), scan) for i in chosen]
    finally:
        document.close()


def degrade(image: Image.Image, scan: Scan) -> Image.Image:
    if scan.slant:
        w, h = image.size
        d = scan.slant * w
        # the top edge narrower than the bottom: a page photographed from a little below
        coeffs = _perspective([(d, 0), (w - d, 0), (w, h), (0, h)], [(0, 0), (w, 0), (w, h), (0, h)])
        image = image.transform(image.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=255)
    if scan.rotate:
        image = image.rotate(scan.rotate, resample=Image.Resampling.BICUBIC, fillcolor=255)
    if scan.blur:
        image = image.filter(ImageFilter.GaussianBlur(scan.blur))
    if scan.jpeg:
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=scan.jpeg)
        image = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    return image


def image_pdf(pdf: Path, scan: Scan, pages: list[int] | None = None) -> bytes:
    """An image-only PDF (no text layer) of the pages as scanned."""
    images = page_images(pdf, scan, pages)
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=scan.dpi)
    return buf.getvalue()


def image_file(pdf: Path, scan: Scan, page: int, fmt: str = "PNG") -> bytes:
    image = page_images(pdf, scan, [page])[0]
    buf = io.BytesIO()
    image.save(buf, fmt, **({"quality": scan.jpeg or 85} if fmt == "JPEG" else {}), dpi=(scan.dpi, scan.dpi))
    return buf.getvalue()


def _perspective(src, dst):
    """Pillow's eight PERSPECTIVE coefficients mapping output points `dst` to input points `src`."""
    import numpy as np

    rows = []
    rhs = []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return list(np.linalg.solve(np.array(rows, float), np.array(rhs, float)))
