"""No broken import hides as a skip: a test module that cannot be imported fails ./test.sh (its flags and
pytest.ini, the quick tier included), a misspelt marker fails it, and no test turns an ImportError into a
skip (pytest.importorskip, or `except ImportError: pytest.skip(...)`)."""

from __future__ import annotations

import ast
import re
import shlex
import subprocess
import sys

import pytest
from conftest import ROOT

TESTS = ROOT / "tests"


def flags_of_test_sh() -> list[str]:
    """The flags ./test.sh gives pytest before the caller's own ("$@") and the tests folder."""
    exec_line = next(line for line in (ROOT / "test.sh").read_text(encoding="utf-8").splitlines() if line.startswith("exec "))
    flags = re.fullmatch(r'exec python3 -m pytest (.*) "\$@" tests', exec_line)
    assert flags, exec_line
    return shlex.split(flags.group(1))


def run_pytest(folder, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pytest.ini"), "--rootdir", str(folder), *flags_of_test_sh(), *args, str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_module_that_cannot_be_imported_or_a_misspelt_marker_fails_the_quick_tier(tmp_path):
    """Under -m "not slow" (the full run collects the same and deselects less): both are collection errors."""
    (tmp_path / "test_fine.py").write_text("def test_fine():\n    pass\n", encoding="utf-8")
    (tmp_path / "test_broken.py").write_text(
        "from disclosure import no_such_module\n\n\ndef test_never_runs():\n    pass\n", encoding="utf-8"
    )
    (tmp_path / "test_typo.py").write_text("import pytest\n\n\n@pytest.mark.slwo\ndef test_typo():\n    pass\n", encoding="utf-8")
    run = run_pytest(tmp_path, "-m", "not slow")
    out = run.stdout + run.stderr
    assert run.returncode == pytest.ExitCode.INTERRUPTED, out  # "errors during collection": nothing is run
    assert "ERROR collecting test_broken.py" in out and "ImportError" in out, out
    assert "ERROR collecting test_typo.py" in out and "'slwo' not found in `markers`" in out, out
    assert "2 errors" in out and "passed" not in out and "skipped" not in out, out


def _calls_skip(nodes) -> bool:
    return any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("skip", "importorskip")
        for node in nodes
        for n in ast.walk(node)
    )


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names = {n.id for n in ast.walk(handler.type) if isinstance(n, ast.Name)} if handler.type else {"BaseException"}
    return bool(names & {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def test_no_test_turns_an_import_error_into_a_skip():
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "importorskip":
                found.append(f"{path.name}:{node.lineno} importorskip")
            if isinstance(node, ast.ExceptHandler) and _catches_import_error(node) and _calls_skip(node.body):
                found.append(f"{path.name}:{node.lineno} an import error (or any exception) skipped")
    assert found == [], "a broken import must fail, not skip"
