"""Briefs from the store: `brief_for_report(reader, agency, year, lang)` and
`brief_for_scope(reader, agencies, scope_name, year, lang)`.

Figures come through the project's one rules: a report's figures from figures.report_figures, the
headline set per template from headline.HEADLINES, rates from the catalog (rates.csv), the flow and the
outcome groups from views.requests, the trend from the crosswalk's `requests_received` series. A change is
given only against a year before on the same headline set (views/overview's rule); blank stays blank.
A scope's key figures are 总览's (views.scope: sums over its reports of the year on the most common template
family, rates pooled, the change over the agencies that reported both years on that family); reports on another
family, or without a table, are named and left out of the sums. Only named queries are run
(`brief_reports`, `trends_facts`, `brief_findings`)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

import pandas as pd

from .. import agencies as agency_table
from .. import catalog, crosswalk
from ..figures import report_figures
from ..headline import HEADLINES, headline_value
from ..views import requests as requests_view
from ..views import scope as scope_view
from .model import Brief, Finding, FlowLink, KeyFigure, Outcome, Source, TrendPoint
from .words import number, template_words, w

TREND_SERIES = "requests_received"  # the crosswalk series the trend draws
TEMPLATE_ORDER = {t.id: t.order for t in catalog.templates()}  # the newer wins a tie
ONE_COLUMN_TEMPLATES = tuple(t.id for t in catalog.templates() if t.one_column)
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def brief_for_report(reader, agency: str, year: int, lang: str = "zh") -> Brief:
    """One agency's brief for one year (its report, the year before, its trend since its first report)."""
    return _brief(reader, [agency], agency, year, lang, scope=False)


def brief_for_scope(reader, agencies: list[str], scope_name: str, year: int, lang: str = "zh") -> Brief:
    """A scope's brief for one year: totals over its agencies' reports, how many reported, findings counts."""
    return _brief(reader, list(dict.fromkeys(agencies)), scope_name, year, lang, scope=True)


def region_scope(region: str, lang: str = "zh") -> tuple[list[str], str]:
    """(the agency table's agencies of a region, the scope's name "三明市 · 全部单位")."""
    names = [a.name_zh for a in agency_table.agencies().values() if a.region == region]
    return names, f"{region} · {'all agencies' if lang == 'en' else '全部单位'}"


# ---- assembling ----------------------------------------------------------------------------


def _name(lang: str):
    return lambda indicator: catalog.get(indicator).label(lang)


def _group_names(lang: str) -> dict[str, str]:
    zh = {
        "granted": "予以公开",
        "partial": "部分公开",
        "denied": "不予公开",
        "unable": "无法提供",
        "not_processed": "不予处理",
        "other": "其他处理",
    }
    en = {
        "granted": "Granted",
        "partial": "Partly granted",
        "denied": "Not disclosed",
        "unable": "Unable to provide",
        "not_processed": "Not processed",
        "other": "Other handling",
    }
    return en if lang == "en" else zh


def _scope_figures(reader, agencies: list[str], year: int, lang: str) -> list[KeyFigure]:
    """A scope's key figures as 总览 shows them (views.scope: sums, pooled rates, the change over the agencies that
    reported both years on the same template family)."""
    reports = reader.query("scope_reports", agencies=agencies)
    facts = reader.query("scope_facts", agencies=agencies, year=year, indicators=scope_view.needed_indicators())
    out = []
    for f in scope_view.key_figures(reports, facts, year, lang):
        compared = f.change == "compared"
        out.append(
            KeyFigure(
                label=f.label,
                value=f.value,
                unit="%" if f.is_rate else ("" if lang == "en" else "件"),
                previous=f.base_value if compared else None,
                comparable=compared,
                previous_year=f.base_year,
                previous_reported=f.change != "no_previous",
                direction=f.direction,
                note=w("compared_over", lang, n=f.compared) if compared and f.compared < f.agencies else "",
                when_none=w("not_computable", lang) if f.is_rate and f.agencies else w("not_in_table", lang) if not f.agencies else "",
                now_compared=f.now_compared if compared else None,
            )
        )
    return out


def _headline_set(template: str) -> int:
    return id(HEADLINES.get(template, HEADLINES["none"]))


def _flow(figures: dict, template: str, lang: str) -> list[tuple[str, str, float]]:
    """One report's flow links (views.requests), as (source, target, value)."""
    if template in ONE_COLUMN_TEMPLATES:
        links = requests_view.flow_links_2014(figures, _name(lang))
        rows = list(links.itertuples(index=False, name=None))
        if template == "local" and figures.get("local.answered.other") is not None:  # the local form's 其他类型答复
            rows.append((_name(lang)("requests.received"), _name(lang)("local.answered.other"), figures["local.answered.other"]))
        return rows
    sources = {"requests.received": w("flow_new", lang), "requests.carried_over": w("flow_carried_over", lang)}
    links = requests_view.flow_links_2019(figures, sources, w("flow_in_hand", lang), _group_names(lang), w("carried_forward", lang))
    return list(links.itertuples(index=False, name=None))


def _outcomes(flow: dict[tuple[str, str], float], template: str, lang: str, one_figures: list[dict]) -> list[Outcome]:
    """The outcome chart's bars: the template's groups (2019/2021) or kinds of answer (2014, local), from the
    same links the flow draws; a group no report fills is blank, not 0."""
    by_target = defaultdict(float)
    present = set()
    for (_, target), value in flow.items():
        by_target[target] += value
        present.add(target)
    if template in ONE_COLUMN_TEMPLATES:
        ids = [*catalog.group("answered_2014"), *(["local.answered.other"] if template == "local" else [])]
        shown = [i for i in ids if any(i in f for f in one_figures)]  # rows the reports have
        return [Outcome(_name(lang)(i), by_target[_name(lang)(i)] if _name(lang)(i) in present else None, i) for i in shown]
    names = _group_names(lang)
    return [Outcome(names[g], by_target[names[g]] if names[g] in present else None, g) for g in requests_view.OUTCOME_GROUPS]


def _sum(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def _pooled(figure_dicts: list[dict]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for ind in dict.fromkeys(k for f in figure_dicts for k in f):
        out[ind] = _sum([f.get(ind) for f in figure_dicts])
    return out


def _messages(findings: pd.DataFrame, lang: str) -> list[Finding]:
    out = []
    for r in findings.itertuples():
        message = (r.message_en if lang == "en" and isinstance(r.message_en, str) and r.message_en else r.message) or r.rule
        out.append(Finding(r.severity, str(message), r.agency, r.rule))
    return sorted(out, key=lambda f: SEVERITY_ORDER.get(f.severity, 3))


def _balance_note(findings: pd.DataFrame, lang: str) -> str:
    """The audit's request_balance finding in words under the flow (pages never re-check the identity)."""
    frame = findings[["rule", "values"]].copy()
    frame["values"] = [json.loads(v) if isinstance(v, str) and v else v for v in frame["values"]]
    off = requests_view.balance_off(frame)
    if off is None:
        return ""
    return w("flow_identity_off", lang, inflow=number(off[0]), outflow=number(off[1]))


def _unitemised(links: list[FlowLink], totals: dict[str, float], lang: str) -> str:
    """Words for a node whose reported figure is larger than what its links carry on (local forms often itemise
    only some answers): the picture draws the rest of its bar unlinked."""
    out = []
    for node, total in totals.items():
        itemised = sum(link.value for link in links if link.source == node)
        carried_in = sum(link.value for link in links if link.target == node)
        if itemised < total and carried_in == 0:
            out.append(w("flow_unitemised", lang, node=node, total=number(total), itemised=number(itemised)))
    return " ".join(out)


def _trend(facts: pd.DataFrame, agencies: list[str]) -> list[TrendPoint]:
    """requests received per year; a scope's points sum its agencies' figures (n reports per point). The
    basis (formula and comparability of the crosswalk's mapping) decides where the line breaks."""
    per_year: dict[int, list[dict]] = defaultdict(list)
    for agency in agencies:
        points = crosswalk.series(facts, agency, TREND_SERIES)
        for p in points.to_dict("records"):
            per_year[int(p["year"])].append(p)
    out = []
    for year in sorted(per_year):
        points = per_year[year]
        valued = [p for p in points if p["value"] is not None and p["value"] == p["value"]]
        defined = [p for p in points if p["comparability"] != "not_reported"]
        bases = {f"{p['formula']}|{p['comparability']}" for p in defined}
        templates = {str(p["template"]) for p in defined} or {str(points[0]["template"])}
        comparability = (
            "not_reported" if not defined else "approximate" if any(p["comparability"] == "approximate" for p in defined) else "exact"
        )
        out.append(
            TrendPoint(
                year=year,
                value=_sum([float(p["value"]) for p in valued]),
                template=templates.pop() if len(templates) == 1 else "mixed",
                comparability=comparability,
                basis=bases.pop() if len(bases) == 1 else (f"mixed:{year}" if bases else ""),
                reports=len(valued),
            )
        )
    return out


def _brief(reader, agencies: list[str], scope_name: str, year: int, lang: str, scope: bool) -> Brief:
    reports = reader.query("brief_reports", agencies=agencies)
    facts = reader.query("trends_facts", agencies=agencies)
    findings = reader.query("brief_findings", agencies=agencies, year=year)
    now = reports[reports["year"] == year]
    before = reports[reports["year"] == year - 1]

    def figures_of(rows: pd.DataFrame) -> dict[str, dict]:
        return {r.agency: report_figures(facts[(facts["agency"] == r.agency) & (facts["year"] == r.year)]) for r in rows.itertuples()}

    tabled = now[now["template"] != "none"]
    base = None
    if not tabled.empty:  # the most common headline set of the year; the newer template wins a tie
        counts = Counter(_headline_set(t) for t in tabled["template"])
        base = max(tabled["template"], key=lambda t: (counts[_headline_set(t)], TEMPLATE_ORDER.get(t, 0)))
    included = tabled[[_headline_set(t) == _headline_set(base) for t in tabled["template"]]] if base else tabled
    other = tabled[~tabled["agency"].isin(included["agency"])]
    no_table = now[now["template"] == "none"]
    current = figures_of(included)
    template = base or (now["template"].iloc[0] if not now.empty else "")

    prev_tabled = before[before["template"] != "none"]
    comparable = (
        base is not None and not prev_tabled.empty and all(_headline_set(t) == _headline_set(base) for t in prev_tabled["template"])
    )
    previous = figures_of(prev_tabled) if comparable else {}
    prev_pooled = _pooled(list(previous.values()))
    pooled = _pooled(list(current.values()))

    def absent(ids) -> bool:  # no report of the year has any of these rows: not in its table, not blank
        return not any(i in f for f in current.values() for i in ids)

    def key_figure(label, values: list[float | None], prev_values, unit="", direction="neutral", when_none="") -> KeyFigure:
        filled = sum(v is not None for v in values)
        note = w("filled_by", lang, n=filled, of=len(values)) if scope and values and 0 < filled < len(values) else ""
        return KeyFigure(
            label=label,
            value=_sum(values),
            unit=unit,
            previous=prev_values if comparable else None,
            comparable=comparable,
            previous_year=year - 1,
            previous_reported=not before.empty,
            direction=direction,
            note=note,
            when_none=when_none,
        )

    figures: list[KeyFigure] = _scope_figures(reader, agencies, year, lang) if scope else []
    for h in HEADLINES.get(base, []) if base and not scope else []:
        unit = "件" if lang != "en" else ""
        prev_value = _sum([headline_value(f, h) for f in previous.values()])
        when_none = w("not_in_table", lang) if absent(h.indicators) else ""
        figures.append(
            key_figure(
                h.en if lang == "en" else h.zh, [headline_value(f, h) for f in current.values()], prev_value, unit, when_none=when_none
            )
        )
    for rate in catalog.rates(base) if base and not scope else []:
        numerator, denominator = rate.parts(pooled)
        when_none = (
            w("not_computable", lang)
            if numerator is not None and denominator == 0
            else w("not_in_table", lang)
            if absent(rate.terms(rate.numerator)) or absent(rate.terms(rate.denominator))
            else ""
        )
        prev_rate = rate.value(prev_pooled) if comparable else None
        value = rate.value(pooled)
        figures.append(key_figure(rate.label(lang), [value], prev_rate, "%", rate.direction, when_none))

    # flow and outcomes: each report's links, summed (a 2019 single 其他处理 row and a 2021 split one both count)
    flow: dict[tuple[str, str], float] = {}
    for f in current.values():
        for source, target, value in _flow(f, template, lang):
            flow[(source, target)] = flow.get((source, target), 0.0) + float(value)
    links = [FlowLink(s, t, v) for (s, t), v in flow.items()]
    received = _sum([f.get("requests.received") for f in current.values()])
    flow_totals = (
        {w("flow_new", lang) if base not in ONE_COLUMN_TEMPLATES else _name(lang)("requests.received"): received} if received else {}
    )
    outcomes = _outcomes(flow, template, lang, list(current.values())) if base else []

    summary, notes = [], []
    if scope:
        reported = sorted(set(now["agency"]))
        missing = [a for a in agencies if a not in reported]
        summary.append(w("scope_reported", lang, n=len(reported), of=len(agencies)))
        if missing:
            summary.append(w("scope_missing", lang, names="、".join(missing)))
        severities = Counter(findings["severity"])
        with_errors = findings.loc[findings["severity"] == "error", "source_name"].nunique()
        summary.append(w("scope_errors", lang, n=with_errors))
        summary.append(w("scope_findings", lang, error=severities["error"], warning=severities["warning"], info=severities["info"]))
        if base:
            notes.append(w("scope_sum_note", lang, n=len(included), template=template_words(base, lang)))
        if not other.empty:
            names = "、".join(f"{a}（{template_words(t, lang)}）" for a, t in zip(other["agency"], other["template"]))
            notes.append(w("scope_other_template", lang, names=names))
        if not no_table.empty:
            notes.append(w("scope_no_table", lang, names="、".join(no_table["agency"])))
        if comparable and set(prev_tabled["agency"]) != set(included["agency"]):
            notes.append(w("scope_previous_count", lang, year=year - 1, before=prev_tabled["agency"].nunique(), now=len(included)))

    all_findings = _messages(findings, lang)
    if scope:
        all_findings = [f for f in all_findings if f.severity != "info"] or all_findings  # a scope lists errors and warnings
    templates = sorted(set(now["template"]), key=lambda t: -TEMPLATE_ORDER.get(t, 0))
    return Brief(
        title=w("title_scope" if scope else "title_report", lang),
        scope=scope_name,
        year=year,
        lang=lang,
        figures=figures,
        kind="scope" if scope else "agency",
        flow_links=links,
        flow_totals=flow_totals,
        outcomes=outcomes,
        trend_points=_trend(facts, agencies),
        findings=all_findings,
        sources=[Source(r.source_name, r.agency, int(r.year), template_words(r.template, lang)) for r in now.itertuples()],
        is_sample=bool(reports["is_sample"].any()),  # any report the brief reads (the year, the year before, the trend)
        template="、".join(template_words(t, lang) for t in templates),
        summary=summary,
        notes=notes,
        flow_note=" ".join(x for x in ("" if scope else _balance_note(findings, lang), _unitemised(links, flow_totals, lang)) if x),
        trend_title=w("trend", lang),
        findings_total=len(findings),
    )
