"""The audit rules as the quality page lists them (catalog/rules.csv): id, default severity, title and one-line description."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..catalog import Words
from ..model import Check


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # the severity the rule's findings carry (error | warning | info)
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    cross_year: bool = False  # needs the same agency's report for the year before


def _rules() -> list[Rule]:
    """The rules of catalog/rules.csv, in the order the quality page lists them."""
    with (Path(__file__).resolve().parent.parent / "catalog" / "rules.csv").open(encoding="utf-8") as fh:
        return [
            Rule(r["id"], r["severity"], r["title_zh"], r["title_en"], r["description_zh"], r["description_en"], r["cross_year"] == "yes")
            for r in csv.DictReader(fh)
        ]


RULES: list[Rule] = _rules()
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def finding(rule_id: str, words: Words, indicators=(), values=None, sentence: str = "", severity: str | None = None) -> Check:
    """A finding of `rule_id` worded by catalog.words(key, …): said in the language of the page that shows it."""
    rule = RULES_BY_ID[rule_id]
    return Check.said(rule_id, severity or rule.severity, words, list(dict.fromkeys(indicators)), values, sentence=sentence)
