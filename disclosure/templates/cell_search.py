"""Readings of a row whose cells an archive mangled, and the table arithmetic that picks one.

Archives flatten tables in three ways that lose cell boundaries (corpus README): digits of a row
glued with no separator (`640020470` for 64|0|0|2|0|4|70), a number broken over lines (`1` `62`
for 162), and a run of equal neighbouring cells collapsed into one (`1` `0` `1` for a 7-cell row
1|0|0|0|0|0|1). None of these can be undone from the row alone. `readings` lists every way the
row's tokens can fill its cells; `solve` keeps only the readings that the table's own identities
(data in `catalog/identities.csv`) allow. A row is read only when exactly one reading is left;
otherwise the cells that agree across all readings are kept and the rest are unreadable.
A row whose tokens already fill its cells one to one is never re-read: real tables do contain
arithmetic errors, and those are the audit's findings, not ours to "fix".
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import lru_cache
from math import comb

from .. import catalog, settings
from ..catalog import words

_DIGITS = re.compile(r"\d+")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def readings(tokens: list[str], width: int, limit: int | None = None, collapsed: bool = True) -> list[tuple[str, ...]]:
    """Every way `tokens` (the value strings of one row, in order) can fill `width` cells.

    Tokens that already fill the cells one to one are the only reading. Fewer tokens than cells:
    glued digits cut into numbers, or collapsed runs expanded (archives do one or the other, not
    both in one table). More tokens: neighbouring tokens joined (a number broken over lines).
    Decimals and tokens with a unit are never cut. An empty list means no reading, or more than
    `limit` of them, which is as good as none. `collapsed=False` when the table shows that its
    archive does not collapse runs (see `collapses_runs`).
    """
    limit = limit or settings.CELL_SEARCH_MAX_READINGS
    tokens = [t for t in tokens if t != ""]
    if len(tokens) == width:
        return [tuple(tokens)]
    if not tokens or width <= 0:
        return []
    out: set[tuple[str, ...]] = set()
    if len(tokens) > width:
        source = _joins(tokens, width)
    else:
        source = itertools.chain(_splits(tuple(tokens), width), _expansions(tuple(tokens), width, limit) if collapsed else ())
    for reading in source:
        if not all(_is_figure(cell) for cell in reading):
            continue
        out.add(reading)
        if len(out) > limit:
            return []
    return sorted(out)


def is_guess(tokens: list[str], width: int) -> bool:
    """True when the tokens do not fill the cells one to one: any reading of them is a guess that
    the table's arithmetic must bear out."""
    return len([t for t in tokens if t != ""]) != width


def collapses_runs(rows_tokens: list[tuple[list[str], int]]) -> bool:
    """Whether a table's archive may have collapsed runs of equal cells. Not when the table prints
    glued digits with a leading zero ('00', '07': glued cells, never collapsed) or prints two equal
    neighbouring cells apart in a row that is otherwise complete."""
    for tokens, width in rows_tokens:
        if any(len(t) > 1 and t[0] == "0" and t[1:2].isdigit() for t in tokens):
            return False
        if len(tokens) == width and any(a == b for a, b in zip(tokens, tokens[1:])):
            return False
    return True


def _is_figure(cell: str) -> bool:
    """A plausible cell: no leading zero on a whole number ('07' is two cells, not seven)."""
    return not (len(cell) > 1 and cell[0] == "0" and cell[1].isdigit())


def prefer_narrative(options: list[tuple], stated: Counter, narrative: str = "", subject: str = "") -> list[tuple]:
    """Readings the narrative bears out (the corpus README counts the narrative's figures as part
    of the table's arithmetic). First a whole reading whose distinguishing figures the text states
    more than any other's; then, column by column, a value the text states right after the row's
    own subject ('制发行政规范性文件62件' for 规范性文件). Only figures of two digits or more count:
    a stray '2' in the text proves nothing."""
    if len(options) < 2:
        return options

    def in_every_other_cell(value: str, i: int) -> bool:  # the text's figure may be that other cell's
        return all(value in p[:i] + p[i + 1 :] for p in options)

    scores = [
        sum(
            len(c)
            for i, c in enumerate(o)
            if len(c) >= 2 and stated.get(c, 0) > 0 and any(p[i] != c for p in options) and not in_every_other_cell(c, i)
        )
        for o in options
    ]
    best = max(scores)
    if best > 0 and scores.count(best) == 1:
        return [options[scores.index(best)]]
    if not subject:
        return options
    for i in range(len(options[0])):
        values = {o[i] for o in options}
        if len(values) < 2:
            continue
        confirmed = [
            v for v in values if len(v) >= 2 and stated.get(v, 0) > 0 and not in_every_other_cell(v, i) and _said_of(narrative, v, subject)
        ]
        if len(confirmed) == 1:
            options = [o for o in options if o[i] == confirmed[0]]
    return options


def _said_of(narrative: str, value: str, subject: str) -> bool:
    for m in re.finditer(r"(?<!\d)" + re.escape(value) + r"(?!\d)", narrative):
        if subject in narrative[max(0, m.start() - settings.NARRATIVE_SUBJECT_WINDOW) : m.start()]:
            return True
    return False


def narrative_figures(narrative: str, table_cells) -> Counter:
    """Figures the text states outside the table: every number in it, less the table's own cells."""
    counts = Counter(re.findall(r"\d+", narrative))
    for cell in table_cells:
        for number in re.findall(r"\d+", cell):
            counts[number] -= 1
    return counts


def _splits(tokens: tuple[str, ...], width: int):
    """The tokens cut into exactly `width` numbers, none with a leading zero (0 itself is fine)."""
    if not tokens:
        if width == 0:
            yield ()
        return
    head, rest = tokens[0], tokens[1:]
    if not head.isdigit():
        if width >= 1:
            for tail in _splits(rest, width - 1):
                yield (head, *tail)
        return
    for k in range(1, min(len(head), width - len(rest)) + 1):
        for parts in _cuts(head, k):
            for tail in _splits(rest, width - k):
                yield (*parts, *tail)


@lru_cache(maxsize=16384)
def _cuts(digits: str, k: int) -> tuple[tuple[str, ...], ...]:
    """`digits` cut into exactly k numbers, none with a leading zero ('0' alone is a number)."""
    if k == 1:
        return ((digits,),) if digits == "0" or not digits.startswith("0") else ()
    if len(digits) < k:
        return ()
    heads = [digits[:1]] if digits.startswith("0") else [digits[:n] for n in range(1, len(digits) - k + 2)]
    return tuple((head, *rest) for head in heads for rest in _cuts(digits[len(head) :], k - 1))


def _expansions(parts: tuple[str, ...], width: int, limit: int):
    """Collapsed runs put back: each token stands for one or more equal neighbouring cells."""
    m = len(parts)
    if comb(width - 1, m - 1) > limit * 10:
        return
    for cut in itertools.combinations(range(1, width), m - 1):
        bounds = (0, *cut, width)
        yield tuple(p for p, a, b in zip(parts, bounds, bounds[1:]) for _ in range(b - a))


def _joins(tokens: list[str], width: int):
    """Neighbouring digit tokens joined until `width` remain (a number broken over lines)."""
    n = len(tokens)
    for cut in itertools.combinations(range(1, n), width - 1):
        bounds = (0, *cut, n)
        groups = [tokens[a:b] for a, b in zip(bounds, bounds[1:])]
        if all(len(g) == 1 or all(t.isdigit() for t in g) for g in groups):
            joined = tuple("".join(g) for g in groups)
            if all(j == "0" or not j.startswith("0") for j in joined):
                yield joined


# ---- identities ------------------------------------------------------------------------------

Identity = catalog.Identity


def solve(
    candidates: dict[str, list[tuple]], cells_of: dict[str, list[tuple[str, str]]], known: dict[tuple[str, str], float], template: str
) -> dict[str, list[tuple]]:
    """Narrow each row's readings with the template's identities.

    `candidates`: row key → its readings (tuples of value strings); `cells_of`: row key → the
    (indicator, column) each position of a reading fills; `known`: cells read without doubt.
    Every candidate is a guess (rows printed one cell per token are `known`, never re-read), so a
    guess must satisfy every identity it takes part in; one that none can satisfy leaves its rows
    with no reading: unreadable.
    """
    rows = {k: list(v) for k, v in candidates.items() if v}
    numbers = {k: {r: tuple(_num(c) for c in r) for r in v} for k, v in rows.items()}
    where = {cell: (key, i) for key, cells in cells_of.items() if key in rows for i, cell in enumerate(cells)}
    present = {ind for ind, _ in where} | {ind for ind, _ in known}
    # per-row rules for the rows still open; the single or split 其他处理 chosen by every row the table has
    rules = [
        r for r in catalog.identities(template, sorted({ind for ind, _ in where}), present) if all(ind in present for ind, _ in r.left)
    ]
    changed = True
    while changed:
        changed = False
        for rule in rules:
            open_rows = sorted({where[c][0] for c in rule.left + rule.right if c in where and rows[where[c][0]]})
            if not open_rows:
                continue
            space = 1
            for key in open_rows:
                space *= len(rows[key])
            if space <= settings.CELL_SEARCH_ENUMERATE_MAX or rule.relation != "eq" and space <= settings.CELL_SEARCH_MAX_COMBINATIONS:
                keep = _feasible_by_enumeration(rule, open_rows, rows, numbers, where, known)
            elif rule.relation == "eq":
                try:
                    keep = _feasible_by_sums(rule, open_rows, rows, numbers, where, known)
                except _TooMany:
                    continue  # too many partial sums to tell: the rule says nothing here
            else:
                continue
            for key in open_rows:  # no reading the arithmetic allows: the row is unreadable
                narrowed = [r for r in rows[key] if r in keep[key]]
                if len(narrowed) < len(rows[key]):
                    rows[key] = narrowed
                    changed = True
    return rows


def _feasible_by_enumeration(rule: Identity, open_rows: list[str], rows: dict, numbers: dict, where: dict, known: dict) -> dict[str, set]:
    keep: dict[str, set[tuple]] = {key: set() for key in open_rows}
    for choice in itertools.product(*(rows[key] for key in open_rows)):
        chosen = dict(zip(open_rows, choice))

        def value(cell):
            if cell in where:
                key, i = where[cell]
                reading = chosen.get(key) or (rows[key][0] if rows.get(key) else None)  # noqa: B023 (called inside this iteration only)
                return numbers[key][reading][i] if reading else None
            return known.get(cell)

        if rule.holds([value(c) for c in rule.left], [value(c) for c in rule.right]):
            for key, reading in chosen.items():
                keep[key].add(reading)
    return keep


def _feasible_by_sums(rule: Identity, open_rows: list[str], rows: dict, numbers: dict, where: dict, known: dict) -> dict[str, set]:
    """Σ left = Σ right over many open rows without trying every combination: each reading adds a
    signed amount; a reading is kept when the other rows' amounts can make up the rest. A reading
    that blanks a left-hand cell leaves the rule silent, as in the enumeration."""
    fixed = 0
    for cell, sign in [(c, 1) for c in rule.left] + [(c, -1) for c in rule.right]:
        if cell not in where and known.get(cell) is not None:
            fixed += sign * known[cell]
    amounts: dict[str, dict[tuple, float | None]] = {}
    for key in open_rows:
        amounts[key] = {}
        for reading in rows[key]:
            total, silent = 0, False
            for cell, sign in [(c, 1) for c in rule.left] + [(c, -1) for c in rule.right]:
                if cell in where and where[cell][0] == key:
                    v = numbers[key][reading][where[cell][1]]
                    if v is None:
                        silent = silent or sign == 1
                        continue
                    total += sign * v
            amounts[key][reading] = None if silent else _exact(total)
    keep: dict[str, set] = {key: {r for r, a in amounts[key].items() if a is None} for key in open_rows}
    # a row left with one reading is a constant of the sum; the search runs over the others
    single = [k for k in open_rows if len(amounts[k]) == 1 and next(iter(amounts[k].values())) is not None]
    for key in single:
        fixed += next(iter(amounts[key].values()))
    multi = [k for k in open_rows if k not in single]
    sums = [{a for a in amounts[key].values() if a is not None} for key in multi]
    prefix = [{0}]
    for options in sums:
        prefix.append(_bounded({_exact(p + a) for p in prefix[-1] for a in options}))
    suffix = [{0}]
    for options in reversed(sums):
        suffix.append(_bounded({_exact(p + a) for p in suffix[-1] for a in options}))
    suffix.reverse()
    if _exact(-fixed) in prefix[-1]:  # the whole rule can hold: the constant rows keep their reading
        for key in single:
            keep[key] |= set(amounts[key])
    for k, key in enumerate(multi):
        before, after = prefix[k], suffix[k + 1]
        for reading, a in amounts[key].items():
            if a is None:
                continue
            need = {_exact(-fixed - a - p) for p in before}
            if need & after:
                keep[key].add(reading)
    return keep


def _bounded(values: set) -> set:
    if len(values) > settings.CELL_SEARCH_MAX_COMBINATIONS:
        raise _TooMany
    return values


class _TooMany(Exception):
    pass


def settle(
    candidates: dict[str, list[tuple]],
    cells_of: dict[str, list[tuple[str, str]]],
    known: dict,
    template: str,
    stated: Counter,
    narrative: str = "",
    subjects: dict[str, str] | None = None,
) -> dict[str, list[tuple]]:
    """`solve`, then the narrative's figures for rows still open, then `solve` again with what they
    settled (a row the narrative fixes can decide its neighbours), until nothing changes."""
    subjects = subjects or {}
    rows = solve(candidates, cells_of, known, template)
    while True:
        told = {k: prefer_narrative(v, stated, narrative, subjects.get(k, "")) for k, v in rows.items()}
        if told == rows:
            return rows
        rows = solve(told, cells_of, known, template)


# the characters of the units a cell may print after its figure (catalog/units.csv)
_UNIT_CHARS = "".join(sorted({c for u in catalog.unit_words(cell=True) for c in u}))


def _num(text: str) -> int | float | None:
    """A cell's figure: an int for whole numbers (sums over them stay exact), a float for decimals."""
    text = text.rstrip(_UNIT_CHARS)
    if text.isdigit():
        return int(text)
    return float(text) if _NUMBER.match(text) else None


def _exact(v):
    return v if isinstance(v, int) else round(v, 6)  # floats are rounded so that 0.1 + 0.2 meets 0.3


def certain_cells(readings_left: list[tuple]) -> list[str | None]:
    """Per column, the value every remaining reading agrees on, else None (unreadable)."""
    if not readings_left:
        return []
    return [col[0] if len(set(col)) == 1 else None for col in zip(*readings_left)]


def incomplete_check(name: str, cells: list[tuple[str, str | None]], template: str = "2019"):
    """One `incomplete_table` check naming the rows (and their columns) the table does not let us
    read: `cells` are (indicator, column), column None for a row printed without any figure. Columns
    are named as `template` names them (catalog/columns.csv: 本年度 for the total on local forms)."""
    from ..model import Check

    by_row: dict[str, list[str | None]] = {}
    for indicator, column in cells:
        by_row.setdefault(indicator, []).append(column)

    def row(indicator: str, columns: list) -> dict[str, str]:
        named = [c for c in columns if c]
        if not named:
            return catalog.label_of(indicator)
        names = catalog.joined(
            catalog.both(catalog.column_label(c, "zh", template), catalog.column_label(c, "en", template)) for c in named
        )
        return words("finding_row_with_columns", row=catalog.label_of(indicator), columns=names).both()

    cells_named = catalog.joined((row(i, c) for i, c in by_row.items()), "clause")
    return Check.said("incomplete_table", "warning", words("finding_incomplete_table", name=name, cells=cells_named), sorted(by_row))
