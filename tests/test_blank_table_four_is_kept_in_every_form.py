"""Table 四 left empty is still table 四: its 15 cells come back as blanks (not zeros, not missing)."""

import pytest

from disclosure.parse import parse_bytes
from disclosure.sample.model import generate_reports
from disclosure.sample.writer import ReportFacts, render

TABLE_FOUR = ("review.", "litigation.direct.", "litigation.after_review.")


def _report_with_blank_table_four() -> ReportFacts:
    r = next(r for r in generate_reports(7) if r.template == "2021" and r.facts.get("requests.received|total"))
    facts = {k: (None if k.startswith(TABLE_FOUR) else v) for k, v in r.facts.items()}
    return ReportFacts(r.agency.name, r.year, r.template, facts)


@pytest.mark.parametrize("form", ["html", "docx", "md", "txt"])
def test_blank_table_four_gives_fifteen_blank_facts(form):
    rf = _report_with_blank_table_four()
    report = parse_bytes(render(rf, form), f"blank-four.{form}")
    four = [f for f in report.facts if f.indicator.startswith(TABLE_FOUR)]
    assert len(four) == 15
    assert all(f.value is None and f.status == "blank" for f in four)
