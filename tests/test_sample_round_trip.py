"""Every sample report, in every input form, parses back to exactly the facts it was written from."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from disclosure.catalog import indicators
from disclosure.parse import parse_bytes
from disclosure.sample import build_sample
from disclosure.sample.writer import FORMS, render

TEMPLATES = ("2014", "2019", "2021", "2021-single-other")


def parsed_facts(report) -> dict:
    return {f.key(): ("na" if f.status == "na" else f.value) for f in report.facts}


def fact_differences(want: dict, got: dict) -> list[str]:
    """Differences between written and parsed facts. A group row (kind=header) left blank may be
    reported as a blank fact or not at all; every other fact must match, blanks included."""
    diffs = []
    for key, value in want.items():
        if key not in got:
            diffs.append(f"missing {key} (written {value!r})")
        elif got[key] != value:
            diffs.append(f"{key}: written {value!r}, parsed {got[key]!r}")
    for key, value in got.items():
        if key in want:
            continue
        indicator = indicators().get(key.split("|")[0])
        if value is None and indicator is not None and indicator.kind == "header":
            continue
        diffs.append(f"extra {key} = {value!r}")
    return diffs


def assert_round_trip(sample, form: str):
    data = render(sample.report_facts(), form)
    name = f"{sample.agency.slug}-{sample.year}.{form}"
    report = parse_bytes(data, name)
    assert (report.agency, report.year) == (sample.agency.name, sample.year), name
    assert report.template == sample.template.replace("-single-other", ""), name
    assert report.source.format == form
    diffs = fact_differences(sample.facts, parsed_facts(report))
    assert not diffs, f"{name}: {len(diffs)} differences, first: {diffs[:5]}"


def one_per_template(seed: int, pick: int):
    """One report of each template (and of a defective report when there is one) from a seed's set."""
    reports = build_sample(seed)
    chosen = []
    for template in TEMPLATES:
        candidates = [r for r in reports if r.template == template]
        if candidates:
            chosen.append(candidates[pick % len(candidates)])
    defective = [r for r in reports if r.defects]
    chosen.append(defective[pick % len(defective)])
    return chosen


@pytest.mark.parametrize("form", FORMS)
# no shrinking: a failing seed is already small, and re-rendering hundreds of PDFs to shrink it is slow
@settings(
    max_examples=3,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(seed=st.integers(min_value=0, max_value=2**31), pick=st.integers(min_value=0, max_value=10_000))
def test_sample_report_parses_back_to_its_facts(form, seed, pick):
    for sample in one_per_template(seed, pick):
        assert_round_trip(sample, form)


@pytest.mark.parametrize("form", FORMS)
def test_blank_total_column_parses_back_as_blanks_not_zeros(form):
    reports = build_sample(2024)
    sample = next(r for r in reports if any(d["kind"] == "blank_total_column" for d in r.defects))
    assert sample.facts["requests.outcome.granted|total"] is None
    assert_round_trip(sample, form)


@pytest.mark.parametrize("form", FORMS)
def test_old_2014_form_without_wechat_and_leader_rows_parses_back_without_them(form):
    reports = build_sample(2024)
    sample = next(r for r in reports if r.base_template == "2014" and "active.channel.wechat|total" not in r.facts)
    data = render(sample.report_facts(), form)
    report = parse_bytes(data, f"{sample.agency.slug}-{sample.year}.{form}")
    got = parsed_facts(report)
    assert "active.channel.wechat|total" not in got  # absent, not zero
    assert "response.press_conferences.leaders|total" not in got
    assert not fact_differences(sample.facts, got)
