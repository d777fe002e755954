"""A table 三 label an archive wrapped over lines (`2.` / `申请人逾期未按收费通知要求缴` / `纳费用、行政机关不再处理其政府信` /
`息公开申请` / `0`): the reader prints its start as a label-only row and gives the figures to the last fragment;
the 2019/2021 mapper reads the fragment with the row before it, so the row keeps its place and its cells.
Checked against the hand-written key of the document (tests/keys/unseen/, written before the reader ran on it)."""

from __future__ import annotations

import json
from pathlib import Path

from disclosure.parse import parse_file

UNSEEN = Path(__file__).resolve().parent / "keys" / "unseen"


def test_the_wrapped_fee_row_of_table_three_is_read_with_its_cells():
    key = json.loads((UNSEEN / "tables" / "putian-ptstyj-2024.json").read_text(encoding="utf-8"))
    report = parse_file(UNSEEN / "docs" / key["input"])
    got = {f"{f.indicator}|{f.applicant}": f.value for f in report.facts if f.status != "from_text"}
    for row in ("requests.outcome.other.no_fee", "requests.outcome.other.no_correction"):
        keyed = {c: v for c, v in key["facts"].items() if c.startswith(row + "|")}
        assert len(keyed) == 7 and {c: got.get(c) for c in keyed} == keyed
    assert not [c for c in report.checks if c.rule == "unmapped_row" and "'请'" in c.message_en]
