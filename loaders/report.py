"""How much of a plan was read: the extraction report a researcher checks before trusting a count.

Tasks found, how many have a lead, how many only supporters, how many no role at all;
every clause-like passage (牵头 / 负责 / 配合 / 责任单位 next to an agency-like name) that
did not become a role, with its words; and the agency names no lexicon or catalogue knows.

>>> from loaders.read import Source
>>> from loaders.pipeline import extract_source
>>> text = "一、重点任务\\n1.建设政务云。(牵头单位:市大数据局)\\n2.建设数据中心。由市大数据局统筹,具体由某某科牵头组织。\\n"
>>> rec = extract_source(Source("x.txt", "", "utf-8", text, text), {"jurisdiction": "成都市"})
>>> r = rec.report
>>> r["tasks"], r["with_lead"], r["without_role"]
(2, 1, 1)
>>> [p["text"] for p in r["unread"]]
['由市大数据局统筹,具体由某某科牵头组织']
"""

from __future__ import annotations

import bisect
import re

from .records import PlanRecords

# A role word next to a name that ends like a body, or a slot label: where a clause may hide.
_CUE = re.compile(
    r"(?:[\u4e00-\u9fff()]{1,24}?(?:厅|局|委|办|政府|部门|单位|中心|公司|科|处|集团|分行))\s*(?:牵头|负责(?![人同])|配合)"
    r"|(?:牵头|配合|责任|参与|协办)(?:单位|部门)\s*:"
)
_SENTENCE = re.compile(r"[^。;\n]+")


def build_report(rec: PlanRecords, norm: str) -> dict:
    """The report as plain data (it travels with the records and into the CLI and the app)."""
    with_lead = {r.project for r in rec.roles if r.role == "lead"}
    with_any = {r.project for r in rec.roles}
    tasks = [p for p in rec.projects if p.kind != "part"]
    read_at = sorted(r.span_start for r in rec.roles)
    unread = []
    for s in _SENTENCE.finditer(norm):
        cue = _CUE.search(s.group(0))
        if not cue or _any_within(read_at, s.start(), s.end()):
            continue
        unread.append({"span_start": s.start() + cue.start(), "span_end": s.end(), "text": _trim(s.group(0))})
    return {
        "tasks": len(tasks),
        "with_lead": sum(p.id in with_lead for p in tasks),
        "only_support": sum(p.id in with_any and p.id not in with_lead for p in tasks),
        "without_role": sum(p.id not in with_any for p in tasks),
        "roles": len(rec.roles),
        "unread": unread,
        "unknown_agencies": sorted({a.name for a in rec.agencies if not a.known}),
    }


def _any_within(sorted_starts: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(sorted_starts, start)
    return i < len(sorted_starts) and sorted_starts[i] < end


def _trim(text: str) -> str:
    text = text.strip().strip(",()").strip()
    return text if len(text) <= 120 else text[:117] + "…"


def format_report(rec: PlanRecords) -> str:
    """The report as the CLI prints it."""
    r = rec.report
    lines = [
        f"plan          {rec.plan.id}",
        f"title         {rec.plan.title}",
        f"jurisdiction  {rec.plan.jurisdiction} ({rec.plan.province or 'province unknown'}), year {rec.plan.year or '?'}",
        f"tasks         {r['tasks']}: {r['with_lead']} with a lead, {r['only_support']} with supporters only, "
        f"{r['without_role']} with no role",
        f"roles         {r['roles']}",
    ]
    if r["unread"]:
        lines.append(f"not read      {len(r['unread'])} passage(s) that look like a clause but gave no role:")
        lines += [f"  @{p['span_start']}: {p['text']}" for p in r["unread"]]
    if r["unknown_agencies"]:
        lines.append(f"unknown       {len(r['unknown_agencies'])} agency name(s) no lexicon knows (typed by suffix):")
        lines += [f"  {name}" for name in r["unknown_agencies"]]
    lines += [f"warning       {w}" for w in rec.warnings if "agency not in the lexicon" not in w]
    return "\n".join(lines)

