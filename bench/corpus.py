"""A synthetic corpus for scale benchmarks: the seeds' top-level sections recombined under
made-up jurisdictions (合成省0001 …). Generated on the fly into a temporary folder, marked
synthetic in every file, never committed as data."""

from __future__ import annotations

import random
import re
from pathlib import Path

_L1 = re.compile(r"^\s*[一二三四五六七八九十]+、", re.M)


def sections(text: str) -> tuple[str, list[str]]:
    """The text before the first 一、 heading, and each top-level section."""
    starts = [m.start() for m in _L1.finditer(text)]
    if not starts:
        return text, []
    return text[: starts[0]], [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def generate(seed_paths: list[Path], n: int, folder: Path) -> list[Path]:
    """n synthetic plans, each with a .toml sidecar naming its made-up province."""
    seeds = [p.read_text(encoding="utf-8") for p in seed_paths]
    parts = [sections(t) for t in seeds]
    out = []
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        rng = random.Random(i)
        head, body = parts[i % len(parts)]
        donor = parts[rng.randrange(len(parts))][1]
        mixed = list(body)
        if donor and mixed:
            # Swap one top-level section for another plan's, so plans differ in more than order.
            mixed[rng.randrange(len(mixed))] = donor[rng.randrange(len(donor))]
        rng.shuffle(mixed)
        province = f"合成省{i:04d}"
        text = f"(合成测试数据 synthetic benchmark plan {i:04d})\n{province}信息化工作要点\n{head}\n" + "".join(mixed)
        path = folder / f"synthetic-{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        path.with_suffix(".toml").write_text(
            f'title = "{province}信息化工作要点(合成)"\njurisdiction = "{province}"\nprovince = "{province}"\n'
            f'issued = "2016"\nperiod = [2016, 2016]\nkind = "synthetic"\n', encoding="utf-8")
        out.append(path)
    return out
