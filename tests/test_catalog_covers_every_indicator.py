"""indicator_text.csv gives every catalog indicator the words charts and the glossary show."""

from __future__ import annotations

import csv

import pytest

from disclosure import catalog

TEXT_FIELDS = ("label_en", "short_zh", "short_en", "definition_zh", "definition_en")


def _rows(name: str) -> list[dict[str, str]]:
    with (catalog.HERE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_indicator_text_has_one_row_per_indicator_in_catalog_order():
    spec_ids = [r["id"] for r in _rows("indicators.csv") + _rows("indicators_local.csv") + _rows("indicators_text.csv")]
    text_ids = [r["id"] for r in _rows("indicator_text.csv")]
    assert text_ids == spec_ids


def test_indicator_text_columns_are_exactly_the_contract():
    with (catalog.HERE / "indicator_text.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ["id", *TEXT_FIELDS, "source_zh"]


@pytest.mark.parametrize("row", _rows("indicator_text.csv"), ids=lambda r: r["id"])
def test_every_indicator_has_english_label_short_labels_and_definitions(row):
    empty = [f for f in TEXT_FIELDS if not row[f].strip()]
    assert not empty, f"{row['id']} lacks {empty}"
    assert len(row["short_zh"]) <= 12, row["short_zh"]
    assert len(row["short_en"]) <= 40, row["short_en"]


def test_catalog_loads_english_text_into_indicators():
    received = catalog.indicators()["requests.received"]
    assert received.label("en")
    assert received.label("en", short=False) == received.label_en != received.id
    assert received.label("zh") == received.short_zh
    assert received.definition_zh and received.definition_en


def test_request_fees_definition_warns_they_are_not_article_20_fees():
    fees = catalog.indicators()["requests.fees"]
    assert "第二十条第（八）项" in fees.definition_zh
    assert "NOT" in fees.definition_en
