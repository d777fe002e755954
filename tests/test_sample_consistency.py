"""The sample model: correct reports obey every §5 identity (within a report and across years), and
each deliberate defect breaks exactly what the manifest says it breaks."""

from __future__ import annotations

from collections import Counter

import pytest

from disclosure.model import APPLICANTS
from disclosure.sample import build_sample
from disclosure.sample.defects import KINDS
from disclosure.sample.writer import outcome_groups, render

COLUMNS = APPLICANTS[:6]


@pytest.fixture(scope="module")
def reports():
    return build_sample(2024)


def _sum(f, keys):
    return sum(f[k] for k in keys)


def identity_failures(r) -> list[str]:
    """Names of the §5 identities a report's table breaks (blank cells are not checked)."""
    f, bad = r.facts, []

    def check(name, total_key, part_keys):
        if f.get(total_key) is None or any(f.get(k) is None for k in part_keys):
            return
        if f[total_key] != _sum(f, part_keys):
            bad.append(name)

    if r.base_template == "2014":
        t = lambda ids: [f"{i}|total" for i in ids]  # noqa: E731
        check("requests.received", "requests.received|total", t(f"requests.received.{k}" for k in ("in_person", "fax", "online", "letter")))
        check("requests.closed", "requests.closed|total", t(["requests.closed.on_time", "requests.closed.extended"]))
        items = ("already_public", "granted", "partial", "denied", "not_this_agency", "not_exist", "correction", "other_route")
        check("requests.answered", "requests.answered|total", t(f"requests.answered.{k}" for k in items))
        reasons = ("state_secret", "commercial_secret", "privacy", "security_stability", "not_government_info", "other_law")
        check("requests.answered.denied", "requests.answered.denied|total", t(f"requests.answered.denied.{k}" for k in reasons))
        check("capacity.staff", "capacity.staff|total", t(["capacity.staff.full_time", "capacity.staff.part_time"]))
        for block in ("review", "litigation"):
            check(f"{block}.total", f"{block}.total|total", t(f"{block}.{k}" for k in ("upheld", "corrected", "other")))
        channels = [v for k, v in f.items() if k.startswith("active.channel.")]
        if sum(channels) < f["active.total|total"]:
            bad.append("active.channels")  # items published nowhere: the audit's channel_shortfall
        if "active|total" in f:
            check("active", "active|total", ["active.total|total"])
        for child, parent in (
            ("active.normative_published", "active.total"),
            ("active.normative_issued", "active.total"),
            ("response.press_conferences.leaders", "response.press_conferences"),
            ("response.online_interviews.leaders", "response.online_interviews"),
        ):
            if f"{child}|total" in f and f[f"{child}|total"] > f[f"{parent}|total"]:
                bad.append(child)
        return bad
    outcome_ids = [i for _, items in outcome_groups(r.template != "2021") for _, i in items if i != "requests.outcome.total"]
    for a in COLUMNS + ("total",):
        check(f"requests.outcome.total[{a}]", f"requests.outcome.total|{a}", [f"{i}|{a}" for i in outcome_ids])
        keys = [f"requests.received|{a}", f"requests.carried_over|{a}", f"requests.outcome.total|{a}", f"requests.carried_forward|{a}"]
        if all(f.get(k) is not None for k in keys) and f[keys[0]] + f[keys[1]] != f[keys[2]] + f[keys[3]]:
            bad.append(f"一+二=七+四[{a}]")
    for i in ["requests.received", "requests.carried_over", *outcome_ids, "requests.outcome.total", "requests.carried_forward"]:
        check(f"row total {i}", f"{i}|total", [f"{i}|{a}" for a in COLUMNS])
    for block in ("review", "litigation.direct", "litigation.after_review"):
        check(f"{block}.total", f"{block}.total|total", [f"{block}.{k}|total" for k in ("upheld", "corrected", "other", "pending")])
    return bad


def chain_failures(prev, r) -> list[str]:
    """Cross-year identities between consecutive reports of one agency."""
    bad = []
    p, f = prev.facts, r.facts
    if prev.base_template != "2014" and r.base_template != "2014":
        if f["requests.carried_over|total"] != p["requests.carried_forward|total"]:
            bad.append("requests.carried_over")
    if prev.base_template == "2021" and r.base_template == "2021":
        for key in ("rules", "normative"):
            vals = [
                p.get(f"art20.{key}.in_force|total"),
                f.get(f"art20.{key}.issued|total"),
                f.get(f"art20.{key}.repealed|total"),
                f.get(f"art20.{key}.in_force|total"),
            ]
            if all(isinstance(v, int) for v in vals) and vals[0] + vals[1] - vals[2] != vals[3]:
                bad.append(f"art20.{key}.in_force")
    if prev.base_template == "2019" and r.base_template == "2019":
        for key in ("licensing", "other_services", "penalty", "enforcement", "fees"):
            if p[f"art20.{key}.prev_items|total"] + p[f"art20.{key}.change|total"] != f[f"art20.{key}.prev_items|total"]:
                bad.append(f"art20.{key}.prev_items")
    return bad


def pairs(reports):
    return [(a, b) for a, b in zip(reports, reports[1:]) if a.agency == b.agency and b.year == a.year + 1]


def kinds_of(r) -> set[str]:
    return {d["kind"] for d in r.defects}


def test_reports_without_table_defects_obey_every_identity(reports):
    clean = [r for r in reports if not kinds_of(r) & {"sum_mismatch", "blank_total_column"}]
    assert len(clean) > 280
    failures = {f"{r.agency.name} {r.year}": identity_failures(r) for r in clean}
    assert {k: v for k, v in failures.items() if v} == {}


def test_cross_year_chains_hold_except_where_a_carryover_break_is_listed(reports):
    for prev, r in pairs(reports):
        broken = chain_failures(prev, r)
        if "carryover_break" in kinds_of(r):
            assert broken == ["requests.carried_over"], (r.agency.name, r.year)
        else:
            assert broken == [], (r.agency.name, r.year, broken)


def test_sum_mismatch_breaks_the_identity_it_names(reports):
    listed = [r for r in reports if "sum_mismatch" in kinds_of(r)]
    assert listed
    for r in listed:
        named = next(d for d in r.defects if d["kind"] == "sum_mismatch")["indicators"][0]
        failures = identity_failures(r)
        assert failures and all(named.split(".total")[0] in x or "一+二" in x or named in x for x in failures), (
            r.file_name,
            named,
            failures,
        )


def test_blank_total_column_leaves_outcome_totals_blank_and_other_cells_filled(reports):
    listed = [r for r in reports if "blank_total_column" in kinds_of(r)]
    assert listed and all(r.base_template != "2014" for r in listed)
    for r in listed:
        assert r.facts["requests.outcome.total|total"] is None
        assert r.facts["requests.outcome.granted|total"] is None
        assert r.facts["requests.outcome.granted|natural"] is not None
        assert r.facts["requests.received|total"] is not None


def test_narrative_states_figures_that_match_the_table_unless_a_narrative_defect_is_listed(reports):
    for r in reports:
        text = "\n".join(r.narrative + r.closing)
        contradicted = []
        for claim in r.claims:
            assert claim["phrase"] in text, (r.file_name, claim["phrase"])
            if claim["indicator"]:
                if r.facts.get(f"{claim['indicator']}|{claim['applicant']}") != claim["value"]:
                    contradicted.append(claim["indicator"])
        narrative_kinds = kinds_of(r) & {"narrative_mismatch", "narrative_copied"}
        if not narrative_kinds:
            assert contradicted == [], (r.file_name, contradicted)
        elif "narrative_mismatch" in narrative_kinds:
            listed = next(d for d in r.defects if d["kind"] == "narrative_mismatch")["indicators"]
            assert contradicted == listed, (r.file_name, contradicted, listed)


def test_narrative_copied_repeats_last_years_text_after_the_first_paragraph(reports):
    by_key = {(r.agency, r.year): r for r in reports}
    listed = [r for r in reports if "narrative_copied" in kinds_of(r)]
    assert listed
    for r in listed:
        prev = by_key[(r.agency, r.year - 1)]
        assert r.narrative[1:] == prev.narrative[1:] and r.closing == prev.closing
        assert str(r.year) in r.narrative[0]  # the statistics period was updated, nothing else
    others = [(prev, r) for prev, r in pairs(reports) if "narrative_copied" not in kinds_of(r)]
    assert all(r.narrative[1:] != prev.narrative[1:] for prev, r in others)


def test_about_one_report_in_ten_is_defective_and_every_kind_occurs(reports):
    defective = [r for r in reports if r.defects]
    assert 0.08 <= len(defective) / len(reports) <= 0.12
    counts = Counter(d["kind"] for r in reports for d in r.defects)
    assert set(counts) == set(KINDS)
    assert min(counts.values()) >= 4


def test_the_city_has_plausible_magnitudes_trends_and_silent_agencies(reports):
    series: dict[str, dict[int, int]] = {}
    for r in reports:
        series.setdefault(r.agency.name, {})[r.year] = r.facts["requests.received|total"] or 0
    assert len(series) == 30 and all("示例" in name for name in series)
    assert all(len(years) == 11 for years in series.values())
    office = series["示例市人民政府办公室"]
    assert min(office.values()) >= 30
    assert [n for n, s in series.items() if not any(s.values())], "some agencies never receive a request"
    growing = [n for n, s in series.items() if s[2024] > 1.5 * max(1, s[2014])]
    shrinking = [n for n, s in series.items() if 0 < s[2024] < 0.7 * s[2014]]
    assert growing and shrinking
    templates = Counter(r.template for r in reports)
    assert set(templates) == {"2014", "2019", "2021", "2021-single-other"}
    assert all(r.template == "2014" for r in reports if r.year <= 2018)


def test_old_2014_forms_leave_out_rows_instead_of_writing_zeros(reports):
    old = [r for r in reports if r.year <= 2015 and "active.channel.wechat|total" not in r.facts]
    assert old
    for r in old:
        text = render(r.report_facts(), "txt").decode("utf-8")
        assert "政务微信公开政府信息数" not in text
        assert "主要负责同志" not in text
    assert all("active.channel.wechat|total" in r.facts for r in reports if r.base_template == "2014" and r.year >= 2016)


def _prose(r) -> str:
    import re

    return re.sub(r"[\d\s\W_]+", "", "".join(r.narrative[1:] + r.closing))


def test_clean_narratives_of_consecutive_years_do_not_read_as_copies(reports):
    from rapidfuzz import fuzz

    for prev, r in pairs(reports):
        similarity = fuzz.ratio(_prose(prev), _prose(r)) / 100
        if "narrative_copied" in kinds_of(r):
            assert similarity == 1.0
        else:
            assert similarity < 0.75, (r.file_name, similarity)
