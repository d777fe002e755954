"""Word drafts made from real published reports: the review's tests, its benchmark and its demo.

A draft is what an agency sends the 政务公开 office in January: the report's own text (from the archive
copy in data/reports/fujian) and its statistics tables (from the hand-written answer key of the same
report, tests/keys/corpus, so every cell is the published one) written as a .docx by the sample writer.
Errors are planted on purpose (`plant_*`), each saying where it is, so a test can check that the review
points there.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..audit.narrative import paragraphs
from ..parse import parse_file
from ..sample.writer import ReportFacts, form_variant, render
from ..settings import ROOT

CORPUS = ROOT / "data" / "reports" / "fujian"
KEYS = ROOT / "tests" / "keys" / "corpus"
_TABLE_PART = re.compile(r"^(?:二、(?:行政机关)?主动公开政府信息|第二十条)")
_CLOSING = re.compile(r"^五、.{0,12}存在的主要问题")
_CHROME = {"翻译", "搜索", "复制", "打印", "关闭"}


@dataclass
class Draft:
    """A draft's facts and text, and what was planted in it (kind → the indicator|column or part it concerns)."""

    stem: str
    facts: ReportFacts
    planted: dict = field(default_factory=dict)

    def docx(self) -> bytes:
        import docx

        document = docx.Document(io.BytesIO(render(self.facts, "docx")))
        props = document.core_properties
        props.author = props.last_modified_by = self.facts.agency
        props.title = f"{self.facts.agency}{self.facts.year}年政府信息公开工作年度报告（征求意见稿）"
        props.comments = ""
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    def file_name(self) -> str:
        return f"{self.stem}-draft.docx"


def published(stem: str) -> Draft:
    """The published report `stem` (e.g. 'putian-ptsjj-2024') as a clean draft: its text before the tables,
    the tables from its answer key, its parts 五 and 六 after them."""
    key = json.loads((KEYS / f"{stem}.json").read_text(encoding="utf-8"))
    report = parse_file(CORPUS / key["input"])
    paras = [p for p in paragraphs(_body(report.narrative)) if p not in _CHROME]
    start = next(i for i, p in enumerate(paras) if _TABLE_PART.match(p))
    closing = next((i for i, p in enumerate(paras) if _CLOSING.match(p)), len(paras))
    facts = {k: v for k, v in key["facts"].items()}
    template = form_variant(key["template"], facts)
    rf = ReportFacts(report.agency, int(key["year"]), template, facts, paras[:start], paras[closing:])
    return Draft(stem, rf)


_HEADER_LINE = re.compile(r"^\s*(?:标题|发布时间|文号|发布机构|来源|栏目|原始链接|正文)\s*[:：]")


def _body(text: str) -> str:
    """The page text without a crawler's header lines (标题, 发布时间 … 原始链接, 正文:)."""
    return "\n".join(line for line in text.splitlines() if not _HEADER_LINE.match(line))


# ---- planted errors --------------------------------------------------------------------------------


def plant_total(draft: Draft, indicator: str = "requests.outcome.total", applicant: str = "total", by: int = 3) -> Draft:
    """A total changed: the cell reads `by` more than its parts."""
    key = f"{indicator}|{applicant}"
    facts = dict(draft.facts.facts)
    facts[key] = (facts.get(key) or 0) + by
    return replace(draft, facts=replace(draft.facts, facts=facts), planted=draft.planted | {"total": key})


def plant_missing_part(draft: Draft, heading: str = "五、") -> Draft:
    """A part removed: its heading and its paragraphs, up to the next part's heading."""
    closing = list(draft.facts.closing)
    start = next(i for i, p in enumerate(closing) if p.startswith(heading))
    end = next((i for i in range(start + 1, len(closing)) if re.match(r"^[一二三四五六七八九十]、", closing[i])), len(closing))
    del closing[start:end]
    return replace(draft, facts=replace(draft.facts, closing=closing), planted=draft.planted | {"missing_part": heading})


def plant_copied_text(draft: Draft, last_year: Draft) -> Draft:
    """Last year's text reused: last year's paragraphs with only the year changed."""
    y0, y1 = str(last_year.facts.year), str(draft.facts.year)
    y_next0, y_next1 = str(last_year.facts.year + 1), str(draft.facts.year + 1)

    def moved(ps):
        return [p.replace(y_next0, y_next1).replace(y0, y1) for p in ps]

    rf = replace(draft.facts, narrative=moved(last_year.facts.narrative), closing=moved(last_year.facts.closing))
    return replace(draft, facts=rf, planted=draft.planted | {"copied": last_year.facts.year})


def plant_carryover(draft: Draft, applicant: str = "natural", by: int = 2) -> Draft:
    """上年结转 ≠ last year's 结转下年度 in one applicant column (and so in 总计): `by` more carried over, and as
    many more carried forward, so the table itself still balances (一 + 二 = 三 + 四)."""
    facts = dict(draft.facts.facts)
    for col in (applicant, "total"):
        for row in ("requests.carried_over", "requests.carried_forward"):
            facts[f"{row}|{col}"] = (facts.get(f"{row}|{col}") or 0) + by
    return replace(
        draft, facts=replace(draft.facts, facts=facts), planted=draft.planted | {"carryover": f"requests.carried_over|{applicant}"}
    )


def write(drafts: list[Draft], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for d in drafts:
        path = folder / d.file_name()
        path.write_bytes(d.docx())
        out.append(path)
    return out
