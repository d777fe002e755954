"""总览 for a scope of agencies in one year: the key figures summed over the agencies (rates pooled: Σ numerators /
Σ denominators, from the catalog), the change on the year before over the agencies that reported both years on
the same template family, the coverage of reports, and the agencies furthest from the scope's median on each rate.

Never summed twice: a report whose words say it counts more than its agency (本级政府: a government with its
departments; 全市或全县汇总: a whole city or county — disclosure.coverage) already holds its departments' figures. When
the scope holds, for the same year, a tabled report of a department of its region (catalog/agencies.csv: region, level 部门),
that summary report stands apart: the key figures sum the departments' own reports and leave it out (`apart`), and
总览 names it under the figures. A summary report with no department of its region beside it is counted: nothing of
it is counted twice. (A county government's own report beside its city's 汇总 is not yet told apart: the agency
table does not say which government a county belongs to.)"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median

import pandas as pd

from .. import agencies as agency_table
from .. import catalog
from ..coverage import stands_apart
from ..figures import figures_by
from ..headline import Headline, family, headline_value, headlines
from ..scopes import level_of, region_of

COVERAGE = ("reported", "errors", "no_table", "missing")  # a grid cell's states; "" before an agency's first report


def needed_indicators() -> list[str]:
    """Every indicator a scope key figure or rate reads."""
    ids = set()
    for template, hs in headlines("scope").items():
        for h in hs:
            ids |= set(h.indicators)
            rate = catalog.rate(h.rate, template) if h.rate else None
            if rate:
                ids |= set(rate.indicators())
    return sorted(ids)


def headline_unit(h: Headline) -> str:
    """The unit a key figure counts in, as the catalog gives its rows (条 items disclosed, 人 staff, 件 requests …;
    a rate's own unit): what format_value shows it by, and the word a brief prints after it."""
    if h.rate is not None:
        return next(r.unit for r in catalog.all_rates() if r.id == h.rate)
    units = {catalog.get(i).unit for i in h.indicators}
    if len(units) != 1:
        raise ValueError(f"catalog/headlines.csv: {h.key} sums rows of units {sorted(units)}")
    return units.pop()


def agency_figures(facts: pd.DataFrame) -> dict[tuple[str, int], dict[str, float | None]]:
    """(agency, year) → that report's figures (总计, else the applicant columns' sum; blank stays None)."""
    if facts.empty:
        return {}
    series = figures_by(facts, ["agency", "year"])
    out: dict[tuple[str, int], dict[str, float | None]] = {}
    for (agency, year, indicator), value in series.items():
        out.setdefault((agency, int(year)), {})[indicator] = None if value != value else float(value)
    return out


def year_family(reports: pd.DataFrame, year: int) -> str | None:
    """The family most of the year's tabled reports use (the newer wins a tie): the one the key figures are summed on."""
    tabled = [t for t in reports.loc[reports["year"] == year, "template"] if family(t)]
    if not tabled:
        return None
    counts = Counter(family(t) for t in tabled)
    return family(max(tabled, key=lambda t: (counts[family(t)], catalog.template(t).order)))


@dataclass(frozen=True)
class ScopeFigure:
    key: str
    label: str
    value: float | None
    unit: str  # the catalog's unit (headline_unit): 件 for requests, the rate's unit ("%") for rates
    direction: str
    is_rate: bool
    agencies: int  # agencies whose figure went into the value
    base_year: int
    change: str  # compared | not_comparable | no_previous
    base_value: float | None = None  # over the agencies compared
    now_compared: float | None = None  # this year, over the same agencies
    compared: int = 0  # agencies in both years on one family
    numerator: float | None = None
    denominator: float | None = None

    @property
    def delta(self) -> float | None:
        if self.change != "compared" or self.base_value is None or self.now_compared is None:
            return None
        return self.now_compared - self.base_value


def _pooled(h: Headline, figures: dict[str, dict], templates: dict[str, str]) -> tuple[float | None, float | None, float | None, int]:
    """(value, numerator, denominator, agencies counted) of one key figure over the agencies' figures of a year."""
    if h.rate is None:
        values = [v for v in (headline_value(f, h) for f in figures.values()) if v is not None]
        return (sum(values) if values else None), None, None, len(values)
    num = den = 0.0
    counted, used = 0, None
    for agency, f in figures.items():
        rate = catalog.rate(h.rate, templates[agency])
        n, d = rate.parts(f) if rate else (None, None)
        if n is not None and d is not None:
            num, den, counted, used = num + n, den + d, counted + 1, rate
    if used is None:
        return None, None, None, 0
    return used.of(num, den), num, den, counted


DEPARTMENT = "dept"  # catalog/levels.csv: the level a summary report's figures already hold


def apart(reports: pd.DataFrame, year: int) -> list[str]:
    """The agencies whose `year` report stands apart from the scope's sums: its stated coverage holds other agencies'
    figures (catalog/coverage.csv `covers` ≠ itself) and the scope has a report of that year with a statistics table
    from a department of its region (a department's report without a table adds nothing the summary holds). In the
    order of `reports`."""
    if "coverage" not in reports.columns:
        return []
    now = reports[reports["year"] == year]
    departments = {region_of(a) for a, t in zip(now["agency"], now["template"]) if level_of(a) == DEPARTMENT and family(t)} - {None}
    return [
        a
        for a, c in zip(now["agency"], now["coverage"])
        if isinstance(c, str) and stands_apart(c) and level_of(a) != DEPARTMENT and region_of(a) in departments
    ]


def summed_rows(frame: pd.DataFrame, reports: pd.DataFrame, years: list[int] | None = None) -> pd.DataFrame:
    """`frame`'s rows (with agency and year: reports, facts) but those of the reports that stand apart (`apart`) in
    their year, over `years` (every year of `reports` when None): what a scope's sums add."""
    years = sorted({int(y) for y in reports["year"]}) if years is None else years
    out = {(a, y) for y in years for a in apart(reports, y)}
    if not out:
        return frame
    keep = [(a, int(y)) not in out for a, y in zip(frame["agency"], frame["year"])]
    return frame[keep]


def key_figures(reports: pd.DataFrame, facts: pd.DataFrame, year: int, lang: str = "zh") -> list[ScopeFigure]:
    """The scope's key figures of `year` (reports: the scope's reports with agency, year, template; facts: their facts
    of `year` and `year - 1`), summed over the reports that count for themselves (`summed_rows`: a summary report beside
    its departments' stands apart)."""
    reports = summed_rows(reports, reports, [year, year - 1])
    fam = year_family(reports, year)
    if fam is None:
        return []
    by_report = agency_figures(facts)
    templates = {(r.agency, int(r.year)): r.template for r in reports.itertuples()}
    now = {a: by_report.get((a, y), {}) for (a, y), t in templates.items() if y == year and family(t) == fam}
    now_templates = {a: templates[(a, year)] for a in now}
    before_any = [a for a in now if (a, year - 1) in templates and family(templates[(a, year - 1)])]
    matched = [a for a in before_any if family(templates[(a, year - 1)]) == fam]
    prev = {a: by_report.get((a, year - 1), {}) for a in matched}
    prev_templates = {a: templates[(a, year - 1)] for a in matched}
    change = "compared" if matched else "not_comparable" if before_any else "no_previous"
    template_of_family = next(iter(now_templates.values()))
    out = []
    for h in headlines("scope")[template_of_family]:
        rate = catalog.rate(h.rate, template_of_family) if h.rate else None
        value, num, den, counted = _pooled(h, now, now_templates)
        base = _pooled(h, prev, prev_templates)[0] if matched else None
        now_same = _pooled(h, {a: now[a] for a in matched}, now_templates)[0] if matched else None
        out.append(
            ScopeFigure(
                key=h.key,
                label=rate.label(lang) if rate else h.label(lang),
                value=value,
                unit=headline_unit(h) if rate is None else rate.unit,
                direction=rate.direction if rate else h.direction,
                is_rate=rate is not None,
                agencies=counted,
                base_year=year - 1,
                change=change,
                base_value=base,
                now_compared=now_same,
                compared=len(matched),
                numerator=num,
                denominator=den,
            )
        )
    return out


def coverage(reports: pd.DataFrame, agencies: list[str], years: list[int]) -> pd.DataFrame:
    """agency × year: reported / errors (the audit found an error) / no_table (published without its statistics
    table) / missing (no report, in a year from the agency's first report on); "" before its first report."""
    mine = reports[reports["agency"].isin(agencies)]
    no_table = mine["template"].map(lambda t: not catalog.template(t).has_table)
    state = no_table.map({True: "no_table", False: ""})
    state = state.where(state != "", mine["errors"].gt(0).map({True: "errors", False: "reported"}))
    wide = (
        pd.DataFrame({"agency": mine["agency"], "year": mine["year"].astype(int), "state": state})
        .drop_duplicates(["agency", "year"], keep="last")
        .pivot(index="agency", columns="year", values="state")
        .reindex(index=agencies, columns=years)
        .astype(object)  # a year no agency of the page reported is all gaps, not a column of floats
    )
    first = mine.groupby("agency")["year"].min().reindex(agencies)
    for y in years:
        gap = wide[y].isna()
        # missing from an agency's first report on, within its lifetime (catalog/agencies.csv): a merged bureau is not
        wide.loc[gap, y] = [("missing" if f == f and y >= f and agency_table.active_in(a, y) else "") for a, f in first[gap].items()]
    wide.columns.name = None
    return wide


@dataclass(frozen=True)
class Reporting:
    agencies: int  # in the scope and in existence in the year
    reported: int  # with a report of the year
    with_errors: int  # reports of the year the audit found an error in
    missing: list[str]  # reported an earlier year, not this one


def reporting(reports: pd.DataFrame, agencies: list[str], year: int) -> Reporting:
    now = reports[(reports["year"] == year) & reports["agency"].isin(agencies)]
    earlier, reported = set(reports.loc[reports["year"] < year, "agency"]), set(now["agency"])
    # the agencies that existed in the year (catalog lifetimes; a report is one even from a bureau said to be gone)
    return Reporting(
        agencies=sum(1 for a in agencies if agency_table.active_in(a, year) or a in reported),
        reported=len(reported),
        with_errors=int((now["errors"] > 0).sum()),
        missing=[a for a in agencies if a in earlier and a not in reported and agency_table.active_in(a, year)],
    )


SPREAD_COLUMNS = ["rate", "label", "agency", "value", "numerator", "denominator", "direction", "median", "side"]


def rate_spread(reports: pd.DataFrame, facts: pd.DataFrame, year: int, lang: str = "zh") -> pd.DataFrame:
    """Every agency's value on each of the scope's rates in `year` (an agency whose denominator is blank or 0 has none),
    the scope's median and the agency's side of it: better / worse (by the rate's direction), level, or neutral."""
    by_report = agency_figures(facts)
    rows = []
    for r in reports[reports["year"] == year].itertuples():
        figures = by_report.get((r.agency, year), {})
        for h in headlines("scope").get(r.template, []):
            rate = catalog.rate(h.rate, r.template) if h.rate else None
            value = rate.value(figures) if rate else None
            if value is not None:
                n, d = rate.parts(figures)
                rows.append([h.rate, rate.label(lang), r.agency, value, n, d, rate.direction])
    frame = pd.DataFrame(rows, columns=SPREAD_COLUMNS[:7])
    medians = frame.groupby("rate")["value"].transform(median) if not frame.empty else pd.Series(dtype=float)
    frame["median"] = medians

    def side(row) -> str:
        if row.direction == "neutral":
            return "neutral"
        if row.value == row.median:
            return "level"
        better = row.value > row.median if row.direction == "higher_better" else row.value < row.median
        return "better" if better else "worse"

    frame["side"] = [side(r) for r in frame.itertuples()] if not frame.empty else []
    return frame[SPREAD_COLUMNS]


def outliers(spread: pd.DataFrame, per_rate: int = 2, min_agencies: int = 3) -> pd.DataFrame:
    """On each rate that at least `min_agencies` agencies have, the `per_rate` agencies furthest from the median
    (none when all sit on it), furthest first."""
    if spread.empty:
        return spread.assign(distance=pd.Series(dtype=float))
    frame = spread.assign(distance=(spread["value"] - spread["median"]).abs())
    counts = frame.groupby("rate")["agency"].transform("count")
    frame = frame[(counts >= min_agencies) & (frame["distance"] > 0)]
    order = {r: i for i, r in enumerate(dict.fromkeys(spread["rate"]))}
    frame = frame.sort_values(["rate", "distance"], ascending=[True, False], key=lambda c: c.map(order) if c.name == "rate" else c)
    return frame.groupby("rate", sort=False).head(per_rate).reset_index(drop=True)


def problems_first(grid: pd.DataFrame, year: int) -> list[str]:
    """The grid's agencies, those whose `year` is missing, without a table or with errors first, in the grid's order."""
    trouble = grid[year].isin(("missing", "no_table", "errors")) if year in grid.columns else pd.Series(False, index=grid.index)
    return [a for a in grid.index if trouble[a]] + [a for a in grid.index if not trouble[a]]


def named_few(names: list[str], shown: int) -> tuple[list[str], int]:
    """The first `shown` names and how many more there are (a long list is a count, the grid names them all)."""
    return names[:shown], max(0, len(names) - shown)


def grid_years(years: list[int], year: int, most: int) -> list[int]:
    """The coverage grid's columns: the chosen year first, then back in time, at most `most` of them."""
    return [y for y in sorted(years, reverse=True) if y <= year][:most]


def grid_order(grid: pd.DataFrame, year: int) -> tuple[list[str], dict[str, str]]:
    """The grid's agencies as a city office reads them: grouped by the government they belong to (each government
    first, then its departments; the groups by size), within a group those with a gap, no table or errors in `year`
    first; agencies that did not exist in `year` (catalog lifetimes) last. Also each agency's group (a government's
    canonical name, "" for an agency of none)."""
    names = list(grid.index)
    group_of = {}
    learned = agency_table.learned_governments(names)
    for a in names:
        gov = agency_table.government_of(a, learned=learned)
        group_of[a] = gov.name_zh if gov is not None else ""
    sizes = Counter(group_of.values())
    trouble = problems_first(grid, year)
    rank = {a: i for i, a in enumerate(trouble)}

    def key(a: str):
        gone = not agency_table.active_in(a, year)
        return (gone, -sizes[group_of[a]], group_of[a], a != group_of[a], rank[a])

    return sorted(names, key=key), group_of


def furthest(spread: pd.DataFrame, per_rate: int) -> pd.DataFrame:
    """On each rate, the `per_rate` agencies furthest from its median (all of them when fewer), in the spread's order."""
    if spread.empty:
        return spread
    distance = (spread["value"] - spread["median"]).abs()
    keep = distance.groupby(spread["rate"]).rank(method="first", ascending=False) <= per_rate
    return spread[keep]
