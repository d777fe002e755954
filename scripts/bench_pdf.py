"""Parse throughput: PDFs/s on the real 洪泽区 2024 report, text reports/s on its text layer and
on the 2014 seed report. Usage: python scripts/bench_pdf.py [--seconds 5]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure.parse import parse_bytes  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def rate(data: bytes, name: str, seconds: float) -> tuple[float, float, int]:
    """(reports/s wall clock, reports per CPU-second, count), parsing the same bytes over and
    over for about `seconds`. CPU time is shown too: on a shared machine the wall clock
    measures the neighbours as much as the parser."""
    parse_bytes(data, name)  # warm-up: imports, font tables, caches
    count = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    while True:
        report = parse_bytes(data, name)
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds and count >= 3:
            break
    cpu = time.process_time() - cpu_start
    assert report.facts, "the benchmark report parsed to no facts"
    return count / elapsed, count / cpu, count


def hongze_text_layer() -> bytes:
    import pdfplumber

    with pdfplumber.open(FIXTURES / "hongze-2024.pdf") as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0, help="time spent per measurement")
    args = parser.parse_args()
    pdf = (FIXTURES / "hongze-2024.pdf").read_bytes()
    pdf_rate, pdf_cpu, pdf_n = rate(pdf, "hongze-2024.pdf", args.seconds)
    print(f"PDF  hongze-2024.pdf              {pdf_rate:7.1f} PDFs/s  ({pdf_cpu:.1f} per CPU-second, {pdf_n} parses)")
    text_rate, text_cpu, text_n = rate(hongze_text_layer(), "hongze-2024.txt", args.seconds)
    print(f"text hongze-2024 text layer       {text_rate:7.1f} text reports/s  ({text_cpu:.1f} per CPU-second, {text_n} parses)")
    seed = FIXTURES / "kaifeng-zhijian-2018.txt"
    if seed.exists():
        try:
            seed_rate, seed_cpu, seed_n = rate(seed.read_bytes(), seed.name, args.seconds)
            print(f"text {seed.name:28s} {seed_rate:7.1f} text reports/s  ({seed_cpu:.1f} per CPU-second, {seed_n} parses)")
        except Exception as e:  # the seed reader belongs to another module; report, do not hide
            print(f"text {seed.name}: not measured ({e})")


if __name__ == "__main__":
    main()
