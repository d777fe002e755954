"""The issue's acceptance findings on the two real reports: the seed (开封 2018) and 洪泽 2024."""

import json
from pathlib import Path

import pdfplumber

from disclosure.audit import audit_report
from disclosure.model import Fact, Report, Source
from disclosure.parse import parse_file

FIXTURES = Path(__file__).parent / "fixtures"


def report_from_key(key_name: str, narrative: str) -> Report:
    key = json.loads((FIXTURES / "keys" / key_name).read_text(encoding="utf-8"))
    facts = []
    for k, v in key["facts"].items():
        indicator, applicant = k.split("|")
        facts.append(Fact(indicator, applicant, v, str(v), "reported"))
    for k in key.get("blank_ok", []):
        indicator, applicant = k.split("|")
        facts.append(Fact(indicator, applicant, None, "", "blank"))
    return Report(key["agency"], key["year"], key["template"], Source(key["input"], "txt", ""), facts, narrative=narrative)


def kaifeng_narrative() -> str:
    text = (FIXTURES / "kaifeng-zhijian-2018.txt").read_text(encoding="utf-8")
    return text.split("附件:")[0]


def hongze_text() -> str:
    with pdfplumber.open(FIXTURES / "hongze-2024.pdf") as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def assert_kaifeng_findings(checks):
    by_rule = {}
    for c in checks:
        by_rule.setdefault(c.rule, []).append(c)

    group = [c for c in by_rule.get("group_row_value", []) if "response.channels" in c.indicators]
    assert len(group) == 1
    assert group[0].severity == "error"
    assert group[0].values["response.channels"] == 0
    assert sum(v for k, v in group[0].values.items() if k != "response.channels") == 11

    overlap = by_rule["channel_overlap"]
    assert len(overlap) == 1 and overlap[0].severity == "info"
    assert overlap[0].values["active.total"] == 236
    assert sum(v for k, v in overlap[0].values.items() if k.startswith("active.channel.")) == 265

    narrative = by_rule["narrative_mismatch"]
    assert len(narrative) == 1, [c.sentence for c in narrative]
    finding = narrative[0]
    assert finding.severity == "warning"
    assert finding.indicators == ["active.channel.website"]
    assert finding.values == {"active.channel.website": 98, "narrative_value": 236}
    assert "利用政府信息网站主动公开政务信息236条" in finding.sentence
    # the first sentence's '网站…98条' agrees with the table and is not a finding
    assert "98条" not in finding.sentence

    assert not [c for c in checks if c.severity == "error" and c.rule != "group_row_value"]


def test_kaifeng_seed_built_from_its_key_shows_the_three_findings():
    assert_kaifeng_findings(audit_report(report_from_key("kaifeng-2018.json", kaifeng_narrative())))


def test_kaifeng_seed_parsed_from_the_file_shows_the_three_findings():
    assert_kaifeng_findings(audit_report(parse_file(FIXTURES / "kaifeng-zhijian-2018.txt")))


def assert_hongze_findings(checks):
    narrative = [c for c in checks if c.rule == "narrative_mismatch"]
    assert len(narrative) == 1
    finding = narrative[0]
    assert finding.severity == "warning"
    assert finding.indicators == ["requests.received"]
    assert finding.values == {"requests.received": 95, "narrative_value": 17}
    # the PDF wraps this sentence over two lines and spaces the number: the finding carries it whole
    assert "区政府办代表区政府受理政府信息公开申请17件" in finding.sentence
    assert finding.sentence.endswith("。")
    # the 0 元 information-processing fee has no 2021 table cell; never compared with 行政事业性收费
    assert not [c for c in checks if "art20.fees.amount" in c.indicators]
    # the table itself is consistent and on the right template
    assert not [c for c in checks if c.severity == "error"]
    assert not [c for c in checks if c.rule == "template_outdated"]


def test_hongze_2024_built_from_its_key_flags_17_requests_against_95():
    assert_hongze_findings(audit_report(report_from_key("hongze-2024.json", hongze_text())))


def test_hongze_2024_parsed_from_the_pdf_flags_17_requests_against_95():
    assert_hongze_findings(audit_report(parse_file(FIXTURES / "hongze-2024.pdf")))
