"""Parse throughput on the real corpus: every report of data/reports/fujian (archive text exports of
73 福建 reports, local / 2019 / 2021 forms), parsed from bytes. After a warm-up on the founding
report (one-time setup), the first round runs with cold label and cell caches (each file is new to
the parser); later rounds repeat the same files.
Usage: python scripts/bench_corpus.py [--rounds 3]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure.parse import parse_bytes  # noqa: E402

CORPUS = ROOT / "data" / "reports" / "fujian"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    files = [(p.name, p.read_bytes()) for p in sorted(CORPUS.glob("*.txt"))]
    # one-time setup (catalog files, compiled patterns) paid on a report outside the corpus, as a
    # running server or a long ingest pays it once
    seed = ROOT / "tests" / "fixtures" / "kaifeng-zhijian-2018.txt"
    parse_bytes(seed.read_bytes(), seed.name)
    for n in range(args.rounds):
        start, cpu = time.perf_counter(), time.process_time()
        facts = sum(len(parse_bytes(data, name).facts) for name, data in files)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
        label = "cold caches" if n == 0 else "warm caches"
        print(
            f"round {n + 1} ({label}): {len(files)} reports, {facts} facts in {wall:.2f} s — "
            f"{len(files) / wall:.0f} reports/s wall, {len(files) / cpu:.0f} reports per CPU-second"
        )


if __name__ == "__main__":
    main()
