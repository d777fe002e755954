"""The real 洪泽区 2024 report (PDF, 2021 format with the single （六） row and a misprinted label)
parses to exactly the facts of its answer key."""

import json
from pathlib import Path

import pytest

from disclosure.parse import parse_file

FIXTURES = Path(__file__).parent / "fixtures"
KEY = json.loads((FIXTURES / "keys" / "hongze-2024.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report():
    return parse_file(FIXTURES / "hongze-2024.pdf")


def test_hongze_report_identity_matches_key(report):
    assert report.agency == KEY["agency"]
    assert report.year == KEY["year"]
    assert report.template == KEY["template"]
    assert report.source.format == "pdf"


def test_hongze_facts_equal_the_186_of_the_key(report):
    got = {f.key(): f.value for f in report.facts}
    assert len(KEY["facts"]) == 186
    assert got == KEY["facts"]


def test_hongze_misprinted_other_law_label_still_maps(report):
    assert report.value("requests.outcome.denied.other_law", "natural") == 0
    assert report.value("requests.outcome.denied.security_stability", "natural") == 1


def test_hongze_has_no_unmapped_rows(report):
    assert [c.message for c in report.checks if c.rule == "unmapped_row"] == []


def test_hongze_keeps_single_other_row_as_2021(report):
    ids = {f.indicator for f in report.facts}
    assert "requests.outcome.other" in ids
    assert not any(i.startswith("requests.outcome.other.") for i in ids)
