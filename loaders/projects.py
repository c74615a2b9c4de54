"""Stage 3a: blocks → Project records (tasks, programme boxes, key actions, annex rows, measures).

Which top-level sections hold work items is read from their titles: situation,
guiding ideas and goals are not tasks; 保障措施 / 政策措施 hold measures; the rest
(主要任务, 重点工作, 重点行动, or a 工作要点's own headings) hold tasks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import Project
from .segment import LEVEL_ANNEX, LEVEL_BOX, Block, Table

_NOT_WORK = re.compile(r"现状|形势|指导思想|发展目标|主要目标|总体目标|基本原则|发展原则|总体要求|工作思路|总体思路|背景|意义|名词解释")
_MEASURES = re.compile(r"保障|措施|组织实施")
_SUBTASK = re.compile(r"(?:^|(?<=[。;]))\s*([一二三四五六七八九十]+是)")
_TASK_COL = re.compile(r"任务|工作|内容|事项|项目")
_LEAD_COL = re.compile(r"牵头")
_SUPPORT_COL = re.compile(r"配合|协办|参与")
_RESP_COL = re.compile(r"单位|部门")


@dataclass
class Cell:
    """Where an annex row states responsibility, and how (a 责任单位 phrase or split columns)."""

    project: str
    column: str  # "responsible" | "lead" | "support"
    block: Block


def area_of(title: str) -> str:
    if _NOT_WORK.search(title):
        return "none"
    if _MEASURES.search(title):
        return "measure"
    return "task"


def build_projects(plan_id: str, text: str, blocks: list[Block], tables: list[Table]) -> tuple[list[Project], list[Cell]]:
    """All projects of a plan in document order, numbered per kind, plus annex responsibility cells."""
    table_blocks = {id(b) for t in tables for row in t.rows for b in row} | {id(b) for t in tables for b in t.header}
    items: list[tuple[str, Block, list[Block]]] = []  # kind, heading block, own blocks
    area = "none"
    heading_levels = {b.level for b in blocks if b.level in (1, 2, 3, 4)}
    if 1 not in heading_levels:
        area = "task"  # a plan without 一、 headings: everything numbered is work
    for i, b in enumerate(blocks):
        if b.level == 1:
            area = area_of(b.title)
            continue
        if b.level == LEVEL_ANNEX:
            area = "none"
            continue
        if area == "none" or not b.is_heading or id(b) in table_blocks:
            continue
        own = _own_blocks(blocks, i)
        if b.level == LEVEL_BOX:
            items.append(("programme", b, own))
        elif area == "measure":
            if b.level == 2 or (b.level == 3 and not _has_parent_level(blocks, i, 2)):
                items.append(("measure", b, own))
        elif b.level == 2:
            if b.title.endswith("行动") or "行动" in "".join(b.path[-1:]):
                items.append(("action", b, own))
            elif not _has_children(blocks, i, 3):
                items.append(("task", b, own))
        elif b.level == 3:
            items.append(("task", b, own))
        elif b.level == 4:
            items.append(("subtask", b, own))

    projects: list[Project] = []
    counts: dict[str, int] = {}
    for kind, head, own in items:
        projects.append(_project(plan_id, text, kind, head, own, counts))
        if kind == "task":
            projects.extend(_subtasks(plan_id, text, projects[-1], own, counts))
    cells: list[Cell] = []
    for t in tables:
        if t.kind == "allocation":
            rows, row_cells = _annex_rows(plan_id, text, t, counts)
            projects.extend(rows)
            cells.extend(row_cells)
    return projects, cells


def _next(counts: dict[str, int], kind: str) -> int:
    counts[kind] = counts.get(kind, 0) + 1
    return counts[kind]


def _project(plan_id: str, text: str, kind: str, head: Block, own: list[Block], counts: dict[str, int]) -> Project:
    n = _next(counts, kind)
    start, end = own[0].start, own[-1].end
    body = "\n".join(text[b.start : b.end] for b in own)
    return Project(
        id=f"{plan_id}:{kind}-{n}", plan=plan_id, kind=kind, number=n, label=head.marker,
        title=head.title, section=" > ".join(head.path), text=body, span_start=start, span_end=end,
    )


def _subtasks(plan_id: str, text: str, task: Project, own: list[Block], counts: dict[str, int]) -> list[Project]:
    """一是…二是… inside a task become subtasks, each spanning to the next marker."""
    out = []
    for b in own:
        seg = text[b.start : b.end]
        norm_marks = list(_SUBTASK.finditer(seg))
        for k, m in enumerate(norm_marks):
            s = b.start + m.start(1)
            e = b.start + (norm_marks[k + 1].start(1) if k + 1 < len(norm_marks) else len(seg))
            body = text[s:e].strip()
            n = _next(counts, "subtask")
            title = re.split(r"[。;]", body[len(m.group(1)):], maxsplit=1)[0]
            out.append(Project(
                id=f"{plan_id}:subtask-{n}", plan=plan_id, kind="subtask", number=n, label=m.group(1),
                title=title[:60], section=" > ".join([*own[0].path, f"{task.label}{task.title}"]),
                text=body, span_start=s, span_end=s + len(body), parent=task.id,
            ))
    return out


def _own_blocks(blocks: list[Block], i: int) -> list[Block]:
    """The heading block and the paragraphs that belong to it.

    A box runs to the next heading, except that when the next heading is
    another box, the paragraph just before it introduces that box's task and
    belongs to the surrounding task instead (web copies lose the box frame).
    """
    head = blocks[i]
    own = [head]
    j = i + 1
    while j < len(blocks) and not blocks[j].is_heading:
        own.append(blocks[j])
        j += 1
    if head.level == LEVEL_BOX:
        if j < len(blocks) and blocks[j].level == LEVEL_BOX and len(own) > 2:
            own.pop()
        return own
    # A task's own text continues after the programme boxes nested in it.
    while j < len(blocks) and blocks[j].level == LEVEL_BOX:
        boxed = {id(x) for x in _own_blocks(blocks, j)}
        j += 1
        while j < len(blocks) and not blocks[j].is_heading:
            if id(blocks[j]) not in boxed:
                own.append(blocks[j])
            j += 1
    return own


def _has_children(blocks: list[Block], i: int, level: int) -> bool:
    for b in blocks[i + 1 :]:
        if b.level is not None and b.level != LEVEL_BOX and b.level <= blocks[i].level:
            return False
        if b.level == level:
            return True
    return False


def _has_parent_level(blocks: list[Block], i: int, level: int) -> bool:
    for b in reversed(blocks[:i]):
        if b.level == 1:
            return False
        if b.level == level:
            return True
    return False


def _annex_rows(plan_id: str, text: str, table: Table, counts: dict[str, int]) -> tuple[list[Project], list[Cell]]:
    names = [h.text for h in table.header]
    task_col = next((k for k, n in enumerate(names) if _TASK_COL.search(n)), 1)
    projects, cells = [], []
    for row in table.rows:
        n = _next(counts, "annex-row")
        pid = f"{plan_id}:annex-row-{n}"
        work = row[task_col] if task_col < len(row) else row[-1]
        projects.append(Project(
            id=pid, plan=plan_id, kind="annex-row", number=n, label=f"序号 {row[0].text}",
            title=re.split(r"[,。;]", work.text, maxsplit=1)[0][:60], section=" > ".join(row[0].path),
            text="\n".join(text[b.start : b.end] for b in row[1:]), span_start=row[0].start, span_end=row[-1].end,
        ))
        for k, cell in enumerate(row):
            if k >= len(names) or k == task_col or k == 0:
                continue
            name = names[k]
            if _LEAD_COL.search(name):
                cells.append(Cell(pid, "lead", cell))
            elif _SUPPORT_COL.search(name):
                cells.append(Cell(pid, "support", cell))
            elif _RESP_COL.search(name):
                cells.append(Cell(pid, "responsible", cell))
    return projects, cells
