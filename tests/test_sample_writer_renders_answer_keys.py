"""The report writer takes an answer key's facts (tests/fixtures/keys/*.json) as they are, and every
form it writes parses back to exactly those facts — the writer is the formats' fixture factory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_sample_round_trip import fact_differences, parsed_facts

from disclosure.parse import parse_bytes
from disclosure.sample.writer import FORMS, ReportFacts, render

KEYS = Path(__file__).resolve().parent / "fixtures" / "keys"


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("key", ["kaifeng-2018", "hongze-2024"])
def test_answer_key_rendered_in_every_form_parses_back_to_the_key(key, form):
    answer = json.loads((KEYS / f"{key}.json").read_text(encoding="utf-8"))
    report = parse_bytes(render(answer, form), f"{key}.{form}")
    assert (report.agency, report.year, report.template) == (answer["agency"], answer["year"], answer["template"])
    assert fact_differences(answer["facts"], parsed_facts(report)) == []


def test_a_2021_report_keeping_the_single_other_row_is_written_with_that_row():
    answer = json.loads((KEYS / "hongze-2024.json").read_text(encoding="utf-8"))
    rf = ReportFacts.from_mapping(answer)
    assert rf.single_other_row  # the key holds requests.outcome.other, not the three split rows
    text = render(rf, "txt").decode("utf-8")
    assert "（六）其他处理 |" in text and "3.其他 |" not in text
    split = {k: v for k, v in answer["facts"].items() if not k.startswith("requests.outcome.other|")}
    for row in ("no_correction", "no_fee", "misc"):
        for applicant in ("natural", "commercial", "research", "social", "legal", "other", "total"):
            split[f"requests.outcome.other.{row}|{applicant}"] = 0
    text = render({**answer, "facts": split}, "txt").decode("utf-8")
    assert "3.其他 |" in text
