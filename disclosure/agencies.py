"""The agency registry. `catalog/agencies.csv` is the table a person keeps: one row per confirmed agency, with the
other names its documents print (a short form, a name before a reorganisation), its lifetime and successor. A name
printed in a report is stored under its agency's canonical name, so one agency's series does not split in two.

A report from an agency the table lacks is not refused and not guessed into a known one: its printed name is
normalised by `catalog/agency_names.csv` (…局办公室 → …局, a cover letter's 关于), so its reports of every year land
under one name, and its region and level are inferred from that name by the rules of `catalog/regions.csv` (place
prefixes) and `catalog/levels.csv` (name patterns). 数据质量 lists such agencies as new, for a person to confirm (a row
here), alias (a name in an existing row's aliases) or merge."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .cell_text import normalize

CATALOG = Path(__file__).resolve().parent / "catalog"
PATH = CATALOG / "agencies.csv"


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
    confirmed: bool = True  # False: learned from a document's printed name, not yet in the table

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
    """The agency's canonical name for a printed name; a name the table does not know, normalised."""
    agency = find(name)
    return agency.name_zh if agency else normalised(name)


def name_in(name: str, language: str) -> str:
    """An agency as `language` names it: the agency table's English name where it has one."""
    found = find(name) if language == "en" else None
    return found.name_en if found is not None and found.name_en else name


def find(name: str) -> Agency | None:
    """The confirmed agency of a printed name (its own name, an alias, or either after normalisation)."""
    return _by_name().get(_key(name)) or _by_name().get(_key(normalised(name)))


@lru_cache(maxsize=2)
def _name_rules(applies_to: str) -> tuple[tuple[re.Pattern, str], ...]:
    """catalog/agency_names.csv: `name` rules make the canonical name, `place` rules only uncover the place in it."""
    with (CATALOG / "agency_names.csv").open(encoding="utf-8") as fh:
        return tuple((re.compile(r["pattern"]), r["replacement"]) for r in csv.DictReader(fh) if r["applies_to"] == applies_to)


def _apply(rules, name: str) -> str:
    for pattern, replacement in rules:
        name = pattern.sub(replacement, name)
    return name


NAMES_CACHED = 1 << 16  # printed names whose normalised form and agency are kept: a province's 12,000 and more fit


@lru_cache(maxsize=NAMES_CACHED)
def normalised(name: str) -> str:
    """A printed name with what is not the agency's name taken off (catalog/agency_names.csv), rule by rule."""
    return _apply(_name_rules("name"), _key(name))


def _catalog_rows(file: str) -> list[dict]:
    with (CATALOG / file).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _region_prefixes() -> tuple[tuple[str, str], ...]:
    """(prefix, region name) longest first: a region's name and the other names of its place (平潭县 → 平潭综合实验区)."""
    pairs = [(p, r["name_zh"]) for r in _catalog_rows("regions.csv") for p in (r["name_zh"], *r["prefixes"].split("|")) if p]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=1)
def _level_rules() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, level name) in match order; `{region}` in a pattern stands for any region's name or prefix."""
    places = "|".join(re.escape(p) for p, _ in _region_prefixes()) or "(?!)"
    rows = sorted(_catalog_rows("levels.csv"), key=lambda r: int(r["match_order"]))
    return tuple((re.compile(r["name_pattern"].replace("{region}", f"(?:{places})")), r["name_zh"]) for r in rows)


def infer_region(name: str) -> str:
    """The region a name begins with (莆田市XX局 → 莆田市; 平潭县XX局 → 平潭综合实验区); '' when none does."""
    place = _apply(_name_rules("place"), name)
    return next((region for prefix, region in _region_prefixes() if place.startswith(prefix)), "")


def infer_level(name: str) -> str:
    return next((level for pattern, level in _level_rules() if pattern.search(name)), "")


@lru_cache(maxsize=NAMES_CACHED)
def registered(name: str) -> Agency:
    """The agency a printed name stands for: its confirmed row, or one learned from the name (confirmed=False)."""
    found = find(name)
    if found is not None:
        return found
    learned = normalised(name)
    return Agency(learned, learned, "", (), infer_region(learned), infer_level(learned), confirmed=False)


def _place(agency: Agency) -> tuple[str, ...]:
    """The place names a government's departments begin with (莆田市人民政府 → 莆田市; 平潭综合实验区 → itself)."""
    names = (agency.name_zh, *agency.aliases)
    return tuple(dict.fromkeys(re.sub(r"(?:人民政府|管理委员会|管委会)$", "", n) for n in names if n))


@lru_cache(maxsize=8)
def level_name(level_id: str) -> str:
    return next(r["name_zh"] for r in _catalog_rows("levels.csv") if r["id"] == level_id)


@lru_cache(maxsize=1)
def _table_governments() -> tuple[tuple[Agency, tuple[str, ...]], ...]:
    """The table's governments with their places, worked out once (government_of asks for them per agency)."""
    gov_level = level_name("gov")
    return tuple((a, _place(a)) for a in agencies().values() if a.level == gov_level)


def learned_governments(names) -> tuple[Agency, ...]:
    """The governments among `names` the table does not know, learned from their names. A caller asking for the
    government of each of many names works this out once and passes it (`learned`): done per name, it made 总览 at a
    province's 12,000 agencies quadratic (minutes)."""
    gov_level = level_name("gov")
    return tuple(g for g in (registered(n) for n in names) if not g.confirmed and g.level == gov_level)


def government_of(name: str, names=(), learned: tuple[Agency, ...] | None = None) -> Agency | None:
    """The government an agency belongs to: itself for a government, else the government whose place its name begins
    with, the longest such place (平潭县财政局 → 平潭县人民政府, not 平潭综合实验区). Governments are the table's and,
    learned, those among `names` (a district the table lacks still gathers its own departments; `learned`: the same,
    worked out already by learned_governments(names))."""
    agency = registered(name)
    gov_level = level_name("gov")
    if agency.level == gov_level:
        return agency
    extra = learned_governments(names) if learned is None else learned
    best, best_len = None, 0
    for gov, places in (*_table_governments(), *((g, _place(g)) for g in extra)):
        for place in places:
            if agency.name_zh.startswith(place) and len(place) > best_len:
                best, best_len = gov, len(place)
    return best


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
