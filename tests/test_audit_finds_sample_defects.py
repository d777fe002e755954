"""The audit against the sample set's deliberate defects (data/sample/manifest.json).

Every defect the manifest lists must be found by a rule of its kind, naming at least one of the
indicators the manifest names; and at most 5 % of the defect-free reports may carry an error.
"""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from disclosure import catalog, settings
from disclosure.audit import audit_report, narrative_figures
from disclosure.model import Report
from disclosure.narrative_figures import read_figures

MANIFEST = settings.SAMPLE_DIR / "manifest.json"  # committed with data/sample: a missing one fails, never skips

# which rules find each kind of deliberate defect
RULES_FOR_KIND = {
    "sum_mismatch": {"sum_mismatch", "request_balance", "group_row_value", "part_exceeds_whole"},
    "blank_total_column": {"blank_total_column"},
    "carryover_break": {"carryover_break"},
    "narrative_mismatch": {"narrative_mismatch"},
    "narrative_copied": {"narrative_copied"},
}
MAX_ERROR_SHARE_ON_CLEAN_REPORTS = 0.05


def _file_of(entry: dict) -> str:
    for key in ("file", "name", "path", "file_name"):
        if entry.get(key):
            return Path(entry[key]).name
    raise AssertionError(f"manifest entry names no file: {entry}")


def manifest_defects() -> dict[str, list[dict]]:
    """file name → its defects; the manifest may list reports (each with `defects`) or defects."""
    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    entries = data if isinstance(data, list) else data.get("reports") or data.get("defects") or data.get("files") or []
    out: dict[str, list[dict]] = defaultdict(list)
    for entry in entries:
        if "kind" in entry:
            out[_file_of(entry)].append(entry)
        else:
            out[_file_of(entry)].extend(entry.get("defects") or [])
    return out


@pytest.fixture(scope="module")
def parsed(data_parsed):
    """file name → Report, or the ReportError when the file did not parse (the readers' tests own that);
    the session's parse of data/ (conftest.data_parsed), which the store was built from too."""
    out = {path.name: report for path, report in data_parsed.items() if path.is_relative_to(settings.SAMPLE_DIR)}
    assert out, "data/sample holds no report files"
    return out


@pytest.fixture(scope="module")
def audited(parsed):
    """file name → checks, each report audited with the same agency's report for the year before."""
    reports = {name: r for name, r in parsed.items() if isinstance(r, Report)}
    by_agency_year = {(r.agency, r.year): r for r in reports.values()}
    return {name: audit_report(r, by_agency_year.get((r.agency, r.year - 1))) for name, r in reports.items()}


def test_the_manifest_lists_defects_of_every_kind():
    kinds = {d["kind"] for ds in manifest_defects().values() for d in ds}
    assert kinds and kinds <= set(RULES_FOR_KIND), kinds


def test_every_deliberate_defect_is_found(parsed, audited):
    missed = []
    for name, defects in manifest_defects().items():
        if not defects:
            continue
        assert name in parsed, f"manifest names {name}, which is not in data/sample"
        if name not in audited:
            missed.extend((name, d, f"unparsed: {parsed[name]}") for d in defects)
            continue
        checks = audited[name]
        for defect in defects:
            named = {i.split("|")[0] for i in defect.get("indicators") or []}
            hits = [
                c
                for c in checks
                if c.rule in RULES_FOR_KIND[defect["kind"]]
                # a copied narrative is about the whole text, not one indicator
                and (defect["kind"] == "narrative_copied" or not named or named & set(c.indicators))
            ]
            if not hits:
                missed.append((name, defect, [(c.rule, c.message) for c in checks]))
    assert not missed, "\n".join(f"{n}: {d} — found only {c}" for n, d, c in missed)


def test_at_most_5_percent_of_defect_free_reports_get_an_error(audited):
    with_defects = {name for name, defects in manifest_defects().items() if defects}
    clean = {name: checks for name, checks in audited.items() if name not in with_defects}
    assert clean
    flagged = {name: [c.message for c in checks if c.severity == "error"] for name, checks in clean.items()}
    flagged = {name: msgs for name, msgs in flagged.items() if msgs}
    assert len(flagged) <= MAX_ERROR_SHARE_ON_CLEAN_REPORTS * len(clean), flagged


def test_every_figure_the_sample_narratives_state_is_read_back(parsed):
    """The manifest records each figure a narrative states in words; the audit must read each one
    back to its indicator (figures with no table cell, indicator None, included)."""
    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    unread = []
    for entry in data.get("reports", []):
        report = parsed.get(_file_of(entry))
        if not isinstance(report, Report):
            continue
        found = {(f.indicator, round(float(f.value), 6)) for f in narrative_figures(report.narrative, report.template)}
        # channel and outreach figures are read by the narrative-figure reader, compared with their table rows
        pairs = catalog.text_table_pairs()
        found |= {(pairs[f.indicator], round(float(f.value), 6)) for f in read_figures(report.narrative) if f.indicator in pairs}
        for claim in entry.get("narrative_figures") or []:
            if claim.get("applicant", "total") != "total":
                continue
            value = claim["value"]
            if claim["indicator"] is None and "元" in claim["phrase"]:
                value = value / 10000  # a fee in 元 has no cell; the audit keeps money in 万元
            if (claim["indicator"], round(float(value), 6)) not in found and claim["indicator"] is not None:
                unread.append((entry["file"], claim["phrase"], sorted(found, key=str)))
    assert not unread, unread[:10]
