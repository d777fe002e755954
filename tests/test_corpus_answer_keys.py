"""The parser against answer keys written by hand from corpus documents (tests/keys/corpus/*.json):
every keyed fact comes out with its value, nothing the key leaves out comes out with a value, cells
the key calls unreadable are not guessed, and lower bounds keep their status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosure.parse import parse_file

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "data" / "reports" / "fujian"
KEYS = sorted((HERE / "keys" / "corpus").glob("*.json"))


def test_keys_cover_every_form_of_the_corpus():
    keys = [json.loads(p.read_text(encoding="utf-8")) for p in KEYS]
    assert len(keys) >= 15
    assert {k["template"] for k in keys} == {"local", "2019", "2021", "none"}
    glued = {"pingtan-xian-2012", "pingtan-shiyanqu-2015", "pingtan-shiyanqu-2021", "pingtan-shiyanqu-2024"}
    collapsed = {"putian-ptkjj-2016", "putian-ptsjj-2017", "putian-ptsjj-2023", "putian-ptstjj-2022"}
    one_per_line = {"sanming-shi-2019", "sanming-shi-2021", "sanming-shi-2017"}
    assert glued | collapsed | one_per_line <= {k["case"] for k in keys}


@pytest.mark.parametrize("path", KEYS, ids=lambda p: p.stem)
def test_parser_matches_the_hand_written_key(path):
    key = json.loads(path.read_text(encoding="utf-8"))
    report = parse_file(CORPUS / key["input"])
    assert (report.year, report.template) == (key["year"], key["template"])
    got = {f"{f.indicator}|{f.applicant}": f for f in report.facts if f.status != "from_text"}  # table facts only
    wrong = {
        k: (v, got[k].value if k in got else None) for k, v in key["facts"].items() if k not in got or got[k].value != pytest.approx(v)
    }
    assert not wrong, f"keyed facts read wrong or not at all: {wrong}"
    extra = sorted(k for k, f in got.items() if k not in key["facts"] and f.value is not None)
    assert not extra, f"figures the key does not have: {extra}"
    guessed = [k for k in key.get("unreadable", []) if k in got and got[k].value is not None]
    assert not guessed, f"cells the document does not determine were given a value: {guessed}"
    for k in key.get("at_least", []):
        assert got[k].status == "at_least"
