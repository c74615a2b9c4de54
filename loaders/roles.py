"""Stage 3b: who leads and who supports each project, with the words it was read from.

Where a plan states responsibility (basis in brackets):

- table cells: 牵头单位 / 配合单位 / 责任单位 columns, or one cell "X牵头,Y配合" [explicit];
- a bracket anywhere in a project holding a clause (see ``clauses``): labelled slots or
  verb clauses [explicit]; a 责任单位 list or a bare list closing a sentence: the first
  listed leads [first-listed, or document-rule when the plan says so];
- a sentence that is nothing but a clause ("市发改委牵头,市经信局配合。") [explicit];
- running text "由X牵头,会同Y…", "X负责…", "X会同Y…" [sentence];
- a heading or opening paragraph carrying a clause: it applies to every item under it
  that states none of its own [inherited];
- a collective named once for every later task ("以下任务均需各区市政府落实,不再一一
  列出") [document-rule].

Each clause belongs to the innermost project containing it, so a clause that closes
one sentence of a task with 一是/二是 sub-items goes to that sub-item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import clauses, docrules
from .agencies import Name, is_agency_name, split_names
from .projects import Cell
from .records import Project

_NAMES = r"[\u4e00-\u9fff()、]{2,60}?"
# A sentence's chunk that opens with bodies and a role verb: "由X牵头…", "X、Y分工负责…", "Z全力配合".
_SENT_ROLE = re.compile(
    rf"^(?:由)?(?P<a>{_NAMES})\s*(?:(?:相关|有关|分管)?(?:负责同志|负责人|同志))?(?:均|都|分别|共同|全力|积极|密切|主动)?"
    r"(?P<v>牵头负责|负责牵头|牵头(?![申单部])|按职责分工负责|分工负责|共同负责|负责(?![人同任])|具体实施|组织实施|负责实施|承担|承办|"
    r"配合|参与|参加|协助|协同|支持|提供技术支撑|提供支撑)"
)
_AFTER_NAMES = r"(?=$|等|共同|联合|建立|制定|研究|开展|推进|组织|负责|做好|出台|实施|完善|加强|落实|编制|建设)"
_SENT_WITH = re.compile(rf"^由?(?P<a>{_NAMES})(?:牵头,?)?会同(?P<b>{_NAMES}){_AFTER_NAMES}")
_SENT_JOINED = re.compile(rf"^(?:会同|联合|协同)(?P<b>{_NAMES}){_AFTER_NAMES}")
# Cheap filters before the clause grammar: a role word, or the ending of a body's name.
_ROLE_WORD = re.compile(r"牵头|负责|配合|参与|参加|协助|协同|协办|支持|承担|承办|实施|会同|单位|部门|落实|主责")
_MAY_NAME = re.compile(r"[厅局委办府部门位心院会社司团组商所署处馆站行关队管]|牵头|负责|配合")
_SENT_END = re.compile(r"[。;\n]")


@dataclass
class RawRole:
    project: str
    names: list[Name]
    role: str
    basis: str
    evidence: tuple[int, int]


def plan_roles(projects: list[Project], cells: list[Cell], norm: str) -> list[RawRole]:
    """Every role a plan states, attached to its project (see the module docstring)."""
    rules = docrules.find(norm)
    out = [r for c in cells for r in from_cell(c, norm, rules)]
    own: dict[str, list[RawRole]] = {p.id: [] for p in projects}
    heading_clause: dict[str, list[RawRole]] = {}
    claimed: list[tuple[int, int]] = []
    for p in sorted(projects, key=lambda p: p.span_end - p.span_start):
        if p.kind == "annex-row":
            continue
        found = _clauses_in(p, norm, rules, claimed, projects)
        own[p.id].extend(found)
        first_child = min((q.span_start for q in projects if q is not p and _inside(q, p)), default=None)
        if first_child is not None:
            heading_clause[p.id] = [r for r in found if r.evidence[1] <= first_child]
    _inherit(projects, own, heading_clause)
    _document_collectives(projects, own, rules, out)
    for p in projects:
        out.extend(own[p.id])
    return out


def from_cell(cell: Cell, norm: str, rules: docrules.Rules) -> list[RawRole]:
    """Roles stated in one table cell."""
    b = cell.block
    text = norm[b.start : b.end]
    ev = (b.start, b.end)
    first = rules.first_leads(b.start)
    if cell.column in ("lead", "support"):
        names = [n for n in split_names(_trim(text), b.start, spaces=True) if is_agency_name(n.surface)]
        return [RawRole(cell.project, names, cell.column, "explicit", ev)] if names else []
    groups = clauses.parse(text, b.start, first, in_cell=True)
    if not groups and cell.column == "after-lead":
        names = [n for n in split_names(_trim(text), b.start, spaces=True) if is_agency_name(n.surface)]
        return [RawRole(cell.project, names, "support", "explicit", ev)] if names else []
    if cell.column == "after-lead":
        groups = [clauses.Group(g.names, "support", "explicit") for g in groups]
    return [RawRole(cell.project, g.names, g.role, g.basis, ev) for g in groups]


def _trim(text: str) -> str:
    return re.sub(r"\s*(等)?\s*(按[职责分工负]*)?\s*$", "", text)


def _inside(q: Project, p: Project) -> bool:
    return p.span_start <= q.span_start and q.span_end <= p.span_end and (q.span_end - q.span_start) < (p.span_end - p.span_start)


def _free(a: int, b: int, claimed: list[tuple[int, int]]) -> bool:
    return all(b <= s or a >= e for s, e in claimed)


def _clauses_in(p: Project, norm: str, rules: docrules.Rules, claimed: list, projects: list[Project]) -> list[RawRole]:
    """Clauses inside one project's span that no smaller project has taken."""
    s, e = p.span_start, p.span_end
    out: list[RawRole] = []
    for a, b in brackets(norm[s:e], s):
        if not _free(a - 1, b + 1, claimed) or not _MAY_NAME.search(norm, a, b):
            continue
        groups = clauses.parse(norm[a:b], a, rules.first_leads(a), bare_ok=_closes_sentence(norm, a, b, e))
        if groups:
            claimed.append((a - 1, b + 1))
            out.extend(RawRole(p.id, g.names, g.role, g.basis, (a - 1, b + 1)) for g in groups)
    for a, b in _sentences(norm, s, e):
        if not _ROLE_WORD.search(norm, a, b):
            continue  # most sentences of a plan say what to do, not who does it
        if not _free(a, b, claimed):
            out.extend(_running_text(p, norm, a, b, claimed))  # the words around a clause bracket
            continue
        groups = clauses.parse(norm[a:b], a, rules.first_leads(a), bare_ok=False)
        if groups and _whole_clause(norm[a:b]):
            claimed.append((a, b))
            out.extend(RawRole(p.id, g.names, g.role, g.basis, (a, b)) for g in groups)
            continue
        out.extend(_running_text(p, norm, a, b, claimed))
    return out


def _whole_clause(sentence: str) -> bool:
    """A sentence that is only a clause (no task words around it): short and verb-final."""
    return len(sentence) <= 120


def _running_text(p: Project, norm: str, a: int, b: int, claimed: list) -> list[RawRole]:
    """Roles inside a sentence of running text: "由X牵头,会同Y…", "X负责…", "X会同Y…",
    then "Z配合 / Z参与" after a lead in the same sentence."""
    out: list[RawRole] = []
    saw_lead = False
    ev = _sentence_span(norm, a)
    for chunk, start in clauses.chunks(norm[a:b], a):
        ends = [e for s_, e in claimed if start <= s_ < start + len(chunk)]
        if ends:  # text after a clause bracket: "(X负责)Y负责统筹…"
            cut = max(ends) - start
            chunk, start = chunk[cut:].lstrip(), start + cut + len(chunk[cut:]) - len(chunk[cut:].lstrip())
        if not chunk or not _free(start, start + len(chunk), claimed):
            continue
        m = _SENT_WITH.match(chunk)
        if m:
            lead, sup = _names(m.group("a"), start + m.start("a")), _names(m.group("b"), start + m.start("b"))
            if lead and sup:
                out += [RawRole(p.id, lead, "lead", "sentence", ev), RawRole(p.id, sup, "support", "sentence", ev)]
                saw_lead = True
                continue
        m = _SENT_JOINED.match(chunk)
        if m and saw_lead:  # "由X牵头,会同Y研究出台…"
            sup = _names(m.group("b"), start + m.start("b"))
            if sup:
                out.append(RawRole(p.id, sup, "support", "sentence", ev))
                continue
        m = _SENT_ROLE.match(chunk)
        if not m:
            continue
        names = _names(m.group("a"), start + m.start("a"))
        if not names:
            continue
        verb = m.group("v")
        if verb.startswith(("配合", "参与", "参加", "协助", "协同", "支持", "提供")) or (saw_lead and "负责" in verb):
            leads = {n.surface for r in out if r.role == "lead" for n in r.names}
            names = [n for n in names if n.surface not in leads]  # the lead is not its own supporter
            if saw_lead and names:
                out.append(RawRole(p.id, names, "support", "sentence", ev))
            continue
        out.append(RawRole(p.id, names, "lead", "sentence", ev))
        saw_lead = True
    if out:  # a larger project around this one must not read the same sentence again
        claimed.append((a, b))
    return out


def _names(text: str, offset: int) -> list[Name]:
    # In running text everything before the last 由 is the work, not a list of bodies
    # ("…信息发布等工作由州政府电子政务办具体实施"); split_names alone would see a list to split.
    by = [m.end() for m in re.finditer(r"(?<!自)由", text)]
    if by:
        text, offset = text[by[-1] :], offset + by[-1]
    names = split_names(text, offset)
    return names if names and all(is_agency_name(n.surface) for n in names) else []


def brackets(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans (inner start, inner end) of top-level balanced (...) groups.

    A "(" that is never closed (a typo such as 〔2022﹞ in the copy) is passed over, so it
    cannot swallow the clauses after it.
    """
    out, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append((offset + start, offset + i))
        i += 1
        if i == len(text) and depth:
            end = text.find("\n", start)
            out.append((offset + start, offset + (end if end >= 0 else len(text))))  # closed by the line's end
            depth, i = 0, start  # and rescan just after it
    return out



def _closes_sentence(norm: str, a: int, b: int, end: int) -> bool:
    """A bracket right before a full stop, a line end or the end of the item (or right after a stop)."""
    after = norm[b + 1 : b + 3]
    before = norm[max(0, a - 2) : a - 1]
    return b + 1 >= end or bool(re.match(r"^(。|;|\.|\s*\n|$)", after)) or before in ("。", ";")


def _sentences(norm: str, s: int, e: int) -> list[tuple[int, int]]:
    out, start = [], s
    for m in _SENT_END.finditer(norm, s, e):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, e))
    return [(a + len(norm[a:b]) - len(norm[a:b].lstrip()), b) for a, b in out if norm[a:b].strip()]


def _sentence_span(norm: str, pos: int) -> tuple[int, int]:
    start = max(norm.rfind("。", 0, pos), norm.rfind("\n", 0, pos)) + 1
    ends = [i for i in (norm.find("。", pos), norm.find("\n", pos)) if i >= 0]
    return start, (min(ends) + 1 if ends else len(norm))


def _inherit(projects: list[Project], own: dict[str, list[RawRole]], heading_clause: dict[str, list[RawRole]]) -> None:
    """Items that state no clause take the clause of the nearest heading above them that does."""
    holders = [p for p in projects if heading_clause.get(p.id)]
    for q in projects:
        if own[q.id] or q.kind == "annex-row":
            continue
        above = [p for p in holders if p is not q and _inside(q, p)]
        if above:
            nearest = min(above, key=lambda p: p.span_end - p.span_start)
            own[q.id] = [RawRole(q.id, r.names, r.role, "inherited", r.evidence) for r in heading_clause[nearest.id]]


def _document_collectives(projects: list[Project], own: dict[str, list[RawRole]], rules: docrules.Rules, cell_roles: list[RawRole]) -> None:
    """A collective named once supports every later task that states a clause of its own."""
    if not rules.collectives:
        return
    with_roles = {r.project for r in cell_roles} | {pid for pid, rs in own.items() if rs}
    for p in projects:
        if p.id not in with_roles:
            continue
        named = {n.surface for r in own[p.id] + [r for r in cell_roles if r.project == p.id] for n in r.names}
        for c in rules.collectives:
            if p.span_start <= c.start:
                continue  # "以下": the items after the one that states the rule
            names = [n for n in c.names if n.surface not in named]
            if names:
                own[p.id].append(RawRole(p.id, names, "support", "document-rule", (c.start, c.start + len(names[0].surface))))
