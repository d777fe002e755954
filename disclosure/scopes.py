"""A scope: the agencies a leader looks at together — all of them, one region, one level of government, one
government with its departments, or a hand-picked group. Regions and levels come from the agency registry
(catalog/agencies.csv, or inferred from the name of an agency the table lacks: regions.csv, levels.csv); a link
carries a scope as ids (`region:putian`, `level:dept`, `gov:putian-shi`, `group:putian-shi,putian-kjj`), never as
names, so it means the same in either language."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import agencies as agency_table
from . import catalog
from .catalog import words

HERE = Path(__file__).resolve().parent / "catalog"
KINDS = ("all", "region", "level", "gov", "group")


@dataclass(frozen=True)
class Place:
    id: str
    name_zh: str
    name_en: str

    def name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name_zh


@cache
def _places(file: str) -> dict[str, Place]:
    with (HERE / file).open(encoding="utf-8") as fh:
        return {r["id"]: Place(r["id"], r["name_zh"], r["name_en"]) for r in csv.DictReader(fh)}


def regions() -> dict[str, Place]:
    return _places("regions.csv")


def levels() -> dict[str, Place]:
    return _places("levels.csv")


def _id_of(places: dict[str, Place], name_zh: str) -> str | None:
    return next((p.id for p in places.values() if p.name_zh == name_zh), None)


def region_of(agency: str) -> str | None:
    return _id_of(regions(), agency_table.registered(agency).region)


def level_of(agency: str) -> str | None:
    return _id_of(levels(), agency_table.registered(agency).level)


def government_of(agency: str, names=(), learned=None) -> str | None:
    """The url id of the government an agency belongs to (itself for a government)."""
    gov = agency_table.government_of(agency, names, learned)
    return agency_table.url_id(gov.name_zh) if gov else None


@dataclass(frozen=True)
class Scope:
    kind: str = "all"
    key: str = ""  # a region or level id; a government's url id
    members: tuple[str, ...] = ()  # a group: agency ids (url ids), in the order picked

    def to_param(self) -> str:
        if self.kind == "group":
            return "group:" + ",".join(self.members)
        return self.kind if self.kind == "all" else f"{self.kind}:{self.key}"

    def agencies(self, names: list[str]) -> list[str]:
        """The agencies of `names` (the store's canonical names) in this scope, in the order of `names`."""
        if self.kind == "region":
            return [n for n in names if region_of(n) == self.key]
        if self.kind == "level":
            return [n for n in names if level_of(n) == self.key]
        if self.kind == "gov":
            learned = agency_table.learned_governments(names)
            return [n for n in names if government_of(n, learned=learned) == self.key]
        if self.kind == "group":
            picked = set(self.members)
            return [n for n in names if agency_table.url_id(n) in picked]
        return list(names)

    def name(self, lang: str = "zh", agency_name=str) -> str:
        """The scope in words: 全部单位 / 莆田市 / 部门 / the group's agencies."""
        if self.kind == "region":
            return regions()[self.key].name(lang) if self.key in regions() else self.key
        if self.kind == "level":
            return levels()[self.key].name(lang) if self.key in levels() else self.key
        if self.kind == "gov":
            gov = agency_table.agencies().get(self.key)
            name = (gov.name_en if lang == "en" and gov.name_en else gov.name_zh) if gov else self.key
            return words("scope_gov_name", name=name).text(lang)
        if self.kind == "group":  # up to three names; a longer group by its first two and a count
            names = [agency_name(n) for n in self.members]
            if len(names) <= 3:
                return catalog.in_language(catalog.joined(names), lang)
            first = catalog.in_language(catalog.joined(names[:2]), lang)
            return words("scope_group_and_more", names=first, n=len(names), more=len(names) - 2).text(lang)
        return words("scope_all").text(lang)


ALL = Scope()


def from_param(param: str, names: list[str] | None = None) -> Scope | None:
    """A link's scope; None when it names a region or level the table does not have."""
    kind, _, rest = param.partition(":")
    if kind == "all" and not rest:
        return ALL
    if kind == "region" and rest in regions():
        return Scope("region", rest)
    if kind == "level" and rest in levels():
        return Scope("level", rest)
    if kind == "gov" and rest:
        if names is not None:
            learned = agency_table.learned_governments(names)
            if rest not in {government_of(n, learned=learned) for n in names}:
                return None
        return Scope("gov", rest)
    if kind == "group":
        wanted = [m for m in dict.fromkeys(rest.split(",")) if m]
        if names is not None:
            known = {agency_table.url_id(n) for n in names}
            wanted = [m for m in wanted if m in known]
        return Scope("group", members=tuple(wanted))  # none known yet: the picker asks for agencies
    return None


def choices(names: list[str]) -> list[Scope]:
    """The scopes the store's agencies allow: all, each region and level that has an agency, in the table's order."""
    present_regions = {region_of(n) for n in names}
    present_levels = {level_of(n) for n in names}
    # a government with departments of its own in the store: the city's departments; a county with its departments
    members: dict[str, int] = {}
    learned = agency_table.learned_governments(names)
    for n in names:
        gov = government_of(n, learned=learned)
        if gov is not None:
            members[gov] = members.get(gov, 0) + 1
    return (
        [ALL]
        + [Scope("region", r) for r in regions() if r in present_regions]
        + [Scope("level", lv) for lv in levels() if lv in present_levels]
        + [Scope("gov", g) for g, count in members.items() if count > 1]
    )
