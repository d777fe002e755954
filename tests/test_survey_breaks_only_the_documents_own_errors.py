"""The survey (issue 23 §1) is the measure for documents without a key: every table identity of
catalog/identities.csv over every real report in data/reports/. A broken identity is either the
document's own error, listed with its printed figures in tests/corpus/document_errors.csv (each
checked by hand against the document), or a reading bug. The list stays honest both ways: no broken
identity is left off it, and every row on it still breaks with exactly the figures it lists."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure import survey
from disclosure.model import Fact, Report, Source

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "data" / "reports"
DOCUMENT_ERRORS = ROOT / "tests" / "corpus" / "document_errors.csv"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def surveyed() -> survey.Survey:
    return survey.survey_paths([REPORTS], DOCUMENT_ERRORS)


def test_every_real_report_is_surveyed(surveyed):
    names = sorted(f.name for f in surveyed.files)
    assert names == sorted(p.name for p in REPORTS.rglob("*.txt"))
    assert [f.name for f in surveyed.files if f.rejected] == []
    assert {f.template for f in surveyed.files} == {"2014", "2019", "2021", "local", "none"}


def test_no_broken_identity_is_left_off_the_list_of_document_errors(surveyed):
    unexplained = [(f.name, r.name, r.why) for f, r in surveyed.broken() if not r.document_error]
    assert unexplained == [], "a broken identity is either the document's own error (document_errors.csv) or a reading bug to fix"


def test_every_listed_document_error_still_breaks_with_its_printed_figures(surveyed):
    rows = list(csv.DictReader(DOCUMENT_ERRORS.open(encoding="utf-8")))
    assert rows, "the list of the documents' own errors"
    broken = {(f.name, r.name): survey.document_error_row(f, r)["figures"] for f, r in surveyed.broken()}
    for row in rows:
        assert row["why"].strip(), f"{row['file']} {row['identity']}: the one-line why is written by hand"
        assert (row["file"], row["identity"]) in broken, f"{row['file']} {row['identity']} no longer breaks: take it off the list"
        assert broken[(row["file"], row["identity"])] == row["figures"], f"{row['file']} {row['identity']}: the figures read changed"
    assert len(rows) == len({(r["file"], r["identity"]) for r in rows})


def test_a_misread_figure_shows_as_a_broken_identity_that_no_list_explains(tmp_path):
    """The measure catches a reading error: the founding report with its 当面申请数 read as 7 instead
    of 1 (as a reader bug would) breaks 收到申请数 = Σ channels, and nothing lists it."""
    text = (REPORTS / "kaifeng-zhijian-2018.txt").read_text(encoding="utf-8")
    assert "1.当面申请数 |\n件 |\n1 |\n" in text
    path = tmp_path / "kaifeng-zhijian-2018.txt"
    path.write_text(text.replace("1.当面申请数 |\n件 |\n1 |\n", "1.当面申请数 |\n件 |\n7 |\n"), encoding="utf-8")
    result = survey.survey_paths([path], DOCUMENT_ERRORS)
    ((f, r),) = result.broken()
    assert (r.name, r.why, r.document_error) == ("received_by_channel_2014[total]", "1 vs 7", "")
    assert r.figures["requests.received|total"] == "1" and r.figures["requests.received.in_person|total"] == "7"
    original = survey.survey_paths([REPORTS / "kaifeng-zhijian-2018.txt"]).files[0]
    assert original.identity_summary()["received_by_channel_2014"] == survey.HOLDS


def _local_report(received: str, parts: dict[str, str | None]) -> Report:
    facts = [Fact("requests.received", "total", int(received), received, "reported")]
    for indicator, raw in parts.items():
        if raw is None:
            facts.append(Fact(indicator, "total", None, "", "blank"))
        else:
            facts.append(Fact(indicator, "total", int(raw), raw, "reported"))
    return Report("某局", 2015, "local", Source("x.txt", "txt", ""), facts)


@pytest.mark.parametrize(
    "received, parts, status",
    [
        ("10", {"requests.received.in_person": "6", "requests.received.online": "4"}, survey.HOLDS),
        ("10", {"requests.received.in_person": "6", "requests.received.online": "3"}, survey.BROKEN),
        # blank is not zero: a part printed empty leaves the sum unknown
        ("10", {"requests.received.in_person": "6", "requests.received.online": None}, survey.NOT_CHECKABLE),
        # a row the form does not print is no part of the sum (local forms differ)
        ("6", {"requests.received.in_person": "6"}, survey.HOLDS),
    ],
)
def test_an_identity_holds_breaks_or_cannot_be_checked(received, parts, status):
    (result,) = [r for r in survey.evaluate_identities(_local_report(received, parts)) if r.identity == "received_by_channel"]
    assert result.status == status
    if status == survey.NOT_CHECKABLE:
        assert "requests.received.online|total blank" in result.why


def test_identities_are_judged_by_the_one_shared_evaluator(monkeypatch):
    """Swapping `identity_holds` (where the unified evaluator will go) changes every verdict."""
    report = _local_report("10", {"requests.received.in_person": "6", "requests.received.online": "4"})
    monkeypatch.setattr(survey, "identity_holds", lambda rule, left, right: False)
    assert [r.status for r in survey.evaluate_identities(report)] == [survey.BROKEN]


def test_the_command_prints_the_survey_as_json_and_as_tables():
    files = [REPORTS / "kaifeng-zhijian-2018.txt", FIXTURES / "hongze-2024.pdf", FIXTURES / "blank-2021-template.docx"]
    run = [sys.executable, "-m", "disclosure", "survey", *map(str, files)]
    out = subprocess.run([*run, "--json"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    by_name = {f["name"]: f for f in data["files"]}
    kaifeng, hongze, blank = by_name["kaifeng-zhijian-2018.txt"], by_name["hongze-2024.pdf"], by_name["blank-2021-template.docx"]
    assert (kaifeng["form"], kaifeng["template"], kaifeng["agency"], kaifeng["year"]) == ("pipe_text", "2014", "开封市质量技术监督局", 2018)
    assert (hongze["form"], hongze["template"], hongze["year"]) == ("pdf", "2021", 2024)
    assert set(kaifeng["cells"]) == {"read", "blank", "unreadable", "left_out"} and kaifeng["cells"]["read"] == 61
    assert {r["identity"] for r in kaifeng["identities"]} == {n for n in survey.identity_names("2014")}
    assert {r["status"] for r in hongze["identities"]} == {"holds"}
    assert blank["rejected"] == "the statistics table has too few readable figures"
    assert {i["indicator"] for i in kaifeng["text_figures"]} >= {"text.channel.website"}
    totals = data["totals"]
    assert (totals["files"], totals["read"], totals["rejected"], totals["broken"]) == (3, 2, 1, 0)
    assert set(totals["by_form"]) == {"pipe_text", "pdf", "?"} and totals["by_form"]["pdf"]["holds"] == len(hongze["identities"])
    assert totals["by_identity"]["2014:received_by_channel_2014"] == {"holds": 1, "broken": 0, "not_checkable": 0, "instances_broken": 0}
    human = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert human.returncode == 0, human.stderr
    for words in (
        "kaifeng-zhijian-2018.txt",
        "pipe_text",
        "淮安市洪泽区人民政府",
        "rejected",
        "per identity",
        "3 files · 2 read · 1 rejected",
    ):
        assert words in human.stdout
