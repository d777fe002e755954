"""The one way a document becomes an audited report: bytes (or a file) and a name → parsed in the sandbox → audited.

Every caller goes through here: `python -m disclosure parse`, the import page and the store's build.
A report's audit spans its neighbours (cross-year rules compare a report with the same agency's year
before), so the store hands the pipeline every report of the agencies it touches (`audit_reports`);
a lone document (the CLI, an upload's preview) is audited on its own (`audited_bytes`, `audited_file`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from .audit import audit_report, completeness
from .model import Check, Report

log = logging.getLogger(__name__)


def read_bytes(data: bytes, name: str, progress=None) -> Report:
    """Parse in a sandbox worker (disclosure.sandbox): memory, CPU, time and output budgets, one process per parse.
    `progress(page)` is called as each page of a scan starts its OCR."""
    from .sandbox import parse_bytes

    return parse_bytes(data, name, progress)


def read_file(path: str | Path) -> Report:
    from .sandbox import parse_file

    return parse_file(path)


def audited_bytes(data: bytes, name: str, progress=None) -> Report:
    """An upload: parsed, then audited alone; `checks` holds the parse-stage findings followed by the audit's."""
    return _with_audit(read_bytes(data, name, progress))


def audited_file(path: str | Path) -> Report:
    return _with_audit(read_file(path))


def _with_audit(report: Report) -> Report:
    report.checks.extend(audit_reports([report])[report.source.sha256])
    return report


def audit_reports(reports: list[Report]) -> dict[str, list[Check]]:
    """The audit's findings for each report (by report id), each report checked against its agency's year before when present.

    A rule's bug on one odd report costs that report its findings (logged), never the others theirs.
    """
    by_agency_year = {(r.agency, r.year): r for r in reports}
    found: dict[str, list[Check]] = {}
    for report in reports:
        try:
            checks = audit_report(report, by_agency_year.get((report.agency, report.year - 1)))
        except Exception:
            log.exception("audit failed for %s", report.source.name)
            checks = []
        for check in checks:
            check.stage = "audit"
        found[report.source.sha256] = checks
    return found


def completeness_counts(report: Report) -> dict:
    """The report card's counts of the cells its template asks for (filled, blank, not applicable)."""
    return completeness(report)
