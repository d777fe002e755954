"""Each weight of table 三's row placement (settings.TABLE3_*, templates/table3_slots.py) and the table it is there
for. Over every 2019/2021 report in data/ no single weight changes a fact when it is turned off (the exact wording
and the order settle those), so each case is a table 三 built from the format's own rows with one row printed the
way converters and typists damage them — cut short, misprinted, out of order, after a missing row. With the weight
the row lands on its slot; with the weight turned off it lands elsewhere or is lost."""

from __future__ import annotations

import pytest

from disclosure import settings
from disclosure.model import Row
from disclosure.templates import template_2019
from disclosure.templates.table3_slots import TABLE3

SLOTS = [s for s in TABLE3 if not s.indicator.startswith("requests.outcome.other.")]  # the 2019 form's single （六）


def printed(slot) -> str:
    return (f"（{slot.group}）" if slot.group else "") + (f"{slot.item}." if slot.item else "") + slot.key


def table(damaged: str, label: str, drop=(), swap_with_next=False) -> list[Row]:
    """Table 三 as the format prints it, each row's cells its position (1, 2 …), one row relabelled `label`."""
    order = [i for i, s in enumerate(SLOTS) if s.indicator not in drop]
    at = next(i for i, s in enumerate(SLOTS) if s.indicator == damaged)
    if swap_with_next:
        k = order.index(at)
        order[k], order[k + 1] = order[k + 1], order[k]
    return [Row(label if i == at else printed(SLOTS[i]), tuple(str(i + 1) for _ in range(7)), 0) for i in order]


def placed(rows: list[Row]) -> dict[str, float]:
    facts, _ = template_2019.map_rows(rows, "t.html", "2019")
    return {f.indicator: f.value for f in facts if f.applicant == "natural"}


CASES = {
    # weight: (the row, its damaged label, rows missing, swapped with the next, the setting that turns it off)
    "TABLE3_SAME_ITEM_BONUS": (
        "requests.outcome.denied.state_secret",
        "1.属于国",
        ("requests.outcome.granted", "requests.outcome.partial"),
        False,
        0,
    ),
    "TABLE3_OTHER_ITEM_PENALTY": (
        "requests.outcome.denied.query_matters",
        "8.属于行政",
        ("requests.outcome.denied.enforcement_files",),
        False,
        0,
    ),
    "TABLE3_SAME_GROUP_BONUS": ("requests.outcome.unable.not_held", "1.政府信息", (), True, 0),
    "TABLE3_OTHER_GROUP_PENALTY": ("requests.outcome.unable.not_held", "1.政府信息", (), True, 0),
    "TABLE3_BACKWARDS_PENALTY": (
        "requests.outcome.not_processed.publication",
        "3.要求提收政府信息公开申请数量",
        ("requests.received",),
        False,
        0,
    ),
    "TABLE3_EXPECTED_BONUS": (
        "requests.received",
        "本某新收政某某息某开申请某量",
        ("requests.outcome.granted", "requests.carried_over"),
        False,
        0,
    ),
    "TABLE3_ORDER_SAME_ITEM_SCORE": ("requests.outcome.denied.third_party", "（三）4.某某某某某合法某益", (), False, 100),
}


@pytest.mark.parametrize("weight", list(CASES))
def test_the_weight_places_the_damaged_row_that_would_be_lost_without_it(weight, monkeypatch):
    row, label, drop, swap, off = CASES[weight]
    rows = table(row, label, drop, swap)
    expected = float(next(i for i, s in enumerate(SLOTS) if s.indicator == row) + 1)
    assert placed(rows).get(row) == expected, f"{label!r} should land on {row}"
    monkeypatch.setattr(settings, weight, off)
    assert placed(rows).get(row) != expected, f"without {weight} the row still lands: the case does not show the weight"


def test_every_weight_has_a_case():
    assert set(CASES) == {n for n in dir(settings) if n.startswith("TABLE3_")}
