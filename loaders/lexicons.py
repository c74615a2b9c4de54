"""The curated tables in data/lexicons/, read once per process."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import LoaderError

LEXICON_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicons"


@dataclass(frozen=True)
class AgencyEntry:
    jurisdiction: str
    surface: str
    canonical: str
    type: str
    name_en: str
    level: str
    collective: bool


@dataclass(frozen=True)
class Lexicons:
    agencies: dict[tuple[str, str], AgencyEntry]  # (jurisdiction, surface) → entry
    canonical: dict[str, AgencyEntry]  # canonical name → one entry
    types: dict[str, tuple[str, list[str]]]  # type → (English, suffixes)
    technologies: list[dict]
    places: dict[str, dict]


def _rows(name: str) -> list[dict]:
    path = LEXICON_DIR / name
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]
    except (OSError, csv.Error) as err:
        raise LoaderError("L007", str(path), str(err)) from err


@lru_cache(maxsize=1)
def load() -> Lexicons:
    agencies, canonical = {}, {}
    for r in _rows("agencies.csv"):
        e = AgencyEntry(r["jurisdiction"], r["surface"], r["canonical"], r["type"], r["name_en"], r["level"], r["collective"] == "1")
        agencies[(e.jurisdiction, e.surface)] = e
        canonical.setdefault(e.canonical, e)
    types = {r["type"]: (r["type_en"], [s for s in r["suffixes"].split("|") if s]) for r in _rows("agency_types.csv")}
    techs = []
    for r in _rows("technologies.csv"):
        aliases = [a for a in r["aliases"].split("|") if a and a != r["canonical"]]
        techs.append({"name": r["canonical"], "aliases": aliases, "name_en": r["name_en"], "category": r["category"]})
    places = {r["name"]: r for r in _rows("places.csv")}
    return Lexicons(agencies, canonical, types, techs, places)
