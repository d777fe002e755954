"""A batch for the office: many drafts reviewed into one table (agency, year, errors, warnings, the worst finding).

Each draft is compared with its agency's year before: from the store when one is named, else from another
file of the batch (an office often has last year's published reports beside this year's drafts). A file
that cannot be read is one row saying why; it never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import catalog, pipeline, settings
from ..agencies import name_in as agency_name
from ..catalog import t_in
from ..model import Report, ReportError
from ..model import reason_text as error_text
from ..parse import read_file
from .model import Review
from .run import PreviousLookup, review_report

SUFFIXES = {".txt", ".html", ".htm", ".pdf", ".docx", ".md", ".tsv"}


@dataclass
class Reviewed:
    """One file of a batch: its review (and the parsed draft and bytes, for the Word file), or why it could not be read."""

    name: str
    review: Review | None = None
    draft: Report | None = None
    data: bytes = b""
    error: str = ""


def draft_files(paths: Iterable[Path]) -> list[Path]:
    """Files as named, and the report files inside folders (sorted, not hidden)."""
    out = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
        else:
            out.append(path)
    return out


def review_many(
    items: list[tuple[str, bytes]], lookup: PreviousLookup | None = None, progress: Callable[[int, int, str], None] | None = None
) -> list[Reviewed]:
    """Parse every draft (sandbox) first, then review each against its year before (the store, else the batch)."""

    def read(item: tuple[str, bytes]) -> Reviewed:
        name, data = item
        try:
            return Reviewed(name, draft=pipeline.read_bytes(data, name), data=data)
        except ReportError as e:
            return Reviewed(name, error=e.reason)

    parsed: list[Reviewed] = []
    # the sandbox keeps SANDBOX_WORKERS worker processes: as many drafts are parsed at once (progress is
    # reported from this thread, in order, so a page's progress bar is drawn by its own script run)
    with ThreadPoolExecutor(max_workers=settings.SANDBOX_WORKERS) as pool:
        for i, done in enumerate(pool.map(read, items)):
            if progress:
                progress(i, len(items), done.name)
            parsed.append(done)
    by_agency_year = {(r.draft.agency, r.draft.year): r.draft for r in parsed if r.draft is not None}

    def previous(agency: str, year: int) -> Report | None:
        found = lookup(agency, year) if lookup is not None else None
        return found or by_agency_year.get((agency, year))

    for r in parsed:
        if r.draft is None:
            continue
        r.review = review_report(r.draft, lookup=previous)
        if r.draft.source.format == "docx":
            from .word import place_in_docx

            place_in_docx(r.review, r.data, r.draft)
    if progress:
        progress(len(items), len(items), "")
    return parsed


def review_paths(paths: Iterable[Path], lookup: PreviousLookup | None = None, progress=None) -> list[Reviewed]:
    """The drafts named (files, folders) reviewed in order; a file that cannot even be read is a row saying why."""
    files = draft_files(paths)
    readable: list[tuple[str, bytes]] = []
    unread: dict[int, Reviewed] = {}
    for i, path in enumerate(files):
        try:
            readable.append((path.name, read_file(path)))
        except ReportError as e:
            unread[i] = Reviewed(path.name, error=e.reason)
    done = iter(review_many(readable, lookup, progress))
    return [unread[i] if i in unread else next(done) for i in range(len(files))]


def batch_table(reviewed: list[Reviewed], lang: str = "zh") -> pd.DataFrame:
    """One row per file: file, agency, year, template, errors, warnings, the worst finding (or why it could not be read)."""
    rows = []
    for r in reviewed:
        if r.review is None:
            rows.append((r.name, "", None, "", None, None, t_in("review_batch_unread", lang, reason=error_text(r.error, lang))))
            continue
        rev = r.review
        worst = rev.worst()
        rows.append(
            (
                r.name,
                agency_name(rev.agency, lang),
                rev.year,
                catalog.template(rev.template).name(lang),
                rev.count("error"),
                rev.count("warning"),
                worst.text(lang) if worst is not None else t_in("review_no_findings", lang),
            )
        )
    columns = [
        t_in(k, lang)
        for k in (
            "review_col_file",
            "review_col_agency",
            "review_col_year",
            "review_col_template",
            "review_col_errors",
            "review_col_warnings",
            "review_col_worst",
        )
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for col in columns[2:3] + columns[4:6]:
        frame[col] = frame[col].astype("Int64")
    return frame
