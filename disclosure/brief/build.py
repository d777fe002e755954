"""Briefs from the store: `brief_for_report(reader, agency, year, lang)` and
`brief_for_scope(reader, agencies, scope_name, year, lang)`.

The brief computes nothing the pages do not: it runs the pages' named queries and hands them to the pages' view
functions, so every figure it prints is one a page shows, in the same unit —
- a report's key figures and rates are 单位年报's cards (views.overview.headline_cards, rate_cards: the headline
  set and rates of the report's template, the change only against the same family, the catalog's units);
- a scope's are 总览's (views.scope.key_figures, reporting: sums over the year's most common family, rates pooled,
  the change over the agencies that reported both years on it);
- the flow and the outcomes are 依申请公开's (views.requests.flow; a scope adds up its reports' links);
- the trend and its 口径变更 are 年度趋势's (views.trends.trend_points, template_breaks) for `TREND_SERIES`;
- every word is a row of catalog/strings.csv (catalog.t_in, as ui.i18n says them), the page's own where a page says the same thing.
What only the brief says (why a figure is blank, what the totals leave out) is worked out from the same frames."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

import pandas as pd

from .. import agencies as agency_table
from .. import catalog
from ..catalog import t_in
from ..figures import report_figures
from ..formats import format_value
from ..headline import HEADLINES, family
from ..model import stored_text
from ..views import overview as overview_view
from ..views import requests as requests_view
from ..views import scope as scope_view
from ..views import trends as trends_view
from .model import Brief, Finding, FlowLink, KeyFigure, Outcome, Source, TrendPoint

TREND_SERIES = "requests_received"  # the crosswalk series the trend draws (年度趋势's default series)
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def brief_for_report(reader, agency: str, year: int, lang: str = "zh") -> Brief:
    """One agency's brief for one year (its report, the change on the year before, its trend since its first report)."""
    reports = reader.query("scope_reports", agencies=[agency])
    facts = reader.query("trends_facts", agencies=[agency])
    findings = reader.query("brief_findings", agencies=[agency], year=year)
    now = reports[reports["year"] == year]
    template = now["template"].iloc[0] if not now.empty else None
    figures: list[KeyFigure] = []
    if template is not None:
        previous = overview_view.previous_template(reports, year)
        card_facts = reader.query("scope_facts", agencies=[agency], year=year, indicators=overview_view.report_indicators())
        cards = overview_view.headline_cards(card_facts, template, year, lang, previous)
        cards += overview_view.rate_cards(card_facts, agency, template, year, lang, previous)
        present = _report_figures(facts, agency, year)
        figures = [_card(c, template, year, present, lang) for c in cards]
    shared = _shared(facts, reports, now, [agency], findings, agency, year, lang)
    unitemised = shared.pop("unitemised")
    return Brief(
        title=t_in("brief_title_report", lang),
        kind="agency",
        figures=figures,
        no_figures=t_in("no_table_report", lang) if template is not None else t_in("no_report_year", lang, agency=agency, year=year),
        flow_note=" ".join(x for x in (_balance_note(findings, lang), unitemised) if x),
        findings=_messages(findings, lang),
        no_findings=t_in("no_findings", lang),
        **shared,
    )


def brief_for_scope(reader, agencies: list[str], scope_name: str, year: int, lang: str = "zh") -> Brief:
    """A scope's brief for one year: 总览's key figures, who reported, the flow and trend summed over its reports."""
    agencies = list(dict.fromkeys(agencies))
    reports = reader.query("scope_reports", agencies=agencies)
    # the flow and the trend sum the reports' facts: a summary report beside its departments' stands apart, as on 总览
    facts = scope_view.summed_rows(reader.query("trends_facts", agencies=agencies), reports)
    findings = reader.query("brief_findings", agencies=agencies, year=year)
    key_facts = reader.query("scope_facts", agencies=agencies, year=year, indicators=scope_view.needed_indicators())
    figures = [_scope_figure(f, lang) for f in scope_view.key_figures(reports, key_facts, year, lang)]
    reporting = scope_view.reporting(reports, agencies, year)
    now = reports[reports["year"] == year]
    summed = scope_view.year_family(reports, year)
    included = now[[family(t) == summed for t in now["template"]]] if summed else now.iloc[0:0]
    apart = scope_view.apart(reports, year)
    included = included[~included["agency"].isin(apart)]
    other = now[[family(t) is not None and family(t) != summed for t in now["template"]]]
    no_table = now[[family(t) is None for t in now["template"]]]

    severities = Counter(findings["severity"])
    summary = [f"{t_in('scope_reported', lang)} {reporting.reported}/{reporting.agencies}"]
    if reporting.missing:
        summary.append(t_in("scope_missing", lang, year=year, names=_names(reporting.missing, lang)))
    summary.append(t_in("scope_with_errors", lang, n=reporting.with_errors))
    counts = t_in("findings_summary", lang, errors=severities["error"], warnings=severities["warning"], infos=severities["info"])
    summary.append(t_in("brief_findings_count", lang, summary=counts))
    notes = []
    if not included.empty:
        notes.append(t_in("brief_scope_sum_note", lang, n=len(included), template=_templates(included["template"], lang)))
    if not other.empty:
        names = [f"{a}（{_template_words(t, lang)}）" for a, t in zip(other["agency"], other["template"])]
        notes.append(t_in("brief_scope_other_template", lang, names=_names(names, lang)))
    if not no_table.empty:
        notes.append(t_in("brief_scope_no_table", lang, names=_names(list(no_table["agency"]), lang)))
    if apart:
        notes.append(t_in("scope_apart", lang, names=_names(apart, lang)))

    shared = _shared(facts, reports, included, agencies, findings, scope_name, year, lang)
    unitemised = shared.pop("unitemised")
    listed = _messages(findings, lang)
    return Brief(
        title=t_in("brief_title_scope", lang),
        kind="scope",
        figures=figures,
        no_figures=t_in("scope_no_tables", lang, year=year),
        summary=summary,
        notes=notes,
        flow_note=unitemised,
        findings=[f for f in listed if f.severity != "info"] or listed,  # a scope lists errors and warnings
        no_findings=t_in("rule_counts_empty", lang),
        **shared,
    )


def region_scope(region: str, lang: str = "zh") -> tuple[list[str], str]:
    """(the agency table's agencies of a region, the scope's name "三明市 · 全部单位")."""
    names = [a.name_zh for a in agency_table.agencies().values() if a.region == region]
    return names, f"{region} · {t_in('export_all_agencies', lang)}"


# ---- key figures: the views' cards, with why a blank one is blank ---------------------------------------


def _report_figures(facts: pd.DataFrame, agency: str, year: int) -> dict[str, float | None]:
    return report_figures(facts[(facts["agency"] == agency) & (facts["year"] == year)])


def _card(card: overview_view.Card, template: str, year: int, present: dict, lang: str) -> KeyFigure:
    """单位年报's card; a blank one says whether its row is not in the report's table or a rate has no denominator."""
    rate = catalog.rate(card.key, template) if card.unit == "%" else None
    if rate is not None:
        sides = (rate.terms(rate.numerator), rate.terms(rate.denominator))
    else:
        sides = (next(h.indicators for h in HEADLINES[template] if h.key == card.key),)
    when_none = ""
    if card.current is None:
        if any(not any(i in present for i in side) for side in sides):
            when_none = t_in("brief_not_in_table", lang)
        elif rate is not None:
            when_none = t_in("brief_not_computable", lang)
    return KeyFigure(card.label, card.current, card.unit, card.change, card.delta, year - 1, card.direction, when_none=when_none)


def _scope_figure(f: scope_view.ScopeFigure, lang: str) -> KeyFigure:
    """总览's card; the change's note names the agencies it is over when they are fewer than those summed."""
    note = t_in("scope_compared", lang, n=f.compared, year=f.base_year) if f.change == "compared" and f.compared < f.agencies else ""
    when_none = (
        t_in("brief_not_in_table", lang) if not f.agencies else t_in("brief_not_computable", lang) if f.is_rate and f.value is None else ""
    )
    return KeyFigure(f.label, f.value, f.unit, f.change, f.delta, f.base_year, f.direction, note, when_none)


# ---- the flow and the outcomes: 依申请公开's links, added up over the reports --------------------------


def _words(lang: str) -> Callable[[str], str]:
    """The UI strings in `lang`, for a view that takes ui.i18n.t: the keys it asks for are the page's (依申请公开
    hands the same view `t`, so the strings-table test reads them there)."""
    return lambda key: catalog.t_in(key, lang)


def _label(lang: str) -> Callable[[str], str]:
    return lambda indicator: catalog.get(indicator).label(lang)


def _flow(facts: pd.DataFrame, reports: pd.DataFrame, year: int, lang: str) -> dict:
    """依申请公开's flow summed over `reports` of the year (one template family: the same nodes), the outcome bars from
    the same links, and its words where the received figure is more than its links itemise."""
    links: dict[tuple[str, str], float] = {}
    totals: dict[str, float] = {}
    shown, caption, groups = [], "", {}
    for r in reports.itertuples():
        v = _report_figures(facts, r.agency, year)
        flow = requests_view.flow(v, r.template, _label(lang), _words(lang))
        caption, groups = flow.caption, flow.groups
        for source, target, value in flow.links.itertuples(index=False, name=None):
            links[(source, target)] = links.get((source, target), 0.0) + float(value)
        for node, total in flow.totals.items():
            totals[node] = totals.get(node, 0.0) + total
        shown += [i for i in requests_view.answer_kinds() if i in v and i not in shown]
    by_target: dict[str, float] = {}
    for (_, target), value in links.items():
        by_target[target] = by_target.get(target, 0.0) + value
    if groups:  # 2019/2021: the outcome groups, a group no report fills blank
        outcomes = [Outcome(name, by_target.get(name), g) for g, name in groups.items()]
    else:  # one-column forms: the kinds of answer the reports have
        outcomes = [Outcome(_label(lang)(i), by_target.get(_label(lang)(i)), i) for i in shown]
    unit = "requests.received"  # what the flow counts, by its catalog unit
    unitemised = [
        t_in(
            "flow_unitemised",
            lang,
            node=node,
            total=format_value(total, unit),
            itemised=format_value(part, unit),
            rest=format_value(total - part, unit),
        )
        for node, total, part in requests_view.unitemised(((s, t, v) for (s, t), v in links.items()), totals)
    ]
    return {
        "flow_links": [FlowLink(s, t, v) for (s, t), v in links.items()],
        "flow_totals": {n: v for n, v in totals.items() if v},
        "flow_caption": caption,
        "outcomes": outcomes,
        "unitemised": " ".join(unitemised),
    }


def _balance_note(findings: pd.DataFrame, lang: str) -> str:
    """The audit's request_balance finding in the page's words under the flow (pages never re-check the identity)."""
    frame = findings[["rule", "values"]].copy()
    frame["values"] = [json.loads(v) if isinstance(v, str) and v else v for v in frame["values"]]
    off = requests_view.balance_off(frame)
    if off is None:
        return ""
    return t_in("flow_identity_off", lang, inflow=format_value(off[0], "件"), outflow=format_value(off[1], "件"))


# ---- the trend: 年度趋势's points and breaks ---------------------------------------------------------


def _trend(facts: pd.DataFrame, agencies: list[str], lang: str) -> dict:
    """年度趋势's points of `TREND_SERIES` for the agencies (a scope's points sum its agencies' figures, n reports per
    point) and the 口径变更 that page draws over the same points."""
    name = trends_view.series_name(TREND_SERIES, lang)
    points = trends_view.trend_points(facts, agencies, [TREND_SERIES], lambda _: name)
    out = []
    for year, part in points.groupby("year", sort=True):
        valued = part[part["value"].notna()]
        defined = part[part["comparability"] != "not_reported"]
        templates = set(part["template"].astype(str))
        comparability = "not_reported" if defined.empty else "approximate" if (defined["comparability"] == "approximate").any() else "exact"
        out.append(
            TrendPoint(
                year=int(year),
                value=float(valued["value"].sum()) if not valued.empty else None,
                template=templates.pop() if len(templates) == 1 else "mixed",
                comparability=comparability,
                reports=len(valued),
            )
        )
    breaks = trends_view.template_breaks(points) if not points.empty else []
    return {"trend_points": out, "trend_breaks": breaks, "trend_title": t_in("brief_trend", lang, series=name)}


# ---- findings and sources ---------------------------------------------------------------------------


def _messages(findings: pd.DataFrame, lang: str) -> list[Finding]:
    out = []
    for r in findings.itertuples():
        message = stored_text(r.code, r.params, lang, r.message, r.message_en) or r.rule
        out.append(Finding(r.severity, str(message), r.agency, r.rule))
    return sorted(out, key=lambda f: SEVERITY_ORDER.get(f.severity, 3))


def _template_words(template: str, lang: str) -> str:
    return catalog.template(template).name(lang)


def _templates(templates, lang: str) -> str:
    """The templates in words, newest first (the catalog's order of templates)."""
    ranked = sorted(set(templates), key=lambda t: -catalog.template(t).order)
    return _names([_template_words(t, lang) for t in ranked], lang)


def _names(names: list[str], lang: str) -> str:
    return catalog.in_language(catalog.joined(names), lang)


def _shared(facts, reports, summed, agencies, findings, name: str, year: int, lang: str) -> dict:
    """What a report's and a scope's brief show alike: the flow over the `summed` reports of the year, the trend
    over the agencies, the year's documents (`unitemised` is the flow's note, for the caller to place)."""
    now = reports[reports["year"] == year]
    return {
        "scope": name,
        "year": year,
        "lang": lang,
        **_flow(facts, summed, year, lang),
        **_trend(facts, agencies, lang),
        "findings_total": len(findings),
        "sources": [Source(r.source_name, r.agency, int(r.year), _template_words(r.template, lang)) for r in now.itertuples()],
        "no_sources": t_in("no_report_year", lang, agency=name, year=year),
        "template": _templates(now["template"], lang),
        "is_sample": bool(reports["is_sample"].any()),  # any report the brief reads (the year, the year before, the trend)
    }
