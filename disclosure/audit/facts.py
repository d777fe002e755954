"""A lookup over a report's facts that keeps blank, n/a and absent apart (blank is not zero)."""

from __future__ import annotations

from ..model import APPLICANTS, Fact, Report

APPLICANT_COLUMNS = APPLICANTS[:-1]  # the six applicant columns; "total" is the 总计 column


class FactView:
    def __init__(self, report: Report):
        self.report = report
        self.by_key: dict[tuple[str, str], Fact] = {(f.indicator, f.applicant): f for f in report.facts}

    def fact(self, indicator: str, applicant: str = "total") -> Fact | None:
        return self.by_key.get((indicator, applicant))

    def value(self, indicator: str, applicant: str = "total"):
        """The value when reported, else None (blank, n/a and absent alike: nothing to compute with)."""
        f = self.fact(indicator, applicant)
        if f is None or f.status != "reported" or f.value is None:
            return None
        return f.value

    def values(self, ids, applicant: str = "total") -> list | None:
        """All values, or None when any one of them is not reported."""
        out = [self.value(i, applicant) for i in ids]
        return None if any(v is None for v in out) else out

    def has(self, indicator: str) -> bool:
        return any(ind == indicator for ind, _ in self.by_key)


def value_key(indicator: str, applicant: str = "total") -> str:
    """Key of a Check.values entry: the indicator id, with `|applicant` for an applicant column."""
    return indicator if applicant == "total" else f"{indicator}|{applicant}"


def same(a, b) -> bool:
    return abs(float(a) - float(b)) < 1e-6
