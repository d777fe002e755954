"""The two kept OCR engines on our pages: RapidOCR (PP-OCRv4 on ONNX Runtime, the reader's engine) and
Debian's Tesseract 5 with its chi_sim model (through pytesseract), each in the same reader — the same
table grid, the same crops, the same settling by the arithmetic — on the real 洪泽区 2024 report scanned
at 150 dpi. Prints facts right, left out and wrong against the document's key, and seconds per page.

    apt-get install tesseract-ocr tesseract-ocr-chi-sim && pip install pytesseract   # Tesseract's side only
    nice python scripts/compare_ocr_engines.py [--scan 150] [--pages 0 1 2 3 4]

The figures are in docs/ocr.md. Tesseract reports a confidence per word, not per character, and no
second choices, so its unsure figures can only be confirmed, never corrected, by the arithmetic.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import numpy as np  # noqa: E402
import ocr_material  # noqa: E402

from disclosure.model import ReportError  # noqa: E402
from disclosure.parse import parse_bytes  # noqa: E402
from disclosure.readers import ocr_engine  # noqa: E402
from disclosure.readers.ocr_engine import Glyph, Reading  # noqa: E402


def tesseract_recognise(crops: list[np.ndarray]) -> list[Reading]:
    import pytesseract

    out = []
    for crop in crops:
        data = pytesseract.image_to_data(crop, lang="chi_sim", config="--psm 7", output_type=pytesseract.Output.DICT)
        glyphs = []
        for text, conf in zip(data["text"], data["conf"]):
            text = text.strip()
            prob = max(0.0, float(conf)) / 100
            glyphs += [Glyph(ch, prob, ch, 0.0) for ch in text]
        out.append(Reading(tuple(glyphs)))
    return out


def tesseract_text_lines(image: np.ndarray):
    import pytesseract

    data = pytesseract.image_to_data(image, lang="chi_sim", config="--psm 3", output_type=pytesseract.Output.DICT)
    lines: dict[tuple, list] = {}
    for i, text in enumerate(data["text"]):
        if text.strip():
            key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
            lines.setdefault(key, []).append(i)
    out = []
    for ids in lines.values():
        x0 = min(data["left"][i] for i in ids)
        y0 = min(data["top"][i] for i in ids)
        x1 = max(data["left"][i] + data["width"][i] for i in ids)
        y1 = max(data["top"][i] + data["height"][i] for i in ids)
        text = "".join(data["text"][i] for i in ids)
        out.append(((x0, y0, x1, y1), text, min(float(data["conf"][i]) for i in ids) / 100))
    return out


def measure(engine: str, data: bytes, pages: int, key: dict) -> dict:
    if engine == "tesseract":
        ocr_engine.recognise, ocr_engine.text_lines = tesseract_recognise, tesseract_text_lines
    start, cpu = time.perf_counter(), time.process_time()
    try:
        report = parse_bytes(data, "hongze-2024-scan.pdf")
    except ReportError as e:
        return {"engine": engine, "error": e.reason, "seconds_per_page": round((time.perf_counter() - start) / pages, 2)}
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    got = {f.key(): f.value for f in report.facts}
    facts = key["facts"]
    return {
        "engine": engine,
        "right": sum(1 for k, v in facts.items() if got.get(k) == v),
        "wrong": sorted(k for k, v in facts.items() if k in got and got[k] != v),
        "left_out": sum(1 for k in facts if k not in got),
        "facts": len(facts),
        "metadata": [report.agency, report.year, report.template],
        "seconds_per_page": round(wall / pages, 2),
        "cpu_seconds_per_page": round(cpu / pages, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--engines", nargs="*", default=["rapidocr", "tesseract"])
    args = ap.parse_args()
    key = json.loads(ocr_material.HONGZE_KEY.read_text(encoding="utf-8"))
    data = ocr_material.image_pdf(ocr_material.HONGZE, ocr_material.Scan(dpi=args.dpi))
    # the engines run in this process (not the sandbox worker) so that Tesseract can stand in for RapidOCR
    results = [measure(engine, data, 5, key) for engine in args.engines]
    print(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
