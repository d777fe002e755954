"""The catalog's one formula language, parsed once and evaluated in one place: the rates (rates.csv), the key
figures (headlines.csv), the crosswalk (crosswalk.csv) and the table arithmetic (identities.csv).

A formula is terms joined by ` + `, with alternatives joined by ` | ` where a form prints the same figure in
different rows (the single 其他处理 row of 2019 or its three rows of 2021): the alternative of which the report
has the most rows is read, the first on a tie. A term is

- an indicator id (`requests.received`),
- `prefix.*`: every indicator below it (`requests.outcome.denied.*`),
- `group:<name>`: a named group of catalog/indicator_groups.csv,

optionally followed by `[column]` (an applicant or value column: `requests.received[total]`); without one it is
read in the column the caller asks for. A side is the sum of its present terms and blank only when none of
them is reported: blank is never 0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

_TERM = re.compile(r"^(?:group:(?P<group>[a-z0-9_]+)|(?P<id>[a-z0-9_.]+?)(?P<star>\.\*)?)(?:\[(?P<column>[a-z_]+)\])?$")


class FormulaError(ValueError):
    """A formula of the catalog that does not parse: named with its text, at load time."""


@dataclass(frozen=True)
class Term:
    ref: str  # an indicator id, the prefix of a `.*` term, or a group's name
    kind: str  # indicator | children | group
    column: str | None = None

    def indicators(self) -> tuple[str, ...]:
        return _indicators(self.ref, self.kind)

    def cells(self, column: str) -> tuple[tuple[str, str], ...]:
        return tuple((i, self.column or column) for i in self.indicators())


@cache
def _indicators(ref: str, kind: str) -> tuple[str, ...]:
    """A term's indicators, worked out once (the catalog does not change while the process runs)."""
    from . import catalog  # the catalog parses its formulas with this module

    if kind == "group":
        return catalog.group(ref)
    if kind == "children":
        return tuple(i for i in catalog.indicators() if i.startswith(ref + "."))
    return (ref,)


@dataclass(frozen=True)
class Value:
    """A formula's value over one report: `status` is reported | blank | na (——) | absent (no such row)."""

    value: float | None
    status: str
    alternative: str  # the alternative read, as written
    derived: bool = False  # some cell came from the lookup's fallback (a blank 总计 read as the applicant columns' sum)


# (indicator, column) → (value, status, derived) or None when the report has no such cell
Lookup = Callable[[str, str], "tuple[float | None, str, bool] | None"]


@dataclass(frozen=True)
class Formula:
    text: str
    alternatives: tuple[tuple[Term, ...], ...]

    def indicators(self) -> list[str]:
        """Every indicator any alternative reads, in the order written (what a query for it must fetch)."""
        return list(dict.fromkeys(i for alt in self.alternatives for term in alt for i in term.indicators()))

    def terms(self) -> list[str]:
        """The terms as written, `prefix.*` kept as such (a picker's list of what a series reads)."""
        return list(
            dict.fromkeys(t.ref + (".*" if t.kind == "children" else "") for alt in self.alternatives for t in alt if t.kind != "group")
        )

    def cells(self, column: str = "total", present: Iterable[str] | None = None) -> tuple[tuple[str, str], ...]:
        """The cells the formula adds up in `column`, of the alternative `present` (the report's rows) chooses."""
        return tuple(c for term in self._choose(set(present) if present is not None else None) for c in term.cells(column))

    def _choose(self, present: set[str] | None) -> tuple[Term, ...]:
        if len(self.alternatives) == 1 or present is None:
            return self.alternatives[0]
        counts = [sum(i in present for t in alt for i in t.indicators()) for alt in self.alternatives]
        return self.alternatives[counts.index(max(counts))]

    def evaluate(self, lookup: Lookup, column: str = "total") -> Value:
        """The sum of the reported cells of the alternative the report has most rows of."""
        seen = [[(c, lookup(*c)) for t in alt for c in t.cells(column)] for alt in self.alternatives]
        counts = [sum(got is not None for _, got in cells) for cells in seen]
        if not any(counts):
            return Value(None, "absent", _text(self.alternatives[0]))
        best = counts.index(max(counts))
        got = [g for _, g in seen[best] if g is not None]
        reported = [g for g in got if g[1] == "reported" and g[0] is not None and g[0] == g[0]]
        text = _text(self.alternatives[best])
        if reported:
            return Value(sum(g[0] for g in reported), "reported", text, any(g[2] for g in reported))
        return Value(None, "na" if {g[1] for g in got} == {"na"} else "blank", text)

    def over(self, figures: dict[str, float | None]) -> float | None:
        """The formula over a report's figures (indicator → its figure): the sum of those given, None when none is."""
        return self.evaluate(figures_lookup(figures)).value


def figures_lookup(figures: dict[str, float | None]) -> Lookup:
    """A lookup over one figure per indicator (figures.report_figures): a figure given is reported, None is absent."""

    def lookup(indicator: str, column: str):
        v = figures.get(indicator)
        return None if v is None else (v, "reported", False)

    return lookup


def _text(alternative: tuple[Term, ...]) -> str:
    return " + ".join(
        ("group:" + t.ref if t.kind == "group" else t.ref + (".*" if t.kind == "children" else "")) + (f"[{t.column}]" if t.column else "")
        for t in alternative
    )


@cache
def parse(text: str) -> Formula:
    """A formula of the catalog, parsed once (cached by its text); a term that does not parse is a FormulaError."""
    alternatives = []
    for alternative in text.split(" | "):
        terms = []
        for raw in alternative.split("+"):
            m = _TERM.match(raw.strip())
            if not m:
                raise FormulaError(f"bad formula term {raw.strip()!r} in {text!r}")
            if m.group("group"):
                terms.append(Term(m.group("group"), "group", m.group("column")))
            else:
                terms.append(Term(m.group("id"), "children" if m.group("star") else "indicator", m.group("column")))
        alternatives.append(tuple(terms))
    return Formula(text, tuple(alternatives))
