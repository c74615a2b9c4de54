"""Successions of government bodies: renamings, mergers and splits, 2008–2024.

data/lexicons/succession.csv says which body type became which (卫生和计划生育委员会 →
卫生健康委员会, renamed, 2018), where (``scope``: ``*``, a level, a province or city, or
several joined by ``|``) and on what authority (``source``; "national default" marks a
year that is the nationwide one, not a known local date). ``successions`` links the
agencies of a graph: within each jurisdiction that has an agency of the old type and one
of the new, the old one is the new one's predecessor.

``kind`` reads from the old type to the new: "renamed" (the body took a new name and
kept its work), "merged into" (the old body's work went into the new one, with others'),
"split from" (the new body was carved out of the old one, which lives on).

Examples
--------
>>> from loaders.records import Agency
>>> def agency(name, type_, place="安徽省", level="province"):
...     return Agency(name, name, [], type_, "", "", place, level, False, True)
>>> old = agency("安徽省卫生和计划生育委员会", "卫生和计划生育委员会")
>>> new = agency("安徽省卫生健康委员会", "卫生健康委员会")
>>> successions([old, new])
[Succession(predecessor='安徽省卫生和计划生育委员会', successor='安徽省卫生健康委员会', year=2018, kind='renamed', source='国务院机构改革方案 2018 (组建国家卫生健康委员会); 省级机构改革 2018')]
>>> successions([old, agency("浙江省卫生健康委员会", "卫生健康委员会", "浙江省")])
[]
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .errors import LoaderError
from .lexicons import LEXICON_DIR

__all__ = ["Rule", "Succession", "rules", "successions"]

_PATH = LEXICON_DIR / "succession.csv"
KINDS = ("renamed", "merged into", "split from")
LEVELS = ("national", "province", "city", "county")


@dataclass(frozen=True)
class Rule:
    """One row of succession.csv."""

    from_type: str
    to_type: str
    kind: str
    year: int | None
    scope: tuple[str, ...]  # "*", levels, or place names
    source: str


@dataclass(frozen=True)
class Succession:
    predecessor: str  # Agency.id of the old body
    successor: str  # Agency.id of the new body
    year: int | None
    kind: str  # renamed | merged into | split from
    source: str


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rows of data/lexicons/succession.csv, checked."""
    try:
        with _PATH.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, csv.Error) as err:
        raise LoaderError("L007", str(_PATH), str(err)) from err
    out = []
    for line, r in enumerate(rows, start=2):
        try:
            kind = r["kind"].strip()
            if kind not in KINDS:
                raise ValueError(f"kind {kind!r} is not one of {KINDS}")
            year = int(r["year"]) if r["year"].strip() else None
            scope = tuple(s.strip() for s in r["scope"].split("|") if s.strip()) or ("*",)
            out.append(Rule(r["from_type"].strip(), r["to_type"].strip(), kind, year, scope,
                            r["source"].strip()))
        except (KeyError, ValueError, AttributeError) as err:
            raise LoaderError("L007", f"{_PATH}:{line}", f"bad succession row: {err}") from err
    return tuple(out)


def _specificity(rule: Rule, jurisdiction: str, province: str, level: str) -> int:
    """How closely a rule's scope fits a jurisdiction: 3 the place itself, 2 its
    province, 1 its level, 0 everywhere; -1 when it does not apply."""
    best = -1
    for s in rule.scope:
        if s == jurisdiction:
            best = max(best, 3)
        elif s == province and s:
            best = max(best, 2)
        elif s == level:
            best = max(best, 1)
        elif s == "*":
            best = max(best, 0)
    return best


def _province(jurisdiction: str) -> str:
    if jurisdiction == "中华人民共和国":
        return ""
    from . import gazetteer

    return gazetteer.province_of(jurisdiction) or ""


def successions(agencies: Iterable) -> list[Succession]:
    """Predecessor–successor links among agencies (objects with .id, .type, .jurisdiction
    and, optionally, .level and .collective, like loaders.records.Agency).

    Within one jurisdiction, every agency of a rule's ``from_type`` is linked to every
    agency of its ``to_type``; when several rules for the same pair of types apply, the
    one whose scope fits the jurisdiction most closely (the place, then its province,
    then its level, then ``*``) gives the year and source. Collectives are not linked.
    """
    by_place: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for a in agencies:
        if getattr(a, "collective", False):
            continue
        by_place[a.jurisdiction][a.type].append(a)
    out: dict[tuple[str, str], Succession] = {}
    for jurisdiction, types in by_place.items():
        province = _province(jurisdiction)
        chosen: dict[tuple[str, str, str], tuple[int, Rule]] = {}
        for rule in rules():
            if rule.from_type not in types or rule.to_type not in types:
                continue
            levels = {getattr(a, "level", "") for a in types[rule.from_type] + types[rule.to_type]}
            fit = max(_specificity(rule, jurisdiction, province, lv) for lv in levels)
            key = (rule.from_type, rule.to_type, rule.kind)
            if fit >= 0 and (key not in chosen or fit > chosen[key][0]):
                chosen[key] = (fit, rule)
        for _, rule in chosen.values():
            for old in types[rule.from_type]:
                for new in types[rule.to_type]:
                    if old.id != new.id and (old.id, new.id) not in out:
                        out[(old.id, new.id)] = Succession(old.id, new.id, rule.year, rule.kind,
                                                           rule.source)
    return sorted(out.values(), key=lambda s: (s.year or 0, s.predecessor, s.successor))
