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
from functools import lru_cache

from .lexicons import Lexicons
from .records import Agency

AGENCY_SUFFIX = (r"(?:厅|局|委员会|委|办公室|办|人民政府|政府|中心|部|院|会|社|公司|集团|单位|部门|小组|运营商|所|署|处|馆|站"
                 r"|分行|支行|银行|海关|队|联社|机构|新区|高新区|开发区|管委)")
_SUFFIX_END = re.compile(AGENCY_SUFFIX + r"(?:\([^()]*\))?$")
_SEPARATORS = "、,;"
_SHARED_GOV = re.compile(r"^([\u4e00-\u9fff]{2,4})(市政府|市人民政府|县政府|县人民政府|区政府|区人民政府)$")
_COLLECTIVE = re.compile(r"^(各|有关|相关|全[省市区县])|[省市县区]直|有关|相关|成员单位|等部门|运营商$|运营企业$|电信企业$")


@dataclass
class Name:
    surface: str  # the name as it should be read ("嘉兴市政府" for the 嘉兴 of a distributed list)
    start: int  # span of the words in the text
    end: int


def looks_like_agency(name: str) -> bool:
    return bool(_SUFFIX_END.search(name))


# Words that make a string a clause, a rule or a label, never a body's name.
_CLAUSE_WORDS = re.compile(
    r"牵头|配合|负责|单位:|部门:|下同|排名|排序|首位|第一位|不再|以下|以上|均需|分工|职责|参与|协助|会同|"
    r"按照|根据|进一步|(?<![机重主纪摘])要|向|将|把|报送|应当|必须|主办$|承办$|[:。;!?\n]"
)
# Subjects a plan names that are not bodies the plan assigns work to.
_NOT_BODIES = re.compile(r"^(?:(?:主要|主|其他|相关|牵头)?(?:牵头|主责|责任|配合|协办|协同|协作|参与|参加|支持|实施)(?:单位|部门)|企业|龙头企业|高校|高等院校|项目|项目单位|申报单位|牵头申报单位|用户|群众|社会|市场|公司|单位|部门|机构|"
                         r"相关企业|有关企业|各类企业|重点企业|骨干企业|科研院所|行业协会|金融机构|医院|学校)$")
# Telecom operators as plans name their local branches: 遵义电信, 中国移动曲靖分公司, 各基础电信企业.
_OPERATOR = re.compile(r"^(?:中国|[\u4e00-\u9fff]{2,4})(?:电信|移动|联通|铁塔|广电|广电网络)$|基础电信企业$|电信运营企业$")
_COLLECTIVE_HEAD = re.compile(r"^(?:各|有关|相关|其他|其它|全[省市区县州盟旗]|[省市县区州]直|中省直|中央|省属|市属|驻)")
_COLLECTIVE_TAIL = re.compile(r"(?:政府|部门|单位|机构|区|县|市|州|盟|旗|街道|乡镇|乡|镇|企业|运营商|成员|地|级)(?:[(<][^()<>]*[)>])?$")


def is_agency_name(name: str) -> bool:
    """Whether a piece of a responsibility list names a body (or a collective of bodies).

    >>> [is_agency_name(x) for x in ["市科技局", "各县(市、区)人民政府", "省直有关部门", "不再一一列出", "企业", "单位"]]
    [True, True, True, False, False, False]
    """
    base = name.strip()
    if not 2 <= len(base) <= 40 or _CLAUSE_WORDS.search(base) or _NOT_BODIES.match(base):
        return False
    if looks_like_agency(base) or _OPERATOR.search(base):
        return True
    return bool(_COLLECTIVE_HEAD.match(base) and _COLLECTIVE_TAIL.search(base))


def split_names(text: str, offset: int = 0, spaces: bool = False) -> list[Name]:
    """Split an agency list into names; ``offset`` is added to every span.

    ``spaces``: a run of spaces separates names too (table cells, "X 参加单位:Y").
    """
    frags = _fragments(text, offset, _SEPARATORS + (" \t" if spaces else ""))
    frags = _merge_collectives(frags, text, offset)
    return _distribute(frags)


# "X等有关单位" names X and says others share the work: the name is X.
_TRAILING_ETC = re.compile(r"(?:等(?:其他|其它)?(?:有关|相关)?(?:单位|部门|机构|地区)?|等)$")
# 和 / 及 / 与 join two bodies only after a body's suffix: 发展和改革委员会 stays whole.
_JOIN = re.compile(AGENCY_SUFFIX + r"(?:\([^()]*\))?(?P<j>以及|和|及|与)(?=[\u4e00-\u9fff])")
_OPEN, _CLOSE = "(<《", ")>》"
_QUALIFIED_ETC = re.compile(r"(?<=[\u4e00-\u9fff)])等(?P<c>(?:中省直|[省市县区州]直|[省市县区州]级|各)(?:有关|相关)?(?:单位|部门|机构))$")
# "房管局等公共企事业单位行业主管部门": the body, then a description of the others it stands for.
_DESCRIBED_ETC = re.compile(r"(?<=[\u4e00-\u9fff)])等[\u4e00-\u9fff]{2,20}(?:单位|部门|机构)$")


def _fragments(text: str, offset: int, separators: str) -> list[Name]:
    out, depth, start = [], 0, 0
    cuts = {m.start("j"): m.end("j") for m in _JOIN.finditer(text)}
    i = 0
    while i <= len(text):
        ch = text[i] if i < len(text) else "、"
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if (ch in separators or i == len(text) or i in cuts) and depth == 0:
            _add_piece(out, text, start, i, offset)
            start = cuts.get(i, i + 1)
            i = start
            continue
        i += 1
    return out


def _add_piece(out: list[Name], text: str, start: int, end: int, offset: int) -> None:
    piece = text[start:end]
    s = start + len(piece) - len(piece.lstrip())
    piece = piece.strip()
    by = [m.end() for m in re.finditer(r"(?<!自)由", piece)]
    if by:  # "本部分任务由市卫健委", "由省经信委": the body follows 由
        piece, s = piece[by[-1] :], s + by[-1]
    e = s + len(_TRAILING_ETC.sub("", piece).rstrip())
    # A name wrapped across a line break, or spaced out in a table cell, reads whole.
    surface = re.sub(r"\s+", "", piece)
    qualified = _QUALIFIED_ETC.search(surface)
    if qualified:  # "数据管理局等省直有关单位": the body, then the collective it belongs to
        k = qualified.start()
        out.append(Name(surface[:k], offset + s, offset + s + k))
        out.append(Name(qualified.group("c"), offset + s + k + 1, offset + e))
        return
    surface = _DESCRIBED_ETC.sub("", _TRAILING_ETC.sub("", surface))
    if surface:
        out.append(Name(surface, offset + s, offset + e))


# "各市、县人民政府", "各区、县(市)政府": a level list that a collective name spells with 、.
_LEVEL_HEAD = re.compile(r"^(?:县|区|市|州|盟|旗|乡|镇|街道|街镇|自治县|特区|开发区|高新区|园区|功能区)")


def _merge_collectives(frags: list[Name], text: str, offset: int) -> list[Name]:
    """Rejoin collective names that contain 、 ("各市、县人民政府", "市直有关部门、单位")."""
    out: list[Name] = []
    i = 0
    while i < len(frags):
        f = frags[i]
        while i + 1 < len(frags) and _continues(f.surface, frags[i + 1].surface):
            nxt = frags[i + 1]
            f = Name(f.surface + "、" + nxt.surface, f.start, nxt.end)
            i += 1
        out.append(f)
        i += 1
    return out


def _continues(head: str, nxt: str) -> bool:
    if nxt in ("单位", "机构", "各单位", "直属机构", "各直属机构", "直属单位", "事业单位"):
        return looks_like_agency(head) or bool(_COLLECTIVE_HEAD.match(head))
    first = re.sub(r"\([^()]*\)", "", head.split("、")[0])
    if first.startswith("各") and re.fullmatch(r"[市县区州盟旗](?:人民)?政府", nxt):
        return True  # "各盟行政公署、市人民政府": each league's office and each city's government
    # The next piece is a level ("自治县") or a level's government ("县人民政府"), not a body of its own.
    level_piece = bool(_LEVEL_HEAD.match(nxt)) and (
        not looks_like_agency(nxt) or bool(re.search(r"(人民政府|政府|管委会)(\([^()]*\))?$", nxt)) or nxt in ("园区", "开发区"))
    return first.startswith("各") and not looks_like_agency(head) and len(first) <= 4 and level_piece


def _distribute(frags: list[Name]) -> list[Name]:
    """Place names that share the next name's suffix: 广州、深圳、珠海出入境边防检查总站."""
    out: list[Name] = []
    pending: list[Name] = []
    for f in frags:
        bare = not looks_like_agency(f.surface) and len(f.surface) <= 4 and not re.match(r"^(省|市|县|各|有关|相关)", f.surface)
        if bare:
            pending.append(f)
            continue
        suffix = _shared_suffix(f.surface, pending)
        if suffix:
            out.extend(Name(p.surface + suffix, p.start, p.end) for p in pending)
        else:
            out.extend(pending)
        pending = []
        out.append(f)
    out.extend(pending)
    return out


def _shared_suffix(name: str, pending: list[Name]) -> str:
    """The part of ``name`` after its place name, when the pending pieces are places too."""
    if not pending:
        return ""
    m = _SHARED_GOV.match(name)
    if m:
        return m.group(2)
    from . import gazetteer

    found = gazetteer.find(name)
    if not found or found[0][0] != 0 or not all(gazetteer.place(p.surface) for p in pending):
        return ""
    rest = name[found[0][1] :]
    return rest if looks_like_agency(rest) and not rest.startswith(("省", "市", "县", "区")) else ""


def _drop_paren(name: str) -> str:
    return re.sub(r"\([^()]*\)$", "", name).strip()


class AgencyIndex:
    """Resolves surface names within one jurisdiction and collects the Agency records.

    Three sources, in order: the curated table (data/lexicons/agencies.csv, the override
    for what the catalogue gets wrong), the national catalogue of body types
    (``catalogue.resolve``: any province's, city's or county's bodies, central and
    vertical bodies, collectives), and last a guess by suffix, which is reported.
    """

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
            agency = self._curated(entry)
        else:
            found = _catalogue_resolve(surface, self.jurisdiction, self.province)
            agency = self._catalogued(found) if found else self._guess(surface)
        if surface not in agency.aliases:
            agency.aliases.append(surface)
        return agency

    def _curated(self, entry) -> Agency:
        if entry.canonical not in self.agencies:
            type_en, family, family_en = self._type_facts(entry.type)
            jurisdiction = "中华人民共和国" if entry.level == "national" else self._jurisdiction_of(entry.canonical)
            self.agencies[entry.canonical] = Agency(
                id=entry.canonical, name=entry.canonical, aliases=[], type=entry.type, type_en=type_en,
                name_en=entry.name_en, jurisdiction=jurisdiction, level=entry.level, collective=entry.collective,
                known=True, family=family, family_en=family_en)
        return self.agencies[entry.canonical]

    def _catalogued(self, r) -> Agency:
        if r.canonical not in self.agencies:
            self.agencies[r.canonical] = Agency(
                id=r.canonical, name=r.canonical, aliases=[], type=r.type, type_en=r.type_en, name_en=r.name_en,
                jurisdiction=r.jurisdiction or self.jurisdiction, level=r.level, collective=r.collective, known=True,
                family=r.family, family_en=r.family_en)
        return self.agencies[r.canonical]

    def _type_facts(self, type_: str) -> tuple[str, str, str]:
        """(English type, family, English family) of a type the curated table names."""
        from . import catalogue

        t = catalogue.body_types().get(type_)
        type_en = self.lex.types.get(type_, ("", []))[0] or (t.type_en if t else "")
        return type_en, (t.family if t else ""), (t.family_en if t else "")

    def _jurisdiction_of(self, canonical: str) -> str:
        for place in self._places_longest_first:
            if canonical.startswith(place):
                return place
        return self.jurisdiction

    def _guess(self, surface: str) -> Agency:
        """An unknown name still becomes an agency, typed by its suffix, and is reported.

        Only a name that reads as the plan's own body ("市XX中心") is prefixed with the
        jurisdiction; one that names its own place or system is kept as written."""
        from . import catalogue, gazetteer

        base = _drop_paren(surface)
        if base.startswith("省") and self.province:
            canonical = self.province + base[1:]
        elif base[:1] in "市区县州旗盟" and self.jurisdiction.endswith(base[:1]):
            canonical = self.jurisdiction + base[1:]  # "区规划资源局" in a district's plan: that district's
        elif _OWN_NAME.match(base) or any(base.startswith(p) for p in self.lex.places) or gazetteer.find(base[:8])[:1] and gazetteer.find(base[:8])[0][0] == 0:
            canonical = base
        else:
            canonical = self.jurisdiction + base
        canonical = re.sub(r"(市|县|区)政府$", r"\1人民政府", canonical)
        guessed = catalogue.guess_type(base)
        type_, family = guessed if guessed else (self.guess_type(base), "")
        _, family_, family_en = self._type_facts(type_)
        collective = bool(_COLLECTIVE.search(base))
        level = "city" if self.jurisdiction.endswith("市") else "province"
        if surface not in self.unknown and canonical not in self.agencies:
            self.unknown.append(surface)
        if canonical not in self.agencies:
            self.agencies[canonical] = Agency(
                id=canonical, name=canonical, aliases=[], type=type_, type_en=self._type_facts(type_)[0], name_en="",
                jurisdiction=self.jurisdiction, level=level, collective=collective, known=False,
                family=family or family_, family_en=family_en)
        return self.agencies[canonical]

    def guess_type(self, name: str) -> str:
        best, best_len = "其他", 0
        for type_, (_, suffixes) in self.lex.types.items():
            for s in suffixes:
                if name.endswith(s) and len(s) > best_len:
                    best, best_len = type_, len(s)
        return best


@lru_cache(maxsize=65536)
def _catalogue_resolve(surface: str, jurisdiction: str, province: str):
    """The catalogue's reading of a name in a place; the same names recur across a corpus."""
    from . import catalogue

    return catalogue.resolve(surface, jurisdiction, province)


# Names that carry their own system or nation and never take the plan's place as a prefix.
_OWN_NAME = re.compile(r"^(?:中国|中华|国家|中共|人民银行|中铁|国网|国务院|全国|中央)")
