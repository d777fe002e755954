"""An agency has a lifetime and may have a successor (catalog/agencies.csv: 机构改革 merges and renames): 总览's
coverage grid and its "not reported this year" list never count it missing after it ceased, and never before its
first report. The reports are the real corpus's, as tests/corpus/expected.csv lists them from their titles."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from disclosure import agencies
from disclosure.views.scope import coverage, reporting

ROOT = Path(__file__).resolve().parent.parent
YEARS = list(range(2011, 2026))


def corpus_reports() -> pd.DataFrame:
    with (ROOT / "tests" / "corpus" / "expected.csv").open(encoding="utf-8") as fh:
        rows = [
            {"agency": agencies.canonical(r["agency"]), "year": int(r["year"]), "template": r["template"], "errors": 0}
            for r in csv.DictReader(fh)
        ]
    return pd.DataFrame(rows)


def test_no_agency_of_the_registry_is_missing_outside_its_lifetime():
    reports = corpus_reports()
    names = sorted(set(reports["agency"]))
    grid = coverage(reports, names, YEARS)
    for name in names:
        agency = agencies.find(name)
        for year in YEARS:
            if grid.loc[name, year] == "missing":
                assert agency is None or agency.active_in(year), f"{name} counted missing in {year}, outside its lifetime"
        if agency is not None and agency.last_year is not None:
            later = [y for y in YEARS if y > agency.last_year]
            assert later and all(grid.loc[name, y] != "missing" for y in later)
            assert all(name not in reporting(reports, names, y).missing for y in later)


def test_the_merged_tax_bureau_and_the_county_government_are_not_missing_in_2025():
    reports = corpus_reports()
    names = sorted(set(reports["agency"]))
    missing = reporting(reports, names, 2025).missing
    assert "平潭综合实验区地方税务局" not in missing and "平潭县人民政府" not in missing
    assert "莆田市人民政府" in missing  # reported 2014–2019 and is still a government: its silence is real


def test_every_lifetime_is_ordered_and_every_successor_is_an_agency_of_the_table():
    table = agencies.agencies()
    for agency in table.values():
        if agency.first_year and agency.last_year:
            assert agency.first_year <= agency.last_year, agency.id
        if agency.successor:
            successor = table[agency.successor]
            assert agency.last_year is not None and agency.lifetime_note, agency.id
            assert successor.first_year is None or successor.first_year <= agency.last_year + 1, agency.id
