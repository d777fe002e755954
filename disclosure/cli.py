"""`python -m disclosure parse|ingest|build|sample|survey|review`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from . import settings
from .model import ReportError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="政府信息公开工作年度报告 → facts → DuckDB store")

# A file name that starts with '-' is a file, not an option (so is anything after '--').
FILES_ARE_NOT_OPTIONS = {"ignore_unknown_options": True}


@app.command(context_settings=FILES_ARE_NOT_OPTIONS)
def parse(file: Path, as_json: bool = typer.Option(False, "--json", help="print the parse contract JSON")):
    """Parse one report and print its facts (and checks)."""
    from .model import safe_name
    from .pipeline import audited_file

    try:
        report = audited_file(file)
    except ReportError as e:
        typer.echo(f"error: {safe_name(e)}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return
    typer.echo(f"{safe_name(report.agency)} · {report.year} · template {report.template} · {len(report.facts)} facts")
    for f in report.facts:
        typer.echo(f"  {f.indicator:<45} {f.applicant:<10} {'' if f.value is None else f.value!s:>10}  [{f.status}]")
    for c in report.checks:
        typer.echo(f"  ! {c.severity:<7} {c.rule}: {safe_name(c.message)}")


@app.command(context_settings=FILES_ARE_NOT_OPTIONS)
def ingest(
    paths: list[Path],
    db: Path = typer.Option(settings.DEFAULT_DB, "--db", help="the DuckDB store to build or update"),
    sample: bool = typer.Option(False, "--sample", help="flag these reports as sample data (示例数据)"),
):
    """Add reports (files or folders) to the store: a new database file, then an atomic swap."""
    from .store import Store, StoreBusy

    try:
        summary = Store(db).ingest_paths(paths, sample=sample, progress=sys.stderr.isatty())
    except StoreBusy as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(3) from None
    for line in summary.lines():
        typer.echo(line)
    if summary.rejected and not (summary.added or summary.replaced or summary.unchanged):
        raise typer.Exit(1)


@app.command()
def build(db: Path = typer.Option(settings.DEFAULT_DB, "--db", help="the store to build from data/")):
    """Build the app's store from data/reports and data/sample (示例数据), or bring it up to date; the start-up step."""
    from .store import Store, StoreBusy

    try:
        summary = Store(db).refresh_from_data()
    except StoreBusy as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(3) from None
    if summary is None:
        typer.echo(f"{db.name}: up to date with data/")
        return
    for line in summary.lines():
        typer.echo(line)


@app.command(context_settings=FILES_ARE_NOT_OPTIONS)
def survey(
    paths: list[Path],
    as_json: bool = typer.Option(False, "--json", help="print the survey as JSON"),
    document_errors: Path = typer.Option(
        None, "--document-errors", help="a CSV of broken identities that are the documents' own errors (file, identity, figures, why)"
    ),
    detail: bool = typer.Option(False, "--detail", help="list every identity of every file"),
):
    """How every file under PATHS reads: reader, template, agency, year, cells, table identities, findings, text figures."""
    from .survey import render, survey_paths

    result = survey_paths(paths, document_errors)
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return
    render(result, detail=detail)


@app.command("sample")
def sample_cmd(out: Path = typer.Option(..., "--out"), seed: int = typer.Option(2024, "--seed")):
    """Write the sample set (示例数据): reports in every form and a manifest of deliberate defects."""
    from .sample import generate_sample_set

    summary = generate_sample_set(out, seed)
    typer.echo(summary)


@app.command(context_settings=FILES_ARE_NOT_OPTIONS)
def review(
    draft: Path,
    previous: Path = typer.Option(None, "--previous", help="last year's report of the same agency (a file)"),
    db: Path = typer.Option(None, "--db", help="a store to find the agency's report for the year before in"),
    as_json: bool = typer.Option(False, "--json", help="print the review as JSON"),
    docx_out: Path = typer.Option(None, "--docx", help="write the Word file: the draft with comments, or a review document"),
    out: Path = typer.Option(None, "--out", help="a folder's review table: .csv or .xlsx (default: CSV on stdout)"),
    lang: str = typer.Option("zh", "--lang", help="zh or en: the language of the Word file and the table"),
):
    """Review a draft before it is published (one file), or every draft in a folder (one table)."""
    from .model import safe_name
    from .review import batch, read_previous, review_file, store_lookup
    from .review.word import review_word

    if previous is not None and db is not None:
        typer.echo("error: give --previous or --db, not both", err=True)
        raise typer.Exit(2)
    lang = "en" if lang == "en" else "zh"
    lookup = store_lookup(db) if db is not None else None
    if draft.is_dir():
        if previous is not None or docx_out is not None:
            typer.echo(
                "error: --previous and --docx are for one draft; a folder is compared with the store (--db) or with itself", err=True
            )
            raise typer.Exit(2)
        reviewed = batch.review_paths([draft], lookup)
        if as_json:
            typer.echo(
                json.dumps(
                    [r.review.to_json() if r.review else {"file": r.name, "error": r.error} for r in reviewed], ensure_ascii=False, indent=1
                )
            )
            return
        from .spreadsheets import to_csv, to_xlsx

        table = batch.batch_table(reviewed, lang)
        if out is None:
            sys.stdout.buffer.write(to_csv(table))
        else:
            out.write_bytes(to_xlsx(table, "review") if out.suffix.lower() == ".xlsx" else to_csv(table))
            typer.echo(f"{safe_name(out.name)}: {len(reviewed)} drafts")
        return
    from .model import ReportError

    try:
        last_year = read_previous(previous) if previous is not None else None
        report, result = review_file(draft, last_year, lookup)
    except ReportError as e:
        typer.echo(f"error: {safe_name(e)}", err=True)
        raise typer.Exit(2) from None
    if docx_out is not None:
        from .parse import read_file

        docx_out.write_bytes(review_word(read_file(draft), report, result, lang))
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
        return
    compared = f" · compared with {result.previous_year}" if result.previous_year else " · no report for the year before"
    typer.echo(
        f"{safe_name(result.agency)} · {result.year} · template {result.template}{compared} · "
        f"{result.count('error')} errors, {result.count('warning')} warnings, {result.count('info')} info"
    )
    for f in result.findings:
        text = f.text(lang)
        fix = f" → {f.fix_text(lang)}" if f.fix_text(lang) else ""
        where = f.where.full(lang)
        typer.echo(f"  ! {f.severity:<7} {f.rule}: [{safe_name(where)}] {safe_name(text)}{safe_name(fix)}")
    if docx_out is not None:
        typer.echo(f"wrote {safe_name(docx_out.name)}")
