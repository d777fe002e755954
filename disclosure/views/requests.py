"""依申请公开: the year's flow of requests, outcomes as the template groups them, applicants, rates, reviews and lawsuits."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from .. import catalog
from ..figures import indicator_rows

OUTCOME_GROUPS = ("granted", "partial", "denied", "unable", "not_processed", "other")
GROUPS_2014 = ("answered_2014", "denied_2014")
CASE_RESULTS = ("upheld", "corrected", "other", "pending", "total")
BALANCE_IN = ("requests.received", "requests.carried_over")
BALANCE_OUT = ("requests.outcome.total", "requests.carried_forward")


def outcome_groups() -> list[tuple[str, tuple[str, ...]]]:
    """The 2019/2021 outcome rows by group, as the catalog groups them."""
    return [(g, catalog.group(g)) for g in OUTCOME_GROUPS]


def flow_links_2019(v: dict, sources: dict[str, str], in_hand: str, group_names: dict[str, str], carried_forward: str) -> pd.DataFrame:
    """新收 + 上年结转 → 本年需办理 → outcome groups + 结转下年度 (2019/2021 table 三, 总计 column).
    `sources` names the two inflows (requests.received, requests.carried_over)."""
    rows = []
    for source in ("requests.received", "requests.carried_over"):
        if v.get(source) is not None:
            rows.append((sources[source], in_hand, v[source]))
    for group, ids in outcome_groups():
        present = [v[i] for i in ids if v.get(i) is not None]
        if group == "other" and v.get("requests.outcome.other") is not None:
            present = [v["requests.outcome.other"]]  # the single row and its split never both count
        if present:
            rows.append((in_hand, group_names[group], sum(present)))
    if v.get("requests.carried_forward") is not None:
        rows.append((in_hand, carried_forward, v["requests.carried_forward"]))
    return pd.DataFrame(rows, columns=["source", "target", "value"])


def answer_kinds() -> list[str]:
    """The kinds of answer of a one-column form: the catalog's rows under 申请答复数 (the 2014 form's 8, a local
    form's 其他类型答复 among them), in table order; a report has those of its template."""
    return [i.id for i in catalog.indicators().values() if i.parent == "requests.answered" and i.kind == "value"]


def flow_links_2014(v: dict, name: Callable[[str], str]) -> pd.DataFrame:
    """收到申请 → the kinds of answer the report gives (2014 form: 8; local forms: theirs)."""
    rows = [(name("requests.received"), name(i), v[i]) for i in answer_kinds() if v.get(i) is not None]
    return pd.DataFrame(rows, columns=["source", "target", "value"])


@dataclass(frozen=True)
class Flow:
    links: pd.DataFrame  # source, target, value: a link only for a reported figure
    caption: str  # how to read it (the template's columns)
    groups: dict[str, str]  # outcome group → its node name (2019/2021; empty for one-column forms)
    totals: dict[str, float]  # node → the figure the report gives it (收到申请), which its links may itemise in part only


def flow(v: dict, template: str, name: Callable[[str], str], word: Callable[[str], str]) -> Flow:
    """The year's flow of requests as 依申请公开 and the brief draw it: `name` gives an indicator's label, `word` a UI
    string (ui.i18n.t, or t_in in a fixed language)."""
    received = v.get("requests.received")
    if catalog.template(template).one_column:
        node = name("requests.received")
        links, caption, groups = flow_links_2014(v, name), word("requests_flow_help_2014"), {}
    else:
        sources = {"requests.received": word("flow_new"), "requests.carried_over": word("flow_carried_over")}
        groups = {g: word(f"group_{g}") for g in OUTCOME_GROUPS}
        node = sources["requests.received"]
        links = flow_links_2019(v, sources, word("flow_in_hand"), groups, word("carried_forward"))
        caption = word("requests_flow_help_2019")
    return Flow(links, caption, groups, {node: received} if received is not None else {})


def unitemised(links: Iterable[tuple[str, str, float]], totals: dict[str, float]) -> list[tuple[str, float, float]]:
    """(node, its reported figure, what its links carry on) for each node whose links itemise less than the report's
    figure and that nothing flows into (local forms often itemise only some answers: 收到申请 157, answers 29)."""
    links = list(links)
    out = []
    for node, total in totals.items():
        itemised = sum(value for source, _, value in links if source == node)
        if itemised < total and not any(target == node for _, target, _ in links):
            out.append((node, total, itemised))
    return out


def outcomes(v: dict, template: str, name: Callable[[str], str]) -> pd.DataFrame:
    """Outcome rows (indicator, label, value, group) grouped as the template groups them."""
    one_column = [(g, tuple(answer_kinds()) if g == "answered_2014" else catalog.group(g)) for g in GROUPS_2014]
    groups = one_column if catalog.template(template).one_column else outcome_groups()
    return pd.concat([indicator_rows(v, ids, name, g) for g, ids in groups], ignore_index=True)


def applicants(facts: pd.DataFrame, name: Callable[[str], str]) -> pd.DataFrame:
    """新收 by applicant column (2019/2021): label, value; a blank cell stays blank."""
    received = facts[(facts["indicator"] == "requests.received") & (facts["applicant"] != "total")]
    return pd.DataFrame({"label": [name(a) for a in received["applicant"]], "value": received["value"].astype(float).values})


def rates(v: dict, template: str, lang: str) -> pd.DataFrame:
    """Every catalog rate of the template: id, label, percent (None when it cannot be computed), numerator,
    denominator, definition, direction."""
    rows = []
    for rate in catalog.rates(template):
        numerator, denominator = rate.parts(v)
        value = rate.value(v)
        rows.append(
            {
                "rate": rate.id,
                "label": rate.label(lang),
                "percent": None if value is None else round(value, 1),
                "numerator": numerator,
                "denominator": denominator,
                "definition": rate.definition(lang),
                "direction": rate.direction,
            }
        )
    return pd.DataFrame(rows, columns=["rate", "label", "percent", "numerator", "denominator", "definition", "direction"])


def case_blocks(template: str) -> list[tuple[str, str]]:
    """(case kind, indicator prefix): 行政复议, then 行政诉讼 as one (2014) or split direct / after review (2019+)."""
    if catalog.template(template).one_column:
        return [("case_review", "review"), ("case_litigation", "litigation")]
    return [
        ("case_review", "review"),
        ("case_litigation_direct", "litigation.direct"),
        ("case_litigation_after", "litigation.after_review"),
    ]


def cases(v: dict, template: str, name: Callable[[str], str]) -> pd.DataFrame:
    """Review and lawsuit results (case, result_key, result, indicator, value) for the rows the report has;
    `name` turns a case kind or `result_<key>` into words."""
    rows = [
        {"case": name(case), "result_key": r, "result": name(f"result_{r}"), "indicator": f"{prefix}.{r}", "value": v[f"{prefix}.{r}"]}
        for case, prefix in case_blocks(template)
        for r in CASE_RESULTS
        if f"{prefix}.{r}" in v
    ]
    frame = pd.DataFrame(rows, columns=["case", "result_key", "result", "indicator", "value"])
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    return frame


def cases_wide(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """One row per case kind, a column per result: the numbers behind the cases chart."""
    return pd.DataFrame([{kind: case, **dict(zip(part["result"], part["value"]))} for case, part in frame.groupby("case", sort=False)])


def balance_off(findings: pd.DataFrame) -> tuple[float, float] | None:
    """(inflow, outflow) of the 总计 column when the audit's request_balance finding says 新收 + 上年结转 differs from
    办理结果总计 + 结转下年度: pages show the audit's word, never check the identity again."""
    if findings is None or findings.empty:
        return None
    for values in findings.loc[findings["rule"] == "request_balance", "values"]:
        if isinstance(values, dict) and all(k in values for k in BALANCE_IN + BALANCE_OUT):
            return sum(values[k] for k in BALANCE_IN), sum(values[k] for k in BALANCE_OUT)
    return None
