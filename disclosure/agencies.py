"""The agency table (catalog/agencies.csv): one row per real agency, with the other names its
documents print (a short form, a name before a reorganisation). A name printed in a report is
stored under its agency's canonical name, so one agency's series does not split in two."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .cell_text import normalize

PATH = Path(__file__).resolve().parent / "catalog" / "agencies.csv"


@dataclass(frozen=True)
class Agency:
    id: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    region: str
    level: str
    first_year: int | None = None  # its lifetime: an agency is never missing a report outside it
    last_year: int | None = None
    successor: str = ""  # the id of the agency that took it over (机构改革), whose series continues its own
    lifetime_note: str = ""  # what the documents say of its start or end

    def active_in(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (self.last_year is None or year <= self.last_year)


def _year(text: str) -> int | None:
    return int(text) if text else None


@lru_cache(maxsize=1)
def agencies() -> dict[str, Agency]:
    with PATH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {
        r["id"]: Agency(
            r["id"],
            r["name_zh"],
            r["name_en"],
            tuple(a for a in r["aliases"].split("|") if a),
            r["region"],
            r["level"],
            _year(r.get("first_year", "")),
            _year(r.get("last_year", "")),
            r.get("successor", ""),
            r.get("lifetime_note", ""),
        )
        for r in rows
    }


def active_in(name: str, year: int) -> bool:
    """Whether the agency of that name existed in `year` (an agency the table does not know: always)."""
    agency = find(name)
    return agency is None or agency.active_in(year)


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Agency]:
    out = {}
    for agency in agencies().values():
        for name in (agency.name_zh, *agency.aliases):
            out[_key(name)] = agency
    return out


def _key(name: str) -> str:
    return normalize(name).replace(" ", "")


def canonical(name: str) -> str:
    """The agency's canonical name for a printed name; a name the table does not know stays as printed."""
    agency = _by_name().get(_key(name))
    return agency.name_zh if agency else name


def name_in(name: str, language: str) -> str:
    """An agency as `language` names it: the agency table's English name where it has one."""
    found = find(name) if language == "en" else None
    return found.name_en if found is not None and found.name_en else name


def find(name: str) -> Agency | None:
    return _by_name().get(_key(name))


def url_id(name: str) -> str:
    """The id a link carries for an agency: the table's id, or the canonical name for an agency it does not know."""
    found = find(name)
    return found.id if found is not None else name


def from_url_id(param: str, names) -> str | None:
    """An agency id, canonical name or known alias from a link → the name the store uses; None when not one of `names`."""
    by_id = {url_id(n): n for n in names}
    if param in by_id:
        return by_id[param]
    name = canonical(param)
    return name if name in names else None
