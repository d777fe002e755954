"""The audit's words for figures the text states about table cells live in
catalog/text_table_figures.csv (beside text_grammar.csv for the narrative-only figures; units are
units.csv's): read in order (the first figure row that matches wins), and a malformed table is an
error naming its line."""

import csv

import pytest

from disclosure.audit import narrative_figures
from disclosure.narrative_figures import TABLE_FIGURES as CATALOG
from disclosure.narrative_figures import table_figure_rules

HEADER = "kind,templates,indicator,units,pattern,exclude,note\n"
BASE = HEADER + "approximate,,,,约$,,\nchange,,,,同比,,\n"


def test_every_figure_row_names_a_catalog_indicator_or_none_and_units_the_units_row_reads():
    from disclosure import catalog

    rules = table_figure_rules()
    assert rules.patterns and rules.zeros
    assert all(p.indicator is None or p.indicator in catalog.indicators() for p in rules.patterns)
    assert all(z.indicator in catalog.indicators() for z in rules.zeros)
    with CATALOG.open(encoding="utf-8") as fh:
        assert all(row["note"] for row in csv.DictReader(fh)), "every row says what it is for"


def test_the_first_matching_row_wins(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(
        BASE + "figure,2014,requests.received.online,件,网上.{0,10}申请,,\nfigure,2014,requests.received,件,申请,,\n", encoding="utf-8"
    )
    rules = table_figure_rules(path)
    assert [p.indicator for p in rules.patterns] == ["requests.received.online", "requests.received"]
    # and the shipped table: an intake channel is taken before 收到申请
    [fig] = [f for f in narrative_figures("全年通过网上申请5件。", "2014") if f.indicator]
    assert fig.indicator == "requests.received.online" and fig.value == 5


@pytest.mark.parametrize(
    "rows, words",
    [
        ("figure,2014,review.total,件,行政(复议,,\n", "line 4"),
        ("figure,2014,training.trainees,斤,培训,,\n", "not units.csv units"),
        ("sometimes,2014,review.total,件,复议,,\n", "unknown kind"),
    ],
)
def test_a_malformed_table_is_an_error_naming_what_is_wrong(tmp_path, rows, words):
    path = tmp_path / "rules.csv"
    path.write_text(BASE + rows, encoding="utf-8")
    with pytest.raises(ValueError, match=words):
        table_figure_rules(path)


def test_the_approximate_and_change_rows_are_required(tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(HEADER + "figure,2014,review.total,件,复议,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no approximate, change row"):
        table_figure_rules(path)
