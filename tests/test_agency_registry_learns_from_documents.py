"""The agency registry learns an agency the table lacks from its documents: a canonical name from the printed one
(catalog/agency_names.csv), one agency across the years, the region, level and government inferred by the catalog's
rules (regions.csv prefixes, levels.csv patterns), and 数据质量 lists it as new for a person to confirm. Measured on
the 177 collected reports (data/reports/collected/) read with the agency table cut back to the agencies it had
before they were collected, against the rows a person then confirmed from the titles (catalog/agencies.csv)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from disclosure import agencies, scopes
from disclosure.parse import parse_file
from disclosure.store import Store

ROOT = Path(__file__).resolve().parent.parent
COLLECTED = ROOT / "data" / "reports" / "collected"
EXPECTED = list(csv.DictReader((ROOT / "tests" / "corpus" / "expected_more.csv").open(encoding="utf-8")))
KNOWN_MISREADS = {r["file"] for r in csv.DictReader((ROOT / "tests" / "corpus" / "known_misreads_more.csv").open(encoding="utf-8"))}
# the real agencies the table held before the collected reports came (issue 25); every other row was confirmed after
BEFORE = {"pingtan-syq", "pingtan-xian", "pingtan-dsj", "pingtan-swj", "putian-shi", "putian-kjj", "putian-sjj", "putian-tjj",
          "putian-wlj", "sanming-shi", "kaifeng-zjj", "huaian-hongze"}  # fmt: skip


def _clear_caches() -> None:
    for f in (agencies.agencies, agencies._by_name, agencies.normalised, agencies.registered, agencies._table_governments):
        f.cache_clear()


@pytest.fixture()
def table_before(tmp_path, monkeypatch):
    """The agency table as it was: the collected agencies unknown to it."""
    with agencies.PATH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    cut = tmp_path / "agencies.csv"
    with cut.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(r for r in rows if r["id"] in BEFORE or r["id"].startswith("shili"))
    confirmed = {r["name_zh"]: r for r in rows}
    monkeypatch.setattr(agencies, "PATH", cut)
    _clear_caches()
    yield confirmed
    monkeypatch.undo()
    _clear_caches()


def test_a_printed_name_is_normalised_by_the_catalog_rules():
    assert agencies.canonical("莆田市交通运输局办公室") == "莆田市交通运输局"  # a bureau's office publishes for it
    assert agencies.canonical("莆田市人民政府信息公开办公室") == "莆田市人民政府"  # the office that compiles the city's report
    assert agencies.canonical("莆田市人民政府办公室") == "莆田市人民政府办公室"  # the government's general office is an agency
    assert agencies.find("平潭县公安局办公室").id == "pingtan-xian-gaj"
    learned = agencies.registered("莆田市交通运输局办公室")
    assert (learned.confirmed, learned.region, learned.level) == (False, "莆田市", "部门")


def test_region_and_level_inferred_from_a_name_agree_with_every_agency_a_person_confirmed():
    for agency in agencies.agencies().values():
        assert agencies.infer_region(agency.name_zh) == agency.region, agency.name_zh
        assert agencies.infer_level(agency.name_zh) == agency.level, agency.name_zh


def test_a_government_gathers_its_own_departments():
    assert agencies.government_of("平潭县财政局").id == "pingtan-xian"  # the longest place: 平潭县, not the zone
    assert agencies.government_of("平潭综合实验区财政金融局").id == "pingtan-syq"
    assert agencies.government_of("莆田市水利局").id == "putian-shi"
    assert agencies.government_of("莆田市人民政府").id == "putian-shi"
    # a district the table lacks still gathers its departments when it is among the store's agencies
    names = ["莆田市人民政府", "莆田市水利局", "莆田市荔城区人民政府", "莆田市荔城区财政局"]
    assert agencies.government_of("莆田市荔城区财政局", names).name_zh == "莆田市荔城区人民政府"
    scope = scopes.from_param("gov:莆田市荔城区人民政府", names)
    assert scope.agencies(names) == ["莆田市荔城区人民政府", "莆田市荔城区财政局"]
    assert scopes.from_param("gov:putian-shi", names).agencies(names) == ["莆田市人民政府", "莆田市水利局"]
    assert scopes.from_param("gov:putian-shi", names).name("zh") == "莆田市人民政府及其部门"
    assert scopes.from_param("gov:no-such-government", names) is None


def test_without_the_table_each_collected_agency_lands_under_names_of_its_own(table_before):
    confirmed = table_before
    learned_for: dict[str, set[str]] = {}
    for row in EXPECTED:
        if row["file"] in KNOWN_MISREADS:
            continue
        want = next(r for r in confirmed.values() if row["agency"] in (r["name_zh"], *r["aliases"].split("|")))
        report = parse_file(next(COLLECTED.glob(f"*/{row['file']}")))
        learned_for.setdefault(want["name_zh"], set()).add(report.agency)
    new = {name: got for name, got in learned_for.items() if confirmed[name]["id"] not in BEFORE}
    assert len(new) == 29  # agencies new to the table
    owners: dict[str, str] = {}
    for name, got in new.items():
        row = confirmed[name]
        # one learned agency per printed form of the name: a rename or a short form is a second one, for a person to
        # alias; never two confirmed agencies under one learned name
        assert len(got) <= 1 + len([a for a in row["aliases"].split("|") if a]), (name, got)
        for learned in got:
            assert owners.setdefault(learned, name) == name, (learned, owners[learned], name)
            agency = agencies.registered(learned)
            assert not agency.confirmed
            assert (agency.region, agency.level) == (row["region"], row["level"]), learned
    # a name printed in full lands on exactly the name a person confirmed, across all its years; the agencies whose
    # titles never print their full name (莆田市旅游局 until 2017, then 莆田市旅发委; 平潭县人防办) a person had to name
    assert {name for name, got in new.items() if name not in got} == {"莆田市旅游发展委员会", "平潭县人民防空办公室"}


def _store_with_a_new_agency(tmp_path: Path) -> Path:
    """The real 2012 report of 莆田市水利局 as if a bureau the table lacks had published it (two years)."""
    db = tmp_path / "store.duckdb"
    reports = []
    for year in (2012, 2013):
        text = (COLLECTED / "putian" / f"putian-ptsslj-{year}.txt").read_text(encoding="utf-8")
        planted = tmp_path / f"jtj-{year}.txt"
        planted.write_text(text.replace("莆田市水利局", "莆田市交通运输局"), encoding="utf-8")
        reports.append((parse_file(planted), False))
    reports.append((parse_file(COLLECTED / "putian" / "putian-ptsslj-2012.txt"), False))
    Store(db).ingest_reports(reports)
    return db


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_quality_page_lists_a_learned_agency_for_a_person_to_confirm(tmp_path, monkeypatch, lang):
    monkeypatch.setenv("DISCLOSURE_DB", str(_store_with_a_new_agency(tmp_path)))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.switch_page("pages/quality.py").run()
    assert not at.exception, at.exception
    box = next(e for e in at.expander if ("新单位" if lang == "zh" else "New agencies") in e.label)
    assert "(1)" in box.label or "（1）" in box.label
    table = box.dataframe[0].value
    assert table.iloc[0].tolist() == ["莆田市交通运输局", "莆田市", "部门", "莆田市人民政府", 2012, 2013, 2]
    assert ("报告中的名称" if lang == "zh" else "Name in the reports") in table.columns
    assert box.get("download_button"), "the rows to paste into the agency table can be downloaded"


def test_the_new_agencies_download_as_rows_of_the_agency_table(tmp_path):
    from disclosure.views import quality

    db = _store_with_a_new_agency(tmp_path)
    frame = Store(db).reader().query("agencies", include_sample=True)
    rows = list(csv.DictReader(io.StringIO(quality.agency_table_rows(quality.new_agencies(frame)))))
    with agencies.PATH.open(encoding="utf-8") as fh:
        assert list(rows[0]) == next(csv.reader(fh))
    assert [(r["name_zh"], r["region"], r["level"], r["id"], r["name_en"]) for r in rows] == [
        ("莆田市交通运输局", "莆田市", "部门", "", "")
    ]
