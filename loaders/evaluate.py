"""Score extracted roles against a hand annotation: (task, agency as written, role).

An annotation is a CSV per plan with ``task_anchor,agency,role`` (and optionally
``convention,note``). ``task_anchor`` is the first words of the task as printed,
so the annotation never depends on the extractor's ids: a task is the project
that *starts* at its anchor (within a few characters: a table row starts at its
序号 cell, a task at its marker), the innermost one when several do.

Agency names are compared after width folding, with bracket styles, spaces,
pinyin glosses and traditional characters ironed out, because an annotator copies
``各縣（市、區）`` and the extractor reports ``各县(市、区)`` for the same words; a
level prefix written once for a list (``省通信管理局、旅游局``) may be completed or
not (``match_key``).

>>> norm_agency(" 各县（市、区）人民政府等 ")
'各县(市、区)人民政府'
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .read import _PINYIN, simplified
from .records import PlanRecords

NEAR = 40  # how far before its anchor a task may start (序号 cell, marker, bracket)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    by_convention: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # conv → [found, total]

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.missed += other.missed
        self.extra += other.extra
        for k, (a, b) in other.by_convention.items():
            self.by_convention[k][0] += a
            self.by_convention[k][1] += b

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def norm_agency(name: str) -> str:
    s = simplified(_PINYIN.sub("", unicodedata.normalize("NFKC", name)))
    s = s.translate(str.maketrans("〔〕【】[]", "()()()"))
    s = re.sub(r"\s+", "", s)
    return re.sub(r"等$", "", s)


def match_key(name: str) -> str:
    """What two annotations of one body share: a level prefix written once for a whole list
    ("省通信管理局、旅游局牵头") is completed by some annotators and not by others."""
    s = norm_agency(name)
    return s[1:] if len(s) > 3 and s[0] in "省市区县州" and not s.startswith(("市场", "区域")) else s


def read_gold(path: str | Path) -> list[dict]:
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]


def _anchor_offset(text: str, anchor: str) -> int:
    i = text.find(anchor)
    if i < 0:
        i = unicodedata.normalize("NFKC", text).find(unicodedata.normalize("NFKC", anchor))
    return i


def task_for_anchor(rec: PlanRecords, offset: int) -> str | None:
    """The project that starts at a task's anchor (innermost when several do)."""
    starts = [p for p in rec.projects if p.span_start - 2 <= offset <= p.span_end and offset - p.span_start <= NEAR]
    if not starts:
        return None
    return max(starts, key=lambda p: (p.span_start, -(p.span_end - p.span_start))).id


def score_plan(rec: PlanRecords, text: str, gold_rows: list[dict]) -> Score:
    """Compare one plan's roles with its annotation."""
    anchors: dict[str, str | None] = {}
    for g in gold_rows:
        a = g["task_anchor"]
        if a not in anchors:
            off = _anchor_offset(text, a)
            anchors[a] = task_for_anchor(rec, off) if off >= 0 else None
    project_to_anchor = {pid: a for a, pid in anchors.items() if pid}
    gold = {(g["task_anchor"], match_key(g["agency"]), g["role"]): g.get("convention", "") for g in gold_rows}
    got = {(project_to_anchor.get(r.project, r.project), match_key(r.surface), r.role) for r in rec.roles}
    s = Score()
    s.tp = len(set(gold) & got)
    s.fp = len(got - set(gold))
    s.fn = len(set(gold) - got)
    s.missed = sorted((rec.plan.id, *k) for k in set(gold) - got)
    s.extra = sorted((rec.plan.id, *k) for k in got - set(gold))
    for k, conv in gold.items():
        for c in conv.replace(";", " ").replace(",", " ").split() or ["-"]:
            s.by_convention[c][1] += 1
            s.by_convention[c][0] += k in got
    return s


def score_corpus(folder: str | Path, extract=None, only: list[str] | None = None) -> tuple[Score, dict[str, Score]]:
    """Score every plan of a corpus folder laid out as plans/<id>.txt + gold/<id>.csv.

    ``extract(path) -> PlanRecords`` defaults to the loader's own ``extract_plan``;
    ``only`` limits the plans scored to these ids.
    """
    from .pipeline import extract_plan
    from .read import read_source

    extract = extract or extract_plan
    folder = Path(folder)
    total, per_plan = Score(), {}
    for gold_path in sorted((folder / "gold").glob("*.csv")):
        plan_path = folder / "plans" / f"{gold_path.stem}.txt"
        if not plan_path.exists() or (only is not None and gold_path.stem not in only):
            continue
        rec = extract(plan_path)
        s = score_plan(rec, read_source(plan_path).text, read_gold(gold_path))
        per_plan[gold_path.stem] = s
        total.add(s)
    return total, per_plan
