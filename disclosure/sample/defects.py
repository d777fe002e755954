"""Deliberate defects in about one sample report in ten, each listed in the manifest.

Kinds (each entry: {kind, indicators, detail}):
- sum_mismatch: one total no longer equals the sum of its parts;
- blank_total_column: the 总计 column of table 三 left blank on the outcome rows (2019+);
- carryover_break: 上年结转 differs from last year's 结转下年度 (2020+; table 三 itself stays consistent);
- narrative_mismatch: a figure the narrative states contradicts the table;
- narrative_copied: the narrative (after its first paragraph) repeats last year's word for word.

Table defects are applied before the narrative is written (so the narrative states the table as
printed); narrative defects after it.
"""

from __future__ import annotations

import random

from .. import catalog
from ..catalog import column_label
from .model import SampleReport
from .writer import outcome_groups

TABLE_KINDS = ("sum_mismatch", "blank_total_column", "carryover_break")
NARRATIVE_KINDS = ("narrative_mismatch", "narrative_copied")
KINDS = TABLE_KINDS + NARRATIVE_KINDS
RATE = 0.10


def plan(reports: list[SampleReport], rng: random.Random) -> dict[int, str]:
    """Report index → defect kind, for ~10 % of reports, every kind used about equally."""
    n = round(len(reports) * RATE)
    chosen: dict[int, str] = {}
    kinds = list(KINDS)
    candidates = list(range(len(reports)))
    rng.shuffle(candidates)
    k = 0
    for i in candidates:
        if len(chosen) >= n:
            break
        kind = kinds[k % len(kinds)]
        if _applicable(reports, i, kind) and (i - 1) not in chosen and (i + 1) not in chosen:
            chosen[i] = kind
            k += 1
    return chosen


def _applicable(reports: list[SampleReport], i: int, kind: str) -> bool:
    r = reports[i]
    prev = reports[i - 1] if i > 0 and reports[i - 1].agency == r.agency else None
    if kind == "blank_total_column":
        return catalog.template(r.base_template).by_applicant
    if kind == "carryover_break":
        return r.year >= 2020 and bool(r.facts.get("requests.received|total"))
    if kind == "narrative_copied":
        return prev is not None and prev.base_template == r.base_template
    return True


def apply_table_defect(report: SampleReport, kind: str, rng: random.Random) -> None:
    f = report.facts
    if kind == "sum_mismatch":
        bump = rng.randint(1, 9)
        if catalog.template(report.base_template).one_column:
            choice = rng.choice(("requests.received", "requests.answered", "capacity.staff", "review.total"))
            parts = {
                "requests.received": "Σ 4 种申请方式",
                "requests.answered": "Σ 答复 1–8 项",
                "capacity.staff": "专职 + 兼职",
                "review.total": "维持 + 纠错 + 其他",
            }[choice]
            before = f[f"{choice}|total"]
            f[f"{choice}|total"] = before + bump
            report.defects.append({"kind": kind, "indicators": [choice], "detail": f"{choice} 写为 {before + bump}，{parts} 为 {before}"})
        else:
            choice = rng.choice(("requests.outcome.total", "review.total", "litigation.direct.total"))
            before = f[f"{choice}|total"]
            if choice == "requests.outcome.total":
                # the natural-person column's （七）总计 no longer equals Σ outcome rows nor 一 + 二 − 四;
                # the row total moves with it, so the row identity still holds
                f["requests.outcome.total|natural"] += bump
                f["requests.outcome.total|total"] += bump
                detail = f"（七）总计 {column_label('natural')}列写为 {f['requests.outcome.total|natural']}，各办理结果之和为 {f['requests.outcome.total|natural'] - bump}"
            else:
                f[f"{choice}|total"] = before + bump
                detail = f"{choice} 写为 {before + bump}，各结果之和为 {before}"
            report.defects.append({"kind": kind, "indicators": [choice], "detail": detail})
    elif kind == "blank_total_column":
        blanked = []
        for _, items in outcome_groups(report.template != "2021"):
            for _, ind in items:
                key = f"{ind}|total"
                if key in f:
                    f[key] = None
                    blanked.append(ind)
        report.defects.append({"kind": kind, "indicators": blanked, "detail": "表三 办理结果各行的总计列留空"})
    elif kind == "carryover_break":
        bump = rng.randint(1, 5)
        # the extra carried-over cases are also counted as granted, so 一 + 二 = 七 + 四 still holds
        for applicant in ("natural", "total"):
            f[f"requests.carried_over|{applicant}"] += bump
            f[f"requests.outcome.granted|{applicant}"] += bump
            f[f"requests.outcome.total|{applicant}"] += bump
        report.defects.append(
            {
                "kind": kind,
                "indicators": ["requests.carried_over"],
                "detail": f"上年结转写为 {f['requests.carried_over|total']}，上年报告结转下年度为 {f['requests.carried_over|total'] - bump}",
            }
        )


def apply_narrative_defect(report: SampleReport, previous: SampleReport | None, kind: str, rng: random.Random) -> None:
    if kind == "narrative_mismatch":
        claims = [c for c in report.claims if c["indicator"] and isinstance(c["value"], int)]
        claim = rng.choice(claims)
        true_value = claim["value"]
        wrong = true_value + rng.choice((-1, 1)) * rng.randint(max(1, true_value // 5), max(3, true_value // 2))
        wrong = abs(wrong) if wrong != 0 else true_value + 7
        if wrong == true_value:
            wrong += 3
        old_phrase = claim["phrase"]
        if true_value == 0 and "未收到" in old_phrase:
            new_phrase = f"收到政府信息公开申请{wrong}件"
        else:
            new_phrase = _replace_last_number(old_phrase, true_value, wrong)
        for part in (report.narrative, report.closing):
            for j, p in enumerate(part):
                if old_phrase in p:
                    part[j] = p.replace(old_phrase, new_phrase, 1)
        claim["phrase"], claim["value"] = new_phrase, wrong
        report.defects.append(
            {
                "kind": kind,
                "indicators": [claim["indicator"]],
                "detail": f"叙述称“{new_phrase}”，统计表为 {true_value}",
            }
        )
    elif kind == "narrative_copied":
        assert previous is not None
        report.narrative = [report.narrative[0]] + list(previous.narrative[1:])
        report.closing = list(previous.closing)
        report.claims = [dict(c) for c in previous.claims]
        report.phrases = set(previous.phrases)
        stale = [
            c["indicator"] for c in report.claims if c["indicator"] and report.facts.get(f"{c['indicator']}|{c['applicant']}") != c["value"]
        ]
        report.defects.append(
            {
                "kind": kind,
                "indicators": sorted(set(stale)),
                "detail": f"除首段外叙述照抄 {previous.year} 年报告；与本年统计表不符的数字：{', '.join(sorted(set(stale))) or '无'}",
            }
        )


def _replace_last_number(phrase: str, old: int, new: int) -> str:
    s = str(old)
    i = phrase.rfind(s)
    return phrase[:i] + str(new) + phrase[i + len(s) :]
