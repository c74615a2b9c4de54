"""Stage 4: agency names as written → one Agency per real body.

Lists of responsible agencies are split on 、 , ; outside parentheses, with two
repairs the plans need: a collective name that itself contains 、 ("各市、县人民
政府") is kept whole, and a shared suffix is distributed ("杭州、嘉兴、金华市政府"
is three city governments). Names are then looked up in the curated lexicon,
scoped by the plan's jurisdiction, because "省发改委" in two provinces names two
different commissions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicons import Lexicons
from .records import Agency

AGENCY_SUFFIX = r"(?:厅|局|委员会|委|办公室|办|人民政府|政府|中心|部|院|会|社|公司|集团|单位|部门|小组|运营商|所|署|处|馆|站)"
_SUFFIX_END = re.compile(AGENCY_SUFFIX + r"(?:\([^()]*\))?$")
_SEPARATORS = "、,;"
_SHARED_GOV = re.compile(r"^([\u4e00-\u9fff]{2,4})(市政府|市人民政府|县政府|县人民政府|区政府|区人民政府)$")
_COLLECTIVE = re.compile(r"^(各|有关|相关)|成员单位|等部门|运营商$")


@dataclass
class Name:
    surface: str  # the name as it should be read ("嘉兴市政府" for the 嘉兴 of a distributed list)
    start: int  # span of the words in the text
    end: int


def looks_like_agency(name: str) -> bool:
    return bool(_SUFFIX_END.search(name))


def split_names(text: str, offset: int = 0) -> list[Name]:
    """Split an agency list into names; ``offset`` is added to every span."""
    frags = _fragments(text, offset)
    frags = _merge_collectives(frags, text, offset)
    return _distribute(frags)


def _fragments(text: str, offset: int) -> list[Name]:
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text + "、"):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch in _SEPARATORS and depth == 0:
            piece = text[start:i]
            s = start + len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece.startswith("由"):
                piece, s = piece[1:], s + 1
            piece = re.sub(r"等$", "", piece).strip()
            if piece:
                out.append(Name(piece, offset + s, offset + s + len(piece)))
            start = i + 1
    return out


def _merge_collectives(frags: list[Name], text: str, offset: int) -> list[Name]:
    out: list[Name] = []
    i = 0
    while i < len(frags):
        f = frags[i]
        while f.surface.startswith("各") and not looks_like_agency(f.surface) and i + 1 < len(frags):
            nxt = frags[i + 1]
            f = Name(text[f.start - offset : nxt.end - offset], f.start, nxt.end)
            i += 1
        out.append(f)
        i += 1
    return out


def _distribute(frags: list[Name]) -> list[Name]:
    out: list[Name] = []
    pending: list[Name] = []
    for f in frags:
        bare = not looks_like_agency(f.surface) and len(f.surface) <= 4 and not re.match(r"^(省|市|县|各|有关|相关)", f.surface)
        if bare:
            pending.append(f)
            continue
        m = _SHARED_GOV.match(f.surface)
        if pending and m:
            suffix = m.group(2)
            out.extend(Name(p.surface + suffix, p.start, p.end) for p in pending)
        else:
            out.extend(pending)
        pending = []
        out.append(f)
    out.extend(pending)
    return out


def _drop_paren(name: str) -> str:
    return re.sub(r"\([^()]*\)$", "", name).strip()


class AgencyIndex:
    """Resolves surface names within one jurisdiction and collects the Agency records."""

    def __init__(self, lex: Lexicons, jurisdiction: str, province: str):
        self.lex = lex
        self.jurisdiction = jurisdiction
        self.province = province
        self.agencies: dict[str, Agency] = {}
        self.unknown: list[str] = []
        self._places_longest_first = sorted(lex.places, key=len, reverse=True)

    def resolve(self, surface: str) -> Agency:
        entry = self.lex.agencies.get((self.jurisdiction, surface)) or self.lex.agencies.get((self.jurisdiction, _drop_paren(surface)))
        if entry:
            agency = self._agency(entry.canonical, entry.type, entry.name_en, entry.level, entry.collective, known=True)
        else:
            agency = self._guess(surface)
        if surface not in agency.aliases:
            agency.aliases.append(surface)
        return agency

    def _agency(self, canonical: str, type_: str, name_en: str, level: str, collective: bool, known: bool) -> Agency:
        if canonical not in self.agencies:
            type_en = self.lex.types.get(type_, ("", []))[0]
            self.agencies[canonical] = Agency(
                id=canonical, name=canonical, aliases=[], type=type_, type_en=type_en, name_en=name_en,
                jurisdiction="中华人民共和国" if level == "national" else self._jurisdiction_of(canonical), level=level, collective=collective, known=known,
            )
        return self.agencies[canonical]

    def _jurisdiction_of(self, canonical: str) -> str:
        for place in self._places_longest_first:
            if canonical.startswith(place):
                return place
        return self.jurisdiction

    def _guess(self, surface: str) -> Agency:
        """An unknown name still becomes an agency, typed by its suffix, and is reported."""
        base = _drop_paren(surface)
        if base.startswith("省") and self.province:
            canonical = self.province + base[1:]
        elif base.startswith("市") and self.jurisdiction.endswith("市"):
            canonical = self.jurisdiction + base[1:]
        elif any(base.startswith(p) for p in self.lex.places) or base.startswith(self.jurisdiction[:2]):
            canonical = base
        else:
            canonical = self.jurisdiction + base
        canonical = re.sub(r"(市|县|区)政府$", r"\1人民政府", canonical)
        type_ = self.guess_type(base)
        collective = bool(_COLLECTIVE.search(base))
        level = "city" if self.jurisdiction.endswith("市") else "province"
        if surface not in self.unknown and canonical not in self.agencies:
            self.unknown.append(surface)
        return self._agency(canonical, type_, "", level, collective, known=False)

    def guess_type(self, name: str) -> str:
        best, best_len = "其他", 0
        for type_, (_, suffixes) in self.lex.types.items():
            for s in suffixes:
                if name.endswith(s) and len(s) > best_len:
                    best, best_len = type_, len(s)
        return best
