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

_NOT_WORK = re.compile(r"现状|形势|发展基础|工作基础|现实基础|基础条件|发展成效|主要成效|回顾|指导思想|发展目标|主要目标|总体目标|基本原则|发展原则|总体要求|工作思路|总体思路|背景|意义|名词解释")
_MEASURES = re.compile(r"保障措施|政策措施|推进措施|支撑措施|配套措施|组织保障|实施保障|保障机制|工作保障|组织实施|^措施")
_SUBTASK = re.compile(r"(?:^|(?<=[。;]))\s*([一二三四五六七八九十]+是)")
_TASK_COL = re.compile(r"任务|工作|内容|事项|项目|措施")
_NUMBER_COL = re.compile(r"^(序号|编号|序|号)$")
_IGNORED_COL = re.compile(r"时限|时间|进度|备注|目标|完成|指标")
_LEAD_COL = re.compile(r"牵头")
_SUPPORT_COL = re.compile(r"配合|协办|参与|参加|协同|支持")
_RESP_COL = re.compile(r"单位|部门")
# Words that mark a responsibility clause; a heading or paragraph holding one may assign work.
# "由市发改委牵头编制了本规划": who wrote the plan, not who does a task.
_COMPILED = re.compile(r"(?:牵头|负责|组织)(?:编制|起草|制定)(?:了)?(?:本|该|此)?(?:规划|方案|要点|计划)")
CLAUSE_CUE = re.compile(r"牵头|负责|配合|责任单位|责任部门|主责|参与单位|参加单位|协办|协同单位")


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
            own = _own_blocks(blocks, i)
            if area in ("task", "measure") and not _has_sub_heading(blocks, i) and (
                    len(own) > 1 or len(b.text) > 40 or CLAUSE_CUE.search(b.text)):
                # A 工作要点 whose items are its 一、二、 headings: each heading is a task.
                items.append(("task" if area == "task" else "measure", b, own))
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

    items += _clause_parts(blocks, table_blocks, {id(h) for _, h, _ in items})
    items.sort(key=lambda it: it[1].start)
    projects: list[Project] = []
    counts: dict[str, int] = {}
    for kind, head, own in items:
        projects.append(_project(plan_id, text, kind, head, own, counts))
        if kind == "task":
            projects.extend(_subtasks(plan_id, text, projects[-1], own, counts))
            projects.extend(_paired_rows(plan_id, text, projects[-1], own, counts))
    cells: list[Cell] = []
    for t in tables:
        if t.kind == "allocation":
            rows, row_cells = _annex_rows(plan_id, text, t, counts)
            projects.extend(rows)
            cells.extend(row_cells)
    return projects, cells


def _clause_parts(blocks: list[Block], table_blocks: set[int], taken: set[int]) -> list[tuple[str, Block, list[Block]]]:
    """Headings and stray paragraphs that carry a responsibility clause but are no task yet.

    A heading "三、推进数据共享(牵头单位:市大数据局)" assigns its whole part (kind "part",
    spanning every item under it, which inherit the clause). A paragraph outside any task
    section that says "由县政府办牵头,各有关部门配合" is a task of its own. The preamble,
    before the first heading, only introduces the plan and is never read this way.
    """
    out = []
    first_heading = next((i for i, b in enumerate(blocks) if b.level in (1, 2)), None)
    if first_heading is None:
        if any(b.is_heading for b in blocks):
            return out
        first_heading = -1  # no numbered items at all: each paragraph that assigns work is a task
    for i, b in enumerate(blocks):
        if i <= first_heading and b.level is None or id(b) in taken or id(b) in table_blocks:
            continue
        if b.level in (1, 2) and _opening_has_clause(blocks, i):
            out.append(("part", b, _part_blocks(blocks, i)))
            taken = taken | {id(b)}  # its opening paragraph is its own words, not a task
        elif (b.level is None and CLAUSE_CUE.search(b.text) and not _covered(blocks, i, taken)
              and _area_above(blocks, i) != "none" and not _COMPILED.search(b.text)):
            out.append(("task", b, [b]))
    return out


def _area_above(blocks: list[Block], i: int) -> str:
    """The area (task, measure, none) of the part a block sits in; "task" before any part."""
    for b in reversed(blocks[:i]):
        if b.level == 1:
            return area_of(b.title)
    return "task"


def _opening_has_clause(blocks: list[Block], i: int) -> bool:
    """The heading line or the paragraphs before its first sub-heading state a clause."""
    if not _has_sub_heading(blocks, i):
        return False
    j = i
    while True:
        if CLAUSE_CUE.search(blocks[j].text):
            return True
        j += 1
        if j >= len(blocks) or blocks[j].is_heading:
            return False


def _has_sub_heading(blocks: list[Block], i: int) -> bool:
    for b in blocks[i + 1 :]:
        if b.level is not None and b.level != LEVEL_BOX and b.level <= blocks[i].level:
            return False
        if b.level is not None and b.level > blocks[i].level:
            return True
    return False


def _part_blocks(blocks: list[Block], i: int) -> list[Block]:
    """The heading and everything under it, to the next heading of its level or above."""
    own = [blocks[i]]
    for b in blocks[i + 1 :]:
        if b.level is not None and b.level not in (LEVEL_BOX,) and b.level <= blocks[i].level:
            break
        own.append(b)
    return own


def _covered(blocks: list[Block], i: int, taken: set[int]) -> bool:
    """Whether a paragraph sits under a heading that is (or will be) a task of its own."""
    return any(b.level in (2, 3, 4, LEVEL_BOX) or id(b) in taken for b in _enclosing(blocks, i))


def _enclosing(blocks: list[Block], i: int) -> list[Block]:
    """The nearest heading above a paragraph, if any."""
    for b in reversed(blocks[:i]):
        if b.is_heading:
            return [b]
    return []


def _leading_paragraphs(blocks: list[Block]) -> list[Block]:
    out = []
    for b in blocks:
        if b.is_heading:
            break
        out.append(b)
    return out


def _next(counts: dict[str, int], kind: str) -> int:
    counts[kind] = counts.get(kind, 0) + 1
    return counts[kind]


def _project(plan_id: str, text: str, kind: str, head: Block, own: list[Block], counts: dict[str, int]) -> Project:
    n = _next(counts, kind)
    start, end = own[0].start, own[-1].end
    if kind == "part":  # its words are the heading and opening paragraph; its span covers its items
        own = [own[0], *[b for b in _leading_paragraphs(own[1:])]]
    body = "\n".join(text[b.start : b.end] for b in own)
    return Project(
        id=f"{plan_id}:{kind}-{n}", plan=plan_id, kind=kind, number=n, label=head.marker,
        title=head.title, section=" > ".join(head.path), text=body, span_start=start, span_end=end,
    )


def _paired_rows(plan_id: str, text: str, task: Project, own: list[Block], counts: dict[str, int]) -> list[Project]:
    """A table copied one cell per line under a task: each paragraph followed by a line that is
    only a responsibility clause ("市发改委牵头落实") is a row of its own, when there are two or more."""
    from .clauses import parse

    pairs = []
    for a, b in zip(own[1:], own[2:], strict=False):
        if (not a.is_heading and not b.is_heading and len(a.text) > 30 and len(b.text) <= 60
                and not CLAUSE_CUE.search(a.text[-30:]) and parse(b.text)):
            pairs.append((a, b))
    if len(pairs) < 2:
        return []
    out = []
    for a, b in pairs:
        n = _next(counts, "subtask")
        out.append(Project(
            id=f"{plan_id}:subtask-{n}", plan=plan_id, kind="subtask", number=n, label=f"行{len(out) + 1}",
            title=re.split(r"[,。;]", a.text, maxsplit=1)[0][:60], section=" > ".join([*own[0].path, f"{task.label}{task.title}"]),
            text=text[a.start : b.end], span_start=a.start, span_end=b.end, parent=task.id,
        ))
    return out


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
    task_col = next((k for k, n in enumerate(names) if _TASK_COL.search(n) and not _LEAD_COL.search(n)), 1)
    numbered = bool(_NUMBER_COL.match(names[0]))
    has_lead_col = any(_LEAD_COL.search(n) for n in names)
    projects, cells = [], []
    for i, row in enumerate(table.rows):
        if not row or task_col >= len(row) or not row[task_col].text:
            continue
        more = table.wrapped.get(i, [])
        n = _next(counts, "annex-row")
        pid = f"{plan_id}:annex-row-{n}"
        work = row[task_col]
        label = f"序号 {row[0].text}" if numbered else f"行 {n}"
        projects.append(Project(
            id=pid, plan=plan_id, kind="annex-row", number=n, label=label,
            title=re.split(r"[,。;]", work.text, maxsplit=1)[0][:60], section=" > ".join(row[0].path),
            text="\n".join(text[b.start : b.end] for b in row[1 if numbered else 0 :]),
            span_start=row[0].start, span_end=max([row[-1].end, *(c.end for _, c in more)]),
        ))
        for k, cell in [*enumerate(row), *more]:
            if k >= len(names) or k == task_col or (numbered and k == 0) or not cell.text:
                continue
            name = names[k]
            if _IGNORED_COL.search(name) and not _LEAD_COL.search(name):
                continue
            if _LEAD_COL.search(name):
                cells.append(Cell(pid, "lead", cell))
            elif _SUPPORT_COL.search(name):
                cells.append(Cell(pid, "support", cell))
            elif _RESP_COL.search(name):
                cells.append(Cell(pid, "after-lead" if has_lead_col else "responsible", cell))
    return projects, cells
