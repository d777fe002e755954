"""Sample dataset (示例数据): eleven years of reports from thirty fictional agencies of 示例市.

`build_sample(seed)` returns the reports (facts, narrative, deliberate defects, input form);
`generate_sample_set(out, seed)` writes them with `writer.render` and a manifest. The same seed
gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from pathlib import Path

from .. import settings
from . import defects, narrative
from .model import AGENCIES, YEARS, SampleReport, generate_reports
from .writer import FORMS, render

FORM_WEIGHTS = {"txt": 0.28, "html": 0.25, "md": 0.15, "docx": 0.2, "pdf": 0.12}
MANIFEST = "manifest.json"
FACTS = "facts.json"
NOTE = "示例数据：示例市及其部门均为虚构机构，数字由 disclosure.sample 按种子生成，仅供演示和测试。"


def build_sample(seed: int, agencies=AGENCIES, years=YEARS) -> list[SampleReport]:
    rng = random.Random(seed)
    reports = generate_reports(rng.randrange(2**32), agencies, years)
    planned = defects.plan(reports, random.Random(rng.randrange(2**32)))
    words = random.Random(rng.randrange(2**32))
    defect_rng = random.Random(rng.randrange(2**32))
    forms = random.Random(rng.randrange(2**32))
    for i, report in enumerate(reports):
        kind = planned.get(i)
        if kind in defects.TABLE_KINDS:
            defects.apply_table_defect(report, kind, defect_rng)
        previous = reports[i - 1] if i > 0 and reports[i - 1].agency == report.agency else None
        narrative.compose(report, words, previous)
        if kind in defects.NARRATIVE_KINDS:
            defects.apply_narrative_defect(report, previous, kind, defect_rng)
        report.form = forms.choices(list(FORM_WEIGHTS), weights=list(FORM_WEIGHTS.values()))[0]
    return reports


def generate_sample_set(out: Path, seed: int) -> str:
    """Write every sample report and data/sample-style manifest.json + facts.json into `out`."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _remove_previous_set(out)
    reports = build_sample(seed)
    entries, facts = [], {}
    total_bytes = 0
    for report in reports:
        data = render(report.report_facts(), report.form)
        (out / report.file_name).write_bytes(data)
        total_bytes += len(data)
        entries.append(
            {
                "file": report.file_name,
                "agency": report.agency.name,
                "year": report.year,
                "template": report.template,
                "form": report.form,
                "sha256": hashlib.sha256(data).hexdigest(),
                "defects": report.defects,
                "narrative_figures": report.claims,
            }
        )
        facts[report.file_name] = {
            "agency": report.agency.name,
            "year": report.year,
            "template": report.template,
            "facts": report.facts,
        }
    manifest = {
        "note": NOTE,
        "seed": seed,
        "sample": True,
        "facts_file": FACTS,
        "value_tokens": 'facts: number, null = blank cell, "na" = —— (not applicable)',
        "reports": entries,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / FACTS).write_text(
        "{\n"
        + ",\n".join(f" {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in facts.items())
        + "\n}\n",
        encoding="utf-8",
    )
    by_form = Counter(r.form for r in reports)
    by_template = Counter(r.template for r in reports)
    n_defects = sum(1 for r in reports if r.defects)
    return (
        f"wrote {len(reports)} sample reports ({len({r.agency for r in reports})} agencies, {min(r.year for r in reports)}–{max(r.year for r in reports)}) "
        f"to {out}: "
        + ", ".join(f"{k} {v}" for k, v in sorted(by_form.items()))
        + "; templates "
        + ", ".join(f"{k} {v}" for k, v in sorted(by_template.items()))
        + f"; {n_defects} with deliberate defects; {total_bytes / 1048576:.1f} MB (seed {seed})"
    )


def _remove_previous_set(out: Path) -> None:
    """Only files an earlier run listed are removed, so a wrong --out never deletes anyone's reports."""
    manifest = out / MANIFEST
    if not manifest.exists():
        return
    try:
        listed = [e["file"] for e in json.loads(manifest.read_text(encoding="utf-8")).get("reports", [])]
    except (ValueError, KeyError, TypeError):
        return
    for name in listed:
        path = out / Path(name).name
        if path.suffix in settings.REPORT_SUFFIXES and path.is_file():
            path.unlink()


__all__ = ["build_sample", "generate_sample_set", "render", "FORMS"]
