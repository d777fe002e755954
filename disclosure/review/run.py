"""One draft reviewed: read through the pipeline, compared with the agency's report for the year before.

The year before comes from a file the reviewer names (`--previous`), from the store (the named query
`review_previous_report`), or from the other drafts of a batch. Nothing is written anywhere: a review
is the findings, and the Word file built from them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from .. import pipeline
from ..audit.parts import older_form_contents
from ..model import Report
from .findings import review_findings
from .model import Review

PreviousLookup = Callable[[str, int], Report | None]  # (agency, year) → that report, or None


def store_lookup(store_path: str | Path) -> PreviousLookup:
    """The agency's current report for a year from a store, read-only, through the named query."""
    from ..store import Store, reports_from_rows

    store = Store(store_path)
    if store.version() is None:
        return lambda agency, year: None
    reader = store.reader()

    def lookup(agency: str, year: int) -> Report | None:
        frame = reader.query("review_previous_report", agency=agency, year=int(year))
        reports = reports_from_rows(frame) if not frame.empty else []
        return reports[0] if reports else None

    return lookup


def review_report(draft: Report, previous: Report | None = None, lookup: PreviousLookup | None = None) -> Review:
    """The review of a parsed draft: its parse checks, the audit with the year before, as findings at their places."""
    if previous is None and lookup is not None:
        previous = lookup(draft.agency, draft.year - 1)
    if previous is not None and (previous.year != draft.year - 1 or previous.source.sha256 == draft.source.sha256):
        previous = None  # only the year before carries over; the draft itself is not its own last year
    if previous is not None and previous.agency != draft.agency:
        previous = replace(previous, agency=draft.agency)  # named by the reviewer as this agency's
    parse_checks = [c for c in draft.checks if c.stage == "parse"]
    audited = pipeline.audit_reports([draft] + ([previous] if previous is not None else []))[draft.source.sha256]
    older = older_form_contents(draft)  # an older form's contents: notes for the reviewer, not audit findings
    findings = review_findings(draft, parse_checks + audited + older, previous)
    return Review(
        draft.agency,
        draft.year,
        draft.template,
        draft.source.name,
        draft.source.format,
        findings,
        previous.year if previous is not None else None,
        previous.source.name if previous is not None else "",
    )


def review_bytes(data: bytes, name: str, previous: Report | None = None, lookup: PreviousLookup | None = None) -> tuple[Report, Review]:
    """Parse a draft in the sandbox (pipeline.read_bytes; a ReportError names the file and the reason) and review it."""
    draft = pipeline.read_bytes(data, name)
    review = review_report(draft, previous, lookup)
    if draft.source.format == "docx":
        from .word import place_in_docx

        place_in_docx(review, data, draft)
    return draft, review


def review_file(path: str | Path, previous: Report | None = None, lookup: PreviousLookup | None = None) -> tuple[Report, Review]:
    from ..parse import read_file

    path = Path(path)
    return review_bytes(read_file(path), path.name, previous, lookup)


def read_previous(path: str | Path) -> Report:
    """A previous year's report named by the reviewer: parsed like any other (sandbox), not audited."""
    return pipeline.read_file(path)
