"""Stage 3b: who leads and who supports each project, with the words it was read from.

Layouts handled (basis in brackets):
- annex cells "X、Y牵头,A、B等按职责分工负责" and 牵头单位 / 配合单位 columns [explicit];
- "(牵头单位:…)", "(牵头单位:…;配合单位:…)", "(责任单位:…)" after a task [explicit;
  a 责任单位 list of several names follows the first-listed convention];
- a bare parenthesised agency list closing a task "(省经信委、省发改委…,各市及县市区政府)":
  the first listed leads, the rest support [first-listed];
- sentences "X负责…", "由X牵头", "X会同Y…" [sentence].
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import AGENCY_SUFFIX, Name, looks_like_agency, split_names
from .projects import Cell
from .records import Project

_LEAD_LABEL = re.compile(r"^(?:主要)?(?:牵头|主责)(?:单位|部门)?$")
_RESP_LABEL = re.compile(r"^(?:主要)?责任(?:单位|部门)$")
_SUPPORT_LABEL = re.compile(r"^(?:配合|协办|参与|协助)(?:单位|部门)?$")
_TRAIL = re.compile(r"\s*(等)?\s*(按[职责分工负]*)?\s*$")
_NAME = rf"(?:[\u4e00-\u9fff]{{1,16}}?{AGENCY_SUFFIX}(?:\([\u4e00-\u9fff]{{2,16}}\))?)"
_SENT_LEAD = re.compile(rf"(?:^|(?<=[。;,:\n]))\s*(由)?({_NAME})(?:负责(?![人同])|牵头(?![单部]))")
_SENT_WITH = re.compile(rf"({_NAME})会同({_NAME}(?:、{_NAME})*)")


@dataclass
class RawRole:
    project: str
    names: list[Name]
    role: str
    basis: str
    evidence: tuple[int, int]


def parentheticals(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Spans (inner start, inner end) of top-level balanced (...) groups."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append((offset + start, offset + i))
    return out


def from_cell(cell: Cell, norm: str) -> list[RawRole]:
    """Roles stated in an annex table cell."""
    b = cell.block
    text = norm[b.start : b.end]
    ev = (b.start, b.end)
    if cell.column in ("lead", "support"):
        return [RawRole(cell.project, split_names(_TRAIL.sub("", text), b.start), cell.column, "explicit", ev)]
    k = text.find("牵头")
    if k < 0:
        return [RawRole(cell.project, split_names(_TRAIL.sub("", text), b.start), "support", "explicit", ev)]
    out = [RawRole(cell.project, split_names(text[:k], b.start), "lead", "explicit", ev)]
    rest = text[k + 2 :]
    rest_start = b.start + k + 2 + (len(rest) - len(rest.lstrip(",; ")))
    rest = rest.lstrip(",; ")
    cut = re.search(r"(等)?\s*(按职责分工负责|按职|配合|负责)", rest)
    rest = rest[: cut.start()] if cut else _TRAIL.sub("", rest)
    if rest:
        out.append(RawRole(cell.project, split_names(rest, rest_start), "support", "explicit", ev))
    return out


def from_text(project: Project, norm: str, is_agency) -> list[RawRole]:
    """Roles written into a project's own text. ``is_agency(name)`` says whether a name is a known body."""
    s, e = project.span_start, project.span_end
    text = norm[s:e]
    out: list[RawRole] = []
    labelled = False
    for a, b in parentheticals(text, s):
        inner = norm[a:b]
        parts = _labelled(inner, a)
        if parts:
            labelled = True
            out.extend(RawRole(project.id, names, role, basis, (a - 1, b + 1)) for names, role, basis in parts)
    if not labelled:
        out.extend(_trailing_list(project, norm, text, s, is_agency))
    for m in _SENT_LEAD.finditer(text):
        name = m.group(2)
        if is_agency(name) or looks_like_agency(name):
            out.append(RawRole(project.id, [Name(name, s + m.start(2), s + m.end(2))], "lead", "sentence", _sentence(norm, s + m.start(2))))
    for m in _SENT_WITH.finditer(text):
        out.append(RawRole(project.id, [Name(m.group(1), s + m.start(1), s + m.end(1))], "lead", "sentence", _sentence(norm, s + m.start(1))))
        out.append(RawRole(project.id, split_names(m.group(2), s + m.start(2)), "support", "sentence", _sentence(norm, s + m.start(2))))
    return out


def _labelled(inner: str, offset: int) -> list[tuple[list[Name], str, str]]:
    """'牵头单位:A、B;配合单位:C' → [(A,B lead), (C support)]; [] when not labelled."""
    out = []
    pos = 0
    for seg in re.split(r"([;])", inner):
        if seg == ";":
            pos += 1
            continue
        m = re.match(r"\s*([\u4e00-\u9fff]{2,8})\s*:\s*", seg)
        if m:
            label, names_text = m.group(1), seg[m.end() :]
            names = split_names(_TRAIL.sub("", names_text), offset + pos + m.end())
            if _LEAD_LABEL.match(label):
                out.append((names, "lead", "explicit"))
            elif _SUPPORT_LABEL.match(label):
                out.append((names, "support", "explicit"))
            elif _RESP_LABEL.match(label):
                if len(names) == 1:
                    out.append((names, "lead", "explicit"))
                elif names:
                    out.append((names[:1], "lead", "first-listed"))
                    out.append((names[1:], "support", "first-listed"))
        pos += len(seg)
    return out


def _trailing_list(project: Project, norm: str, text: str, s: int, is_agency) -> list[RawRole]:
    """A bare agency list in parentheses that closes a paragraph of the project."""
    out = []
    for a, b in parentheticals(text, s):
        after = norm[b + 1 : b + 3]
        if not re.match(r"^(。?\s*(\n|$)|。?$)", after) and b + 1 < s + len(text):
            continue
        names = split_names(norm[a:b], a)
        if not names or not all(is_agency(n.surface) or looks_like_agency(n.surface) for n in names):
            continue
        ev = (a - 1, b + 1)
        out.append(RawRole(project.id, names[:1], "lead", "first-listed", ev))
        if len(names) > 1:
            out.append(RawRole(project.id, names[1:], "support", "first-listed", ev))
    return out


def _sentence(norm: str, pos: int) -> tuple[int, int]:
    """Span of the sentence around ``pos``."""
    start = max(norm.rfind("。", 0, pos), norm.rfind("\n", 0, pos)) + 1
    ends = [i for i in (norm.find("。", pos), norm.find("\n", pos)) if i >= 0]
    end = min(ends) + 1 if ends else len(norm)
    return start, end
