"""Benchmark: ingest N generated text reports (varied agency and year): reports per second and per CPU-second, peak
memory, and the re-ingest of the same folder with one file changed.

    python scripts/bench_ingest.py [N]

The reports are the founding report's form with the agency, the year and the figures varied, so
every one is a distinct agency-year. Timing covers parsing (in the sandbox's workers), the audit and the store
swap. CPU seconds and peak RSS count this process and its children (the parse workers).
"""

from __future__ import annotations

import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure.store import Store  # noqa: E402

SEED = ROOT / "data" / "reports" / "kaifeng-zhijian-2018.txt"


def variant(text: str, agency: str, year: int, rng: random.Random) -> str:
    text = text.replace("开封市质量技术监督局", agency).replace("2018", str(year))
    lines = text.splitlines()
    out = []
    for line in lines:
        m = re.fullmatch(r"(\d+) \|", line)
        out.append(f"{int(m.group(1)) + rng.randint(0, 5)} |" if m else line)
    return "\n".join(out) + "\n"


def main(n: int = 1000) -> None:
    rng = random.Random(7)
    seed = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i in range(n):
            agency = f"基准市第{i // 5 + 1}局"
            year = 2014 + i % 5
            (folder / f"bench-{i:04d}.txt").write_text(variant(seed, agency, year, rng), encoding="utf-8")
        db = Path(tmp) / "bench.duckdb"
        cpu_before = _cpu()
        start = time.perf_counter()
        summary = Store(db).ingest_paths([folder])
        elapsed = time.perf_counter() - start
        cpu = _cpu() - cpu_before
        print(summary.lines()[-1])
        print(f"{n} text reports in {elapsed:.2f} s = {n / elapsed:.0f} reports/s, {n / cpu:.0f} reports/CPU-s")
        print(f"peak RSS of the ingesting process: {_peak_mb():.0f} MB")
        print(f"store file: {db.stat().st_size / 1e6:.0f} MB")
        one = folder / "bench-0000.txt"
        one.write_text(one.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        start = time.perf_counter()
        again = Store(db).ingest_paths([folder])
        print(f"re-ingest with one changed file: {time.perf_counter() - start:.2f} s ({again.lines()[-1]})")


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
