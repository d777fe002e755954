"""年度趋势: series over the years — catalog rows (`ind:<id>`) and crosswalk series across the template changes —
with each point's template and comparability, and the change on the year before."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

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


def trend_points(facts: pd.DataFrame, agencies: list[str], series_ids: list[str], series_name: Callable[[str], str]) -> pd.DataFrame:
    """All (agency, series, year) points; series ids are crosswalk series or `ind:<indicator id>`."""
    frames = []
    for series_id in series_ids:
        for agency in agencies:
            if series_id.startswith("ind:"):
                points = indicator_series(facts, agency, series_id[4:])
            else:
                points = crosswalk.series(facts, agency, series_id)
            if points.empty:
                continue
            points.insert(0, "unit", lead_indicator(series_id).unit)  # series of different units are charted apart
            points.insert(0, "series", series_name(series_id))
            points.insert(0, "series_id", series_id)
            points.insert(0, "agency", agency)
            frames.append(points)
    if not frames:
        return pd.DataFrame(columns=["agency", "series_id", "series", "unit", *crosswalk.SERIES_COLUMNS])
    out = pd.concat(frames, ignore_index=True)
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    return out


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


def yoy(points: pd.DataFrame) -> pd.DataFrame:
    """Change on the previous year per agency and series; across a template change the row says so."""
    rows = []
    for (agency, series), part in points.sort_values("year").groupby(["agency", "series"], sort=False):
        previous = None
        for row in part.itertuples():
            change = pct = None
            across = previous is not None and previous.template != row.template
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
                    "comparability": row.comparability,
                }
            )
            previous = row
    frame = pd.DataFrame(
        rows,
        columns=["agency", "series", "year", "template", "value", "previous", "change", "change_pct", "template_change", "comparability"],
    )
    for column in ("value", "previous", "change", "change_pct"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame
