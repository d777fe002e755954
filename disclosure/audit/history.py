"""Rules across two years of one agency: carry-over chain and documents in force."""

from __future__ import annotations

from .. import catalog
from ..catalog import both, column_label, joined, words
from ..formats import format_value
from ..model import APPLICANTS, Check, Report
from .facts import FactView, same, value_key
from .rules import finding

_DOC_KINDS = ("rules", "normative")  # 规章 and 行政规范性文件 (their names: strings.csv finding_doc_kind_…)


def check_carryover(report: Report, previous: Report) -> list[Check]:
    """上年结转(t) = 结转下年度(t−1), per applicant column; only between 2019+ tables (2014 has neither)."""
    if not (catalog.template(report.template).by_applicant and catalog.template(previous.template).by_applicant):
        return []
    now, before = FactView(report), FactView(previous)
    broken = []
    for col in APPLICANTS:
        carried_over = now.value("requests.carried_over", col)
        carried_forward = before.value("requests.carried_forward", col)
        if carried_over is None or carried_forward is None or same(carried_over, carried_forward):
            continue
        broken.append((col, carried_over, carried_forward))
    if not broken:
        return []
    columns = joined(
        (
            words(
                "finding_carryover_column", column=both(column_label(c), column_label(c, "en")), now=format_value(o), before=format_value(f)
            ).both()
            for c, o, f in broken
        ),
        "clause",
    )
    values = {}
    for col, o, f in broken:
        values[value_key("requests.carried_over", col)] = o
        values[f"{previous.year}:" + value_key("requests.carried_forward", col)] = f
    return [
        finding(
            "carryover_break",
            words("finding_carryover_break", year=previous.year, columns=columns),
            ["requests.carried_over", "requests.carried_forward"],
            values,
        )
    ]


def check_in_force(report: Report, previous: Report) -> list[Check]:
    """2021+: 现行有效(t) = 现行有效(t−1) + 制发(t) − 废止(t), for 规章 and 行政规范性文件."""
    rows = [f"art20.{kind}.{c}" for kind in _DOC_KINDS for c in ("in_force", "issued", "repealed")]
    if not all(t in catalog.get(r).templates for t in (report.template, previous.template) for r in rows):
        return []  # the chain needs 制发, 废止 and 现行有效 in both years' tables
    now, before = FactView(report), FactView(previous)
    out = []
    for kind in _DOC_KINDS:
        in_force = now.value(f"art20.{kind}.in_force")
        prev_in_force = before.value(f"art20.{kind}.in_force")
        issued = now.value(f"art20.{kind}.issued")
        repealed = now.value(f"art20.{kind}.repealed")
        if None in (in_force, prev_in_force, issued, repealed):
            continue
        expected = prev_in_force + issued - repealed
        if same(in_force, expected):
            continue
        out.append(
            finding(
                "in_force_break",
                words(
                    "finding_in_force_break",
                    kind=words(f"finding_doc_kind_{kind}").both(),
                    in_force=format_value(in_force),
                    before=format_value(prev_in_force),
                    issued=format_value(issued),
                    repealed=format_value(repealed),
                    expected=format_value(expected),
                ),
                [f"art20.{kind}.in_force", f"art20.{kind}.issued", f"art20.{kind}.repealed"],
                {
                    f"art20.{kind}.in_force": in_force,
                    f"{previous.year}:art20.{kind}.in_force": prev_in_force,
                    f"art20.{kind}.issued": issued,
                    f"art20.{kind}.repealed": repealed,
                },
            )
        )
    return out
