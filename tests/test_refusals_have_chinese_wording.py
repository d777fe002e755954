"""Every one-line reason a file can be refused with is a row of catalog/strings.csv (refusal_…) in both languages, raised
with its key and parameters: the CLI prints the English, the import page and the skipped-files list the view's
language, with the same figures and names — no English sentence is translated after the fact."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from disclosure import catalog, sandbox
from disclosure.model import Refusal, ReportError
from disclosure.parse import parse_bytes
from disclosure.ui.i18n import error_text

PACKAGE = Path(__file__).resolve().parent.parent / "disclosure"
CJK = re.compile(r"[\u4e00-\u9fff]")


def refusal_calls() -> list[tuple[str, int, ast.expr]]:
    """(file, line, the reason argument) of every ReportError / Refusal the package constructs."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("ReportError", "Refusal"):
                reason = node.args[1] if getattr(node.func, "id", "") == "ReportError" and len(node.args) > 1 else node.args[0]
                found.append((path.relative_to(PACKAGE).as_posix(), node.lineno, reason))
    return found


def test_the_code_refuses_files_for_dozens_of_reasons_each_by_its_key():
    calls = refusal_calls()
    keyed = [c for c in calls if isinstance(c[2], ast.Constant)]
    assert len(keyed) >= 30
    for where, line, reason in keyed:
        assert reason.value.startswith("refusal_") and reason.value in catalog.strings(), f"{where}:{line}: {reason.value!r}"
    # the rest pass on a refusal made elsewhere (a worker's reply, a reader's error named by its file)
    passed_on = [f"{w}:{n}: {ast.unparse(r)}" for w, n, r in calls if not isinstance(r, ast.Constant)]
    assert all("reply" in p or "reason" in p for p in passed_on), passed_on


def test_every_refusal_has_its_chinese_with_the_same_placeholders():
    for key, (zh, en) in catalog.strings().items():
        if key.startswith("refusal_"):
            assert CJK.search(zh), key
            assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key


def test_a_refusal_reads_in_either_language_with_its_figures():
    reason = Refusal("refusal_file_size_over_limit", size="31.0", limit=20)
    assert str(reason) == "file is 31.0 MB, over the 20 MB limit" == error_text(reason, "en")
    assert error_text(reason, "zh") == "文件大小 31.0 MB，超过 20 MB 上限"
    assert Refusal.from_json(reason.to_json()).text("zh") == reason.text("zh")


@pytest.mark.parametrize("budget", list(sandbox.BUDGET_REASONS))
def test_a_budget_refusal_names_its_setting_in_both_languages(budget):
    e = sandbox.BudgetExceeded("big.pdf", budget)
    assert re.search(r"SANDBOX_\w+", str(e.reason)) and CJK.search(e.reason.text("zh"))
    assert str(e) == f"big.pdf: {e.reason}"


def test_a_reader_refusal_keeps_its_words_when_named_by_its_file():
    with pytest.raises(ReportError) as raised:
        parse_bytes(b"", "empty.txt")
    assert raised.value.source == "empty.txt" and raised.value.reason.code == "refusal_empty"
    assert raised.value.reason.text("zh") == "文件是空的" and str(raised.value) == "empty.txt: the file is empty"


def test_an_unknown_key_is_an_error_in_the_code_not_a_silent_english_line():
    with pytest.raises(KeyError):
        ReportError("x.txt", "refusal_no_such_reason")
