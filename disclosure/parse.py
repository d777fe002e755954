"""File → Report: size and form checks, decoding, the reader for the form, the template mapper."""

from __future__ import annotations

import errno
import hashlib
import importlib
import os
import stat
from pathlib import Path

from . import agencies, catalog, report_metadata, settings
from .catalog import words
from .cell_text import normalize
from .coverage import read_coverage
from .model import Check, Extracted, Fact, Report, ReportError, Source
from .readers.archive_text import is_archive_export
from .readers.ocr_types import OcrExtracted
from .textcodec import decode_text

# form → module in disclosure.readers with `read(content) -> Extracted`
# (content is bytes for pdf/docx, str for the text forms)
READERS = {
    "txt": "pipe_text",
    "plain": "plain_text",
    "archive": "archive_text",
    "html": "html",
    "tsv": "tsv",
    "md": "markdown",
    "pdf": "pdf",
    "docx": "docx",
    "image": "ocr",  # a photo or scan of the pages (.png, .jpg, .tif): read by OCR
}
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def parse_file(path: str | Path) -> Report:
    path = Path(path)
    return parse_bytes(read_file(path), path.name)


def _too_big(name: str, size: int | None) -> ReportError:
    limit = settings.MAX_FILE_BYTES / 1e6
    if size is None:
        return ReportError(name, "refusal_file_over_limit", limit=f"{limit:.0f}")
    return ReportError(name, "refusal_file_size_over_limit", size=f"{size / 1e6:.1f}", limit=f"{limit:.0f}")


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_file(path: Path) -> bytes:
    """The bytes of a regular file, reading at most the limit: a FIFO, a device or a directory is refused
    without blocking, and a file that grows (or lies in stat) is cut off by the read, not trusted."""
    name = path.name or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        if e.errno == errno.EISDIR:
            raise ReportError(name, "refusal_a_directory") from None
        raise ReportError(name, "refusal_cannot_read", why=e.strerror) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            kind = next((k for test, k in _KINDS if test(st.st_mode)), "not a regular file")
            raise ReportError(name, "refusal_not_regular_file", kind=kind)
        if st.st_size > settings.MAX_FILE_BYTES:
            raise _too_big(name, st.st_size)
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= settings.MAX_FILE_BYTES:
            chunk = os.read(fd, min(1 << 20, settings.MAX_FILE_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > settings.MAX_FILE_BYTES:
            raise _too_big(name, None)
        return b"".join(chunks)
    except OSError as e:
        raise ReportError(name, "refusal_cannot_read", why=e.strerror) from None
    finally:
        os.close(fd)


def parse_bytes(data: bytes, name: str) -> Report:
    if len(data) > settings.MAX_FILE_BYTES:
        raise _too_big(name, len(data))
    if not data.strip():
        raise ReportError(name, "refusal_empty")
    form, content = sniff(data, name)
    if isinstance(content, str) and form != "html":
        content = report_metadata.strip_chrome(content)  # the page around the report: never a row, a title or a year
    extracted = read(form, content, name)
    if not isinstance(content, str) or form == "html":
        extracted.text = report_metadata.strip_chrome(extracted.text)
    several = report_metadata.report_years(extracted.text)
    if len(several) > 1:
        raise ReportError(name, "refusal_several_reports", n=len(several), years=", ".join(map(str, several)))
    if isinstance(extracted, OcrExtracted):  # a scan: unsure figures settled by the arithmetic or left out
        from .ocr_figures import map_report as map_scanned

        report = map_scanned(extracted, name)
    else:
        report = map_report(extracted, name)
    copies = _table_copies(extracted.rows)
    if copies > 1:
        from .audit.rules import finding

        report.checks.append(
            finding(
                "duplicate_table",
                words("finding_duplicate_table", name=name, copies=copies),
            )
        )
    report.source = Source(name=name, format=_public_format(form), sha256=hashlib.sha256(data).hexdigest())
    return report


def _table_copies(rows) -> int:
    """How often the table's first ten labelled rows recur, in order and with the same cells."""
    labelled = [(normalize(r.label), r.cells) for r in rows if r.label]
    if len(labelled) < 20:
        return 1
    head = labelled[:10]
    copies = 1
    i = 10
    while i + 10 <= len(labelled):
        if labelled[i : i + 10] == head:
            copies += 1
            i += 10
        else:
            i += 1
    return copies


def sniff(data: bytes, name: str) -> tuple[str, bytes | str]:
    """Decide the input form from the bytes (the suffix only breaks ties between text forms)."""
    if data.startswith(b"%PDF"):
        return "pdf", data
    if data.startswith(IMAGE_MAGIC):
        return "image", data
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or name.lower().endswith(".docx"):
            return "docx", data
        raise ReportError(name, "refusal_zip_not_docx")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportError(name, "refusal_old_doc")
    text = decode_text(data, name)
    lower = text[:20000].lower()
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm") or "<table" in lower or "<html" in lower:
        return "html", text
    # the line counts only where the text holds the character at all (most texts have no '|', no tab)
    pipes, tabs = "|" in text, "\t" in text
    lines = [ln for ln in text.splitlines() if ln.strip()] if pipes or tabs else []
    # a bare '|' line is an empty cell of the one-cell-per-line text form, not a Markdown row
    if suffix == ".md" or sum(1 for ln in lines if ln.strip() != "|" and ln.lstrip().startswith("|") and ln.rstrip().endswith("|")) >= 5:
        return "md", text
    if tabs and sum(1 for ln in lines if "\t" in ln) >= 10:
        return "tsv", text
    if pipes and sum(1 for ln in lines if ln.rstrip().endswith("|")) >= 10:
        return "txt", text
    if is_archive_export(text):
        return "archive", text
    return "plain", text


def read(form: str, content, name: str) -> Extracted:
    module = importlib.import_module(f".readers.{READERS[form]}", __package__)
    try:
        return module.read(content)
    except ReportError as e:
        raise e.moved(name) from None


def map_report(extracted: Extracted, name: str) -> Report:
    from .templates import detect_template, mapper_for

    template = detect_template(extracted)
    if template is None:
        if not report_metadata.is_annual_report(extracted.text):
            raise ReportError(name, "refusal_no_table")
        # A genuine report published without its statistics table: publishing it so is a finding.
        template, facts = catalog.no_table_template(), []
        checks = [Check.said("no_statistics_table", "error", words("finding_no_statistics_table", name=name))]
    else:
        facts, checks = mapper_for(template).map_rows(extracted.rows, name, narrative=extracted.text)
        read = sum(1 for f in facts if f.status in ("reported", "at_least"))
        if read < settings.MIN_FACTS:
            # a real report whose agency printed a few rows of the form (平潭 bureaus 2011–2018: 7 rows) keeps them
            if read < settings.MIN_FACTS_IN_REPORT or not report_metadata.is_annual_report(extracted.text):
                raise ReportError(name, "refusal_too_few_figures")
            checks.append(Check.said("short_table", "warning", words("finding_short_table", name=name, n=read)))
    printed, year, from_name = report_metadata.read_metadata(extracted.text, name)
    covered = read_coverage(extracted.text)
    if from_name:
        checks.append(Check.said("agency_from_file_name", "warning", words("finding_agency_from_file_name", name=name, agency=printed)))
    return Report(
        agency=agencies.canonical(printed),
        agency_printed=printed,
        year=year,
        template=template,
        source=Source(name, extracted.form, ""),
        facts=facts,
        checks=checks,
        narrative=extracted.text,
        text_facts=text_facts(extracted.text, agencies.canonical(printed)),
        coverage=covered.coverage,
        coverage_evidence=covered.evidence,
    )


def _public_format(form: str) -> str:
    return "txt" if form in ("plain", "txt", "archive") else form


def text_facts(narrative: str, agency: str = "") -> list[Fact]:
    """The channel and outreach figures the narrative states (spec §6), as facts apart from the
    table's: status from_text, the unit as written, the sentence kept as evidence. One fact per
    indicator (the first statement); the audit compares every statement with the table."""
    from .narrative_figures import read_figures

    out: dict[str, Fact] = {}
    known = catalog.indicators()
    for fig in read_figures(narrative, agency):
        if fig.indicator in known and fig.indicator not in out:
            raw = f"{fig.value}{'余' if fig.at_least else ''}{fig.unit}"
            out[fig.indicator] = Fact(fig.indicator, "total", fig.value, raw, "from_text", fig.unit, fig.sentence)
    return list(out.values())
