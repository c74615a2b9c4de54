"""National catalogue of government body types, and names resolved in a plan's context.

data/lexicons/body_types.csv holds one row per body type: the people's governments and
their general offices, the departments of a province, city or county before and after
the 2018 reform, the data bureaus, the Party bodies plans assign work to, the vertical
and central bodies sitting in a province, enterprises, coordinating bodies and the
collectives ("各有关部门"). ``resolve`` reads a name as a plan writes it ("市科技局",
"省委网信办", "济南市政府", "人民银行曲靖市中心支行") in the plan's jurisdiction and gives
the body's full canonical name, type, family, level and English name. Places come from
loaders/gazetteer.py. data/lexicons/agencies.csv stays the override: the catalogue uses
its type names, so a curated row and the catalogue agree on the type.

Rules (notes/catalogue.md has the reasons):

- A level prefix (省 市 州 盟 县 区 旗 自治区) names the plan's own unit at that level:
  "市科技局" in a Chengdu plan is 成都市科学技术局, "省发改委" the province's.
- A bare name is the plan's own body ("统计局" in a district plan), except a 厅, which
  only a province has.
- Abbreviations expand to the standard full name (发改委 → 发展和改革委员会, 科技局 →
  科学技术局); a full name that differs legitimately (政务服务和大数据管理局) is kept.
- Districts carry their city (南京市江宁区), because 朝阳区 and 鼓楼区 are not unique.
- Party bodies read 中共XX委… (中共福建省委网络安全和信息化委员会办公室).
- Vertical bodies keep their own names ("山东海事局", "国家税务总局XX市税务局");
  written with a level prefix they take their system's form (国家税务总局曲靖市税务局).
- Central bodies have level "national" and jurisdiction 中华人民共和国.
- Collectives are the plan's unit plus the phrase (曲靖市各县(市、区)人民政府); a bare
  政府 in a collective becomes 人民政府.

Examples
--------
>>> r = resolve("市科技局", "成都市", "四川省")
>>> r.canonical, r.type, r.family_en, r.level
('成都市科学技术局', '科技厅', 'science & technology', 'city')
>>> r.name_en
'Chengdu Municipal Bureau of Science and Technology'
>>> resolve("省发改委", "成都市", "四川省").canonical
'四川省发展和改革委员会'
>>> resolve("区大数据局", "江宁区", "江苏省").canonical
'南京市江宁区大数据局'
>>> resolve("县政府", "正定县", "河北省").name_en
"Zhengding County People's Government"
>>> resolve("省委网信办", "福建省", "福建省").canonical
'中共福建省委网络安全和信息化委员会办公室'
>>> resolve("人民银行济南分行", "济南市", "山东省").canonical
'中国人民银行济南分行'
>>> resolve("市税务局", "曲靖市", "云南省").canonical
'国家税务总局曲靖市税务局'
>>> r = resolve("工信部", "福建省", "福建省")
>>> r.canonical, r.level, r.jurisdiction
('中华人民共和国工业和信息化部', 'national', '中华人民共和国')
>>> r = resolve("各县(市、区)人民政府", "曲靖市", "云南省")
>>> r.canonical, r.type, r.collective, r.level
('曲靖市各县(市、区)人民政府', '地方政府集合', True, 'county')
>>> resolve("不再一一列出", "成都市", "四川省") is None
True
>>> guess_type("XX县农业农村局")
('农业农村厅', '农业农村')
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from . import gazetteer
from .errors import LoaderError
from .lexicons import LEXICON_DIR

__all__ = ["BodyType", "Resolution", "body_types", "guess_type", "resolve"]

NATIONAL = "中华人民共和国"
_PATH = LEXICON_DIR / "body_types.csv"


@dataclass(frozen=True, eq=False)
class BodyType:
    """One row of body_types.csv (see notes/catalogue.md for the column syntax)."""

    type: str
    type_en: str
    family: str
    family_en: str
    levels: tuple[str, ...]
    vertical: bool  # keeps its own name: 通信管理局, 国家税务总局XX省税务局
    collective: bool
    party: bool  # always a Party body: 中共XX委宣传部
    names: tuple[str, ...]  # full names, kept as written; the first per ending is standard
    abbreviations: dict[str, str]  # short form → standard full name ("" = keep as written)
    suffixes: dict[str, str]  # endings that follow a free qualifier (a zone, a task)
    party_name: str  # the full name under a Party prefix (网信办 → 网络安全和信息化委员会办公室)
    form: dict[str, str]  # level or "*" → canonical pattern ({unit} full place, {short})
    en: dict[str, str]  # ending, "party" or "*" → English pattern ({place} {name} {q})
    national: tuple[tuple[str, tuple[str, ...], str], ...]  # (canonical, aliases, English)


@dataclass(frozen=True)
class Resolution:
    """A body named in a plan, placed in the plan's jurisdiction."""

    canonical: str  # 成都市科学技术局
    type: str  # 科技厅
    type_en: str
    family: str  # 科技
    family_en: str  # science & technology
    name_en: str  # Chengdu Municipal Bureau of Science and Technology
    level: str  # national | province | city | county (township for collectives of them)
    jurisdiction: str  # 成都市; 中华人民共和国 for central bodies
    province: str  # 四川省, or "" for central bodies
    collective: bool
    vertical: bool


# ---------------------------------------------------------------- the table


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _pairs(cell: str, sep: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in _split(cell):
        key, found, value = item.partition(sep)
        out.update({key: value} if found else {"*": item})
    return out


def _expand(abbr: str, names: tuple[str, ...]) -> str:
    """The first full name with the abbreviation's ending: 科技局 → 科学技术局, 发改委 →
    发展和改革委员会, 网信办 → 互联网信息办公室; "" when the type has none."""
    tail = "委员会" if abbr.endswith("委") else "办公室" if abbr.endswith("办") else abbr[-1]
    return next((n for n in names if n.endswith(tail)), "")


@lru_cache(maxsize=1)
def body_types() -> dict[str, BodyType]:
    """Every body type of data/lexicons/body_types.csv, by type name, in file order."""
    try:
        with _PATH.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, csv.Error) as err:
        raise LoaderError("L007", str(_PATH), str(err)) from err
    out: dict[str, BodyType] = {}
    for line, r in enumerate(rows, start=2):
        try:
            names = tuple(_split(r["names"]))
            abbr = {a: (full if sep else _expand(a, names))
                    for a, sep, full in (x.partition(">") for x in _split(r["abbreviations"]))}
            suffixes = {a: (full if sep else a)
                        for a, sep, full in (x.partition(">") for x in _split(r["suffixes"]))}
            groups = _split(r["national"])
            english = _split(r["national_en"])
            if len(groups) != len(english):
                raise ValueError("national and national_en differ in length")
            national = tuple((g.split("/")[0], tuple(g.split("/")), e)
                             for g, e in zip(groups, english, strict=True))
            t = BodyType(
                r["type"], r["type_en"], r["family"], r["family_en"], tuple(_split(r["levels"])),
                r["vertical"] == "1", r["collective"] == "1", r["party"] == "1", names, abbr,
                suffixes, r["party_name"], _pairs(r["form"], "="), _pairs(r["en"], "="), national,
            )
        except (KeyError, ValueError, AttributeError) as err:
            raise LoaderError("L007", f"{_PATH}:{line}", f"bad body type row: {err}") from err
        if t.type in out:
            raise LoaderError("L007", f"{_PATH}:{line}", f"type {t.type!r} appears twice")
        out[t.type] = t
    return out


@dataclass(frozen=True)
class _Hit:
    kind: BodyType
    full: str  # the standard full name the written form stands for ("" = as written)
    abbreviation: bool


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, _Hit], list[tuple[str, _Hit]], dict[str, tuple[BodyType, str, str]]]:
    exact: dict[str, _Hit] = {}
    suffix: dict[str, _Hit] = {}
    national: dict[str, tuple[BodyType, str, str]] = {}
    for t in body_types().values():
        for n in t.names:
            exact.setdefault(n, _Hit(t, n, False))
        if t.party_name:
            exact.setdefault(t.party_name, _Hit(t, t.party_name, False))
        for a, full in t.abbreviations.items():
            exact.setdefault(a, _Hit(t, full, True))
        for s, full in t.suffixes.items():
            suffix.setdefault(s, _Hit(t, full, s != full))
        for canonical, aliases, en in t.national:
            for a in aliases:
                national.setdefault(a, (t, canonical, en))
    by_length = sorted(suffix.items(), key=lambda kv: -len(kv[0]))
    return exact, by_length, national


# Types whose endings any organisation has (中心, 公司, 协会): they type a name in
# guess_type, but resolve() does not count them as recognising it.
GUESS_ONLY = frozenset({"事业单位", "企业", "行业协会"})


# ---------------------------------------------------------------- places


@dataclass(frozen=True)
class _Unit:
    """A jurisdiction as names are built from it."""

    name: str  # the canonical prefix: 成都市, 南京市江宁区
    place: str  # the jurisdiction: 成都市, 江宁区
    level: str
    province: str
    kind: str  # 省 自治区 直辖市 地级市 自治州 盟 市辖区 县 ... (the suffix for made-up places)
    short: str  # 成都
    en: str  # Chengdu
    adj: str  # Chengdu Municipal, Zhengding County, Nanjing Jiangning District
    noun: str  # Chengdu, Zhengding County


_PROVINCE_ADJ = {"省": "Provincial", "自治区": "Autonomous Region", "直辖市": "Municipal",
                 "特别行政区": "SAR"}  # fmt: skip
_CITY_ADJ = {"地级市": "Municipal", "自治州": "Prefecture", "地区": "Prefecture", "盟": "League"}
_COUNTY_WORD = {"市辖区": "District", "县": "County", "自治县": "Autonomous County",
                "旗": "Banner", "自治旗": "Autonomous Banner", "特区": "Special District",
                "林区": "Forestry District"}  # fmt: skip


@lru_cache(maxsize=4096)
def _unit_of(p: gazetteer.Place) -> _Unit:
    if p.level == "province":
        adj = f"{p.name_en} {_PROVINCE_ADJ.get(p.kind, '')}".strip()
        return _Unit(p.name, p.name, p.level, p.province, p.kind, p.short, p.name_en, adj, p.name_en)
    if p.level == "city":
        adj = f"{p.name_en} {_CITY_ADJ.get(p.kind, 'Municipal')}"
        return _Unit(p.name, p.name, p.level, p.province, p.kind, p.short, p.name_en, adj, p.name_en)
    if p.kind == "县级市":
        adj = f"{p.name_en} Municipal"
        return _Unit(p.name, p.name, p.level, p.province, p.kind, p.short, p.name_en, adj, p.name_en)
    noun = f"{p.name_en} {_COUNTY_WORD.get(p.kind, 'County')}"
    prefix = ""
    if p.kind == "市辖区":  # 朝阳区 is not unique: 北京市朝阳区, 长春市朝阳区
        parent = p.city or p.province
        parent_place = gazetteer.place(parent)
        prefix = parent
        noun = f"{parent_place.name_en if parent_place else ''} {noun}".strip()
    return _Unit(prefix + p.name, p.name, p.level, p.province, p.kind, p.short, p.name_en, noun, noun)


_MADE_UP = re.compile(r"^(XX|××|xx|某某|某)(省|自治区|市|州|盟|县|区|旗)$")
_SUFFIX_LEVEL = {"省": "province", "自治区": "province", "市": "city", "州": "city", "盟": "city",
                 "县": "county", "区": "county", "旗": "county"}  # fmt: skip
_SUFFIX_ADJ = {"省": "Provincial", "自治区": "Autonomous Region", "市": "Municipal",
               "州": "Prefecture", "盟": "League", "县": "County", "区": "District", "旗": "Banner"}  # fmt: skip


def _made_up(name: str, province: str = "") -> _Unit | None:
    """A placeholder jurisdiction as made-up or anonymised plans write it: XX市, 某县."""
    m = _MADE_UP.match(name)
    if not m:
        return None
    stem, suffix = m.groups()
    en = "XX"  # 某市: "a certain city"
    adj = f"{en} {_SUFFIX_ADJ[suffix]}"
    noun = adj if _SUFFIX_LEVEL[suffix] == "county" else en
    level = _SUFFIX_LEVEL[suffix]
    return _Unit(name, name, level, province if level != "province" else name, suffix, stem, en, adj, noun)


class _Context:
    """The plan's jurisdiction and the units above it, nearest first."""

    def __init__(self, jurisdiction: str, province: str):
        self.jurisdiction = jurisdiction
        self.province = province
        self.chain: list[_Unit] = []
        p = gazetteer.place(jurisdiction, within=province or None) if jurisdiction else None
        prov = gazetteer.place(province) if province else None
        if p is None and prov is not None and jurisdiction == "":
            p = prov
        if p is not None:
            self.chain.append(_unit_of(p))
            if p.city:
                city = gazetteer.place(p.city, within=p.province)
                if city:
                    self.chain.append(_unit_of(city))
            if p.level != "province":
                top = gazetteer.place(p.province)
                if top:
                    self.chain.append(_unit_of(top))
            self.province = p.province
        else:
            made = _made_up(jurisdiction, province) if jurisdiction else None
            if made:
                self.chain.append(made)
            if prov is not None and prov.level == "province":
                self.chain.append(_unit_of(prov))

    def own(self) -> _Unit | None:
        return self.chain[0] if self.chain else None

    def for_prefix(self, token: str) -> _Unit | None:
        """The unit a level prefix names: 市 → the nearest 市 above or at the plan."""
        for u in self.chain:
            if token == "省" and u.level == "province" and u.kind in ("省", "自治区"):
                return u
            if token == "自治区" and u.kind == "自治区":
                return u
            if token == "地区" and u.kind == "地区":
                return u
            if token in ("市", "县", "旗", "盟") and u.place.endswith(token):
                return u
            if token == "州" and u.level == "city" and u.place.endswith("州"):
                return u
            if token == "区" and u.level == "county" and u.place.endswith("区"):
                return u
        if token == "区":  # 广西、宁夏 plans write 区直, 区发展改革委 for the region
            return next((u for u in self.chain if u.kind == "自治区"), None)
        return None

    def up_to(self, levels: tuple[str, ...], ending: str) -> _Unit | None:
        """The plan's unit, or the nearest one above it where a bare name can exist."""
        need = ("province",) if ending.endswith("厅") and not ending.endswith("办公厅") else levels
        for u in self.chain:
            if not need or u.level in need:
                return u
        return self.own()


def _place_at_start(text: str, ctx: _Context | None = None) -> tuple[_Unit, int] | None:
    """The place a name starts with ("山东省济南市..." → 济南市) and where it ends; an
    ambiguous name (和平区) is read in the plan's city or province."""
    made = re.match(r"(XX|××|某)(省|自治区|市|州|盟|县|区|旗)", text)
    if made:
        return _made_up(made.group(0)), made.end()
    found = gazetteer.find(text)
    end, last = 0, None
    for s, e, p in found:
        if s != end:
            break
        if s == 0 and ctx is not None and len(gazetteer.lookup(text[s:e])) > 1:
            p = _within(text[s:e], ctx) or p
        end, last = e, p
    return (_unit_of(last), end) if last else None


def _within(name: str, ctx: _Context) -> gazetteer.Place | None:
    """The reading of an ambiguous place name nearest the plan: itself or above it
    (南昌 in a 南昌市 plan), else inside its city or province (和平区 in a 沈阳 plan)."""
    places = {u.place for u in ctx.chain}
    same = [p for p in gazetteer.lookup(name) if p.name in places]
    if same:
        return same[0]
    for u in ctx.chain:
        if u.level != "county":
            hit = gazetteer.place(name, within=u.place)
            if hit and (hit.city == u.place or hit.province == u.place):
                return hit
    return None


def _place_in(text: str, ctx: _Context) -> _Unit | None:
    """The first place named anywhere in a name, made-up ones included."""
    made = re.search(r"(XX|××|某)(省|自治区|市|州|盟|县|区|旗)", text)
    found = gazetteer.find(text)
    if found and (not made or found[0][0] < made.start()):
        s, e, p = found[0]
        if len(gazetteer.lookup(text[s:e])) > 1:
            p = _within(text[s:e], ctx) or p
        return _unit_of(p)
    if made:
        return _made_up(made.group(0), ctx.province)
    return None


# ---------------------------------------------------------------- resolution


def _clean(name: str) -> str:
    """Simplified characters, ASCII brackets, no spaces, no pinyin glosses: 各區(qū) → 各区."""
    text = re.sub(r"\s+", "", name or "")
    text = text.translate(str.maketrans("（）〈〉<>【】", "()()()()"))
    text = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", "", text)
    if re.search(r"[\u4e00-\u9fff]", text):
        text = _t2s(text)
    return text


@lru_cache(maxsize=8192)
def _t2s(text: str) -> str:
    from .read import simplified

    return simplified(text)


def _english(t: BodyType, body: str, u: _Unit | None, party: bool = False, q: str = "") -> str:
    """The English name from the type's pattern for the body's ending (or "party")."""
    key = "*"
    if party and "party" in t.en:
        key = "party"
    else:
        keys = [k for k in t.en if k not in ("*", "party") and body.endswith(k)]
        if keys:
            key = max(keys, key=len)
    pattern = t.en.get(key) or t.en.get("*") or "{place} " + t.type_en
    place = u.adj if u else ""
    if party and "CPC" not in pattern:  # 中共XX市委…领导小组
        place = f"CPC {place} Committee"
    text = pattern.format(place=place, name=u.noun if u else "", q=q)
    return re.sub(r"\s+", " ", text).strip()


def _result(t: BodyType, canonical: str, name_en: str, u: _Unit | None, ctx: _Context,
            level: str = "", collective: bool | None = None) -> Resolution:
    national = u is None and level == "national"
    return Resolution(
        canonical=canonical, type=t.type, type_en=t.type_en, family=t.family, family_en=t.family_en,
        name_en=name_en, level=level or (u.level if u else ""),
        jurisdiction=NATIONAL if national else (u.place if u else ctx.jurisdiction),
        province="" if national else (u.province if u else ctx.province),
        collective=t.collective if collective is None else collective, vertical=t.vertical,
    )


def resolve(surface: str, jurisdiction: str, province: str = "") -> Resolution | None:
    """A name as written, resolved in the plan's jurisdiction; None when the catalogue
    does not recognise it (the caller keeps the name and types it by suffix).

    ``jurisdiction`` is the plan's place ("成都市", "江宁区", "四川省"), ``province`` its
    province; either may be a short or traditional form, or a made-up "XX市".

    >>> resolve("济南市政府", "山东省", "山东省").canonical
    '济南市人民政府'
    >>> resolve("山东海事局", "山东省", "山东省").canonical
    '山东海事局'
    >>> r = resolve("省通信管理局", "山东省", "山东省")
    >>> r.canonical, r.vertical, r.name_en
    ('山东省通信管理局', True, 'Shandong Communications Administration')
    """
    s = _clean(surface)
    if not s:
        return None
    ctx = _Context(_clean(jurisdiction), _clean(province))
    found = _national(s, ctx) or _collective(s, ctx) or _special(s, ctx) or _body(s, ctx)
    if found is None and s.endswith(")"):  # 市商务局(投促局): a second nameplate
        stem = re.sub(r"\([^()]*\)$", "", s)
        if stem and stem != s:
            return resolve(stem, jurisdiction, province)
    return found


def guess_type(name: str) -> tuple[str, str] | None:
    """(type, family) of a name resolve() cannot place, by its longest known ending.

    >>> guess_type("某某区城市管理综合执法局")
    ('城市管理综合行政执法局', '交通和城乡建设')
    >>> guess_type("数字乡村研究所")
    ('事业单位', '其他')
    >>> guess_type("云计算") is None
    True
    """
    r = resolve(name, "", "")
    if r is not None:
        return r.type, r.family
    s = _clean(name)
    exact, suffixes, _ = _indexes()
    best: _Hit | None = None
    best_len = 0
    for key, hit in exact.items():
        if len(key) > max(best_len, 1) and s.endswith(key):
            best, best_len = hit, len(key)
    for key, hit in suffixes:  # 图书馆 is a 馆; 高院 is no 院
        if len(key) > best_len and s.endswith(key) and len(s) - len(key) >= min(len(key) + 1, 2):
            best, best_len = hit, len(key)
    return (best.kind.type, best.kind.family) if best else None


def _national(s: str, ctx: _Context) -> Resolution | None:
    national = _indexes()[2]
    for key in (s, s.removeprefix(NATIONAL), NATIONAL + s):
        if key in national:
            t, canonical, en = national[key]
            return _result(t, canonical, en, None, ctx, level="national")
    return None


# ---- collectives

_MEMBERS = re.compile(r"(?:各)?成员单位$")
_HEAD = re.compile(r"^(?:各|有关|相关|所有|全部)")
_GOV_TAIL = re.compile(r"(?:党委和政府|人民政府|政府|行政公署|管委会)(?:\((?:管委会|管委)\))?$")
_LEVEL_TOKEN = (r"设区的?市|地级市|省辖市|省直管县|县级市|自治县|自治州|自治旗|街道|街镇|乡镇|乡|镇|地市|"
                r"示范市|试点市|盟市|市州|行政公署|管委会|特区|园区|市|县|区|州|盟|旗|地")
_LEVELS_ONLY = re.compile(rf"(?:{_LEVEL_TOKEN})+")
_TOKEN_EN = {"特区": "special district", "街镇": "subdistrict and town", "园区": "park", "市": "city", "设区市": "city", "设区的市": "city", "地级市": "city", "省辖市": "city",
             "地市": "city", "示范市": "demonstration city", "试点市": "pilot city", "县级市": "city",
             "县": "county", "省直管县": "directly administered county", "自治县": "autonomous county",
             "区": "district", "州": "prefecture", "自治州": "prefecture", "盟": "league",
             "旗": "banner", "自治旗": "banner", "乡镇": "township", "乡": "township",
             "镇": "township", "街道": "subdistrict", "地": "local", "盟市": "league and city",
             "市州": "city and prefecture", "行政公署": "league", "管委会": "zone"}  # fmt: skip
_TOWNSHIP = {"乡镇", "乡", "镇", "街道", "街镇"}
_CITYISH = {"市", "设区市", "设区的市", "地级市", "省辖市", "地市", "州", "自治州", "盟", "市州", "盟市",
            "地", "示范市", "试点市", "行政公署"}  # fmt: skip
_DEPT_TAIL = re.compile(r"(?:部门|单位|机构|直属机构|直属单位|主管部门|主管单位|组长单位|牵头单位)$")
_DEPT_HEAD = re.compile(r"^(?:各|有关|相关|其他|其它|全[省市区县州盟旗]|中省直|直属|直|级|人民政府|政府)")
_LEVEL_PREFIX = re.compile(r"^(自治区|自治州|地区|省|市|州|盟|县|区|旗)")
_ENTERPRISES = re.compile(r"^(?:各|三大|有关|相关|全部)?(?:基础)?(?:电信|通信|信息通信)?(?:运营商|运营企业|电信企业)$")
_BANKS = re.compile(r"^(?:各|有关|相关)(?:商业)?银行")
_FREE_EN = (("领导小组办公室", "Leading Group"), ("联席会议办公室", "Joint Conference"),
            ("指挥部办公室", "Headquarters"), ("委员会办公室", "Commission"),
            ("小组办公室", "Group"), ("领导小组", "Leading Group"), ("协调小组", "Coordination Group"),
            ("工作小组", "Working Group"), ("工作组", "Working Group"), ("联席会议", "Joint Conference"),
            ("指挥部", "Headquarters"), ("推进组", "Task Group"), ("专班", "Task Force"),
            ("综治委", "Commission for Comprehensive Management of Public Security"),
            ("研究中心", "Research Center"), ("研究院", "Research Institute"),
            ("研究所", "Research Institute"), ("服务中心", "Service Center"),
            ("管理中心", "Management Center"), ("中心", "Center"), ("图书馆", "Library"),
            ("博物馆", "Museum"), ("档案馆", "Archives"), ("馆", "Hall"), ("站", "Station"),
            ("院", "Institute"), ("所", "Institute"), ("协会", "Association"), ("学会", "Society"),
            ("商会", "Chamber of Commerce"), ("促进会", "Promotion Association"),
            ("联合会", "Federation"), ("联盟", "Alliance"))  # fmt: skip


def _free_en(name: str) -> str:
    """A body with a free qualifier, half translated: 推进服务业发展领导小组 →
    Leading Group (推进服务业发展)."""
    for zh, en in _FREE_EN:
        if name.endswith(zh):
            q = name[: -len(zh)].removesuffix("工作")
            return f"{en} ({q})" if q else en
    return name


def _collective(s: str, ctx: _Context) -> Resolution | None:
    types = body_types()
    m = _LEVEL_PREFIX.match(s)
    prefixed = ctx.for_prefix(m.group(1)) if m else None
    rest = s[m.end():] if prefixed else s
    home = prefixed or ctx.own()
    name = home.name if home else ctx.jurisdiction

    if _MEMBERS.search(s):
        group = _MEMBERS.sub("", rest)
        where = f"the {home.adj} " if home else "the "
        en = f"Member units of {where}{_free_en(group)} (collective)"
        at = _place_at_start(s, ctx)
        canonical = s if at else name + rest
        u = at[0] if at else home
        return _result(types["协调机构"], canonical, en, u, ctx, collective=True)

    if _ENTERPRISES.match(rest) or _BANKS.match(rest):
        what = "Commercial bank branches" if _BANKS.match(rest) else "Telecom operators"
        en = f"{what} in {home.noun} (collective)" if home else f"{what} (collective)"
        return _result(types["企业"], name + rest, en, home, ctx, collective=True)

    local = _local_governments(rest, home, ctx)
    if local:
        return local

    central = re.match(r"^(国务院|中央和国家机关|中央|国家)(?=各|有关|相关)", s)
    if central and _DEPT_TAIL.search(s):  # 国务院有关部门
        lead = "Relevant" if re.search(r"有关|相关", s) else "All"
        whose = "the State Council" if central.group(1) == "国务院" else "the central government"
        en = f"{lead} departments of {whose} (collective)"
        return _result(types["部门集合"], s, en, None, ctx, level="national", collective=True)

    placeholder = s.endswith("牵头单位") and len(s) > 4
    if _DEPT_TAIL.search(s) and (_DEPT_HEAD.match(rest) or "、" in rest or placeholder
                                 or (prefixed and rest.startswith(("各", "有关", "相关")))):
        body = re.sub(r"^全[省市区县州盟旗]", "", rest)
        level = home.level if home else ""
        if re.match(r"^中省直|^省直|^省级", s):
            level = "province"
        noun = {"单位": "units", "机构": "agencies"}.get(s[-2:], "departments")
        adj = {"province": "provincial ", "city": "municipal ", "county": "county "}.get(
            prefixed.level if prefixed else "", "")
        lead = "Relevant" if re.search(r"有关|相关", s) else "All"
        en = f"{lead} {adj}{noun} of {home.noun if home else ctx.jurisdiction} (collective)"
        return _result(types["部门集合"], name + body, en, home, ctx, level=level, collective=True)
    return None


def _local_governments(written: str, home: _Unit | None, ctx: _Context) -> Resolution | None:
    zones = re.search(r"、[^、]{2,12}(?:管委会|管理委员会)$", written)  # …、贵安新区管委会
    rest = written[: zones.start()] if zones else written
    head = _HEAD.match(rest)
    start = head.end() if head else 0
    tail = _GOV_TAIL.search(rest, start)
    middle = rest[start: tail.start()] if tail else rest[start:]
    bare = re.sub(r"[、()及和与,]", "", middle)
    if not bare or not (_LEVELS_ONLY.fullmatch(bare) or (bare == "级" and tail)):
        return None
    tokens = re.findall(_LEVEL_TOKEN, bare)
    if bare == "级" and head and tail:  # 各级政府: every level below the plan's own
        tokens = []
    elif not head and not (tail and len(tokens) >= 2):
        return None  # 区政府 is one government; 县市区政府 several
    phrase = rest
    if tail and tail.group(0).startswith("政府"):  # 各县区政府 → 各县区人民政府
        phrase = rest[: tail.start()] + "人民" + rest[tail.start():]
    level = "county"
    if not tokens:
        level = home.level if home else ""
    elif all(t in _TOWNSHIP for t in tokens) or (home and home.level == "county"):
        level = "township"
    elif home and home.level == "province" and tokens[0] in _CITYISH:
        level = "city"
    words: list[str] = []
    for tok in tokens:
        w = _TOKEN_EN.get(tok, tok)
        if w not in words:
            words.append(w)
    if not words:
        listed = "all-level"
    elif len(words) == 1:
        listed = words[0]
    else:
        listed = ", ".join(words[:-1]) + " and " + words[-1]
    kind = "offices" if words == ["subdistrict"] else "governments"
    where = home.noun if home else ctx.jurisdiction
    en = f"{listed[:1].upper()}{listed[1:]} {kind} of {where} (collective)"
    if not words:
        en = f"Governments at all levels in {where} (collective)"
    name = home.name if home else ctx.jurisdiction
    phrase += zones.group(0) if zones else ""
    return _result(body_types()["地方政府集合"], name + phrase, en, home, ctx, level=level,
                   collective=True)


# ---- vertical systems written with their own head, and telecom operators

_OPERATORS = {"电信": ("中国电信", "China Telecom", "中国电信集团有限公司"),
              "移动": ("中国移动", "China Mobile", "中国移动通信集团有限公司"),
              "联通": ("中国联通", "China Unicom", "中国联合网络通信集团有限公司"),
              "铁塔": ("中国铁塔", "China Tower", "中国铁塔股份有限公司"),
              "广电": ("中国广电", "China Broadnet", "中国广播电视网络集团有限公司")}  # fmt: skip
_OP = "|".join(_OPERATORS)
_SYSTEMS = (  # a name that starts with its system's head keeps its own name
    (re.compile(r"^(?:中国)?人民银行.|^人行.|^央行."), "人民银行分支机构"),
    (re.compile(r"^国家税务总局.+税务局$"), "税务局"),
    (re.compile(r"^国家统计局.+调查(?:总)?队$"), "统计调查队"),
    (re.compile(r"^中国证券监督管理委员会.+监管局$|^中国证监会.+监管局$"), "证监局"),
    (re.compile(r"^中国银行保险监督管理委员会.+监管(?:分)?局$"), "银保监局"),
    (re.compile(r"^中国银行业监督管理委员会.+监管(?:分)?局$"), "银监局"),
    (re.compile(r"^中国保险监督管理委员会.+监管局$"), "保监局"),
    (re.compile(r"^国家金融监督管理总局.+监管(?:分)?局$"), "金融监管总局派出机构"),
    (re.compile(r"^国家外汇管理局.+(?:分局|管理部)$"), "外汇管理局"),
    (re.compile(r"^民航.+管理局$|^中国民用航空.+管理局$"), "民航管理局"),
    (re.compile(r"^中铁.+局(?:集团)?$|^中国铁路.+局集团(?:有限公司)?$"), "铁路局"),
)
_PBOC_EN = (("营业管理部", "People's Bank of China Business Management Department in {name}"),
            ("中心支行", "People's Bank of China {name} Central Sub-branch"),
            ("支行", "People's Bank of China {name} Sub-branch"),
            ("分行", "People's Bank of China {name} Branch"))  # fmt: skip


def _special(s: str, ctx: _Context) -> Resolution | None:
    types = body_types()
    m = re.fullmatch(r"团(自治区|省|市|州|盟|县|区|旗)委", s)  # 团省委: the Youth League committee
    u = ctx.for_prefix(m.group(1)) if m else None
    if u:
        t = types["共青团"]
        return _result(t, f"共青团{u.name}委员会", _english(t, "委员会", u), u, ctx)
    for pattern, type_name in _SYSTEMS:
        if not pattern.search(s):
            continue
        t = types[type_name]
        if type_name == "人民银行分支机构":
            rest = re.sub(r"^(?:中国)?人民银行|^人行|^央行", "", s)
            u = _place_in(rest, ctx) or ctx.own()
            en = next((e for k, e in _PBOC_EN if rest.endswith(k)), _PBOC_EN[-1][1])
            return _result(t, "中国人民银行" + rest, en.format(name=u.noun if u else ""), u, ctx)
        u = _place_in(s, ctx) or ctx.own()
        return _result(t, s, _english(t, s, u), u, ctx)

    t = types["企业"]
    m = re.fullmatch(rf"中国({_OP})(?:股份有限公司|集团有限公司|有限公司|集团)?", s)
    if m:
        _, en, full = _OPERATORS[m.group(1)]
        return _result(t, full, en, None, ctx, level="national")
    m = re.fullmatch(rf"中国({_OP})(.+?)(?:分公司|公司)", s)
    if m:
        return _operator(t, s, m.group(1), _place_in(m.group(2), ctx) or ctx.own(), ctx)
    m = re.fullmatch(rf"(.+?)({_OP})(?:公司|分公司)?", s)
    if m:  # 遵义电信, 广东电信, 省移动公司
        lead, u = m.group(1), None
        if _LEVEL_PREFIX.fullmatch(lead):
            u = ctx.for_prefix(lead)
        else:
            at = _place_at_start(lead, ctx)
            u = at[0] if at and at[1] == len(lead) else None
        if u is not None:
            return _operator(t, f"{_OPERATORS[m.group(2)][0]}{u.short}分公司", m.group(2), u, ctx)
    return None


def _operator(t: BodyType, canonical: str, op: str, u: _Unit | None, ctx: _Context) -> Resolution:
    brand_en = _OPERATORS[op][1]
    en = f"{brand_en} {u.noun if u.level == 'county' else u.en} Branch" if u else brand_en
    return replace(_result(t, canonical, en, u, ctx), vertical=True)


# ---- one body: [中共] [place | level prefix] [委 | 党委] [人民政府] body [sub-unit]

_SUBUNIT = re.compile(r"^(.{0,16}?)(处|科|室|监测站|站|分局|支队|大队|分中心)$")
_ZONES = {"高新技术产业开发区": "High-tech Industrial Development Zone", "高新区": "High-tech Zone",
          "经济技术开发区": "Economic and Technological Development Zone",
          "经开区": "Economic and Technological Development Zone",
          "经济开发区": "Economic Development Zone", "开发区": "Development Zone",
          "综合保税区": "Comprehensive Bonded Zone", "新区": "New Area", "工业园区": "Industrial Park",
          "产业园区": "Industrial Park", "园区": "Park", "园": "Park"}  # fmt: skip


@dataclass(frozen=True)
class _Parse:
    unit: _Unit | None
    prefixed: bool  # a level prefix or a place was written
    place_written: bool  # a place (not a level prefix) was written
    party: bool  # 中共 written before the place
    rest: str
    unplaced: str = ""  # the level prefix when the plan has no unit for it (市 in a province plan)
    head: str = ""  # the place or prefix as written: 南昌 of 南昌高新区管委会


def _parses(s: str, ctx: _Context) -> list[_Parse]:
    """Ways to read a name's head, bare name first."""
    party = s.startswith("中共")
    body = s[2:] if party else s
    out = [_Parse(None, False, False, party, body)]
    at = _place_at_start(body, ctx)
    if at:
        out.append(_Parse(at[0], True, True, party, body[at[1]:], head=body[: at[1]]))
    m = _LEVEL_PREFIX.match(body)
    if m:
        u = ctx.for_prefix(m.group(1))
        out.append(_Parse(u, True, False, party, body[m.end():], "" if u else m.group(1),
                          head=m.group(1)))
    return out


def _match(rest: str, party: bool, free: bool) -> tuple[_Hit, str, str] | None:
    """(hit, qualifier, sub-unit tail) for the body part of a name; ``free``: also a
    free qualifier before a known ending (平潭综合实验区 + 管委会)."""
    exact, suffixes, _ = _indexes()

    def known(key: str) -> bool:
        return key in exact and (len(key) > 1 or party)

    if known(rest):
        return exact[rest], "", ""
    for k in range(len(rest) - 1, 1, -1):  # 省政府办公厅政务公开与信息化处, 工商海淀分局
        head, tail = rest[:k], rest[k:]
        if known(head) and _SUBUNIT.match(tail) and not known(tail):
            return exact[head], "", tail
    if free:
        for key, hit in suffixes:
            if hit.kind.type not in GUESS_ONLY and rest.endswith(key) and len(rest) > len(key):
                return hit, rest[: -len(key)], ""
    return None


def _body(s: str, ctx: _Context) -> Resolution | None:
    parses = _parses(s, ctx)
    for free in (False, True):  # known bodies before free qualifiers; written heads first then
        order = parses if not free else sorted(parses, key=lambda p: not p.prefixed)
        for p in order:
            found = _read(p, free, ctx, s)
            if found:
                return found
    return None


def _read(p: _Parse, free: bool, ctx: _Context, written: str) -> Resolution | None:
    rest, party = p.rest, p.party
    if p.prefixed or party:
        if rest in ("委", "党委", "委员会") or (rest == "" and party):
            return _party_committee(p, ctx)
        if rest == "" and p.place_written:  # 福州市: the city, that is its government
            t = body_types()["人民政府"]
            return _result(t, p.unit.name + "人民政府", _english(t, "人民政府", p.unit), p.unit, ctx)
        if rest.startswith(("党委", "委")) and not rest.startswith("委员会"):
            cut = 2 if rest.startswith("党委") else 1
            if _match(rest[cut:], True, free):
                rest, party = rest[cut:], True
    if not rest:
        return None
    hit, infix = _match(rest, party, free), False
    if hit is None and rest.startswith(("人民政府", "政府")):  # 州政府电子政务办
        hit = _match(rest[4 if rest.startswith("人民政府") else 2:], party, free)
        infix = hit is not None
        rest = rest[4 if rest.startswith("人民政府") else 2:] if infix else rest
    if hit is None:
        return None
    return _build(replace(p, rest=rest), hit, infix, party, ctx, written)


def _party_committee(p: _Parse, ctx: _Context) -> Resolution:
    t = body_types()["党委"]
    u = p.unit if p.prefixed else ctx.own()
    if u is None:
        return _result(t, ("中共" if p.party else "") + p.rest, t.type_en, None, ctx,
                       level=_SUFFIX_LEVEL.get(p.unplaced, ""))
    return _result(t, f"中共{u.name}委员会", _english(t, "委员会", u), u, ctx)


def _build(p: _Parse, hit: tuple[_Hit, str, str], infix: bool, party: bool, ctx: _Context,
           written: str) -> Resolution:
    h, q, tail = hit
    t = h.kind
    body = h.full or p.rest[len(q): len(p.rest) - len(tail)]  # "" full: kept as written
    if p.unplaced:
        return _result(t, written, _english(t, body, None, party, _free_en(q + body)), None, ctx,
                       level=_SUFFIX_LEVEL.get(p.unplaced, ""))
    u = p.unit if p.prefixed else (_tail_place(tail, ctx) or ctx.up_to(t.levels, body))

    if t.vertical and (p.place_written or q):  # 山东海事局, 广州出入境边防检查总站
        if q and not p.place_written:
            u = _place_in(q, ctx) or u
        en = _english(t, written[: len(written) - len(tail)], u)
        return _result(t, written, _tail_en(en, tail, ctx) if tail else en, u, ctx)
    if u is None:
        return _result(t, written, _english(t, body, None, party, _free_en(q + body)), None, ctx)

    if party or t.party:
        inner = t.party_name if (party and t.party_name) else body
        committee = "委员会" if u.kind == "自治区" else "委"  # 中共广西壮族自治区委员会宣传部
        canonical = f"中共{u.name}{committee}{q}{inner}{tail}"
        en = _english(t, inner, u, party=True, q=_free_en(q + inner))
        return _result(t, canonical, _tail_en(en, tail, ctx) if tail else en, u, ctx)
    if t.vertical or (h.abbreviation and not q and (t.form.get(u.level) or t.form.get("*"))):
        form = t.form.get(u.level) or t.form.get("*") or "{unit}" + body
        canonical = form.format(unit=u.name, short=u.short)
        return _result(t, canonical, _english(t, canonical, u), u, ctx)
    if t.type == "开发区管委会":
        return _zone(p, q, body, u, ctx)
    head = u.name + ("人民政府" if infix and not body.startswith("人民政府") else "")
    if q and _starts_with_place(q, u):
        head = ""
    canonical = f"{head}{q}{body}{tail}"
    en = _english(t, body, u, q=_free_en(q + body))
    return _result(t, canonical, _tail_en(en, tail, ctx) if tail else en, u, ctx)


def _starts_with_place(q: str, u: _Unit) -> bool:
    return q.startswith((u.place, u.name)) or bool(_place_at_start(q))


def _tail_place(tail: str, ctx: _Context) -> _Unit | None:
    """工商海淀分局 in a 海淀 plan: the bureau above 海淀, i.e. Beijing's."""
    m = re.match(r"^(.+?)(分局|支队|大队)$", tail or "")
    if not m:
        return None
    for i, u in enumerate(ctx.chain):
        if m.group(1) in (u.short, u.place) and i + 1 < len(ctx.chain):
            return ctx.chain[i + 1]
    return None


def _tail_en(en: str, tail: str, ctx: _Context) -> str:
    m = re.match(r"^(.+?)分局$", tail)
    if m:
        p = gazetteer.place(m.group(1), within=ctx.province or None)
        if p:
            return f"{en}, {p.name_en} Branch"
    return f"{en}: {tail}"


def _zone(p: _Parse, q: str, body: str, u: _Unit, ctx: _Context) -> Resolution:
    """高新区管委会 → 鹰潭高新区管理委员会; 平潭综合实验区管委会 keeps its place."""
    t = body_types()["开发区管委会"]
    if q in _ZONES and not p.place_written:
        canonical, en = f"{u.short}{q}{body}", f"{u.en} {_ZONES[q]}"
    elif p.place_written or _starts_with_place(q, u) or any(q.startswith(c.short) for c in ctx.chain):
        canonical = (p.head if p.place_written else "") + q + body
        c = next((c for c in ctx.chain if q.startswith(c.short)), None)
        rest = q[len(c.short):] if c else q
        en = f"{c.en if c else u.en} {_ZONES.get(rest, rest)}"
    else:
        canonical, en = f"{u.name}{q}{body}", f"{u.adj} {q}"
    return _result(t, canonical, f"{en} Administrative Committee", u, ctx)
