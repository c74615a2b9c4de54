"""A synthetic corpus for scale benchmarks, shaped like a national collection: every
province, prefecture and county of the gazetteer (3,212 places) over three five-year
periods and two kinds of plan (about 19,300 plans), each text the seeds' top-level
sections recombined. Plan n is always the same text for the same place, so any run
builds the same corpus. Generated on the fly into a temporary folder, marked synthetic
in every file ("合成" in the title, a note on the first line), never committed as data.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from loaders.gazetteer import places

_L1 = re.compile(r"^\s*[一二三四五六七八九十]+、", re.M)
PERIODS = ((2016, 2020), (2021, 2025), (2011, 2015))
KINDS = ("信息化发展规划", "信息化工作要点")


def sections(text: str) -> tuple[str, list[str]]:
    """The text before the first 一、 heading, and each top-level section."""
    starts = [m.start() for m in _L1.finditer(text)]
    if not starts:
        return text, []
    return text[: starts[0]], [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def where_and_when(i: int) -> tuple:
    """Plan i's place, period and kind: all places first, then the next period, then the next kind."""
    areas = places()
    n = len(areas)
    return areas[i % n], PERIODS[(i // n) % len(PERIODS)], KINDS[(i // (n * len(PERIODS))) % len(KINDS)]


def generate(seed_paths: list[Path], n: int, folder: Path, start: int = 0) -> list[Path]:
    """Plans start … start+n-1, each with a .toml sidecar naming its place and period."""
    seeds = [p.read_text(encoding="utf-8") for p in seed_paths]
    parts = [sections(t) for t in seeds]
    out = []
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        rng = random.Random(i)
        head, body = parts[i % len(parts)]
        donor = parts[rng.randrange(len(parts))][1]
        mixed = list(body)
        if donor and mixed:
            # Swap one top-level section for another plan's, so plans differ in more than order.
            mixed[rng.randrange(len(mixed))] = donor[rng.randrange(len(donor))]
        rng.shuffle(mixed)
        place, (first, last), kind = where_and_when(i)
        title = f"{place.name}{first}—{last}年{kind}(合成)"
        text = f"(合成测试数据 synthetic benchmark plan {i:05d})\n{title}\n{head}\n" + "".join(mixed)
        path = folder / f"synthetic-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        city = place.city or (place.name if place.level == "city" else None)
        path.with_suffix(".toml").write_text(
            f'title = "{title}"\njurisdiction = "{place.name}"\nprovince = "{place.province}"\n'
            + (f'city = "{city}"\n' if city else "")
            + f'issued = "{first}"\nperiod = [{first}, {last}]\nkind = "synthetic"\n', encoding="utf-8")
        out.append(path)
    return out
