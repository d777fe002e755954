"""The survey of real documents: how well each file reads, judged by its own table arithmetic.

A document no one has keyed has one measure left: the identities its table prints
(`catalog/identities.csv`: 一 + 二 = 三（七）+ 四, 总计 = Σ applicant columns, 历年累计 ≥ 本年 …).
For every file the survey says which reader took it, the template, agency and year, how many cells
were read, printed blank, left unreadable (a finding names them) or left out (the template asks
for them and the table does not have them), every identity of the template as holding, broken as
printed, or not checkable, the parse findings and the figures read from the text; then totals per
form, template and identity. A broken identity is either the document's own error (listed, with
the printed figures, in a file of known document errors: `tests/corpus/document_errors.csv`) or a
reading bug to fix.

Files go through the pipeline like any other (parsed in the sandbox, then audited); identities are
judged by the evaluator the audit and cell_search use, called in one place (`identity_holds`).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import catalog
from .audit.facts import FactView
from .model import APPLICANTS, Report, ReportError

HOLDS, BROKEN, NOT_CHECKABLE = "holds", "broken", "not_checkable"
# findings that name cells the reader saw but could not read (their columns: the row's absent cells)
_UNREADABLE_RULES = ("incomplete_table", "unreadable_cell")
_READ = ("reported", "at_least")
_BLANK = ("blank", "na")


def identity_holds(rule: catalog.Identity, left: list, right: list) -> bool:
    """Whether a rule holds over the figures of its cells: the relation check the audit and cell_search use."""
    return rule.holds(left, right)


@dataclass
class IdentityResult:
    """One identity over one column (or row) of one table: `name` as `balance[total]`, `identity`
    its row of identities.csv; `figures` the cells' printed text (indicator|column → raw)."""

    identity: str
    name: str
    status: str
    figures: dict[str, str] = field(default_factory=dict)
    why: str = ""  # not checkable: which cell; broken: the sides' values
    document_error: str = ""  # broken and listed as the document's own error: the one-line why


@dataclass
class FileSurvey:
    path: str
    name: str
    form: str = ""  # the reader that took the file (disclosure.parse.READERS)
    template: str = ""
    agency: str = ""
    year: int | None = None
    rejected: str = ""  # the one-line reason the file was refused, if it was
    cells: dict[str, int] = field(default_factory=dict)  # read · blank · unreadable · left_out
    identities: list[IdentityResult] = field(default_factory=list)
    findings: dict[str, int] = field(default_factory=dict)  # parse findings by rule
    text_figures: list[dict] = field(default_factory=list)

    def identity_summary(self) -> dict[str, str]:
        """Each identity of the template → holds (every checkable instance holds), broken (any does
        not) or not_checkable (none can be checked)."""
        out: dict[str, str] = {rule: NOT_CHECKABLE for rule in identity_names(self.template)}
        for r in self.identities:
            if r.status == BROKEN or (r.status == HOLDS and out.get(r.identity) != BROKEN):
                out[r.identity] = r.status
        return out


@dataclass
class Survey:
    files: list[FileSurvey]

    def broken(self) -> list[tuple[FileSurvey, IdentityResult]]:
        return [(f, r) for f in self.files for r in f.identities if r.status == BROKEN]

    def totals(self) -> dict:
        return {
            "files": len(self.files),
            "read": sum(1 for f in self.files if not f.rejected),
            "rejected": sum(1 for f in self.files if f.rejected),
            "by_form": _grouped(self.files, lambda f: f.form or "?"),
            "by_template": _grouped(self.files, lambda f: f.template or "?"),
            "by_identity": _by_identity(self.files),
            "broken": len(self.broken()),
            "broken_document_errors": sum(1 for _, r in self.broken() if r.document_error),
        }

    def to_json(self) -> dict:
        return {"files": [asdict(f) for f in self.files], "totals": self.totals()}


def identity_names(template: str) -> list[str]:
    """The rows of identities.csv that apply to a template, in file order: the identities every correct table
    satisfies, not the audit's expectations (a heading row, the channels)."""
    return [r["name"] for r in catalog._identity_rows(template) if r["relation"] in catalog.IDENTITY_RELATIONS] if template else []


def survey_paths(paths: list[Path], document_errors: Path | None = None) -> Survey:
    """Every report file under `paths` (folders walked as ingest walks them), in path order."""
    from .store import report_files

    known = load_document_errors(document_errors) if document_errors else {}
    files = sorted(set(report_files(paths)), key=str)
    return Survey([survey_file(p, known) for p in files])


def survey_file(path: Path, known: dict | None = None) -> FileSurvey:
    from .parse import READERS, read_file, sniff
    from .pipeline import audited_bytes

    out = FileSurvey(path=str(path), name=path.name)
    try:
        data = read_file(path)
        report = audited_bytes(data, path.name)
        # the reader's name: the sandbox has read these bytes, so telling their form here is safe
        form, _ = sniff(data, path.name)
    except ReportError as e:
        out.rejected = e.reason
        return out
    out.form = READERS.get(form, form)
    if any(c.rule == "ocr_read" for c in report.checks):
        out.form = "ocr"  # a scanned PDF: its text was read by OCR, counted apart from text-layer PDFs
    out.template, out.agency, out.year = report.template, report.agency, report.year
    out.cells = cell_counts(report)
    out.identities = evaluate_identities(report, (known or {}).get(path.name, {}))
    out.findings = dict(Counter(c.rule for c in report.checks if c.stage == "parse"))
    out.text_figures = [{"indicator": f.indicator, "value": f.value, "unit": f.unit, "status": f.status} for f in report.text_facts]
    return out


def _unreadable_rows(report: Report) -> set[str]:
    return {i for c in report.checks if c.rule in _UNREADABLE_RULES for i in c.indicators}


def _columns_of(report: Report, indicator: str) -> tuple[str, ...]:
    """The value columns a row of this report's table has: the applicant columns on 2019/2021 rows
    that have them, else the one-value columns the table uses (本年度, and 历年累计 on local forms)."""
    ind = catalog.indicators().get(indicator)
    if catalog.template(report.template).by_applicant and ind is not None and ind.by_applicant:
        return APPLICANTS
    return tuple(sorted({f.applicant for f in report.facts if f.applicant not in APPLICANTS[:-1]})) or ("total",)


def cell_counts(report: Report) -> dict[str, int]:
    """read (a figure), blank (printed empty or ——), unreadable (a finding names the row and the
    reader has no figure for the cell), left_out (the template asks for it; the table lacks it)."""
    from .audit import expected_cells

    present = {(f.indicator, f.applicant) for f in report.facts}
    unreadable = {(row, col) for row in _unreadable_rows(report) for col in _columns_of(report, row) if (row, col) not in present}
    left_out = {cell for cell in expected_cells(report) if cell not in present and cell not in unreadable}
    return {
        "read": sum(1 for f in report.facts if f.status in _READ),
        "blank": sum(1 for f in report.facts if f.status in _BLANK),
        "unreadable": len(unreadable),
        "left_out": len(left_out),
    }


def evaluate_identities(report: Report, known: dict | None = None) -> list[IdentityResult]:
    """Every identity instance of the report's template that its table has cells for.

    An instance applies when the table has a cell on each side (a row the form does not print is
    no part of the sum). It is not checkable when a cell on the left, or any printed part, has no
    figure (blank, ——, a lower bound, unreadable): blank is not zero. Otherwise the shared evaluator
    says whether it holds."""
    if not catalog.template(report.template).has_table:
        return []
    view = FactView(report)
    unreadable = _unreadable_rows(report)
    rows = sorted({f.indicator for f in report.facts})
    out = []
    for rule in catalog.identities(report.template, rows):
        cells = (*rule.left, *rule.right)
        present_left = [c for c in rule.left if view.fact(*c) is not None or c[0] in unreadable]
        present_right = [c for c in rule.right if view.fact(*c) is not None or c[0] in unreadable]
        if not present_left or not present_right:
            continue  # the table has no such row or column: the identity is not about this table
        figures = {_cell_key(c): view.fact(*c).raw for c in cells if view.fact(*c) is not None}
        identity = rule.name.split("[")[0]
        missing = [c for c in rule.left if view.value(*c) is None] + [c for c in present_right if view.value(*c) is None]
        if missing:
            why = ", ".join(f"{_cell_key(c)} {_status(view, c, unreadable)}" for c in missing)
            out.append(IdentityResult(identity, rule.name, NOT_CHECKABLE, figures, why))
            continue
        left = [view.value(*c) for c in rule.left]
        right = [view.value(*c) for c in rule.right]
        if identity_holds(rule, left, right):
            out.append(IdentityResult(identity, rule.name, HOLDS, figures))
            continue
        right_given = [v for v in right if v is not None]
        sides = (
            f"{_fmt(sum(left))} vs {_fmt(sum(right_given))}" if rule.relation == "eq" else f"{_fmt(min(left))} < {_fmt(max(right_given))}"
        )
        listed = (known or {}).get(rule.name)
        why_listed = listed["why"] if listed and listed["figures"] == _figures_text(figures) else ""
        out.append(IdentityResult(identity, rule.name, BROKEN, figures, sides, why_listed))
    return out


def _status(view: FactView, cell: tuple[str, str], unreadable: set[str]) -> str:
    fact = view.fact(*cell)
    if fact is None:
        return "unreadable" if cell[0] in unreadable else "absent"
    return fact.status


def _cell_key(cell: tuple[str, str]) -> str:
    return f"{cell[0]}|{cell[1]}"


def _fmt(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def _figures_text(figures: dict[str, str]) -> str:
    """The printed figures as document_errors.csv writes them: `cell=raw` in the identity's order."""
    return "; ".join(f"{k}={v}" for k, v in figures.items())


def load_document_errors(path: Path) -> dict[str, dict[str, dict]]:
    """file name → identity instance → {figures, why}: the broken identities that are the document's own."""
    out: dict[str, dict[str, dict]] = {}
    with Path(path).open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["file"], {})[r["identity"]] = {"figures": r["figures"], "why": r["why"]}
    return out


def _grouped(files: list[FileSurvey], key) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for f in files:
        t = out.setdefault(key(f), {"files": 0, "rejected": 0, "read": 0, "blank": 0, "unreadable": 0, "left_out": 0, "text_figures": 0})
        t.setdefault(HOLDS, 0), t.setdefault(BROKEN, 0), t.setdefault(NOT_CHECKABLE, 0)
        t["files"] += 1
        t["rejected"] += bool(f.rejected)
        for k, v in f.cells.items():
            t[k] += v
        t["text_figures"] += len(f.text_figures)
        for r in f.identities:
            t[r.status] += 1
    return out


def _by_identity(files: list[FileSurvey]) -> dict[str, dict]:
    """template:identity → files where it holds / is broken / cannot be checked, and instances broken."""
    out: dict[str, dict] = {}
    for f in files:
        if f.rejected:
            continue
        for identity, status in f.identity_summary().items():
            t = out.setdefault(f"{f.template}:{identity}", {HOLDS: 0, BROKEN: 0, NOT_CHECKABLE: 0, "instances_broken": 0})
            t[status] += 1
        for r in f.identities:
            if r.status == BROKEN:
                out[f"{f.template}:{r.identity}"]["instances_broken"] += 1
    return out


def document_error_row(f: FileSurvey, r: IdentityResult) -> dict[str, str]:
    """A broken identity as a document_errors.csv row (the why to be written by hand)."""
    return {"file": f.name, "identity": r.name, "figures": _figures_text(r.figures), "why": r.document_error}


# ---- the human report ----------------------------------------------------------------------------

_MARK = {HOLDS: "✓", BROKEN: "✗", NOT_CHECKABLE: "·"}


def render(survey: Survey, console=None, detail: bool = False) -> None:
    """Rich tables: one line per file, every broken identity with its printed figures, the totals.
    With `detail`, each file's identities one by one."""
    from rich.console import Console
    from rich.table import Table

    from .model import safe_name

    # a pipe or a file gets the full width, not rich's 80 columns
    console = console or Console(width=None if sys.stdout.isatty() else 200)
    per_file = Table(
        title="每份文件 · per file",
        caption="identities (rows of identities.csv): ✓ every check holds · ✗ one breaks as printed · · none can be checked; "
        "a check is one identity over one column or row",
    )
    for col, justify in (
        ("file", "left"),
        ("form", "left"),
        ("template", "left"),
        ("agency", "left"),
        ("year", "right"),
        ("read", "right"),
        ("blank", "right"),
        ("unreadable", "right"),
        ("left out", "right"),
        ("identities ✓/✗/·", "right"),
        ("parse findings", "left"),
        ("text figures", "right"),
    ):
        per_file.add_column(col, justify=justify, overflow="fold")
    for f in survey.files:
        if f.rejected:
            per_file.add_row(safe_name(f.name), "", "", f"[red]rejected: {safe_name(f.rejected)}[/red]", *[""] * 8)
            continue
        counts = Counter(f.identity_summary().values())
        findings = ", ".join(f"{rule}×{n}" if n > 1 else rule for rule, n in sorted(f.findings.items()))
        per_file.add_row(
            safe_name(f.name),
            f.form,
            f.template,
            safe_name(f.agency),
            str(f.year),
            *(str(f.cells.get(k, 0)) for k in ("read", "blank", "unreadable", "left_out")),
            f"{counts[HOLDS]}/{_broken_text(counts[BROKEN])}/{counts[NOT_CHECKABLE]}",
            findings,
            str(len(f.text_figures)),
        )
    console.print(per_file)
    if detail:
        for f in survey.files:
            if f.identities:
                console.print(f"[bold]{safe_name(f.name)}[/bold] ({f.template})")
                for r in f.identities:
                    console.print(f"  {_MARK[r.status]} {r.name}  {safe_name(r.why)}")
    broken = survey.broken()
    if broken:
        table = Table(title="不成立的表内关系 · broken identities (as printed)")
        for col in ("file", "identity", "sides", "printed figures", "document's own error"):
            table.add_column(col, overflow="fold")
        for f, r in broken:
            table.add_row(
                safe_name(f.name),
                r.name,
                r.why,
                safe_name(_figures_text(r.figures)),
                safe_name(r.document_error) or "[red]not explained[/red]",
            )
        console.print(table)
    totals = survey.totals()
    for key, title in (("by_form", "按读取方式 · per form"), ("by_template", "按模板 · per template")):
        table = Table(title=title)
        for col in ("", "files", "rejected", "read", "blank", "unreadable", "left out", "text figures", "checks ✓", "✗", "not checkable"):
            table.add_column(col, justify="left" if not col else "right")
        for name, t in sorted(totals[key].items()):
            table.add_row(
                name,
                *(str(t[k]) for k in ("files", "rejected", "read", "blank", "unreadable", "left_out", "text_figures", HOLDS)),
                _broken_text(t[BROKEN]),
                str(t[NOT_CHECKABLE]),
            )
        console.print(table)
    table = Table(title="按表内关系 · per identity (files)")
    for col in ("template:identity", "holds", "broken", "not checkable", "broken instances"):
        table.add_column(col, justify="left" if col.startswith("template") else "right")
    for name, t in sorted(totals["by_identity"].items()):
        table.add_row(name, str(t[HOLDS]), _broken_text(t[BROKEN]), str(t[NOT_CHECKABLE]), str(t["instances_broken"]))
    console.print(table)
    console.print(
        f"{totals['files']} files · {totals['read']} read · {totals['rejected']} rejected · "
        f"{totals['broken']} broken identities ({totals['broken_document_errors']} the documents' own errors, "
        f"{totals['broken'] - totals['broken_document_errors']} not explained)"
    )


def _broken_text(n: int) -> str:
    return f"[red]{n}[/red]" if n else "0"
