"""What a brief shows, as plain data (no Streamlit, no store): the builder fills it, the renderer draws it.

Every figure, unit, change, break and word is the pages' own (build.py takes them from disclosure/views/ and
catalog/strings.csv); a value of None is blank (未填), never 0."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class KeyFigure:
    """One card, as the page's view gives it (views.overview.Card for a report, views.scope.ScopeFigure for a scope)."""

    label: str
    value: float | None  # None: blank (未填) or, for a rate, not computable (see `when_none`)
    unit: str = ""  # the catalog's unit (条, 件, 人 … or "%": a percentage, its change in percentage points)
    change: str = "no_previous"  # the view's: compared | not_comparable (another template family) | no_previous
    delta: float | None = None  # the view's change on `base_year` (None: nothing to compare with)
    base_year: int | None = None  # the year compared with (the brief's year − 1)
    direction: str = "neutral"  # higher_better | lower_better | neutral (the catalog's; counts are neutral)
    note: str = ""  # one short line under the change (a scope: the agencies the change is over)
    when_none: str = ""  # printed for a None value instead of 未填 (a rate over 0: 无法计算)


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
    template: str  # the template's key, or "mixed" when a scope's reports differ that year
    comparability: str = "exact"  # exact | approximate | not_reported (the crosswalk's)
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
    trend_breaks: list[tuple[int, int]] = field(default_factory=list)  # (year before, year after): views.trends.template_breaks
    flow_caption: str = ""  # how to read the flow (views.requests.flow)
    no_figures: str = ""  # said instead of key figures when there are none
    no_findings: str = ""  # said when the audit found nothing
    no_sources: str = ""  # said when no report of the year is in the store
    findings_total: int | None = None  # findings in all, when `findings` lists only some (a scope's brief)
