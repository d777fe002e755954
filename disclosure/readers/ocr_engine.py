"""The OCR engine: RapidOCR's PP-OCRv4 models (shipped inside the rapidocr-onnxruntime wheel) on ONNX Runtime.

Nothing is downloaded: the models are files of the installed package, opened once per worker
process. Two uses: `recognise` reads crops the table grid cut out (one cell, one line of it) and
keeps, per character, the model's probability and its best other digit — what a figure's
confidence and the confusions the table arithmetic may try are made of; `text_lines` finds and
reads the text lines of the page outside the tables (the narrative: title, agency, year).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import settings

DIGITS = "0123456789"
# a batch is at least this wide (width / height), the rest padded as the model pads: a lone digit in a
# narrow crop reads as `o` or at 0.5–0.7; padded to 6:1 it reads at 0.96–0.99 (tried on our pages, docs/ocr.md)
MIN_CROP_RATIO = 6.0


@dataclass(frozen=True)
class Glyph:
    char: str
    prob: float
    # the likeliest digit other than `char` on the same frames, and its probability: the reading
    # the arithmetic may try when `char` is unsure
    alt: str
    alt_prob: float


@dataclass(frozen=True)
class Reading:
    glyphs: tuple[Glyph, ...]

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def confidence(self) -> float:
        return min((g.prob for g in self.glyphs), default=0.0)


_LOCK = threading.Lock()  # one model per process; ONNX Runtime sessions may run calls side by side, our batching may not


@lru_cache(maxsize=1)
def engine():
    """RapidOCR with the models of its wheel, on OCR_THREADS threads; built on first use."""
    from rapidocr_onnxruntime import RapidOCR
    from rapidocr_onnxruntime.utils import infer_engine

    base = infer_engine.OrtInferSession._init_sess_opts
    if not getattr(base, "quiet", False):

        def quiet(config):
            options = base(config)
            # threads that spin while waiting steal the core another worker (or helper) is using
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            return options

        quiet.quiet = True
        infer_engine.OrtInferSession._init_sess_opts = staticmethod(quiet)
    threads = max(1, settings.OCR_THREADS)
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, print_verbose=False)


@lru_cache(maxsize=1)
def _charset() -> tuple[list[str], np.ndarray]:
    chars = engine().text_rec.postprocess_op.character
    digit_ids = np.array([chars.index(d) for d in DIGITS])
    return chars, digit_ids


def recognise(crops: list[np.ndarray], min_ratio: float | None = None) -> list[Reading]:
    """Each crop (a grey or RGB image of one text line) read, with every character's probability;
    a batch is at least `min_ratio` (MIN_CROP_RATIO) wide for its height."""
    floor = min_ratio or MIN_CROP_RATIO
    if not crops:
        return []
    rec = engine().text_rec
    chars, digit_ids = _charset()
    out: list[Reading | None] = [None] * len(crops)
    rgb = [np.repeat(c[:, :, None], 3, axis=2) if c.ndim == 2 else c for c in crops]
    order = sorted(range(len(rgb)), key=lambda i: rgb[i].shape[1] / rgb[i].shape[0])
    with _LOCK:
        for ids in _batches(order, [rgb[i].shape[1] / rgb[i].shape[0] for i in range(len(rgb))], floor):
            # as wide as the batch's widest crop (the model takes any width), not the 320 px of a full line
            ratio = max(floor, *(rgb[i].shape[1] / rgb[i].shape[0] for i in ids))
            tensor = np.stack([rec.resize_norm_img(rgb[i], ratio) for i in ids]).astype(np.float32)
            preds = _run(rec.session, tensor)
            for k, i in enumerate(ids):
                out[i] = _decode(preds[k], chars, digit_ids)
    return out  # type: ignore[return-value]


def _run(session, tensor: np.ndarray) -> np.ndarray:
    return _guarded(session, tensor)[0]


def _guarded(call, arg):
    """ONNX Runtime reports an allocation the memory limit refused as its own error: it is a MemoryError."""
    try:
        return call(arg)
    except MemoryError:
        raise
    except Exception as e:
        if "alloc" in str(e).lower():
            raise MemoryError(str(e)[:200]) from None
        raise


def _batches(order: list[int], ratios: list[float], floor: float):
    """Crops in width order, batched so that no batch is wider in all than OCR_BATCH_WIDTH (the model's
    memory grows with the batch's width: a page's long lines go a few at a time)."""
    batch: list[int] = []
    for i in order:
        widest = max(floor, ratios[i], *(ratios[k] for k in batch[-1:]))
        if batch and (len(batch) + 1) * widest * 48 > settings.OCR_BATCH_WIDTH:
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


def _decode(frames: np.ndarray, chars: list[str], digit_ids: np.ndarray) -> Reading:
    """CTC greedy decoding that keeps each character's frames: its probability is the best frame's,
    its alternative the best other digit on those frames."""
    best = frames.argmax(axis=1)
    glyphs = []
    t = 0
    n = len(best)
    while t < n:
        k = best[t]
        end = t + 1
        while end < n and best[end] == k:
            end += 1
        if k != 0:  # 0 is CTC's blank
            run = frames[t:end]
            prob = float(run[:, k].max())
            digit_probs = run[:, digit_ids].max(axis=0)
            order = np.argsort(-digit_probs)
            char = chars[k]
            alt_index = order[1] if DIGITS[order[0]] == char else order[0]
            glyphs.append(Glyph(char, prob, DIGITS[alt_index], float(digit_probs[alt_index])))
        t = end
    return Reading(tuple(glyphs))


def text_lines(image: np.ndarray) -> list[tuple[tuple[float, float, float, float], str, float]]:
    """The page's text lines (outside the tables): box (x0, y0, x1, y1), text, its least sure character.

    Lines are found on the page at half size (a text line is still 14 px high there: the detector
    finds it in a quarter of the time and memory) and read from the full page."""
    gray = image if image.ndim == 2 else image[:, :, 0]
    half = np.ascontiguousarray(gray[::2, ::2])
    ocr = engine()
    with _LOCK:
        boxes, _ = _guarded(ocr.text_det, np.repeat(half[:, :, None], 3, axis=2))
    if boxes is None or len(boxes) == 0:
        return []
    boxes = [np.asarray(b, dtype=np.float32) * 2 for b in boxes]
    crops = [c[:, :, 0] if c.ndim == 3 else c for c in ocr.get_crop_img_list(np.repeat(gray[:, :, None], 3, axis=2), boxes)]
    lines = []
    for box, reading in zip(boxes, recognise(crops)):
        if reading.glyphs:
            xs, ys = box[:, 0], box[:, 1]
            lines.append(((float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())), reading.text, reading.confidence))
    return lines


def model_files() -> list[str]:
    """The model files the engine opens (all inside the installed package): what `docs/ocr.md` names."""
    from pathlib import Path

    import rapidocr_onnxruntime

    return sorted(str(p) for p in Path(rapidocr_onnxruntime.__file__).parent.glob("models/*.onnx"))
