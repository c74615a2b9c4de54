"""Units of plan indicators → a base unit, so targets written in different units compare.

Bandwidth goes to bit/s, money to 元, counts with 万 / 亿 to the counted thing; the
original value and unit are kept beside the normalised ones. A unit this table does not
know (%, 倍, 部/百人 …) is its own base.

>>> to_base(26000, "Gbps"), to_base(40, "太比特每秒(Tbps)")
((26000000000000.0, 'bit/s'), (40000000000000.0, 'bit/s'))
>>> to_base(1.5, "万亿元"), to_base(300, "万户"), to_base(95, "%")
((1500000000000.0, '元'), (3000000.0, '户'), (95.0, '%'))
>>> display(26000000000000.0, "bit/s"), display(3000000.0, "户")
('26 Tbps', '300万户')
"""

from __future__ import annotations

import re

_BITS = [(r"太比特每秒|Tbps|T(?![a-z])", 1e12), (r"吉比特每秒|Gbps|G(?![a-z])", 1e9), (r"兆比特每秒|Mbps|兆|M(?![a-z])", 1e6),
         (r"Kbps", 1e3)]
_MONEY = [(r"万亿元", 1e12), (r"亿元", 1e8), (r"万元", 1e4), (r"元", 1.0)]
_COUNT = re.compile(r"^(万|亿)(.*)$")


def to_base(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """(value in base units, base unit); (value, unit) unchanged when the unit is not known."""
    if value is None or not unit:
        return value, unit
    u = unit.strip()
    for pattern, factor in _BITS:
        if re.search(pattern, u):
            return value * factor, "bit/s"
    for pattern, factor in _MONEY:
        if re.fullmatch(pattern, u):
            return value * factor, "元"
    m = _COUNT.match(u)
    if m:
        return value * (1e4 if m.group(1) == "万" else 1e8), m.group(2) or ""
    return float(value), u


def display(value: float | None, base: str | None) -> str | None:
    """A normalised value as a reader writes it: 26 Tbps, 1.5万亿元, 300万户."""
    if value is None:
        return None
    if base == "bit/s":
        for name, factor in (("Tbps", 1e12), ("Gbps", 1e9), ("Mbps", 1e6)):
            if value >= factor:
                return f"{_num(value / factor)} {name}"
        return f"{_num(value)} bit/s"
    for name, factor in (("万亿", 1e12), ("亿", 1e8), ("万", 1e4)):
        if base in ("元", "户", "人", "个", "张", "家", "部", "台", "架", "") and value >= factor:
            return f"{_num(value / factor)}{name}{base}"
    return f"{_num(value)}{' ' if base and base.isascii() else ''}{base or ''}"


def _num(x: float) -> str:
    return f"{x:.6g}"
