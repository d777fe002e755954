"""Table 三 of the 2019/2021 format as a known sequence of slots, and the placement of a printed row in it.

The rows of table 三 are fixed by the national format (catalog/labels.csv, table 三, in printed order). A printed
label is placed by its likeness to a slot's wordings and by where the table has got to: item numbers (1./2.) and
the group they sit under（三）（四）（五）（六）, the row the order expects next, and that the format never goes
back up. Each weight of that placement is a named setting (settings.TABLE3_*), with a test that shows the
document it is there for (tests/test_table3_slot_weights.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import catalog, settings
from ..cell_text import normalize, squeeze
from .matcher import label_rows, similarity


@dataclass(frozen=True)
class Slot:
    indicator: str
    key: str  # the leaf text of the row label, as printed in the national format
    group: str = ""  # （三）（四）（五）（六）: the group label the row sits under
    item: int = 0  # the 1./2./3. number inside a group


# the templates whose table 三 this is (its label rows are shared by 2019 and 2021)
_APPLICANT_TEMPLATE = catalog.template_ids(layout="applicants")[0]


def _table3_slots() -> tuple[tuple[Slot, ...], tuple[tuple[str, ...], ...]]:
    """Table 三's rows in printed order from the label table (catalog/labels.csv, table 三), each
    with the label variants seen in the wild. Both （六） variants are listed: a report has one or
    the other."""
    slots: dict[str, Slot] = {}
    variants: dict[str, list[str]] = {}
    for r in label_rows(_APPLICANT_TEMPLATE, "三"):
        if r["indicator"] not in slots:
            slots[r["indicator"]] = Slot(r["indicator"], r["label"], r["group"], int(r["item"] or 0))
        variants.setdefault(r["indicator"], []).append(squeeze(r["label"]))
    return tuple(slots.values()), tuple(tuple(variants[i]) for i in slots)


TABLE3, _TABLE3_VARIANTS = _table3_slots()
SLOT_INDEX = {slot.indicator: i for i, slot in enumerate(TABLE3)}  # a row → its place in the sequence
SPLIT_OTHER = {"requests.outcome.other.no_correction", "requests.outcome.other.no_fee", "requests.outcome.other.misc"}
LAST_ROWS = {"requests.outcome.total", "requests.carried_forward"}


@dataclass(frozen=True)
class Position:
    """Where a table 三 has got to: the last slot placed, the rows seen, the group label last printed."""

    pos: int = -1
    seen: tuple[str, ...] = ()
    group: str = ""
    started: bool = False
    split_other: bool = False


TOP = re.compile(r"[一二三四五六七八九十]\s*、")
_GROUP = re.compile(r"\(\s*([一二三四五六七八九十])\s*\)")
_ITEM = re.compile(r"(?<![\d.])(\d{1,2})\s*[.、](?!\d)")


@dataclass
class _Label:
    leaf: str  # squeezed text after the last numbering marker
    group: str  # the （X） group named in the label, if any
    item: int  # the N. item number, if any
    top: str  # the 一、/二、 section marker, if any


def parse_label(label: str) -> _Label:
    text = normalize(label)
    leaf_start = 0
    top = group = ""
    item = 0
    for m in TOP.finditer(text):
        top = m.group(0)[0]
        leaf_start = max(leaf_start, m.end())
    groups = list(_GROUP.finditer(text))
    if groups:
        group = groups[-1].group(1)
        leaf_start = max(leaf_start, groups[-1].end())
    items = [m for m in _ITEM.finditer(text) if m.start() >= (groups[-1].end() if groups else 0)]
    if items:
        item = int(items[-1].group(1))
        leaf_start = max(leaf_start, items[-1].end())
    return _Label(squeeze(text[leaf_start:]), group, item, top)


def _similarity(leaf: str, key: str) -> float:
    return similarity(leaf, key, partial=True)


def best_slot(parsed: _Label, at: Position) -> tuple[int | None, float]:
    """The slot a printed label fills, and its score; (None, best score) when no slot is close enough."""
    best, best_score = None, 0.0
    expected = expected_next(at)
    if expected is not None and parsed.leaf in _TABLE3_VARIANTS[expected]:
        slot = TABLE3[expected]
        if not (slot.item and parsed.item and slot.item != parsed.item):
            return expected, 100.0  # the row the order expects, printed as the form prints it
    for index, slot in enumerate(TABLE3):
        if slot.indicator in at.seen:
            continue
        score = max(_similarity(parsed.leaf, key) for key in _TABLE3_VARIANTS[index])
        if slot.item and parsed.item:
            score += settings.TABLE3_SAME_ITEM_BONUS if parsed.item == slot.item else -settings.TABLE3_OTHER_ITEM_PENALTY
        if slot.group and (parsed.group or at.group):
            group = parsed.group or at.group
            if parsed.item and slot.item:
                score += settings.TABLE3_SAME_GROUP_BONUS if group == slot.group else -settings.TABLE3_OTHER_GROUP_PENALTY
        if index < at.pos:
            score -= settings.TABLE3_BACKWARDS_PENALTY  # the format never goes back up the table
        elif index == expected:
            score += settings.TABLE3_EXPECTED_BONUS
        if score > best_score:
            best, best_score = index, score
    if best is not None and best_score >= settings.LABEL_TABLE3_SCORE:
        return best, best_score
    # By order: the expected next row, when the label is a plausible (misprinted) version of it.
    if at.started and expected is not None:
        slot = TABLE3[expected]
        sim = max(_similarity(parsed.leaf, key) for key in _TABLE3_VARIANTS[expected])
        same_item = bool(slot.item) and parsed.item == slot.item
        if sim >= settings.LABEL_ORDER_SCORE or (same_item and sim >= settings.TABLE3_ORDER_SAME_ITEM_SCORE):
            return expected, sim
    return None, best_score


def expected_next(at: Position) -> int | None:
    """The slot the order expects next: after the last placed, not yet seen, and of the （六） the table uses."""
    for index in range(at.pos + 1, len(TABLE3)):
        slot = TABLE3[index]
        if slot.indicator in at.seen:
            continue
        # After the single （六） row the split rows are not expected, and vice versa.
        if slot.indicator == "requests.outcome.other" and at.split_other:
            continue
        if slot.indicator in SPLIT_OTHER and "requests.outcome.other" in at.seen:
            continue
        return index
    return None
