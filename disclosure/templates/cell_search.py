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
from collections import Counter, deque
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

    def in_another_cell(value: str, i: int) -> bool:  # a reading that puts the figure in a second cell too
        return any(value in p[:i] + p[i + 1 :] for p in options)

    # a figure the text states backs one cell of a reading, not every cell the reading copies it into
    # ('4' '16' for 制发 / 废止 / 现行有效: 4 | 16 | 16 is not borne out twice by one '现行有效…16件')
    scores = [
        sum(
            len(c)
            for c in {
                c
                for i, c in enumerate(o)
                if len(c) >= 2 and stated.get(c, 0) > 0 and any(p[i] != c for p in options) and not in_every_other_cell(c, i)
            }
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
        # the row's subject before the figure says which row, not which column: a figure some reading also
        # puts in another column of the row confirms neither
        confirmed = [
            v for v in values if len(v) >= 2 and stated.get(v, 0) > 0 and not in_another_cell(v, i) and _said_of(narrative, v, subject)
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
    # each rule's rows, and the rules of each row: a rule is looked at again only when one of its rows
    # narrowed (the readings left are the same as sweeping every rule until none narrows: each rule only
    # drops readings it cannot support, whatever the order)
    rule_rows = [sorted({where[c][0] for c in rule.left + rule.right if c in where}) for rule in rules]
    rules_of: dict[str, list[int]] = {}
    for i, keys in enumerate(rule_rows):
        for key in keys:
            rules_of.setdefault(key, []).append(i)
    agenda = deque(i for i, keys in enumerate(rule_rows) if keys)
    waiting = set(agenda)
    while agenda:
        i = agenda.popleft()
        waiting.discard(i)
        rule = rules[i]
        open_rows = [key for key in rule_rows[i] if rows[key]]
        if not open_rows:
            continue
        space = 1
        for key in open_rows:
            space *= len(rows[key])
        if space == 1:  # one reading each: the rule holds for them, or none of them can be read
            if not _holds_for_the_only_readings(rule, rows, numbers, where, known):
                for key in open_rows:
                    rows[key] = []
                    for j in rules_of[key]:
                        if j != i and j not in waiting:
                            agenda.append(j)
                            waiting.add(j)
            continue
        if space <= settings.CELL_SEARCH_ENUMERATE_MAX or rule.relation != "eq" and space <= settings.CELL_SEARCH_MAX_COMBINATIONS:
            keep = _feasible_by_enumeration(rule, open_rows, rows, numbers, where, known)
        elif rule.relation == "eq":
            try:
                keep = _feasible_by_sums(rule, open_rows, rows, numbers, where, known)
            except _TooMany:
                continue  # too many partial sums to tell: the rule says nothing here (until its rows narrow)
        else:
            continue
        for key in open_rows:  # no reading the arithmetic allows: the row is unreadable
            narrowed = [r for r in rows[key] if r in keep[key]]
            if len(narrowed) < len(rows[key]):
                rows[key] = narrowed
                for j in rules_of[key]:
                    if j != i and j not in waiting:
                        agenda.append(j)
                        waiting.add(j)
    return rows


def _holds_for_the_only_readings(rule: Identity, rows: dict, numbers: dict, where: dict, known: dict) -> bool:
    def value(cell):
        at = where.get(cell)
        if at is None:
            return known.get(cell)
        readings = rows[at[0]]
        return numbers[at[0]][readings[0]][at[1]] if readings else None

    return rule.holds([value(c) for c in rule.left], [value(c) for c in rule.right])


def _feasible_by_enumeration(rule: Identity, open_rows: list[str], rows: dict, numbers: dict, where: dict, known: dict) -> dict[str, set]:
    keep: dict[str, set[tuple]] = {key: set() for key in open_rows}
    index = {key: i for i, key in enumerate(open_rows)}

    def place(cell) -> tuple[int, int | float | None]:
        """(the open row's index, the reading's position) for a cell of an open row; else (-1, its figure)."""
        if cell in where:
            key, i = where[cell]
            if key in index:
                return index[key], i
            return -1, numbers[key][rows[key][0]][i] if rows.get(key) else None
        return -1, known.get(cell)

    left, right = [place(c) for c in rule.left], [place(c) for c in rule.right]
    tables = [numbers[key] for key in open_rows]
    for choice in itertools.product(*(rows[key] for key in open_rows)):
        figures = [table[reading] for table, reading in zip(tables, choice)]
        lv = [figures[k][i] if k >= 0 else i for k, i in left]
        rv = [figures[k][i] if k >= 0 else i for k, i in right]
        if rule.holds(lv, rv):
            for key, reading in zip(open_rows, choice):
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
    # each open row's positions in the rule, with their signs (one pass over the rule's cells)
    positions: dict[str, list[tuple[int, int]]] = {key: [] for key in open_rows}
    for cell, sign in [(c, 1) for c in rule.left] + [(c, -1) for c in rule.right]:
        at = where.get(cell)
        if at is not None and at[0] in positions:
            positions[at[0]].append((at[1], sign))
    amounts: dict[str, dict[tuple, float | None]] = {}
    for key in open_rows:
        amounts[key] = {}
        mine = positions[key]
        for reading in rows[key]:
            total, silent = 0, False
            figures = numbers[key][reading]
            for i, sign in mine:
                v = figures[i]
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
    # whole numbers add up exactly; decimals are rounded so that 0.1 + 0.2 meets 0.3
    exact = _exact if isinstance(fixed, float) or any(isinstance(a, float) for options in sums for a in options) else _same
    prefix = [{0}]
    for options in sums:
        prefix.append(_bounded({exact(p + a) for p in prefix[-1] for a in options}))
    suffix = [{0}]
    for options in reversed(sums):
        suffix.append(_bounded({exact(p + a) for p in suffix[-1] for a in options}))
    suffix.reverse()
    if exact(-fixed) in prefix[-1]:  # the whole rule can hold: the constant rows keep their reading
        for key in single:
            keep[key] |= set(amounts[key])
    for k, key in enumerate(multi):
        # some sum of the rows before and some sum of the rows after make up the rest: look up from the smaller side
        few, many = (prefix[k], suffix[k + 1]) if len(prefix[k]) <= len(suffix[k + 1]) else (suffix[k + 1], prefix[k])
        for reading, a in amounts[key].items():
            if a is None:
                continue
            rest = -fixed - a
            if exact is _same:
                found = any(rest - p in many for p in few)
            else:
                found = any(exact(rest - p) in many for p in few)
            if found:
                keep[key].add(reading)
    return keep


def _same(v):
    return v


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


@lru_cache(maxsize=8192)
def _num(text: str) -> int | float | None:
    """A cell's figure: an int for whole numbers (sums over them stay exact), a float for decimals."""
    text = text.rstrip(_UNIT_CHARS)
    if text.isdigit():
        return int(text)
    return float(text) if _NUMBER.match(text) else None


def _exact(v):
    return v if isinstance(v, int) else round(v, 6)  # floats are rounded so that 0.1 + 0.2 meets 0.3


def unconfirmed_copies(
    tokens: dict[str, list[str]],
    candidates: dict[str, list[tuple]],
    solved: dict[str, list[tuple]],
    cells_of: dict[str, list[tuple[str, str]]],
    known: dict[tuple[str, str], float],
    template: str,
) -> set[tuple[str, str]]:
    """Cells of a row printed with one figure for several cells that nothing but the archive's
    collapsing of equal cells fills. An archive prints one figure for a run of equal cells *or* for a cell and blanks after it
    (福建's 本年度 / 历年累计: `2.政府公报 条 0`), and no reading of the row tells the two apart. So a cell
    after the first is kept only where the arithmetic chose it (the row had several readings and the
    identities left one value there) or an `eq` identity over its column, with a cell the table printed
    as its own, holds with it and fails with it blank (受理 累计 3 = 当面 2 + 网上 + 信函 → 网上 1, never blank;
    a copied 0 and a blank add up alike, so a 0 stays unread); else it is left out, unreadable."""
    rows = {k: v for k, v in solved.items() if v}
    values: dict[tuple[str, str], float | None] = dict(known)
    for key, options in rows.items():
        cells = certain_cells(options)
        for cell, raw in zip(cells_of.get(key, ()), cells):
            if raw is not None:
                values[cell] = _num(raw)
    guessed_cells = {cell for key in rows for cell in cells_of.get(key, ())}
    present = {ind for ind, _ in values}
    checked: set[tuple[str, str]] = set()
    for rule in catalog.identities(template, sorted({ind for ind, _ in guessed_cells}), present):
        cells = rule.left + rule.right
        if rule.relation != "eq" or not any(c in known and c not in guessed_cells for c in cells):
            continue
        if any(values.get(c) is None for c in rule.left) or not rule.holds(
            [values.get(c) for c in rule.left], [values.get(c) for c in rule.right]
        ):
            continue
        for cell in cells:
            if cell in guessed_cells:
                blank = {**values, cell: None}
                if not rule.holds([blank.get(c) for c in rule.left], [blank.get(c) for c in rule.right]):
                    checked.add(cell)
    out: set[tuple[str, str]] = set()
    for key, options in rows.items():
        printed = [t for t in tokens.get(key, ()) if t != ""]
        if len(printed) != 1 or len(cells_of.get(key, ())) < 2 or any(set(r) != set(printed) for r in candidates.get(key, options)):
            continue  # not one figure copied into several cells ('01' and '33' are two glued cells)
        chosen = len(candidates.get(key, options)) > len(options)
        for cell in cells_of.get(key, ())[1:]:
            if not chosen and cell not in checked:
                out.add(cell)
    return out


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

    named, rows = _cells_named(cells, template)
    return Check.said("incomplete_table", "warning", words("finding_incomplete_table", name=name, cells=named), rows)


def collapsed_run_check(name: str, cells: list[tuple[str, str]], template: str = "local"):
    """One `collapsed_run` finding naming the cells read as a copy of the one figure their row prints
    (the archive prints a run of equal cells once), where neither the arithmetic nor the text rules out
    that the later cells were blank: the figure is shown, and not silently."""
    from ..model import Check

    named, rows = _cells_named(cells, template)
    return Check.said("collapsed_run", "info", words("finding_collapsed_run", name=name, cells=named), rows)


def _cells_named(cells: list[tuple[str, str | None]], template: str) -> tuple[dict[str, str], list[str]]:
    """The cells as a finding names them, in both languages: each row by its label, with its columns."""
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

    return catalog.joined((row(i, c) for i, c in by_row.items()), "clause"), sorted(by_row)
