"""formats.format_value: one way a figure reads — on the pages, in the tables, in findings and in the
audit's messages — with the step its catalog unit gives (counts whole, 万元 to the 分, no unit to two
decimals, a rate as rates.csv says), thousands separated, and a blank shown blank, never as 0."""

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from disclosure import catalog
from disclosure.audit import audit_report
from disclosure.formats import format_value, step
from disclosure.model import Fact, Report, Source
from disclosure.ui.exports import display_value
from disclosure.ui.findings import value_text


@pytest.mark.parametrize("blank", [None, float("nan"), math.nan, np.nan, pd.NA])
def test_a_blank_reads_blank_never_zero(blank):
    assert format_value(blank) == "" and format_value(blank, "件") == "" and format_value(blank, "万元") == ""


def test_zero_reads_zero():
    assert format_value(0) == "0" and format_value(0.0, "件") == "0" and format_value(0, "万元") == "0"


def test_counts_are_whole_numbers_with_thousands_separated():
    assert format_value(1234567, "件") == "1,234,567"
    assert format_value(1022.0, "条") == "1,022"  # a float from the store reads without .0
    assert format_value(np.int64(5000), "人次") == "5,000"
    assert format_value(2.5, "件") == "3"  # rounded half up to the count's step
    assert format_value(-0.4, "件") == "0"  # never "-0"


def test_money_in_wanyuan_keeps_every_decimal_the_report_printed():
    assert format_value(1570.412345, "万元") == "1,570.412345"  # 15,704,123.45 元
    assert format_value(0.25, "requests.fees") == "0.25"
    assert format_value(12.5, catalog.get("capacity.budget")) == "12.5"
    assert format_value(3, "万元") == "3"


def test_a_figure_without_a_unit_reads_to_two_decimals():
    assert format_value(1570.412345) == "1,570.41"
    assert format_value(12.345) == "12.35"  # half up on the digits as written, not on the binary float
    assert format_value(Decimal("7.10")) == "7.1"


def test_a_rate_reads_to_the_step_rates_csv_gives_it():
    rate = catalog.rates("2019")[0]
    assert rate.format == "0.1" and step(rate) == "0.1"
    assert format_value(66.666, rate) == "66.7" and format_value(100.0, rate) == "100"
    assert format_value(83.33, "%") == "83.3"


def test_every_unit_the_catalog_uses_has_a_format():
    units = {i.unit for i in catalog.indicators().values()} | {r.unit for t in ("2014", "2019", "2021", "local") for r in catalog.rates(t)}
    assert units <= set(catalog.unit_formats())
    for ind in catalog.indicators().values():
        assert step(ind.id) == catalog.unit_formats()[ind.unit]


def test_only_figures_are_formatted():
    with pytest.raises(TypeError):
        format_value("12")
    with pytest.raises(TypeError):
        format_value(True)
    with pytest.raises(KeyError, match="units.csv"):
        format_value(1, "斤")


def test_the_table_the_findings_and_the_audit_read_figures_the_same_way():
    assert display_value(1570.412345, "reported", "requests.fees") == "1,570.412345"
    assert display_value(None, "blank", "requests.fees") == "" and display_value(None, "na") == "——"
    assert display_value(3, "reported", "an.indicator.the.catalog.dropped") == "3"
    assert value_text("requests.fees", 0.123456) == "0.123456"
    assert value_text("2018:requests.received|natural", 1234.0) == "1,234"
    assert value_text("similarity", 0.8333) == "83.3%"
    facts = [Fact("requests.received", "total", 1234, "1234", "reported")] + [
        Fact(i, "total", v, str(v), "reported")
        for i, v in {
            "requests.received.in_person": 1000,
            "requests.received.fax": 0,
            "requests.received.online": 200,
            "requests.received.letter": 0,
        }.items()
    ]
    [c] = [c for c in audit_report(Report("测试局", 2016, "2014", Source("t.txt", "txt", ""), facts)) if c.rule == "sum_mismatch"]
    assert "1,234" in c.message and "1,200" in c.message
