"""Responsibility clauses: the words after a task that say who leads and who supports it.

Chinese government documents state responsibility in a few fixed forms, read
here from the conventions rather than from any one plan:

- labelled slots: ``牵头单位:X;配合单位:Y``, ``主责单位:X 协同单位:Y``,
  ``责任单位:X、Y`` (a 责任单位 after a lead slot names supporters; alone, the
  document's own stated rule decides, else the first listed leads);
- verb clauses: ``X牵头,Y配合``, ``X、Y牵头,A、B按职责分工负责``, ``X牵头,Y参与``,
  ``由X牵头``, ``X牵头负责``, ``X负责``, ``X会同Y负责``, ``X、Y分工负责`` (no lead
  named: all of them lead);
- a bare list ``(X、Y、Z)``: the first listed leads, the rest support.

``parse`` reads one clause (the inside of a bracket, a table cell, or a sentence)
and returns role groups; it returns [] for anything that is not a clause, so
callers may offer it every bracket of a plan. Names are checked by
``agencies.is_agency_name``: a clause whose subject is not a body (企业牵头,
牵头申报单位, 项目负责人) is not a clause.

>>> [(g.role, g.basis, [n.surface for n in g.names]) for g in parse("牵头单位:市发改委;配合单位:市经信局、市科技局")]
[('lead', 'explicit', ['市发改委']), ('support', 'explicit', ['市经信局', '市科技局'])]
>>> [(g.role, [n.surface for n in g.names]) for g in parse("省经信委、省发改委牵头,省科技厅按职责分工负责")]
[('lead', ['省经信委', '省发改委']), ('support', ['省科技厅'])]
>>> [(g.role, g.basis, [n.surface for n in g.names]) for g in parse("市大数据局、市财政局分工负责")]
[('lead', 'explicit', ['市大数据局', '市财政局'])]
>>> parse("企业牵头,高校参与")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import Name, is_agency_name, split_names

LEAD, SUPPORT = "lead", "support"

# Slot labels. The role word comes first, 单位/部门 after; a bare "牵头:" is a label too.
_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[\s;,。:(]))"
    r"(?P<label>(?:主要|主|其他|其它|相关|牵头)?(?:牵头|主责|责任|配合|协办|协同|协作|参与|参加|支持|协助|实施|落实)(?:单位|部门|处室|机构)"
    r"|牵头|配合|责任主体)"
    r"\s*(?:为)?\s*[:]\s*|"
    r"(?:(?<=^)|(?<=[\s;,。(]))(?P<label2>(?:主要)?(?:牵头|责任|配合)(?:单位|部门))\s+(?=[\u4e00-\u9fff])"
)
_LEAD_LABEL = re.compile(r"^(?:主要|主)?(?:牵头|主责)")
_RESP_LABEL = re.compile(r"^(?:主要|相关|其他|其它)?(?:责任|实施|落实)|责任主体")
_SUPPORT_LABEL = re.compile(r"^(?:其他|其它|相关)?(?:配合|协办|协同|协作|参与|参加|支持|协助)")
# "【牵头单位】市发改委【配合单位】市经信局": a label in its own brackets (【】 read as ()).
_BRACKET_LABEL = re.compile(r"\(\s*((?:主要|主|其他|相关|牵头)?(?:牵头|主责|责任|配合|协办|协同|参与|参加|支持)(?:单位|部门))\s*\)\s*:?")
# "市发改委(牵头)": a body marked as the lead inside a list.
_LEAD_MARK = re.compile(r"(?<=[\u4e00-\u9fff)])\((?:牵头|牵头单位|牵头部门|主责)\)")
# "部门分工:X牵头,Y配合": an introduction, not a slot.
_INTRO = re.compile(r"^\s*(?:部门|责任|职责|任务|工作)?分工\s*:\s*")
# Chunks about time or progress that share a bracket with the clause: "持续推进", "完成时限:10月".
_SKIP_CHUNK = re.compile(r"^(?:持续|长期|逐年|按年度|年内|全年|常态化)[\u4e00-\u9fff]{0,4}$|\d{4}\s*年|\d{1,2}\s*月|年底|年末|底前|完成时|时限|时间:|进度")

# Verb endings of a clause chunk, longest first. Group "v" is the verb phrase.
_LEAD_VERBS = r"牵头负责|牵头组织实施|牵头组织|牵头抓总|牵头落实|牵头推进|负责牵头|牵头|为牵头单位|主责|总牵头|负总责"
_SPLIT_VERBS = (r"按职责分工负责|按照职责分工负责|按职能分工负责|按职责分工落实|按职责负责|根据职责分工负责|分工负责|"
                r"按职责分工抓好落实|按职责落实|分别负责|共同负责|各负其责|负责落实|具体负责|组织实施|负责实施|负责推进|负责")
_SUPPORT_VERBS = (r"配合|参与|参加|协助|协办|协同|支持|为配合单位|为责任单位|落实|共同推进|共同参与|按职责参与|"
                  r"提供技术支撑|提供支撑|提供技术支持|提供支持|提供保障")
_CHUNK_VERB = re.compile(rf"^(?P<names>.+?)\s*(?:均|都|分别|共同|要|需|全力|积极|密切|主动)?\s*(?P<v>{_LEAD_VERBS}|{_SPLIT_VERBS}|{_SUPPORT_VERBS})\s*$")
_WITH = re.compile(rf"^(?P<a>.+?)(?:会同|联合|协同|牵头,?会同)(?P<b>.+?)(?:{_SPLIT_VERBS}|共同推进|推进|实施|落实)?$")
_BY = re.compile(r"^由")
# "X牵头、Y配合": a 、 right after a role verb separates two chunks, not two names.
_VERB_BEFORE = re.compile(r"(?:牵头|负责|配合|参与|协助)$")
_HAS_VERB = re.compile(rf"(?:{_LEAD_VERBS}|{_SUPPORT_VERBS}|分工负责)\s*(?:[,;]|$)")
_SLOT_VERB = re.compile(rf"\s*(?:{_LEAD_VERBS}|{_SPLIT_VERBS}|{_SUPPORT_VERBS})\s*$")
# A slot that is not about roles ends the one before it: "完成时限:2022年6月".
_OTHER_LABEL = re.compile(r"[;,。\s](?:完成|时间|时限|进度|备注|牵头领导|责任领导|联系人)[\u4e00-\u9fff]{0,4}\s*:")

# Sentences stated once for the whole document; never agencies, cut out of any clause.
RULE_WORDS = re.compile(
    r"(?:以下|下同|不再一一|不再重复|不再列出|不再单独|排名第一|排在首位|排在第一|列第一位|列首位|排序第一|第一个单位|首位的|除专门列出|"
    r"除特别注明|除单独列出|各项任务均|均需)"
)


@dataclass
class Group:
    names: list[Name]
    role: str  # lead | support
    basis: str  # explicit | first-listed | document-rule


def parse(text: str, offset: int = 0, first_leads_rule: bool = False, bare_ok: bool = True,
          in_cell: bool = False) -> list[Group]:
    """Role groups stated in one clause; [] when the text is not a clause.

    ``first_leads_rule``: the document has said that the first body of a list leads.
    ``bare_ok``: a bare list of bodies may be read with the first-listed convention.
    ``in_cell``: the clause is a 责任单位 table cell, whose form is "X牵头,Y按职责分工负责":
    there 按职责分工负责 marks supporters even when the lead was cut off.
    """
    text, offset = _cut_rules(text, offset)
    text = re.sub(r"[\s(]+$", "", text)  # a bracket left open at the end of the line
    text = _BRACKET_LABEL.sub(lambda m: " " + m.group(1) + ":" + " " * (len(m.group(0)) - len(m.group(1)) - 2), text)
    marked = [m for m in _LEAD_MARK.finditer(text)]
    if marked:
        return _marked(text, offset, marked, first_leads_rule, bare_ok, in_cell)
    intro = _INTRO.match(text)
    if intro:
        text, offset = text[intro.end() :], offset + intro.end()
    if not text.strip():
        return []
    if _LABEL.search(text):
        return _labelled(text, offset, first_leads_rule)
    return _verbs(text, offset, first_leads_rule, bare_ok, in_cell)


def _cut_rules(text: str, offset: int) -> tuple[str, int]:
    """Drop a document rule sentence that shares the bracket with the clause."""
    m = RULE_WORDS.search(text)
    if not m:
        return text, offset
    # The rule starts at the chunk holding the rule word: cut from the separator before it.
    cut = max(text.rfind(ch, 0, m.start()) for ch in "。;,")
    if cut < 0:
        return "", offset
    return text[:cut], offset


def _labelled(text: str, offset: int, first_leads_rule: bool) -> list[Group]:
    slots = []
    marks = list(_LABEL.finditer(text))
    if marks and text[: marks[0].start()].strip(" ;,。:"):
        return []  # words before the first label: not a slot clause (a sentence mentioning 牵头单位)
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        label = m.group("label") or m.group("label2")
        body = text[m.end() : end]
        stop = re.search(r"[。]", body)
        if stop:
            body = body[: stop.start()]
        body = re.split(_OTHER_LABEL, body, maxsplit=1)[0]
        verb_groups = _verbs(body, offset + m.end(), first_leads_rule, False, False) if _HAS_VERB.search(body) else []
        if verb_groups:
            slots.append((label, verb_groups))
            continue
        names = _names(_SLOT_VERB.sub("", body), offset + m.end())
        if names is None:
            return []
        slots.append((label, names))
    has_lead = any(_LEAD_LABEL.match(lb) for lb, _ in slots)
    out: list[Group] = []
    for label, names in slots:
        if not names:
            continue
        if isinstance(names[0], Group):
            out.extend(names)  # "责任单位:X、Y牵头,Z配合": the body says the roles itself
        elif _LEAD_LABEL.match(label):
            out.append(Group(names, LEAD, "explicit"))
        elif _SUPPORT_LABEL.match(label) or (_RESP_LABEL.search(label) and has_lead):
            out.append(Group(names, SUPPORT, "explicit"))
        elif _RESP_LABEL.search(label):
            out.extend(_first_listed(names, "document-rule" if first_leads_rule else "first-listed"))
    return out


def _marked(text: str, offset: int, marks: list, first_leads_rule: bool, bare_ok: bool, in_cell: bool) -> list[Group]:
    """"市发改委(牵头)、市经信局、市财政局": the marked bodies lead, the others of the clause support."""
    blank = text
    for m in marks:
        blank = blank[: m.start()] + " " * (m.end() - m.start()) + blank[m.end() :]
    groups = parse(blank, offset, first_leads_rule, bare_ok=True, in_cell=in_cell)
    leads = {offset + m.start() for m in marks}
    names = [n for g in groups for n in g.names]
    lead = [n for n in names if any(0 <= p - n.end <= 1 for p in leads)]
    if not lead:
        return groups
    rest = [n for n in names if n not in lead]
    return [Group(lead, LEAD, "explicit")] + ([Group(rest, SUPPORT, "explicit")] if rest else [])


def _first_listed(names: list[Name], basis: str, single: str = "explicit") -> list[Group]:
    """The first of a list leads; ``single`` is the basis when the list has one name."""
    if len(names) == 1:
        return [Group(names, LEAD, single)]
    return [Group(names[:1], LEAD, basis), Group(names[1:], SUPPORT, basis)]


def _verbs(text: str, offset: int, first_leads_rule: bool, bare_ok: bool, in_cell: bool) -> list[Group]:
    pieces = chunks(text, offset)
    if not pieces:
        return []
    out: list[Group] = []
    pending: list[Name] = []  # names in a chunk of their own: they share the next chunk's verb
    saw_lead = False
    bare_only = True
    for chunk, start in pieces:
        if _SKIP_CHUNK.search(re.sub(r"\s+", "", chunk)) and not is_agency_name(chunk):
            continue
        body = chunk
        m_by = _BY.match(body)
        if m_by:
            body, start = body[1:], start + 1
        w = _WITH.match(body)
        if w and "," not in body:
            a = _names(w.group("a"), start)
            b = _names(w.group("b"), start + w.start("b"))
            if a and b:
                out.append(Group(pending + a, LEAD, "explicit"))
                out.append(Group(b, SUPPORT, "explicit"))
                pending, saw_lead, bare_only = [], True, False
                continue
        if body.startswith(("会同", "联合", "协同")) and saw_lead:
            names = _names(re.sub(rf"^(?:会同|联合|协同)|(?:{_SPLIT_VERBS}|{_SUPPORT_VERBS}|共同推进|推进)$", "", body), start + 2)
            if names:
                out.append(Group(pending + names, SUPPORT, "explicit"))
                pending, bare_only = [], False
                continue
        m = _CHUNK_VERB.match(body)
        if m:
            names = _names(m.group("names"), start)
            if not names:
                return []
            names = pending + names
            pending = []
            bare_only = False
            verb = m.group("v")
            if re.fullmatch(_LEAD_VERBS, verb):
                out.append(Group(names, LEAD, "explicit"))
                saw_lead = True
            elif re.fullmatch(_SPLIT_VERBS, verb):
                if not saw_lead and first_leads_rule and len(names) > 1:
                    out.extend(_first_listed(names, "document-rule"))
                else:
                    out.append(Group(names, SUPPORT if saw_lead or in_cell else LEAD, "explicit"))
                saw_lead = True
            else:
                out.append(Group(names, SUPPORT, "explicit"))
            continue
        names = _names(body, start)
        if not names:
            return []
        pending.extend(names)
    if bare_only:
        if not bare_ok or not pending:
            return []
        basis = "document-rule" if first_leads_rule else "first-listed"
        return _first_listed(pending, basis, single="first-listed")
    if pending:
        out.append(Group(pending, SUPPORT if saw_lead else LEAD, "explicit"))
    return out


def chunks(text: str, offset: int) -> list[tuple[str, int]]:
    """Split a clause on , ; 。 outside brackets; spans kept."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text + ";"):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif (ch in ",;。" or (ch == "、" and _VERB_BEFORE.search(text, 0, i))) and depth == 0:
            piece = text[start:i]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                out.append((piece, offset + start + lead))
            start = i + 1
    return out


def _names(text: str, offset: int) -> list[Name] | None:
    """The bodies named in a list, or None when any piece is not a body."""
    names = split_names(text, offset)
    if not names:
        return []
    if not all(is_agency_name(n.surface) for n in names):
        return None
    return names
