"""Every one-line reason a file can be refused with has its Chinese wording in catalog/errors.csv, with the same
figures and names (the import page and the skipped-files list show it in the view's language)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from disclosure import sandbox
from disclosure.ui.i18n import error_text

PACKAGE = Path(__file__).resolve().parent.parent / "disclosure"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _instance(node: ast.expr) -> str | None:
    """The message a call writes, with every {…} placeholder given a sample value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "7" for part in node.values)
    return None  # a reason passed on (e.reason, a worker's reply): written elsewhere


def refusal_messages() -> list[tuple[str, str]]:
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("ReportError", "BudgetExceeded") and len(node.args) >= 2:
                message = _instance(node.args[-1])
                if message is not None:
                    found.append((path.name, message))
    return found


def test_the_code_refuses_files_for_dozens_of_reasons():
    assert len(refusal_messages()) >= 30


def test_every_refusal_reads_in_chinese_with_its_figures():
    untranslated = [(where, m) for where, m in refusal_messages() if not CJK.search(error_text(m, "zh").replace(m, ""))]
    assert not untranslated, untranslated
    for reason in [f() for f in sandbox.BUDGET_REASONS.values()]:
        assert CJK.search(error_text(reason, "zh")), reason
    assert error_text("file is 31.0 MB, over the 20 MB limit", "zh") == "文件大小 31.0 MB，超过 20 MB 上限"
    assert error_text("file is 31.0 MB, over the 20 MB limit", "en") == "file is 31.0 MB, over the 20 MB limit"


def test_store_and_import_refusals_read_in_chinese_too():
    for reason in ("the same file as the report already read for 三明市人民政府 2021", "unexpected failure reading the file (OSError)"):
        assert CJK.search(error_text(reason, "zh").replace("三明市人民政府", "")), reason
