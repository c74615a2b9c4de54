"""Stage 1: the question as typed → one canonical text.

Traditional → simplified (OpenCC), full-width → half-width, pasted markup dropped, Chinese
numerals that count something → digits, 十三五 / "13th five-year" → 2016-2020.

>>> normalise("浙江省經信委負責哪些任務？")
'浙江省经信委负责哪些任务?'
>>> normalise("“十三五”时期新建四万个基站")
'"2016-2020"时期新建40000个基站'
>>> language("Who leads the most tasks in Anhui?"), language("安徽省哪个部门牵头最多?")
('en', 'zh')
>>> years("2016年的规划和2016-2020的目标")
[2016]
>>> period("十三五期间"), period("2016年")
((0, 0), (0, 0))
>>> period(normalise("十三五期间"))
(2016, 2020)
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

MAX_QUESTION = 300

_FYP = {"十一五": "2006-2010", "十二五": "2011-2015", "十三五": "2016-2020", "十四五": "2021-2025", "十五五": "2026-2030"}
_FYP_EN = re.compile(r"\b(11|12|13|14|15)th\s*(?:five[- ]year(?:\s*plans?)?|fyp)\b", re.I)
_FYP_EN_YEARS = {"11": "2006-2010", "12": "2011-2015", "13": "2016-2020", "14": "2021-2025", "15": "2026-2030"}
_CN_NUMBER = re.compile(r"(?<![哪这那每同统唯])([零一二两三四五六七八九十百千万亿〇]+)(个|项|家|条|年|万|亿|名|位|%|倍|户|张|座|所)")
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x201C: 0x22, 0x201D: 0x22}
_PERIOD = re.compile(r"(20\d\d)\s*[-–—至到~]\s*(20\d\d)")
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_YEAR_BEFORE = re.compile(r"(?:\b(?:in|by|for|of|from|since|until|till|to|before|after|during|year|issued|published)|年|的)\s*$", re.I)
_YEAR_AFTER = re.compile(r"\s*(?:$|[?？,.;:!)]|'s\b|年|\b(?:plans?|key|informatization|digital|work|action|tasks?|targets?|"
                         r"goals?|indicators?|implementation|government)\b)", re.I)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def _number(m: re.Match) -> str:
    import cn2an  # only when a question writes a numeral: it costs 0.1 s to import

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return str(cn2an.cn2an(m.group(1), "smart")) + m.group(2)
        except (ValueError, KeyError, IndexError):
            return m.group(0)


def normalise(question: str) -> str:
    """Traditional → simplified, full-width → half-width, Chinese numerals → digits, 十三五 → 2016-2020."""
    text = _t2s().convert(question).translate(_FULLWIDTH)
    text = re.sub(r"</?[A-Za-z][^<>]{0,60}>", " ", text)  # pasted markup
    for k, v in _FYP.items():
        text = text.replace(k, v)
    text = _FYP_EN.sub(lambda m: _FYP_EN_YEARS.get(m.group(1), m.group(0)), text)
    # Only numerals that count something: "四万个", "二〇一六年", "前十" — never the 四 of 四川.
    text = _CN_NUMBER.sub(_number, text)
    return re.sub(r"\s+", " ", text).strip()


def language(question: str) -> str:
    cjk = len(re.findall(r"[\u4e00-\u9fff]", question))
    words = len(re.findall(r"[A-Za-z]{2,}", question))
    return "en" if words >= 2 and words * 2 >= cjk / 2 else ("zh" if cjk else "en")


def period(text: str) -> tuple[int, int]:
    """A plan period named in the question: "2016-2020" (十三五), or (0, 0)."""
    m = _PERIOD.search(text)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def years(text: str) -> list[int]:
    """Single years the question names (not the ends of a period, not a count like 2000个)."""
    masked = _PERIOD.sub(" ", text)
    out = []
    for m in _YEAR.finditer(masked):
        before, after = masked[: m.start()], masked[m.end() :]
        if after[:1] and after[:1] in "个项家条名位%倍户张座所万亿台":
            continue
        if not (after.startswith("年") or _YEAR_BEFORE.search(before) or _YEAR_AFTER.match(after)
                or (before[-1:] > "\u4e00" and after[:1] > "\u4e00")):
            continue  # "2000 new base stations" is a number, not a year
        out.append(int(m.group(1)))
    return list(dict.fromkeys(out))
