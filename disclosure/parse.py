"""File → Report: size and form checks, decoding, the reader for the form, the template mapper."""
from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

from . import agencies, meta, settings
from .model import Check, Extracted, Report, ReportError, Source
from .readers.archive_text import is_archive_export
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
}
BINARY_FORMS = {"pdf", "docx"}
NO_TABLE = "none"  # the template of a report that has no statistics table


def parse_file(path: str | Path) -> Report:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ReportError(path.name, f"cannot read the file ({e.strerror})") from None
    if size > settings.MAX_FILE_BYTES:
        raise ReportError(path.name, f"file is {size / 1048576:.1f} MB, over the {settings.MAX_FILE_BYTES // 1048576} MB limit")
    return parse_bytes(path.read_bytes(), path.name)


def parse_bytes(data: bytes, name: str) -> Report:
    if len(data) > settings.MAX_FILE_BYTES:
        raise ReportError(name, f"file is {len(data) / 1048576:.1f} MB, over the {settings.MAX_FILE_BYTES // 1048576} MB limit")
    if not data.strip():
        raise ReportError(name, "the file is empty")
    form, content = sniff(data, name)
    extracted = read(form, content, name)
    report = map_report(extracted, name)
    report.source = Source(name=name, format=_public_format(form), sha256=hashlib.sha256(data).hexdigest())
    return report


def sniff(data: bytes, name: str) -> tuple[str, bytes | str]:
    """Decide the input form from the bytes (the suffix only breaks ties between text forms)."""
    if data.startswith(b"%PDF"):
        return "pdf", data
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or name.lower().endswith(".docx"):
            return "docx", data
        raise ReportError(name, "a ZIP archive that is not a Word (.docx) document")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReportError(name, "an old Word .doc or a password-protected Office file: save it as an unprotected .docx")
    text = decode_text(data, name)
    lower = text[:20000].lower()
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm") or "<table" in lower or "<html" in lower:
        return "html", text
    lines = [ln for ln in text.splitlines() if ln.strip()]
    # a bare '|' line is an empty cell of the one-cell-per-line text form, not a Markdown row
    if suffix == ".md" or sum(1 for ln in lines if ln.strip() != "|" and ln.lstrip().startswith("|") and ln.rstrip().endswith("|")) >= 5:
        return "md", text
    if sum(1 for ln in lines if "\t" in ln) >= 10:
        return "tsv", text
    if sum(1 for ln in lines if ln.rstrip().endswith("|")) >= 10:
        return "txt", text
    if is_archive_export(text):
        return "archive", text
    return "plain", text


def read(form: str, content, name: str) -> Extracted:
    module = importlib.import_module(f".readers.{READERS[form]}", __package__)
    try:
        return module.read(content)
    except ReportError as e:
        raise ReportError(name, e.reason) from None


def map_report(extracted: Extracted, name: str) -> Report:
    from .templates import detect_template, mapper_for

    template = detect_template(extracted)
    if template is None:
        if not meta.is_annual_report(extracted.text):
            raise ReportError(name, "no disclosure statistics table found (not an annual report, or its table cannot be read)")
        # A genuine report published without its statistics table: publishing it so is a finding.
        template, facts = NO_TABLE, []
        checks = [Check("no_statistics_table", "error", f"{name}: 年度报告未附政府信息公开情况统计表，报告中没有可读取的统计数字", [],
                        "the annual report has no disclosure statistics table: no figures can be read")]
    else:
        facts, checks = mapper_for(template).map_rows(extracted.rows, name, narrative=extracted.text)
        if sum(1 for f in facts if f.status in ("reported", "at_least")) < settings.MIN_FACTS:
            raise ReportError(name, "the statistics table has too few readable figures")
    printed, year, from_name = meta.read_metadata(extracted.text, name)
    if from_name:
        checks.append(Check("agency_from_file_name", "warning", f"{name}: 报告正文未写明机关名称，机关名称取自文件名“{printed}”", [],
                            f"the document names no agency; the agency '{printed}' is taken from the file name"))
    return Report(
        agency=agencies.canonical(printed),
        agency_printed=printed,
        year=year,
        template=template,
        source=Source(name, extracted.form, ""),
        facts=facts,
        checks=checks,
        narrative=extracted.text,
    )


def _public_format(form: str) -> str:
    return "txt" if form in ("plain", "txt", "archive") else form
