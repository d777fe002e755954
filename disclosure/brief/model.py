"""What a brief shows, as plain data (no Streamlit, no store): the builder fills it, the renderer draws it.

A value of None is blank (未填), never 0; a previous value is only compared when `comparable` says the
year before was on the same headline set (views/overview's rule)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: float | None  # None: blank (未填) or, for a rate, not computable (see `note`)
    unit: str = ""  # "件", "%" … ("%" values are percentages, their change is in percentage points)
    previous: float | None = None  # the year before's value, when `comparable`
    comparable: bool = False  # the year before is on the same headline set (false also when there is no such report)
    previous_year: int | None = None  # the year compared with (the brief's year − 1)
    previous_reported: bool = False  # a report exists for previous_year (on whatever template)
    direction: str = "neutral"  # higher_better | lower_better | neutral (the catalog's; counts are neutral)
    note: str = ""  # one short line under the change (e.g. "3/4 个单位填报")
    when_none: str = ""  # printed for a None value instead of 未填 (a rate over 0: 无法计算)
    now_compared: float | None = None  # a scope: this year's value over the agencies `previous` covers (None: `value`)

    @property
    def delta(self) -> float | None:
        now = self.now_compared if self.now_compared is not None else self.value
        if not self.comparable or now is None or self.previous is None:
            return None
        return now - self.previous


@dataclass(frozen=True)
class FlowLink:
    source: str
    target: str
    value: float  # a link is drawn only for a reported figure (blank rows are no links)


@dataclass(frozen=True)
class Outcome:
    label: str
    value: float | None  # None: every row of the group blank
    group: str = ""


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: float | None  # None: a report with the row blank, or a template without it (a gap)
    template: str  # the template's key ("2019", "local", …) or "mixed" when a scope's reports differ that year
    comparability: str = "exact"  # exact | approximate | not_reported (the crosswalk's)
    basis: str = ""  # the crosswalk mapping's formula: where it changes between two years, the line breaks
    reports: int = 1  # how many reports the point sums (a scope's trend)


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning | info
    message: str
    agency: str = ""  # a scope's brief names the agency
    rule: str = ""


@dataclass(frozen=True)
class Source:
    name: str  # the document's file name
    agency: str = ""
    year: int | None = None
    template: str = ""  # the template's words


@dataclass(frozen=True)
class Brief:
    title: str
    scope: str  # the agency's name, or the scope's ("三明市 · 全部单位")
    year: int
    lang: str = "zh"
    kind: str = "agency"  # agency | scope (a scope's trend says how many reports each point sums)
    figures: list[KeyFigure] = field(default_factory=list)
    flow_links: list[FlowLink] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    trend_points: list[TrendPoint] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    is_sample: bool = False  # any figure drawn from 示例数据: marked on every page
    template: str = ""  # the year's template in words
    summary: list[str] = field(default_factory=list)  # lines under the title (a scope: how many reported, findings counts)
    notes: list[str] = field(default_factory=list)  # lines under the key figures (template mix, base year …)
    flow_totals: dict[str, float] = field(default_factory=dict)  # a node's reported figure where the links do not add up to it
    flow_note: str = ""  # under the flow chart (e.g. the audit's word that the table's identity does not hold)
    trend_title: str = ""  # the series the trend draws
    findings_total: int | None = None  # findings in all, when `findings` lists only some (a scope's brief)
