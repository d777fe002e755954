"""OCR of scanned reports: pages per second, and facts right against the document's own key, over scans
made from the real 洪泽区 2024 PDF (tests/ocr_material.py: resolution, turn, blur, JPEG, a phone's slant).

    nice python scripts/bench_ocr.py                      # the default sweep, through the sandbox worker
    nice python scripts/bench_ocr.py --scans 150 200-rot1.5-jpeg60 --json artifacts/ocr.json
    nice python scripts/bench_ocr.py --doc data/sample/shili-tjj-2014.pdf --scans 150   # a 2014-format table

A scan is named DPI[-rotDEG][-blurR][-jpegQ][-slantF]. Each is parsed once (OCR is slow; the machine is
shared): wall-clock and CPU seconds per page are both shown, since on a busy machine the wall clock
measures the neighbours as much as the reader. A fact is right when it equals the key; a wrong fact
is one stored with another value; a left-out fact must be named by an ocr_uncertain (or
incomplete_table) finding, and a wrong one without a finding is the failure this benchmark exists to
catch.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import ocr_material  # noqa: E402

from disclosure import sandbox  # noqa: E402
from disclosure.model import ReportError  # noqa: E402

DEFAULT_SCANS = [
    "100",
    "150",
    "200",
    "300",
    "150-rot1.5-jpeg60",
    "150-rot-1.5-blur0.8",
    "200-jpeg70-slant0.02",
]


def scan_of(name: str) -> ocr_material.Scan:
    m = re.fullmatch(r"(\d+)(?:-rot(-?[\d.]+))?(?:-blur([\d.]+))?(?:-jpeg(\d+))?(?:-slant([\d.]+))?", name)
    if not m:
        raise SystemExit(f"bad scan name {name!r}: DPI[-rotDEG][-blurR][-jpegQ][-slantF]")
    dpi, rot, blur, jpeg, slant = m.groups()
    return ocr_material.Scan(int(dpi), float(rot or 0), float(blur or 0), int(jpeg) if jpeg else None, float(slant or 0))


def children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def text_layer_key(pdf: Path) -> dict:
    """A document without a hand-written key: its own text layer, read by the PDF reader, is the key."""
    from disclosure.parse import parse_bytes

    report = parse_bytes(pdf.read_bytes(), pdf.name)
    facts = {f.key(): f.value for f in report.facts if f.status != "from_text"}
    return {"agency": report.agency, "year": report.year, "template": report.template, "facts": facts}


def run(name: str, key: dict, pdf: Path = ocr_material.HONGZE) -> dict:
    scan = scan_of(name)
    data = ocr_material.image_pdf(pdf, scan)
    pages = []
    start, cpu0 = time.perf_counter(), children_cpu()
    try:
        report = sandbox.parse_bytes(data, f"{pdf.stem}-{name}.pdf", progress=pages.append)
    except ReportError as e:
        return {"scan": name, "error": e.reason}
    finally:
        sandbox._POOL.close()  # the worker's CPU counts once it has exited
        sandbox._POOL = sandbox._Pool()
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu0
    got = {f"{f.indicator}|{f.applicant}": f.value for f in report.facts}
    named = set()
    for c in report.checks:
        if c.rule in ("ocr_uncertain", "incomplete_table"):
            named |= set(c.values) | {f"{i}|" for i in c.indicators}
    facts = key["facts"]
    right = [k for k, v in facts.items() if got.get(k) == v]
    wrong = [k for k, v in facts.items() if k in got and got[k] != v]
    left_out = [k for k in facts if k not in got]
    unnamed = [k for k in left_out if k not in named and f"{k.split('|')[0]}|" not in named]
    flagged = {i for c in report.checks if c.stage == "parse" or c.severity in ("error", "warning") for i in c.indicators}
    wrong_unflagged = [k for k in wrong if k.split("|")[0] not in flagged]
    return {
        "scan": name,
        "document": pdf.name,
        "pages": len(pages),
        "seconds_per_page": round(wall / max(1, len(pages)), 2),
        "cpu_seconds_per_page": round(cpu / max(1, len(pages)), 2),
        "pages_per_second": round(len(pages) / wall, 3),
        "facts": len(facts),
        "right": len(right),
        "right_share": round(len(right) / len(facts), 4),
        "wrong": wrong,
        "wrong_without_finding": wrong_unflagged,
        "left_out": left_out,
        "left_out_unnamed": unnamed,
        "metadata_right": [report.agency == key["agency"], report.year == key["year"], report.template == key["template"]],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scans", nargs="*", default=DEFAULT_SCANS)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--doc", type=Path, help="another text-layer PDF to scan (its text layer is the key); default: 洪泽区 2024")
    args = ap.parse_args()
    pdf = args.doc or ocr_material.HONGZE
    key = text_layer_key(pdf) if args.doc else json.loads(ocr_material.HONGZE_KEY.read_text(encoding="utf-8"))
    results = []
    print(f"{'scan':28} {'pages':>5} {'s/page':>7} {'cpu/page':>8} {'right':>9} {'wrong':>5} {'left out':>8}  metadata")
    for name in args.scans:
        r = run(name, key, pdf)
        results.append(r)
        if "error" in r:
            print(f"{name:28} error: {r['error']}")
            continue
        print(
            f"{name:28} {r['pages']:>5} {r['seconds_per_page']:>7} {r['cpu_seconds_per_page']:>8} "
            f"{r['right']:>4}/{r['facts']:<4} {len(r['wrong']):>5} {len(r['left_out']):>8}  "
            f"{'ok' if all(r['metadata_right']) else r['metadata_right']}"
            + (f"  WRONG WITHOUT FINDING: {r['wrong_without_finding']}" if r["wrong_without_finding"] else "")
            + (f"  UNNAMED: {r['left_out_unnamed']}" if r["left_out_unnamed"] else "")
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
