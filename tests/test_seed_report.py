"""The founding report (开封市质量技术监督局 2018) lands exactly: 61 facts, ids and values, in every form."""

import json
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT
from seed_forms import SEED, seed_html, seed_text, seed_tsv, to_fullwidth_digits

from disclosure.parse import parse_bytes, parse_file

KEY = json.loads((FIXTURES / "keys" / "kaifeng-2018.json").read_text(encoding="utf-8"))


def _facts(report) -> dict:
    return {f.key(): f.value for f in report.facts}


def test_seed_gives_the_61_facts_of_the_answer_key():
    report = parse_file(SEED)
    assert (report.agency, report.year, report.template) == ("开封市质量技术监督局", 2018, "2014")
    assert _facts(report) == KEY["facts"]
    assert len(report.facts) == 61


def test_group_rows_left_empty_are_absent_not_zero():
    keys = set(_facts(parse_file(SEED)))
    for absent in KEY["blank_ok"]:
        assert absent not in keys


@pytest.mark.parametrize(
    "name, data",
    [
        ("seed.html", lambda: seed_html().encode("utf-8")),
        ("seed.tsv", lambda: seed_tsv().encode("utf-8")),
        ("seed-gbk.txt", lambda: seed_text().encode("gbk")),
        ("seed-gb18030.html", lambda: seed_html().replace('charset="utf-8"', 'charset="gb18030"').encode("gb18030")),
        ("seed-bom.txt", lambda: seed_text().encode("utf-8-sig")),
        ("seed-fullwidth.txt", lambda: to_fullwidth_digits(seed_text()).encode("utf-8")),
        ("seed-crlf-gbk.tsv", lambda: seed_tsv().replace("\n", "\r\n").encode("gbk")),
    ],
)
def test_same_table_in_other_forms_gives_the_same_facts(name, data):
    report = parse_bytes(data(), name)
    assert (report.agency, report.year, report.template) == ("开封市质量技术监督局", 2018, "2014")
    assert _facts(report) == KEY["facts"]


def test_html_blank_cells_stay_blank_not_zero():
    html = seed_html().replace("<td>条</td><td>98</td>", "<td>条</td><td>&nbsp;</td>")
    report = parse_bytes(html.encode(), "blank.html")
    website = next(f for f in report.facts if f.indicator == "active.channel.website")
    assert website.value is None and website.status == "blank"


def test_money_in_yuan_is_stored_in_wan_yuan():
    text = seed_text().replace("七、依申请公开信息收取的费用 |\n万元 |\n0 |", "七、依申请公开信息收取的费用 |\n万元 |\n2500元 |")
    report = parse_bytes(text.encode(), "fees.txt")
    assert report.value("requests.fees") == 0.25


def test_parse_cli_prints_the_contract_json():
    out = subprocess.run(
        [sys.executable, "-m", "disclosure", "parse", str(SEED), "--json"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    doc = json.loads(out.stdout)
    assert set(doc) >= {"agency", "year", "template", "source", "facts", "checks"}
    assert doc["source"]["format"] == "txt" and len(doc["source"]["sha256"]) == 64
    got = {f"{f['indicator']}|{f['applicant']}": f["value"] for f in doc["facts"]}
    assert got == KEY["facts"]
    first = doc["facts"][0]
    assert set(first) == {"indicator", "applicant", "value", "raw", "status"}
