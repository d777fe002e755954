"""What the OCR reader hands on (no OpenCV or model imports here: the parser names these for every file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Extracted

ENGINE = "RapidOCR (PP-OCRv4, ONNX Runtime)"

# Called as every page's OCR begins, with its number: the sandbox worker gives each page its own time
# budget there (OCR_PAGE_SECONDS) and tells its parent, so a long scan is not held to one file's budget.
page_started: Callable[[int], None] | None = None


@dataclass(frozen=True)
class OcrFigure:
    """What the engine read in one value cell."""

    text: str  # the figure as read, confusions turned into digits
    confidence: float  # the least sure digit's probability (a confusion's: the letter's)
    certain: bool
    readings: tuple[str, ...]  # every reading the arithmetic may choose among, `text` first
    page: int
    suffix: str = ""  # a unit or 余/多 the cell prints after the figure, kept with the cell


@dataclass
class OcrExtracted(Extracted):
    """A scan's text and rows, with what the engine read in each value cell: (row index, cell index) → figure."""

    figures: dict[tuple[int, int], OcrFigure] = field(default_factory=dict)
    pages_read: int = 0
    pages_total: int = 0
    skew: list[float] = field(default_factory=list)
