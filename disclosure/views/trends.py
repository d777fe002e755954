"""年度趋势: series over the years — catalog rows (`ind:<id>`) and crosswalk series across the template changes —
with each point's template and comparability, and the change on the year before.

Each point also says whose report it is (`reporter`) and the report's coverage (本机关 / 本级政府 / 全市或全县汇总, as
its words state it; "" when they do not). A series may follow an agency through its 机构改革 (`follow`): the years
outside its lifetime come from its successor's reports (catalog/agencies.csv: 平潭综合实验区地方税务局 → 国家税务总局
平潭综合实验区税务局 from 2018) or its predecessor's, as one series with a break where the reporter changes. Three kinds
of break cut a series, each drawn the same way: a template change (口径变更), a change of reporter (机构改革), and a
change of stated coverage (统计范围变化) — on either side of any of them the figures are not the same measure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .. import agencies as agency_table
from .. import catalog, crosswalk
from ..figures import report_figures


def lead_indicator(series_id: str) -> catalog.Indicator:
    """The catalog row a series stands for: its own row, or the first row a crosswalk series' formula names."""
    if series_id.startswith("ind:"):
        return catalog.get(series_id[4:])
    term = crosswalk.series_terms(series_id)[0].removesuffix(".*")
    inds = catalog.indicators()
    return inds.get(term) or next(i for k, i in inds.items() if k.startswith(term + "."))


def series_section(series_id: str) -> str:
    """A crosswalk series sits in the section of the first row its formula names."""
    return lead_indicator(series_id).section


def series_options() -> list[str]:
    """Every series id, grouped by section in table order: the crosswalk series first, then the section's single rows."""
    inds = catalog.indicators()
    order = {s: k for k, s in enumerate(dict.fromkeys(i.section for i in inds.values()))}
    xw = [(order[series_section(s["series"])], 0, k, s["series"]) for k, s in enumerate(crosswalk.series_list())]
    single = [(order[i.section], 1, k, f"ind:{i.id}") for k, i in enumerate(inds.values()) if i.kind == "value"]
    return [key for *_, key in sorted(xw + single)]


def series_name(series_id: str, lang: str) -> str:
    if series_id.startswith("ind:"):
        return catalog.get(series_id[4:]).label(lang)
    entry = next(s for s in crosswalk.series_list() if s["series"] == series_id)
    return entry["label_en" if lang == "en" else "label_zh"]


def _aside(word: str, lang: str) -> str:
    return f" ({word})" if lang == "en" else f"（{word}）"


def option_label(series_id: str, lang: str, crosswalk_word: str) -> str:
    section = catalog.section_name(series_section(series_id), lang)
    suffix = "" if series_id.startswith("ind:") else _aside(crosswalk_word, lang)
    return f"{section} · {series_name(series_id, lang)}{suffix}"


def unique_names(series_ids: list[str], lang: str, crosswalk_word: str) -> dict[str, str]:
    """Legend names, unique by construction: a crosswalk series says so (收到申请 beside 收到申请（跨口径）),
    two rows of one short label are told apart by their section, and as a last resort by their id."""
    names = {s: series_name(s, lang) for s in series_ids}
    for s, n in list(names.items()):
        if list(names.values()).count(n) > 1 and not s.startswith("ind:"):
            names[s] = f"{n}{_aside(crosswalk_word, lang)}"
    for s, n in list(names.items()):
        if list(names.values()).count(n) > 1:
            names[s] = f"{catalog.section_name(series_section(s), lang)} · {n}"
    for s, n in list(names.items()):
        if list(names.values()).count(n) > 1:
            names[s] = f"{n} ({s.removeprefix('ind:')})"
    return names


def series_unit(series_ids: list[str]) -> str:
    """The unit the chosen series share (件 for requests), or "" when they mix units."""
    units = {lead_indicator(s).unit for s in series_ids}
    return units.pop() if len(units) == 1 else ""


def series_indicators(series_ids: list[str]) -> list[str]:
    """The indicator ids (or prefixes) the chosen series read: the findings that touch them explain their gaps."""
    return [term for s in series_ids for term in ([s[4:]] if s.startswith("ind:") else crosswalk.series_terms(s))]


def indicator_series(facts: pd.DataFrame, agency: str, indicator: str, lang: str = "zh") -> pd.DataFrame:
    """One catalog indicator over an agency's report years, shaped like crosswalk.series():
    years whose template lacks the row are `not_in_template` with no value (a gap, never 0)."""
    ind = catalog.get(indicator)
    own = facts[facts["agency"] == agency]
    points = []
    for (year, template), group in own.groupby(["year", "template"], sort=True):
        template = str(template)
        if template not in ind.templates:
            points.append({"year": int(year), "template": template, **crosswalk.not_in_template(template)})
            continue
        rows = group[group["indicator"] == indicator]
        value = report_figures(rows).get(indicator)
        status = "absent" if rows.empty else "reported" if value is not None else rows["status"].iloc[0]
        label = catalog.reported_label(ind, template)
        points.append(
            {
                "year": int(year),
                "template": template,
                "value": value,
                "status": status,
                "comparability": "exact" if len(ind.templates) == 1 or catalog.template(template).by_applicant else "approximate",
                "formula": indicator,
                "matched_zh": label,
                "matched_en": ind.label_en or indicator,
            }
        )
    return pd.DataFrame(points, columns=crosswalk.SERIES_COLUMNS)


def _successors(agency: agency_table.Agency) -> list[agency_table.Agency]:
    table = agency_table.agencies()
    return [table[s] for s in agency.successor.split("|") if s in table]


def _predecessors(agency: agency_table.Agency) -> list[agency_table.Agency]:
    return [a for a in agency_table.agencies().values() if agency.id in a.successor.split("|")]


def lineage(name: str) -> list[str]:
    """The agency and every predecessor and successor the table links it to (canonical names, oldest first as the
    table lists them): the agencies whose reports a followed series may read."""
    start = agency_table.find(name)
    if start is None:
        return [name]
    seen: dict[str, agency_table.Agency] = {}
    todo = [start]
    while todo:
        agency = todo.pop()
        if agency.id in seen:
            continue
        seen[agency.id] = agency
        todo.extend(_predecessors(agency) + _successors(agency))
    order = list(agency_table.agencies())
    return [a.name_zh for a in sorted(seen.values(), key=lambda a: order.index(a.id))]


def reporter(name: str, year: int) -> str:
    """Whose report stands for `name` in `year` on a followed series: the agency itself within its lifetime, after it
    its successor (and theirs, the first listed that existed then), before it its predecessor."""
    agency = agency_table.find(name)
    if agency is None or agency.active_in(year):
        return name
    step = _successors if agency.last_year is not None and year > agency.last_year else _predecessors
    seen, todo = set(), [agency]
    while todo:
        current = todo.pop(0)
        if current.id in seen:
            continue
        seen.add(current.id)
        for other in step(current):
            if other.active_in(year):
                return other.name_zh
            todo.append(other)
    return name


def followed_facts(facts: pd.DataFrame, agency: str) -> pd.DataFrame:
    """`facts` (of the agency's lineage) as one agency's: each year's rows are its reporter's, under the agency's name;
    the `reporter` column keeps whose report it is."""
    years = facts["year"].astype(int)
    duty = {y: reporter(agency, y) for y in set(years)}  # once per year, not per fact
    mine = facts[[duty[y] == a for a, y in zip(facts["agency"], years)]].copy()
    mine["reporter"] = mine["agency"]
    mine["agency"] = agency
    return mine


def trend_points(
    facts: pd.DataFrame, agencies: list[str], series_ids: list[str], series_name: Callable[[str], str], follow: bool = False
) -> pd.DataFrame:
    """All (agency, series, year) points; series ids are crosswalk series or `ind:<indicator id>`. With `follow`, each
    agency's series runs on through its predecessors' and successors' reports (`facts` must hold theirs too)."""
    frames = []
    for agency in agencies:
        own = followed_facts(facts, agency) if follow else facts[facts["agency"] == agency].assign(reporter=agency)
        by_year = own.drop_duplicates("year").set_index("year")
        reporters = by_year["reporter"].to_dict()
        coverages = by_year["coverage"].to_dict() if "coverage" in own.columns else {}
        for series_id in series_ids:
            if series_id.startswith("ind:"):
                points = indicator_series(own, agency, series_id[4:])
            else:
                points = crosswalk.series(own, agency, series_id)
            if points.empty:
                continue
            points.insert(0, "unit", lead_indicator(series_id).unit)  # series of different units are charted apart
            points.insert(0, "series", series_name(series_id))
            points.insert(0, "series_id", series_id)
            points.insert(0, "agency", agency)
            points["reporter"] = points["year"].map(reporters).fillna(agency)
            points["coverage"] = [_stated(coverages.get(y)) for y in points["year"]]
            frames.append(points)
    if not frames:
        return pd.DataFrame(columns=["agency", "series_id", "series", "unit", *crosswalk.SERIES_COLUMNS, "reporter", "coverage"])
    out = pd.concat(frames, ignore_index=True)
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    # the legend's order: series by series, each agency's line in the order picked
    series_order = {s: k for k, s in enumerate(series_ids)}
    out["_order"] = out["series_id"].map(series_order)
    return out.sort_values(["_order"], kind="stable").drop(columns="_order").reset_index(drop=True)


def _stated(coverage) -> str:
    return coverage if isinstance(coverage, str) else ""


def national_breaks() -> list[tuple[int, int]]:
    """(last year before, first year of) each national template after the first (catalog/templates.csv: 2018→2019,
    2020→2021): where every agency's series changes template."""
    national = sorted((t for t in catalog.templates() if t.national and t.first_year), key=lambda t: t.order)
    return [(t.first_year - 1, t.first_year) for t in national[1:]]


def template_breaks(points: pd.DataFrame) -> list[tuple[int, int]]:
    """(last year before, first year after) of every template change the points cross: a national change where the
    series have reports on both sides on two templates, and any other an agency's reports cross (a local form given
    up for the 2014 table in 2014, say). The trend page and the brief draw these, and only these, as 口径变更."""
    national = national_breaks()
    pairs = set(national)
    for _, part in points.dropna(subset=["template"]).groupby(["agency", "series"]):
        part = part.sort_values("year")
        for (y0, t0), (y1, t1) in zip(zip(part["year"], part["template"]), list(zip(part["year"], part["template"]))[1:]):
            if t0 != t1 and not any(y0 <= a and b <= y1 for a, b in national):
                pairs.add((int(y1) - 1, int(y1)))
    return [(a, b) for a, b in sorted(pairs) if templates_at(points, a, b) is not None]


def templates_at(points: pd.DataFrame, before: int, after: int) -> tuple[str, str] | None:
    """(template before, template after) when the series have reports on both sides of a change."""
    left = points.loc[points["year"] <= before, ["year", "template"]]
    right = points.loc[points["year"] >= after, ["year", "template"]]
    if left.empty or right.empty:
        return None
    t_before = left.sort_values("year")["template"].iloc[-1]
    t_after = right.sort_values("year")["template"].iloc[0]
    return (t_before, t_after) if t_before != t_after else None


@dataclass(frozen=True)
class Break:
    """A break other than a template change on a series: `reorg` (机构改革: the reports before are another agency's,
    `was` → `now` its names) or `coverage` (统计范围变化: the reports state different coverages, ids of
    catalog/coverage.csv). Drawn at before + 0.5, like a template change."""

    kind: str
    before: int
    after: int
    was: str
    now: str


def _boundary(was: str, y0: int, y1: int) -> int:
    """The last year before a change of reporter: the predecessor's last year when the table gives it between the two
    reports (平潭县人民政府 to 2013), else the year before the first report of the new one."""
    agency = agency_table.find(was)
    last = agency.last_year if agency is not None else None
    return last if last is not None and y0 <= last < y1 else y1 - 1


def other_breaks(points: pd.DataFrame) -> list[Break]:
    """Every change of reporter (机构改革) and of stated coverage (统计范围变化) between two consecutive reports of a
    series; a report whose words do not state its coverage neither makes nor hides a change."""
    if points.empty or not {"reporter", "coverage"} <= set(points.columns):
        return []
    found: dict[tuple[str, int], Break] = {}
    for _, part in points.dropna(subset=["template"]).groupby(["agency", "series"], sort=False):
        part = part.sort_values("year")
        stated = [(int(y), r, c) for y, r, c in zip(part["year"], part["reporter"], part["coverage"])]
        for (y0, r0, c0), (y1, r1, c1) in zip(stated, stated[1:]):
            if r0 != r1:
                before = _boundary(r0, y0, y1)
                found.setdefault(("reorg", before), Break("reorg", before, before + 1, r0, r1))
            if c0 and c1 and c0 != c1:
                found.setdefault(("coverage", y1 - 1), Break("coverage", y1 - 1, y1, c0, c1))
    return sorted(found.values(), key=lambda b: (b.before, b.kind))


def _break_between(previous, row) -> str:
    """The break two consecutive points lie on either side of: template, reorg (another reporter) or coverage (another
    stated coverage); "" when none."""
    if previous.template != row.template:
        return "template"
    if getattr(previous, "reporter", None) != getattr(row, "reporter", None):
        return "reorg"
    was, now = getattr(previous, "coverage", ""), getattr(row, "coverage", "")
    return "coverage" if was and now and was != now else ""


def yoy(points: pd.DataFrame) -> pd.DataFrame:
    """Change on the previous year per agency and series; across a break (template, reporter or coverage) the row says
    so and no change is computed."""
    rows = []
    for (agency, series), part in points.sort_values("year").groupby(["agency", "series"], sort=False):
        previous = None
        for row in part.itertuples():
            change = pct = None
            kind = _break_between(previous, row) if previous is not None else ""
            across = bool(kind)
            # across a 口径变更 the two figures are not the same measure: no change is computed, the row says why
            if (
                previous is not None
                and previous.year == row.year - 1
                and not across
                and not pd.isna(row.value)
                and not pd.isna(previous.value)
            ):
                change = row.value - previous.value
                pct = None if previous.value == 0 else 100.0 * change / previous.value
            rows.append(
                {
                    "agency": agency,
                    "series": series,
                    "year": int(row.year),
                    "template": row.template,
                    "value": row.value,
                    "previous": None if previous is None or previous.year != row.year - 1 else previous.value,
                    "change": change,
                    "change_pct": None if pct is None else round(pct, 1),
                    "template_change": across,
                    "break_kind": kind,
                    "comparability": row.comparability,
                }
            )
            previous = row
    frame = pd.DataFrame(
        rows,
        columns=[
            "agency",
            "series",
            "year",
            "template",
            "value",
            "previous",
            "change",
            "change_pct",
            "template_change",
            "break_kind",
            "comparability",
        ],
    )
    for column in ("value", "previous", "change", "change_pct"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame
