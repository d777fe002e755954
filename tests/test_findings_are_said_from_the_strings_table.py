"""A finding carries the key of its words in catalog/strings.csv and their parameters, and is said from that table
in the language of the page that shows it: every key a finding is made with has its Chinese and its English, every
parameter its words name is given (by the code that makes it, and on every real report), and a stored finding reads
back the same."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from disclosure import catalog
from disclosure.audit import audit_report
from disclosure.model import Check, ReportError, stored_text
from disclosure.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
# the real reports of data/ (the sample's made-up ones are read by test_audit_finds_sample_defects), and the fixtures
REPORT_DIRS = [ROOT / "data" / "reports", ROOT / "tests" / "fixtures"]
SUFFIXES = {".txt", ".html", ".htm", ".md", ".docx", ".pdf"}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def findings_over_the_real_reports() -> list[tuple[str, Check]]:
    reports = []
    for folder in REPORT_DIRS:
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in SUFFIXES and path.is_file():
                try:
                    reports.append(parse_file(path))
                except ReportError:
                    continue
    by_year = {(r.agency, r.year): r for r in reports}
    out = []
    for r in reports:
        for c in [*r.checks, *audit_report(r, by_year.get((r.agency, r.year - 1)))]:
            out.append((r.source.name, c))
    return out


@pytest.fixture(scope="module")
def real_findings() -> list[tuple[str, Check]]:
    return findings_over_the_real_reports()


def test_every_finding_on_the_real_reports_is_said_from_strings_csv_with_every_parameter_given(real_findings):
    assert len({c.rule for _, c in real_findings}) >= 12, "the real reports should raise most rules"
    for name, c in real_findings:
        assert c.code in catalog.strings(), f"{name}: {c.rule} has no words in strings.csv: {c.message}"
        zh, en = catalog.strings()[c.code]
        missing = (placeholders(zh) | placeholders(en)) - set(c.params)
        assert not missing, f"{name}: {c.code} lacks {missing}"
        assert (c.message, c.message_en) == (c.text("zh"), c.text("en"))
        for lang in ("zh", "en"):
            assert "{" not in c.text(lang).replace(name, ""), f"{name}: a placeholder left in {c.text(lang)}"


def test_a_stored_finding_reads_back_in_either_language(real_findings):
    for _, c in real_findings[:200]:
        stored = json.loads(json.dumps(c.params, ensure_ascii=False, default=str))
        for lang in ("zh", "en"):
            assert stored_text(c.code, json.dumps(stored, ensure_ascii=False), lang, c.message, c.message_en) == c.text(lang)
    # a row whose key the table no longer has keeps its own words
    assert stored_text("no_such_key", "{}", "en", "中文", "English") == "English"
    assert stored_text(None, None, "zh", "中文", "English") == "中文"


def _words_calls():
    """Every words("key", name=…) call in the package with a literal key (and template_2019._warning, which passes them on)."""
    for path in sorted((ROOT / "disclosure").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in ("words", "_warning") and call.args:
                key = call.args[0]
                keys = (
                    [key.body, key.orelse] if isinstance(key, ast.IfExp) else [key]
                )  # words("a" if … else "b", …): both keys take the same parameters
                for k in keys:
                    if isinstance(k, ast.Constant) and isinstance(k.value, str):
                        yield f"{path.relative_to(ROOT)}:{call.lineno}", k.value, call


def test_every_words_call_gives_every_parameter_its_chinese_and_english_name():
    calls = list(_words_calls())
    assert len(calls) > 50
    for where, key, call in calls:
        assert key in catalog.strings(), f"{where}: no row {key} in strings.csv"
        if any(kw.arg is None for kw in call.keywords):
            continue  # **params: the real reports above check these
        given = {kw.arg for kw in call.keywords}
        zh, en = catalog.strings()[key]
        assert placeholders(zh) | placeholders(en) <= given, f"{where}: {key} needs {(placeholders(zh) | placeholders(en)) - given}"


def test_a_parameter_that_differs_by_language_is_said_in_the_page_language_and_a_missing_one_is_an_error():
    said = catalog.words("finding_table3_row_missing", name="草稿.md", row=catalog.label_of("requests.received"))
    received = catalog.get("requests.received")
    assert said.zh == f"草稿.md：表三缺少“{received.label('zh')}”一行"
    assert said.en == f"table 3 has no row '{received.label('en')}'"
    with pytest.raises(KeyError):
        catalog.say("finding_table3_row_missing", "zh", {"name": "草稿.md"})
    with pytest.raises(KeyError, match="no row"):
        catalog.words("finding_no_such_words")


def test_a_finding_copied_through_the_sandbox_keeps_its_words():
    from disclosure.sandbox import report_from_json, report_to_json

    report = parse_file(ROOT / "tests" / "fixtures" / "kaifeng-zhijian-2018.txt")
    report.checks += audit_report(report)
    back = report_from_json(json.loads(json.dumps(report_to_json(report), ensure_ascii=False)))
    assert [(c.code, c.params, c.text("en")) for c in back.checks] == [(c.code, c.params, c.text("en")) for c in report.checks]
    assert all(c.code for c in back.checks)
    # the parse contract (python -m disclosure parse --json) keeps each finding's code and parameters with its words
    for c, j in zip(report.checks, report.to_json()["checks"]):
        assert (j["code"], j["params"], j["message"], j.get("message_en")) == (c.code, c.params, c.text("zh"), c.text("en"))
