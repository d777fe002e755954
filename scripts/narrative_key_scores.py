"""Recall and precision of the narrative-figure reader (spec §6) against hand-written keys.

    python scripts/narrative_key_scores.py [KEY_DIR …]   (default: tests/keys/text, blind/text, unseen/text, staged/text, staged2/text)

A key's document is looked up beside the key dir (`docs/`, as tests/keys/unseen/ keeps them), else in
data/reports/fujian/, else among the collected reports of data/reports/collected/*/ (tests/keys/staged/, staged2/). A figure is matched when indicator, value, unit and lower-bound flag agree (each keyed figure at most
once); `loose` also counts a figure whose indicator and value agree. Prints per key dir the totals and
every miss and extra, so a disagreement can be settled by reading the document.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from disclosure.narrative_figures import read_figures  # noqa: E402
from disclosure.parse import parse_file  # noqa: E402

CORPUS = ROOT / "data" / "reports" / "fujian"
STAGED = ROOT / "data" / "reports" / "collected"
KEY_SETS = (".", "blind", "unseen", "staged", "staged2")  # tests/keys/<set>/text


def score(key_dir: Path) -> dict:
    keyed = found = matched = loose = 0
    lines = []
    for path in sorted(key_dir.glob("*.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        want = Counter((f["indicator"], f["value"], f["unit"], f["at_least"]) for f in key["figures"])
        docs = key_dir.parent / "docs" / key["input"]  # keys kept with their documents (tests/keys/unseen/)
        source = docs if docs.exists() else CORPUS / key["input"]
        if not source.exists():
            source = next(STAGED.glob(f"*/{key['input']}"), source)
        report = parse_file(source)
        got = Counter((f.indicator, f.value, f.unit, f.at_least) for f in read_figures(report.narrative, report.agency))
        hit = want & got
        keyed, found, matched = keyed + sum(want.values()), found + sum(got.values()), matched + sum(hit.values())
        loose += sum((Counter(k[:2] for k in want.elements()) & Counter(k[:2] for k in got.elements())).values())
        for k in (want - got).elements():
            lines.append(f"  miss  {key['case']}: {k}")
        for k in (got - want).elements():
            lines.append(f"  extra {key['case']}: {k}")
    return {"dir": key_dir, "keyed": keyed, "found": found, "matched": matched, "loose": loose, "lines": lines}


def main(argv: list[str]) -> None:
    dirs = [Path(a) for a in argv] or [d for d in (ROOT / "tests/keys" / k / "text" for k in KEY_SETS) if d.is_dir()]
    for d in dirs:
        s = score(d)
        recall = s["matched"] / s["keyed"] if s["keyed"] else 1.0
        precision = s["matched"] / s["found"] if s["found"] else 1.0
        print(
            f"{d.relative_to(ROOT) if d.is_relative_to(ROOT) else d}: recall {s['matched']}/{s['keyed']} = {recall:.1%}, "
            f"precision {s['matched']}/{s['found']} = {precision:.1%} (indicator+value only: {s['loose']})"
        )
        print("\n".join(s["lines"]))


if __name__ == "__main__":
    main(sys.argv[1:])
