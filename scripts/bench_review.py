"""The office's January on one machine: N Word drafts (made from the real 2019+ reports with answer keys, a quarter
clean and the rest with one planted error each — a total changed, part 五 removed, last year's text reused, a
carry-over break) reviewed as one folder, the way `python -m disclosure review DIR` does: every draft parsed in
the sandbox, compared with its agency's year before (found in the folder), audited, placed in its .docx; then the
Word file (the draft with its comments) written for each, and the batch table.

Usage: python scripts/bench_review.py [--drafts 40] [--budget 30]   (exits 1 when the review takes longer than the budget)
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure.review import drafts  # noqa: E402
from disclosure.review.batch import batch_table, review_paths  # noqa: E402
from disclosure.review.word import review_word  # noqa: E402

# agencies whose consecutive reports both have answer keys reading every cell: (last year, this year)
PAIRS = [
    ("putian-ptsjj-2023", "putian-ptsjj-2024"),
    ("putian-ptsjj-2024", "putian-ptsjj-2025"),
    ("putian-ptstjj-2024", "putian-ptstjj-2025"),
]
SINGLES = ["putian-ptkjj-2024", "putian-ptstjj-2022", "sanming-shi-2021", "sanming-shi-2025", "putian-ptwgj-2025", "sanming-shi-2019"]


def make_drafts(n: int, folder: Path) -> int:
    """n drafts, each under its own agency name so every one is a distinct agency-year; returns the planted count."""
    published = {stem: drafts.published(stem) for stem in {s for p in PAIRS for s in p} | set(SINGLES)}
    kinds = itertools.cycle(["clean", "total", "missing_part", "copied", "carryover"])
    made = planted = 0
    for i in itertools.count():
        if made >= n:
            break
        last_stem, this_stem = PAIRS[i % len(PAIRS)] if i % 3 else (None, SINGLES[i % len(SINGLES)])
        kind = next(kinds)
        this = published[this_stem]
        if last_stem is None and kind in ("copied", "carryover"):
            kind = "total"
        # a distinct agency per pair (digits written as characters: a title's agency name holds no digits)
        suffix = "（第" + "".join("〇一二三四五六七八九"[int(c)] for c in str(i + 1)) + "号）"

        def rename(d: drafts.Draft, suffix: str = suffix) -> drafts.Draft:
            return drafts.Draft(d.stem, drafts.replace(d.facts, agency=d.facts.agency + suffix))

        if last_stem is not None and made + 1 < n:
            last = rename(published[last_stem])
            (folder / f"{i:02d}-{last_stem}.docx").write_bytes(last.docx())
            made += 1
        draft = rename(this)
        if kind == "total":
            draft = drafts.plant_total(draft)
        elif kind == "missing_part":
            draft = drafts.plant_missing_part(draft)
        elif kind == "copied":
            draft = drafts.plant_copied_text(draft, rename(published[last_stem]))
        elif kind == "carryover":
            draft = drafts.plant_carryover(draft)
        planted += kind != "clean"
        (folder / f"{i:02d}-{this_stem}-{kind}.docx").write_bytes(draft.docx())
        made += 1
    return planted


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--drafts", type=int, default=40)
    ap.add_argument("--budget", type=float, default=30.0, help="seconds the review of all drafts may take")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        planted = make_drafts(args.drafts, folder)
        files = sorted(folder.glob("*.docx"))
        start, cpu = time.perf_counter(), time.process_time()
        reviewed = review_paths([folder])
        review_wall = time.perf_counter() - start
        for r in reviewed:
            review_word(r.data, r.draft, r.review)
        table = batch_table(reviewed)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    compared = sum(1 for r in reviewed if r.review is not None and r.review.previous_year)
    findings = sum(len(r.review.findings) for r in reviewed if r.review is not None)
    unread = [r.name for r in reviewed if r.review is None]
    print(
        f"{len(files)} drafts ({planted} with a planted error, {compared} compared with the year before): "
        f"reviewed in {review_wall:.1f} s, with every Word file and the batch table {wall:.1f} s "
        f"({len(files) / wall:.1f} drafts/s; {cpu:.1f} CPU-s in this process, the sandbox workers' parse apart); "
        f"{findings} findings, {len(table)} table rows, {len(unread)} unread"
    )
    if unread:
        print("unread:", ", ".join(unread))
    ok = wall <= args.budget and not unread
    print(f"{'pass' if ok else 'FAIL'}: {wall:.1f} s for {len(files)} drafts, budget {args.budget:.0f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
