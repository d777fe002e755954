"""On the real published reports (data/reports/fujian) the review adds no finding a person would dismiss.

Every 2019+ report there was read for its six parts (一、总体情况 … 六、其他需要报告的事项): all have them, so none may
get missing_part. Two archive copies differ from the format in ways the checks must report and nothing else:
putian-ptstjj-2022 prints 六 before 五 (part_order, a true finding), and its part 二 lost its heading in the
archive (the 第二十条 table stands in for it). No real report states a statistics period of another year.
"""

from __future__ import annotations

import pytest

from disclosure import settings
from disclosure.audit import find_parts
from disclosure.model import Report
from disclosure.review import review_report

PART_RULES = {"missing_part", "part_order", "statistics_period"}
TRUE_FINDINGS = {("putian-ptstjj-2022.txt", "part_order", 6)}  # 六、其他需要报告的事项 printed before 五


@pytest.fixture(scope="module")
def corpus(data_parsed) -> dict[str, Report]:
    fujian = settings.ROOT / "data" / "reports" / "fujian"
    out = {p.name: r for p, r in data_parsed.items() if p.parent == fujian and isinstance(r, Report)}
    assert len(out) >= 70
    return out


def test_every_2019_and_later_report_has_its_six_parts_found(corpus):
    recent = {name: r for name, r in corpus.items() if r.year >= 2019 and r.template in ("2019", "2021")}
    assert len(recent) >= 30
    for name, report in recent.items():
        found = find_parts(report.narrative, report.template)
        assert [f.part.order for f in found if f.offset is not None] == [1, 2, 3, 4, 5, 6], name
        by = {f.part.id: f.by for f in found}
        if name != "putian-ptstjj-2022.txt":
            assert by["active"] != "anchor", name  # its heading, not just its table


def test_the_review_of_the_real_reports_adds_no_part_or_period_finding_but_the_true_one(corpus):
    by_agency_year = {(r.agency, r.year): r for r in corpus.values()}
    found = set()
    for name, report in corpus.items():
        review = review_report(report, by_agency_year.get((report.agency, report.year - 1)))
        for f in review.findings:
            if f.rule in PART_RULES and report.year >= 2019:
                found.add((name, f.rule, f.values.get("part_order")))
    assert found == TRUE_FINDINGS
