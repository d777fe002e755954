"""Mutated real reports (the corpus in data/ and the fixtures, every form) fed to every reader under the sandbox
budgets: whatever the bytes, the answer is a report or one ReportError line — no other exception escapes and
no budget is exceeded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from disclosure import sandbox
from disclosure.model import Report, ReportError

SAMPLE = ROOT / "data" / "sample"


def corpus() -> dict[str, bytes]:
    """One real report per form, plus the fixtures (a real PDF, a real docx, the founding txt)."""
    picked: dict[str, Path] = {}
    for p in sorted(SAMPLE.iterdir()):
        if p.suffix in (".txt", ".html", ".md", ".tsv", ".pdf", ".docx") and p.suffix not in picked:
            picked[p.suffix] = p
    files = list(picked.values()) + [
        FIXTURES / "hongze-2024.pdf",
        FIXTURES / "blank-2021-template.docx",
        FIXTURES / "kaifeng-zhijian-2018.txt",
        ROOT / "data" / "reports" / "kaifeng-zhijian-2018.txt",
    ]
    return {p.name: p.read_bytes() for p in files}


CORPUS = corpus()
NAMES = sorted(CORPUS)


@st.composite
def mutated(draw):
    name = draw(st.sampled_from(NAMES))
    data = bytearray(CORPUS[name])
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "truncate", "digits", "span"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 4096))]
        elif kind == "duplicate":
            chunk = bytes(data[at : at + draw(st.integers(1, 20000))])
            data[at:at] = chunk * draw(st.integers(1, 5))
        elif kind == "truncate":
            del data[at:]
        elif kind == "digits":
            data[at:at] = b"9" * draw(st.integers(13, 600))
        elif kind == "span":
            data[at:at] = f'<td rowspan="{draw(st.integers(0, 70000))}" colspan="{draw(st.integers(0, 2000))}">9</td>'.encode()
    return name, bytes(data)


@hsettings(
    max_examples=int(__import__("os").environ.get("FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated())
def test_a_mutated_report_is_a_report_or_one_line(case):
    name, data = case
    try:
        report = sandbox.parse_bytes(data, name)
    except sandbox.BudgetExceeded as e:
        pytest.fail(f"budget exceeded on a mutation of {name} ({hashlib.sha256(data).hexdigest()[:12]}): {e}")
    except ReportError as e:
        message = str(e)
        assert message.startswith(name + ": ") and "\n" not in message
        assert "unexpected failure" not in message, message  # a reader's bug, caught by the worker
        return
    assert isinstance(report, Report) and report.source.name == name
    assert all(f.value is None or abs(f.value) < 10**13 for f in report.facts)


@pytest.mark.parametrize("name", [n for n in NAMES if not n.startswith("blank-")])  # the blank template has no figures
def test_the_unmutated_corpus_parses(name):
    assert sandbox.parse_bytes(CORPUS[name], name).facts
