"""How the reader does on documents whose answer keys were written by hand before it ever ran on them
(tests/keys/unseen/, issue 23): table facts right / wrong / missed, figures the key does not have, cells the key
says cannot be read but the reader filled — silently, or named by a finding of the report (a `collapsed_run`: one
figure read as an archive's run of equal cells, shown as not certain); narrative figures found and extra (by
scripts/narrative_key_scores.py). Figures a key lacks are the extras and the silent fills. Run it before and after
every reader change:

    python scripts/score_unseen_keys.py [--json] [--detail]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
KEYS = ROOT / "tests" / "keys" / "unseen"


def _close(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6


def score_tables(detail: bool = False) -> dict:
    from disclosure.model import ReportError
    from disclosure.parse import parse_file

    totals = Counter()
    cases = []
    for path in sorted((KEYS / "tables").glob("*.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        doc = KEYS / "docs" / key["input"]
        try:
            report = parse_file(doc)
        except ReportError as e:
            n = len(key["facts"])
            totals["facts"] += n
            totals["missed"] += n
            totals["rejected"] += 1
            cases.append({"case": key["case"], "rejected": e.reason, "facts": n})
            continue
        got = {f"{f.indicator}|{f.applicant}": f.value for f in report.facts if f.status != "from_text"}
        unreadable = {u if "|" in u else f"{u}|total" for u in (key.get("unreadable") or [])}
        right = wrong = missed = settled = 0
        by_text = set(key.get("settled_by_text") or [])  # cells only a sentence of the text settles (tests/keys/unseen/README.md)
        wrong_cells = {}
        for cell, value in key["facts"].items():
            if cell not in got or got[cell] is None:
                missed += 1
                settled += cell in by_text
            elif _close(got[cell], value):
                right += 1
            else:
                wrong += 1
                wrong_cells[cell] = (value, got[cell])
        extra = {c: v for c, v in got.items() if c not in key["facts"] and v is not None}
        guessed = {c: v for c, v in extra.items() if c in unreadable}
        named = {i for check in report.checks if check.rule == "collapsed_run" for i in check.indicators}
        flagged = {c: v for c, v in guessed.items() if c.split("|")[0] in named}
        guessed = {c: v for c, v in guessed.items() if c not in flagged}
        # the key names the agency as the title prints it; the store keeps the registry's canonical name beside it
        printed_as_keyed = key["agency"] in (report.agency, report.agency_printed)
        meta_ok = printed_as_keyed and (report.year, report.template) == (key["year"], key["template"])
        n = len(key["facts"])
        extra_n = len(extra) - len(guessed) - len(flagged)
        totals.update(
            facts=n, right=right, wrong=wrong, missed=missed, settled=settled, extra=extra_n, guessed=len(guessed), flagged=len(flagged)
        )
        totals["metadata_right"] += meta_ok
        case = {"case": key["case"], "template": key["template"], "facts": n, "right": right, "wrong": wrong, "missed": missed}
        case |= {"extra": extra_n, "guessed": len(guessed), "flagged": len(flagged), "metadata": meta_ok}
        if not meta_ok:
            case["metadata_read"] = [report.agency, report.year, report.template]
        if detail:
            case |= {"wrong_cells": wrong_cells, "extra_cells": extra, "flagged_cells": flagged}
        cases.append(case)
    totals["reports"] = len(cases)
    return {"totals": dict(totals), "cases": cases}


def score_text() -> dict:
    """The narrative keys, scored by the one scorer of narrative keys (scripts/narrative_key_scores.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from narrative_key_scores import score

    return score(KEYS / "text")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--detail", action="store_true")
    args = ap.parse_args()
    tables, text = score_tables(args.detail), score_text()
    if args.json:
        print(json.dumps({"tables": tables, "text": text}, ensure_ascii=False, indent=1, default=str))
        return
    t, x = tables["totals"], text
    print(
        f"tables: {t['reports']} reports, {t['facts']} key facts: {t.get('right', 0)} right ({100 * t.get('right', 0) / max(1, t['facts']):.1f} %), "
        f"{t.get('wrong', 0)} wrong, {t.get('missed', 0)} missed ({t.get('settled', 0)} of them cells the key settles only by the text), "
        f"{t.get('extra', 0)} figures no key has, "
        f"{t.get('guessed', 0)} cells the key calls unreadable filled silently, {t.get('flagged', 0)} filled and named by a "
        f"collapsed_run finding; metadata right {t.get('metadata_right', 0)}/{t['reports']}"
    )
    print(
        f"text: {x['keyed']} key figures: {x['matched']} found ({100 * x['matched'] / max(1, x['keyed']):.1f} %), "
        f"{x['found'] - x['matched']} extra (indicator, value, unit and lower bound agree)"
    )
    for c in tables["cases"]:
        if c.get("rejected") or c.get("wrong") or c.get("missed") or c.get("extra") or c.get("guessed") or not c.get("metadata", True):
            print("  table", json.dumps(c, ensure_ascii=False, default=str))
    print("\n".join(text["lines"]))


if __name__ == "__main__":
    main()
