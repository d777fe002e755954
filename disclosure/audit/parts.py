"""The parts a report must have, in order, and the statistics period it states.

Which parts each template asks for (2019/2021: the six of 国办公开办函〔2019〕60号 and 〔2021〕30号; 2014 and
the local forms: the items of the 2008 条例 第三十二条), their order, the words of their headings and the
table words that show a part is there when its heading was lost (archives drop headings above tables)
are data: catalog/report_parts.csv.

A heading is found where the text numbers it (一、… anywhere, so a report an archive printed on one line
still counts) or where a paragraph starts with it; the numbered reading wins, so a sub-heading that
happens to use the words (（三）因政府信息公开工作被申请行政复议…) does not stand in for the part.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import catalog
from ..catalog import both, words
from ..model import Check, Report
from .narrative import paragraphs
from .rules import finding

CATALOG = Path(__file__).resolve().parent.parent / "catalog" / "report_parts.csv"
_NUMERAL = "[一二三四五六七八九十]{1,2}"
NATIONAL_FORMATS = catalog.template_ids(prescribes_parts=True)  # formats whose circular prescribes the report's parts (templates.csv)
# a period stated as a date range from 1 January to 31 December ('统计期限自2022年1月1日起至12月31日止',
# '数据时限为2023年1月1日至2023年12月31日止'): the wording before it varies too much to require
_PERIOD = re.compile(r"(\d{4})\s*年\s*1\s*月\s*1\s*日[^。；\d]{0,6}?(?:至|到|—|－|~|-)\s*(?:(\d{4})\s*年)?\s*12\s*月\s*31\s*日")


@dataclass(frozen=True)
class Part:
    templates: frozenset
    order: int
    id: str
    required: bool
    name_zh: str
    name_en: str
    numbered: re.Pattern  # 一、总体情况 (anywhere in the text)
    leading: re.Pattern  # 总体情况 at the start of a paragraph
    anchor: re.Pattern | None  # the part's table, when the heading above it was lost
    sections: frozenset = frozenset()  # the indicator catalog's sections whose rows this part's table holds
    table_zh: str = ""  # the table that part prints (表二 / 表三 / 表四, or the one 统计表 of older forms)
    table_en: str = ""

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh

    def table(self, lang: str = "zh") -> str:
        return self.table_en if lang == "en" else self.table_zh


@lru_cache(maxsize=2)
def report_parts(path: Path = CATALOG) -> tuple[Part, ...]:
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            try:
                heading = row["heading"]
                out.append(
                    Part(
                        frozenset(t for t in row["templates"].split("|") if t),
                        int(row["order"]),
                        row["part"],
                        row["required"] == "yes",
                        row["name_zh"],
                        row["name_en"],
                        re.compile(rf"(?:^|[\n。；！？:：\s\d])({_NUMERAL})\s*[、.．]\s*\n?\s*(?:{heading})"),
                        re.compile(rf"(?:^|\n)\s*(?:{heading})"),
                        re.compile(row["anchor"]) if row["anchor"] else None,
                        frozenset(x for x in row["sections"].split("|") if x),
                        row["table_zh"],
                        row["table_en"],
                    )
                )
            except (re.error, ValueError, KeyError) as e:
                raise ValueError(f"{path.name} line {line}: {e}") from None
    return tuple(out)


def parts_for(template: str) -> list[Part]:
    return sorted((p for p in report_parts() if template in p.templates), key=lambda p: p.order)


@dataclass(frozen=True)
class FoundPart:
    part: Part
    offset: int | None  # where in the joined paragraphs it starts; None: not found
    paragraph: int | None  # the paragraph's index in narrative.paragraphs(); None: not found
    by: str = ""  # numbered | leading | anchor


def find_parts(narrative: str, template: str) -> list[FoundPart]:
    """Each part of the template with where its heading (or, failing that, its table) starts."""
    paras = paragraphs(narrative)
    starts, offset = [], 0
    for p in paras:
        starts.append(offset)
        offset += len(p) + 1
    joined = "\n".join(paras)

    def paragraph_at(pos: int) -> int:
        i = 0
        for k, s in enumerate(starts):
            if s <= pos:
                i = k
        return i

    out = []
    for part in parts_for(template):
        found = None
        for by, pattern in (("numbered", part.numbered), ("leading", part.leading), ("anchor", part.anchor)):
            if pattern is None:
                continue
            m = pattern.search(joined)
            if m:
                pos = m.start(1) if by == "numbered" else m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
                found = FoundPart(part, pos, paragraph_at(pos), by)
                break
        out.append(found or FoundPart(part, None, None))
    return out


def check_parts(report: Report) -> list[Check]:
    """missing_part for each part of the 2019/2021 format not found; part_order for a part printed before one the
    format puts ahead of it. The older forms (2014, local) are left to `older_form_contents`: the 2008 条例 lists
    what a report must cover, not its headings, and real reports fold items into sub-sections (the founding
    report's （七）行政复议、行政诉讼情况 under 二、信息公开工作情况)."""
    if report.template not in NATIONAL_FORMATS or not report.narrative.strip():
        return []
    found = find_parts(report.narrative, report.template)
    out = []
    for f in found:
        if f.offset is None and f.part.required:
            out.append(
                finding(
                    "missing_part",
                    words("finding_missing_part", place=_place(f.part.order), part=_name(f.part)),
                    [],
                    {"part_order": f.part.order},
                )
            )
    placed = [f for f in found if f.offset is not None]
    in_order = _longest_in_order(placed)
    for f in placed:
        if f in in_order:
            continue
        # the first part in form order that this one is printed ahead of
        g = (
            next(g for g in placed if g.part.order < f.part.order and g.offset > f.offset)
            if any(g.part.order < f.part.order and g.offset > f.offset for g in placed)
            else None
        )
        before = words("finding_part_before", part=_name(g.part)) if g else words("finding_part_after_later")
        out.append(
            finding(
                "part_order",
                words("finding_part_order", part=_name(f.part), before=before.both(), place=_place(f.part.order)),
                [],
                {"part_order": f.part.order},
            )
        )
    return out


def older_form_contents(report: Report) -> list[Check]:
    """For a report on an older form (2014, local): each item the 2008 条例 第三十二条 asks a report to cover that no
    heading or sub-heading names, as a note (info) for the reviewer — a hint to look, not an error."""
    if report.template in NATIONAL_FORMATS or not parts_for(report.template) or not report.narrative.strip():
        return []
    text = "\n".join(paragraphs(report.narrative))
    out = []
    for part in parts_for(report.template):
        if not part.required or part.numbered.search(text) or part.leading.search(text) or _sub_heading(part).search(text):
            continue
        out.append(
            finding(
                "missing_part",
                words("finding_older_form_content", part=_name(part)),
                [],
                {"part_order": part.order},
                severity="info",
            )
        )
    return out


def _sub_heading(part: Part) -> re.Pattern:
    """The part's words after a sub-heading's number: （七）行政复议、行政诉讼情况."""
    heading = part.leading.pattern.removeprefix(r"(?:^|\n)\s*")
    return re.compile(rf"[(（]{_NUMERAL}[)）]\s*{heading}")


def _longest_in_order(placed: list[FoundPart]) -> list[FoundPart]:
    """The most parts that stand in form order (a longest increasing run of offsets): the rest are out of place."""
    best: list[list[FoundPart]] = []
    for f in placed:
        chains = [c for c in best if c[-1].offset < f.offset]
        best.append(max(chains, key=len, default=[]) + [f])
    return max(best, key=len, default=[])


def stated_periods(narrative: str) -> list[tuple[int, int | None, str]]:
    """Each statistics period the text states: (first year, last year or None, the words)."""
    text = "\n".join(paragraphs(narrative))
    return [(int(m.group(1)), int(m.group(2)) if m.group(2) else None, m.group(0)) for m in _PERIOD.finditer(text)]


def check_period(report: Report) -> list[Check]:
    """The statistics period must name the report's year (a draft copied from last year keeps last year's)."""
    if not report.narrative.strip():
        return []
    out = []
    for first, last, stated in stated_periods(report.narrative):
        wrong = sorted({y for y in (first, last) if y is not None and y != report.year})
        if not wrong:
            continue
        y = report.year
        out.append(
            finding(
                "statistics_period",
                words("finding_statistics_period", stated=stated, year=y),
                [],
                {"year": y, "stated_year": wrong[0]},
                sentence=stated,
            )
        )
    return out


def _cn(n: int) -> str:
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)


def _place(n: int) -> dict[str, str]:
    """A part's place in the format: 第三部分 / part 3."""
    return both(_cn(n), str(n))


def _name(part: Part) -> dict[str, str]:
    return both(part.name_zh, part.name_en)
