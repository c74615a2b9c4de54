"""Scoring the blind question suite (tests/questions_blind.json) against an answer.

The suite states expectations without knowing the parser: names as the plans write them, a
number the answer must state, the side a comparison must name, a suggestion for a near miss.
An expected agency matches an answer that shows the agency or any of its aliases.
"""

from __future__ import annotations

import re

SCORED_PLANS = ["weihai-2023-digital-weihai-key-points", "qingdao-2022-digital-qingdao-action-plan",
                "fuzhou-2021-digital-fuzhou-key-points", "jiangxi-2023-digital-government-key-points",
                "madeup-task-allocation-table"]


def alias_index(store) -> dict[str, set[str]]:
    """Every way a body is written → the agency ids it may be."""
    index: dict[str, set[str]] = {}
    for r in store.query("MATCH (a:Agency) RETURN a.id AS id, a.aliases AS aliases, a.name_en AS en", limit=10**6):
        for form in [r["id"], *(r["aliases"] or []), *([r["en"]] if r["en"] else [])]:
            index.setdefault(form, set()).add(r["id"])
    return index


def _texts(a) -> str:
    cells = []
    for row in a.rows:
        for v in row.values():
            if isinstance(v, str):
                cells.append(v)
            elif isinstance(v, list):
                cells.extend(str(x) for x in v)
            elif isinstance(v, (int, float)):
                cells.append(str(v))
    return "\n".join([a.answer or "", a.interpretation or "", *cells, *getattr(a, "suggestions", [])])


def _names_in(name: str, text: str, aliases: dict[str, set[str]]) -> bool:
    forms = {name, *aliases.get(name, set())}
    return any(f and f in text for f in forms)


def _role_of(a, name: str, aliases: dict[str, set[str]]) -> set[str]:
    ids = {name, *aliases.get(name, set())}
    return {r.get("role") for r in a.rows if r.get("agency") in ids or r.get("agency_id") in ids}


def problem(q: dict, a, aliases: dict[str, set[str]]) -> str | None:
    """None when the answer meets every expectation, else the first unmet one."""
    exp = q["expect"]
    if exp.get("understood") is False:
        return None if not a.understood else f"answered {a.intent}"
    if not a.understood:
        return f"not understood: {a.answer[:80]}"
    text = _texts(a)
    for role in ("lead", "support"):
        for name in exp.get(role, []):
            if not _names_in(name, text, aliases):
                return f"{role} {name} missing"
            roles = _role_of(a, name, aliases)
            if roles - {None} and role not in roles:
                return f"{name} shown as {roles}, expected {role}"
    for name in exp.get("agencies", []):
        if not _names_in(name, text, aliases):
            return f"agency {name} missing"
    if exp.get("agencies_exactly"):
        want = set().union(*({n, *aliases.get(n, set())} for n in exp["agencies"]))
        got = {r.get("agency") for r in a.rows if r.get("agency")}
        if got - want:
            return f"extra agencies {sorted(got - want)[:3]}"
    if "count" in exp and not re.search(rf"(?<![\d.]){exp['count']}(?![\d.])", a.answer or ""):
        return f"count {exp['count']} not stated in {a.answer[:80]!r}"
    if "more" in exp:
        more = exp["more"]
        if more == "equal":
            if not re.search(r"相同|一样|equal|same|tie", a.answer or "", re.I):
                return "a tie not stated"
        elif not _names_in(more, a.answer or "", aliases):
            return f"the answer does not say {more} is more: {a.answer[:80]!r}"
    if "did_you_mean" in exp and not _names_in(exp["did_you_mean"], text, aliases):
        return f"no suggestion of {exp['did_you_mean']}"
    for m in exp.get("mentions", []):
        if str(m).lower() not in text.lower():
            return f"{m!r} not in the answer"
    return None
