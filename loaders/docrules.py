"""Rules a plan states once and applies to everything after it.

Two kinds are common in Chinese government documents:

- which body of a 责任单位 list leads: "排名第一的部门为牵头责任单位,下同",
  "列第一位的为牵头单位", "排在首位的为牵头单位";
- a collective that shares every later task: "以下各项任务均需各区市政府落实,
  不再一一列出", "除专门列出外,以下任务均涉及各市(州)数据管理部门,不再重复".

The sentences themselves are never agencies; ``clauses.parse`` cuts them out.

>>> r = find("(责任单位:市发改委。排名第一的为牵头单位,下同)")
>>> r.first_leads_from
0
>>> [(c.names[0].surface, c.start) for c in find("以下各项任务均需各区市政府落实,不再一一列出。").collectives]
[('各区市政府', 0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agencies import Name, is_agency_name, split_names

_FIRST_LEADS = re.compile(
    r"(?:排名第一|排在第一|排第一|排名首位|排在首位|排序第一|列第一位|列首位|列在首位|列在第一位|排在最前|第一个|首个|第一)(?:位)?(?:的|者)?"
    r"(?:部门|单位)?(?:为|是|作为)(?:牵头|主要|主责)"
)
_ALL_LATER = re.compile(
    r"(?:除(?:专门|特别|单独|另行)?(?:列出|注明|明确)(?:的)?(?:外|以外)[,]?)?"
    r"(?:以下|下列)(?:各项|所有|全部)?(?:任务|工作|事项)?(?:均|都)(?:需|需要|要|由|涉及|包括|有)?"
    r"(?P<names>[^,。;]{2,60}?)"
    r"(?:负责落实|共同落实|抓好落实|落实|负责|参与|配合|按职责分工负责)?[,]?\s*(?:不再(?:一一)?(?:列出|重复|列举|单独列出|逐一列出))"
)


@dataclass
class Collective:
    names: list[Name]
    start: int  # the rule applies to what starts after this offset


@dataclass
class Rules:
    first_leads_from: int | None = None  # offset after which the first of a 责任单位 list leads
    collectives: list[Collective] = field(default_factory=list)

    def first_leads(self, pos: int) -> bool:
        return self.first_leads_from is not None and pos >= self.first_leads_from


def find(norm: str) -> Rules:
    """The rules stated in a plan's normalised text."""
    rules = Rules()
    # Stated anywhere before the first task it governs; a rule in the header applies to the whole plan.
    m = _FIRST_LEADS.search(norm)
    if m:
        rules.first_leads_from = norm.rfind("\n", 0, m.start()) + 1  # the line stating it is governed too
    for m in _ALL_LATER.finditer(norm):
        names = [n for n in split_names(m.group("names"), m.start("names")) if is_agency_name(n.surface)]
        if names:
            rules.collectives.append(Collective(names, m.start()))
    return rules
