"""Every finding (the readers' and the audit's, with the year before where the folder has it) over report folders,
one JSON line each, sorted: run it before and after a change to the audit or the readers, and compare.

    python scripts/findings_snapshot.py before.jsonl data /work/shared/fixtures /work/shared/corpus
    python scripts/findings_snapshot.py after.jsonl  data /work/shared/fixtures /work/shared/corpus
    python scripts/findings_snapshot.py --compare before.jsonl after.jsonl

--compare says how many findings only one side has, by (file, rule, severity, indicators, values), and how many
keep the same finding with other words (rule by rule), showing one of each.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from disclosure.audit import audit_report  # noqa: E402
from disclosure.model import ReportError  # noqa: E402
from disclosure.parse import parse_file  # noqa: E402
from disclosure.store import report_files  # noqa: E402


def snapshot(folders: list[Path]) -> list[str]:
    lines, reports = [], {}
    for path in report_files(folders):
        try:
            reports[path] = parse_file(path)
        except ReportError as e:
            lines.append(json.dumps({"file": str(path), "refused": e.reason.code}, ensure_ascii=False))
    by_folder: dict[Path, dict] = {}
    for path, r in reports.items():
        by_folder.setdefault(path.parent, {})[(r.agency, r.year)] = r
    for path, r in reports.items():
        previous = by_folder[path.parent].get((r.agency, r.year - 1))
        for c in [*r.checks, *audit_report(r, previous)]:
            finding = {"file": str(path), "rule": c.rule, "severity": c.severity, "indicators": c.indicators, "values": c.values}
            lines.append(json.dumps(finding | {"zh": c.message, "en": c.message_en}, ensure_ascii=False, sort_keys=True, default=str))
    return sorted(lines)


def compare(before: Path, after: Path) -> None:
    def load(path: Path) -> list[dict]:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]

    def same_finding(d: dict) -> str:
        return json.dumps({k: v for k, v in d.items() if k not in ("zh", "en")}, sort_keys=True, ensure_ascii=False)

    b, a = load(before), load(after)
    only_before, only_after = (
        Counter(map(same_finding, b)) - Counter(map(same_finding, a)),
        Counter(map(same_finding, a)) - Counter(map(same_finding, b)),
    )
    print(f"{len(b)} findings before, {len(a)} after; {sum(only_before.values())} only before, {sum(only_after.values())} only after")
    for k in list(only_before)[:10]:
        print("  before only:", k[:240])
    for k in list(only_after)[:10]:
        print("  after only: ", k[:240])
    words = {(same_finding(d), d.get("zh"), d.get("en")) for d in a}
    reworded = Counter(d.get("rule") for d in b if "rule" in d and (same_finding(d), d.get("zh"), d.get("en")) not in words)
    print("same finding, other words:", dict(reworded) or "none")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--compare", action="store_true", help="compare two snapshots instead of writing one")
    ap.add_argument("out", type=Path)
    ap.add_argument("folders", type=Path, nargs="+")
    args = ap.parse_args()
    if args.compare:
        compare(args.out, args.folders[0])
        return
    lines = snapshot(args.folders)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} lines to {args.out}")


if __name__ == "__main__":
    main()
