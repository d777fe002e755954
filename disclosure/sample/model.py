"""The generator of facts: a seeded model of how one fictional city's disclosure figures behave.

Thirty agencies of 示例市 (plainly fictional) × 2014–2024. Each agency has a scale, a trend and a
few habits (whether it writes the 一、主动公开情况 group total, whether its old forms lack the
政务微信 and 主要负责同志 rows, whether it writes blanks or —— for 规章 it never makes). Every §5
identity of the spec holds in the facts this module returns, across years too (结转 chains,
现行有效 chains, 上一年项目数量 + 本年增/减). Defects are added later by `defects.py`.

All randomness flows from one `random.Random(seed)`; nothing reads the clock.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .. import agencies as agency_table
from .. import catalog
from ..model import APPLICANTS
from .writer import NA, ReportFacts, outcome_groups, review_indicators

YEARS = tuple(range(2014, 2025))


def template_for_year(year: int) -> str:
    """The national template in force in `year` (catalog/templates.csv)."""
    return next(t.id for t in catalog.templates() if t.national and t.in_force(year))


@dataclass(frozen=True)
class Agency:
    slug: str  # the agency table's id (catalog/agencies.csv), which also names the sample files
    kind: str  # office | big_bureau | bureau | district | quiet

    @property
    def name(self) -> str:
        return agency_table.agencies()[self.slug].name_zh


AGENCIES = (
    Agency("shili-zfb", "office"),
    Agency("shili-gaj", "big_bureau"),
    Agency("shili-zrzy", "big_bureau"),
    Agency("shili-zjj", "big_bureau"),
    Agency("shili-rsj", "big_bureau"),
    Agency("shili-scjg", "big_bureau"),
    Agency("shili-sthj", "big_bureau"),
    Agency("shili-jyj", "bureau"),
    Agency("shili-czj", "bureau"),
    Agency("shili-mzj", "bureau"),
    Agency("shili-jtj", "bureau"),
    Agency("shili-wjw", "bureau"),
    Agency("shili-nyj", "bureau"),
    Agency("shili-wlj", "bureau"),
    Agency("shili-sjj", "bureau"),
    Agency("shili-tjj", "bureau"),
    Agency("shili-yjj", "bureau"),
    Agency("shili-slj", "bureau"),
    Agency("shili-swj", "bureau"),
    Agency("shili-sfj", "bureau"),
    Agency("shili-fgw", "bureau"),
    Agency("shili-jiaqu", "district"),
    Agency("shili-yiqu", "district"),
    Agency("shili-bingqu", "district"),
    Agency("shili-dingxian", "district"),
    Agency("shili-wuxian", "district"),
    Agency("shilixian", "district"),
    Agency("shili-daj", "quiet"),
    Agency("shili-dfz", "quiet"),
    Agency("shili-jgsw", "quiet"),
)

# (proactive items, requests) in 2014, before trends
SCALE = {
    "office": ((2500, 6000), (60, 260)),
    "big_bureau": ((400, 1500), (20, 160)),
    "bureau": ((80, 500), (1, 25)),
    "district": ((800, 3000), (20, 140)),
    "quiet": ((20, 90), (0, 0)),
}


@dataclass
class SampleReport:
    """One generated agency-year: the facts the writer renders, and what the manifest says of it."""

    agency: Agency
    year: int
    template: str  # '2014' | '2019' | '2021' | '2021-single-other'
    facts: dict
    narrative: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)  # figures the narrative states in words
    defects: list[dict] = field(default_factory=list)
    form: str = "txt"
    active_items: int = 0  # the narrative states it even where no table row holds it (2019+)
    phrases: set = field(default_factory=set)  # stock sentences the narrative used (next year avoids them)

    @property
    def base_template(self) -> str:
        return template_for_year(self.year)

    @property
    def file_name(self) -> str:
        return f"{self.agency.slug}-{self.year}.{self.form}"

    def report_facts(self) -> ReportFacts:
        return ReportFacts(self.agency.name, self.year, self.template, dict(self.facts), list(self.narrative), list(self.closing))


@dataclass
class _Habits:
    active_growth: float
    request_growth: float
    writes_group_total: bool
    old_form_until: int  # 2014 forms up to this year lack 政务微信 and 主要负责同志 rows
    rules_cell: str  # how a 规章 row the agency never fills is written: 'zero' | 'blank' | 'na'
    single_other_row: bool  # keeps the 2019 （六）其他处理 row in 2021+
    licensing: int
    penalty: int
    enforcement: int
    fee_items: int
    issues_rules: bool


def split(total: int, weights: list[float], rng: random.Random) -> list[int]:
    """`total` split into len(weights) non-negative integers that sum to it exactly."""
    if total <= 0:
        return [0] * len(weights)
    noisy = [w * rng.uniform(0.5, 1.5) for w in weights]
    s = sum(noisy) or 1.0
    raw = [total * w / s for w in noisy]
    parts = [int(x) for x in raw]
    rest = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], rng.random()), reverse=True)
    for i in order[:rest]:
        parts[i] += 1
    return parts


def _habits(agency: Agency, rng: random.Random) -> _Habits:
    big = agency.kind in ("office", "big_bureau", "district")
    return _Habits(
        active_growth=rng.uniform(-0.08, 0.15),
        request_growth=rng.uniform(-0.10, 0.18),
        writes_group_total=rng.random() < 0.4,
        old_form_until=rng.choice((2013, 2014, 2015)),
        rules_cell="zero" if agency.kind in ("office", "district") else rng.choice(("zero", "zero", "blank", "na")),
        single_other_row=rng.random() < 0.15,
        licensing=rng.randint(200, 9000) if big and agency.kind != "office" else rng.choice((0, 0, rng.randint(10, 300))),
        penalty=rng.randint(100, 3000) if agency.kind in ("big_bureau", "district") else rng.choice((0, 0, rng.randint(1, 60))),
        enforcement=rng.randint(5, 200) if agency.kind in ("big_bureau", "district") else 0,
        fee_items=rng.randint(1, 12) if agency.kind in ("big_bureau", "district") else rng.choice((0, 0, 1, 2)),
        issues_rules=agency.kind == "office",
    )


def generate_reports(seed: int, agencies: tuple[Agency, ...] = AGENCIES, years: tuple[int, ...] = YEARS) -> list[SampleReport]:
    """Correct reports (no defects, no narrative yet) for every agency-year, agency by agency."""
    rng = random.Random(seed)
    reports = []
    for agency in agencies:
        reports += _agency_series(agency, years, rng)
    return reports


def _agency_series(agency: Agency, years: tuple[int, ...], rng: random.Random) -> list[SampleReport]:
    habits = _habits(agency, rng)
    (a_lo, a_hi), (r_lo, r_hi) = SCALE[agency.kind]
    active0 = rng.randint(a_lo, a_hi)
    requests0 = rng.randint(r_lo, r_hi)
    state: dict = {}
    out = []
    for year in years:
        t = year - 2014
        active = max(5, int(active0 * (1 + habits.active_growth) ** t * rng.uniform(0.85, 1.15)))
        # the 2019 条例 brought a wave of requests; quiet agencies stay at none
        wave = 1.4 if year >= 2019 else 1.0
        requests = 0 if requests0 == 0 else max(0, round(requests0 * (1 + habits.request_growth) ** t * wave * rng.uniform(0.7, 1.3)))
        template = template_for_year(year)
        if catalog.template(template).one_column:
            facts = _facts_2014(year, active, requests, habits, rng)
        else:
            facts = _facts_2019(year, template, requests, habits, rng, state)
            if template == "2021" and habits.single_other_row:
                template = "2021-single-other"
        out.append(SampleReport(agency, year, template, facts, active_items=active))
    return out


def _facts_2014(year: int, active: int, requests: int, h: _Habits, rng: random.Random) -> dict:
    f: dict = {}
    old_form = year <= h.old_form_until
    if h.writes_group_total:
        f["active|total"] = active
    f["active.total|total"] = active
    normative_issued = rng.randint(0, max(1, active // 150))
    f["active.normative_published|total"] = min(active, normative_issued + rng.randint(0, 3))
    f["active.normative_issued|total"] = normative_issued
    f["active.channel.gazette|total"] = int(active * rng.uniform(0, 0.15))
    f["active.channel.website|total"] = int(active * rng.uniform(0.75, 1.0))
    f["active.channel.weibo|total"] = int(active * rng.uniform(0.05, 0.5))
    if not old_form:
        f["active.channel.wechat|total"] = int(active * rng.uniform(0.05, 0.6) * min(1.0, (year - 2013) / 4))
    f["active.channel.other|total"] = int(active * rng.uniform(0, 0.1))
    # every item goes out on at least one channel, so Σ channels ≥ items (overlap makes it larger)
    shortfall = active - sum(v for k, v in f.items() if k.startswith("active.channel."))
    if shortfall > 0:
        f["active.channel.website|total"] += shortfall

    f["response.hot_topics|total"] = rng.randint(0, 20)
    press = rng.randint(0, 12)
    f["response.press_conferences|total"] = press
    if not old_form:
        f["response.press_conferences.leaders|total"] = rng.randint(0, press)
    interviews = rng.randint(0, 6)
    f["response.online_interviews|total"] = interviews
    if not old_form:
        f["response.online_interviews.leaders|total"] = rng.randint(0, interviews)
    f["response.interpretations|total"] = rng.randint(1, max(2, active // 40))
    f["response.social_media_events|total"] = rng.randint(0, 30)
    f["response.other_events|total"] = rng.randint(0, 10)

    f["requests.received|total"] = requests
    for key, n in zip(("in_person", "fax", "online", "letter"), split(requests, [0.3, 0.02, 0.5, 0.18], rng)):
        f[f"requests.received.{key}|total"] = n
    closed = requests - (rng.randint(0, min(3, requests // 10)) if requests >= 10 else 0)
    f["requests.closed|total"] = closed
    extended = rng.randint(0, closed // 12) if closed else 0
    f["requests.closed.on_time|total"] = closed - extended
    f["requests.closed.extended|total"] = extended
    f["requests.answered|total"] = closed
    items = ("already_public", "granted", "partial", "denied", "not_this_agency", "not_exist", "correction", "other_route")
    answered = split(closed, [0.25, 0.35, 0.05, 0.05, 0.12, 0.1, 0.05, 0.03], rng)
    for key, n in zip(items, answered):
        f[f"requests.answered.{key}|total"] = n
    reasons = ("state_secret", "commercial_secret", "privacy", "security_stability", "not_government_info", "other_law")
    for key, n in zip(reasons, split(answered[3], [0.05, 0.2, 0.3, 0.1, 0.25, 0.1], rng)):
        f[f"requests.answered.denied.{key}|total"] = n

    for block, share in (("review", 0.04), ("litigation", 0.025)):
        total = rng.randint(0, int(requests * share) + (1 if requests > 20 else 0))
        f[f"{block}.total|total"] = total
        for key, n in zip(("upheld", "corrected", "other"), split(total, [0.7, 0.1, 0.2], rng)):
            f[f"{block}.{key}|total"] = n
    f["complaints.total|total"] = rng.randint(0, 3) if requests else 0
    # fees were rare and small, and abolished in practice by 2018: 万元 with cents
    f["requests.fees|total"] = round(rng.uniform(0.01, 0.3), 2) if requests > 30 and year <= 2016 and rng.random() < 0.3 else 0
    f["capacity.offices|total"] = 1
    f["capacity.reading_points|total"] = rng.randint(1, 6)
    full = rng.randint(1, 4)
    part = rng.randint(1, 30)
    f["capacity.staff|total"] = full + part
    f["capacity.staff.full_time|total"] = full
    f["capacity.staff.part_time|total"] = part
    f["capacity.budget|total"] = rng.choice((0, 0, round(rng.uniform(0.5, 12), 1), rng.randint(1, 20)))
    f["training.meetings|total"] = rng.randint(1, 6)
    f["training.classes|total"] = rng.randint(0, 4)
    f["training.trainees|total"] = rng.randint(10, 300) if f["training.classes|total"] else 0
    return f


def _cell(value, h: _Habits, never_filled: bool):
    if not never_filled:
        return value
    return {"zero": 0, "blank": None, "na": NA}[h.rules_cell]


def _facts_2019(year: int, template: str, requests: int, h: _Habits, rng: random.Random, state: dict) -> dict:
    f: dict = {}
    no_rules = not h.issues_rules
    # 第二十条
    rules_issued = rng.randint(0, 3) if h.issues_rules else 0
    normative_issued = rng.randint(0, 8 if h.issues_rules else 4)
    if template == "2019":
        state.setdefault("rules_total", rng.randint(10, 40) if h.issues_rules else 0)
        state.setdefault("normative_total", rng.randint(5, 60))
        state["rules_total"] += rules_issued
        state["normative_total"] += normative_issued
        f["art20.rules.issued|total"] = _cell(rules_issued, h, no_rules)
        f["art20.rules.published|total"] = _cell(rules_issued, h, no_rules)
        f["art20.rules.total_published|total"] = _cell(state["rules_total"], h, no_rules)
        f["art20.normative.issued|total"] = normative_issued
        f["art20.normative.published|total"] = normative_issued
        f["art20.normative.total_published|total"] = state["normative_total"]
        for key, decisions in (
            ("licensing", h.licensing),
            ("other_services", h.licensing // 3),
            ("penalty", h.penalty),
            ("enforcement", h.enforcement),
        ):
            prev = state.setdefault(f"{key}_items", rng.randint(5, 80) if decisions else 0)
            change = rng.randint(-3, 4) if prev else 0
            change = max(change, -prev)
            f[f"art20.{key}.prev_items|total"] = prev
            f[f"art20.{key}.change|total"] = change
            f[f"art20.{key}.decisions|total"] = int(decisions * rng.uniform(0.8, 1.2)) if prev else 0
            state[f"{key}_items"] = prev + change
        prev = state.setdefault("fee_items", h.fee_items)
        change = max(-prev, rng.choice((0, 0, -1, 1))) if prev else 0
        f["art20.fees.prev_items|total"] = prev
        f["art20.fees.change|total"] = change
        state["fee_items"] = prev + change
        f["art20.procurement.items|total"] = rng.randint(1, 60)
        f["art20.procurement.amount|total"] = round(rng.uniform(20, 5000), 2)
    else:
        state.setdefault("rules_in_force", max(0, state.get("rules_total", 0) - rng.randint(0, 5)))
        state.setdefault("normative_in_force", max(0, int(state.get("normative_total", rng.randint(5, 60)) * rng.uniform(0.5, 0.9))))
        for key, issued in (("rules", rules_issued), ("normative", normative_issued)):
            repealed = rng.randint(0, min(3, state[f"{key}_in_force"]))
            state[f"{key}_in_force"] += issued - repealed
            never = key == "rules" and no_rules
            f[f"art20.{key}.issued|total"] = _cell(issued, h, never)
            f[f"art20.{key}.repealed|total"] = _cell(repealed, h, never)
            f[f"art20.{key}.in_force|total"] = _cell(state[f"{key}_in_force"], h, never)
        f["art20.licensing.decisions|total"] = int(h.licensing * rng.uniform(0.8, 1.3))
        f["art20.penalty.decisions|total"] = int(h.penalty * rng.uniform(0.7, 1.3))
        f["art20.enforcement.decisions|total"] = int(h.enforcement * rng.uniform(0.7, 1.3))
        f["art20.fees.amount|total"] = round(rng.uniform(10, 9000), 2) if h.fee_items else 0

    # 表三: per applicant column, 一 + 二 = （七）总计 + 四
    received = split(requests, [0.88, 0.06, 0.01, 0.01, 0.02, 0.02], rng)
    carried_over = state.get("carried_forward") or [rng.randint(0, 2) if requests and k == 0 else 0 for k in range(6)]
    carried_forward = [rng.randint(0, (r + c) // 15) if r + c else 0 for r, c in zip(received, carried_over)]
    groups = outcome_groups(single_other_row=template == "2019" or h.single_other_row)
    outcome_ids = [ind for _, items in groups for _, ind in items if ind != "requests.outcome.total"]
    weights = {
        "requests.outcome.granted": 0.45,
        "requests.outcome.partial": 0.08,
        "requests.outcome.unable.not_held": 0.2,
        "requests.outcome.unable.needs_creation": 0.03,
        "requests.outcome.unable.unclear": 0.03,
        "requests.outcome.not_processed.petition": 0.04,
        "requests.outcome.not_processed.duplicate": 0.03,
        "requests.outcome.other": 0.04,
        "requests.outcome.other.no_correction": 0.03,
        "requests.outcome.other.no_fee": 0.003,
        "requests.outcome.other.misc": 0.01,
    }
    column_values = []
    for k in range(6):
        finished = received[k] + carried_over[k] - carried_forward[k]
        column_values.append(split(finished, [weights.get(i, 0.006) for i in outcome_ids], rng))
    for k, applicant in enumerate(APPLICANTS[:6]):
        f[f"requests.received|{applicant}"] = received[k]
        f[f"requests.carried_over|{applicant}"] = carried_over[k]
        for j, ind in enumerate(outcome_ids):
            f[f"{ind}|{applicant}"] = column_values[k][j]
        f[f"requests.outcome.total|{applicant}"] = sum(column_values[k])
        f[f"requests.carried_forward|{applicant}"] = carried_forward[k]
    for ind in ["requests.received", "requests.carried_over", *outcome_ids, "requests.outcome.total", "requests.carried_forward"]:
        f[f"{ind}|total"] = sum(f[f"{ind}|{a}"] for a in APPLICANTS[:6])
    state["carried_forward"] = carried_forward

    # 表四
    indicators = review_indicators()
    for b, share in enumerate((0.05, 0.02, 0.015)):
        total = rng.randint(0, int(requests * share) + (1 if requests > 30 else 0))
        parts = split(total, [0.65, 0.1, 0.15, 0.1], rng)
        for ind, n in zip(indicators[5 * b : 5 * b + 4], parts):
            f[f"{ind}|total"] = n
        f[f"{indicators[5 * b + 4]}|total"] = total
    return f
