"""Stage 3c: quantitative indicators, from flattened tables and from targets written into sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .segment import Block, Table

_UNITS = (
    r"太比特每秒\(Tbps\)|吉比特每秒\(Gbps\)|太比特每秒|吉比特每秒|Tbps|Gbps|Mbps|兆|M(?![A-Za-z])|"
    r"万亿元|亿元|万元|万户|万人|万张|万个|万架|万部|万家|万|亿|个|家|户|张|人|台|架|件|套|所|部/百人|倍|项|条|座|%"
)
_NUM = r"\d+(?:\.\d+)?"
_VERB = r"达到|达|超过|突破|提高到|提升到|增至|增长到|不低于|不少于|保持在"
_RATE = re.compile(
    rf"(?P<name>[^,;。:\n]{{2,40}}?)(?P<each>分别)?(?P<verb>{_VERB})(?P<approx>约)?(?<!\d)(?P<v1>{_NUM})(?P<u1>{_UNITS})?(?![A-Za-z0-9])"
    rf"(?:和(?P<v2>{_NUM})(?P<u2>{_UNITS})?)?(?P<more>以上|左右)?"
)
_COUNT = re.compile(
    rf"(?:^|(?<=[,;。:]))(?:力争|年内|全年|累计)?(?P<verb>新建|建成|新增|完成|发展)"
    rf"(?P<name>[^,;。:\n]{{1,14}}?)(?<!\d)(?P<v1>{_NUM})(?P<u1>{_UNITS})(?![A-Za-z0-9])(?P<more>以上)?"
)
_TARGET_VERB = re.compile(rf"(?:{_VERB})约?\d|(?:新建|建成|新增|完成|发展)")
_YEAR = re.compile(r"(?:到|至)(\d{4})年|(\d{4})年(?:底|年底|末)")
_SENTENCE = re.compile(r"[^。;]+[。;]?")
_LEAD = re.compile(r"^(其中|力争|预计|全年|年内|今年|到|至|\d{4}年|底|年底|末|前|,|\s)+")
_SKIP_SECTIONS = re.compile(r"现状|形势|成效|回顾|基础|情况")
_COMPARATOR = {"超过": ">", "突破": ">", "不低于": "≥", "不少于": "≥"}


@dataclass
class RawIndicator:
    name: str
    category: str | None
    unit: str | None
    baseline: str | None
    baseline_year: int | None
    target: str | None
    target_value: float | None
    comparator: str | None
    target_year: int | None
    span: tuple[int, int]  # the words stating it
    quote: tuple[int, int]  # the sentence or table row around it
    source: str


def number(text: str | None) -> float | None:
    m = re.search(_NUM, text or "")
    return float(m.group(0)) if m else None


def split_unit(name: str) -> tuple[str, str | None]:
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", name)
    return (m.group(1).strip(), m.group(2).strip()) if m else (name.strip(), None)


def from_tables(tables: list[Table]) -> list[RawIndicator]:
    out = []
    for t in tables:
        if t.kind != "indicators":
            continue
        years = [int(re.match(r"\d{4}", h.text).group(0)) for h in t.header[1:]]
        for row, cat in zip(t.rows, t.categories, strict=True):
            name, unit = split_unit(re.sub(r"\s+", "", row[0].text))
            base = row[1].text if len(row) > 2 else None
            target = row[-1].text
            out.append(RawIndicator(
                name=name, category=cat, unit=unit,
                baseline=None if base in (None, "/", "—", "-") else base, baseline_year=years[0] if len(years) > 1 else None,
                target=target, target_value=number(target), comparator=_table_comparator(target),
                target_year=years[-1] if years else None, span=(row[0].start, row[-1].end), quote=(row[0].start, row[-1].end),
                source="table",
            ))
    return out


def _table_comparator(cell: str) -> str | None:
    m = re.match(r"^\s*([<>≥≤])", cell)
    if m:
        return m.group(1)
    return "=" if number(cell) is not None else None


def from_text(norm: str, blocks: list[Block], table_blocks: set[int], default_year: int | None) -> list[RawIndicator]:
    """Targets stated in sentences: "互联网省际出口带宽达40太比特每秒(Tbps)", "新建4G基站4万个"."""
    out = []
    for b in blocks:
        if b.is_heading and not b.text or id(b) in table_blocks:
            continue
        if b.path and _SKIP_SECTIONS.search(b.path[0]):
            continue
        for sent in _SENTENCE.finditer(norm[b.start : b.end]):
            sentence = sent.group(0)
            # Both patterns need a number after a target verb; most sentences have neither, and the
            # patterns' open-ended names make trying them at every position the costly part.
            if not _TARGET_VERB.search(sentence):
                continue
            s0 = b.start + sent.start()
            year_m = _YEAR.search(sentence)
            year = int(year_m.group(1) or year_m.group(2)) if year_m else default_year
            taken: list[tuple[int, int]] = []
            for m in _RATE.finditer(sentence):
                out.extend(_rate(m, s0, sentence, year))
                taken.append(m.span())
            for m in _COUNT.finditer(sentence):
                if any(a <= m.start() < z for a, z in taken):
                    continue
                out.append(_count(m, s0, year))
    return [i for i in out if _plausible(i.name)]


def _plausible(name: str) -> bool:
    """A name with at least two letters or characters, not a dangling clause ("…确定的")."""
    words = re.findall(r"[\u4e00-\u9fffA-Za-z]", name)
    return len(words) >= 2 and len(name) <= 30 and not name.endswith(("的", "和", "及", "与"))


def _clean(name: str) -> str:
    name = _LEAD.sub("", name.strip())
    name = re.sub(r"(力争|均|将)$", "", name)
    return re.sub(r"[“”\"]", "", name).strip(" ,")


def _rate(m: re.Match, s0: int, sentence: str, year: int | None) -> list[RawIndicator]:
    name = _clean(m.group("name"))
    comparator = "≥" if m.group("more") == "以上" else _COMPARATOR.get(m.group("verb"), "≈" if m.group("approx") or m.group("more") == "左右" else "=")
    quote = (s0, s0 + len(sentence))
    span = (s0 + m.start(), s0 + m.end())
    if m.group("each") and m.group("v2"):
        names = _pair_names(name)
        if names:
            unit2 = m.group("u2") or m.group("u1")
            return [
                RawIndicator(names[0], None, m.group("u1") or unit2, None, None, m.group("v1") + (m.group("u1") or unit2 or ""),
                             float(m.group("v1")), comparator, year, span, quote, "text"),
                RawIndicator(names[1], None, unit2, None, None, m.group("v2") + (unit2 or ""),
                             float(m.group("v2")), comparator, year, span, quote, "text"),
            ]
    target = m.group(0)[len(m.group("name")) :]
    return [RawIndicator(name, None, m.group("u1"), None, None, target, float(m.group("v1")), comparator, year, span, quote, "text")]


def _pair_names(name: str) -> list[str] | None:
    """"城市和农村平均接入带宽能力" → ["城市平均接入带宽能力", "农村平均接入带宽能力"]."""
    a, sep, rest = name.partition("和")
    if not sep or not 1 <= len(a) <= 4 or len(rest) <= len(a):
        return None
    b, common = rest[: len(a)], rest[len(a) :]
    return [a + common, b + common]


def _count(m: re.Match, s0: int, year: int | None) -> RawIndicator:
    name = _clean(m.group("name"))
    if m.group("verb") in ("新建", "新增"):
        name = m.group("verb") + name
    target = m.group("v1") + m.group("u1") + (m.group("more") or "")
    return RawIndicator(name, None, m.group("u1"), None, None, target, float(m.group("v1")),
                        "≥" if m.group("more") else "=", year, (s0 + m.start(), s0 + m.end()),
                        (s0 + m.start(), s0 + m.end()), "text")
