"""The words of an answer: the reading ("I read this as …") and one sentence that states the
answer itself — who, how many, which is more — with the total of every list.

>>> items(["甲", "乙", "丙"], "zh"), items(["a", "b", "c", "d", "e", "f", "g"], "en", 3)
('甲、乙、丙', 'a; b; c … (3 of 7)')
"""

from __future__ import annotations

from .templates import KIND_NAMES

_ROLE_ZH = {"LEADS": "牵头", "SUPPORTS": "配合", "": "牵头或配合", "ALL": "承担"}
_ROLE_EN = {"LEADS": "led", "SUPPORTS": "supported", "": "led or supported", "ALL": "led or supported"}


def items(names: list, lang: str, shown: int = 5) -> str:
    """A few names, and how many there are when not all are named."""
    names = [str(n) for n in names]
    head = names[:shown]
    if lang == "zh":
        return "、".join(head) + (f" 等(列出 {len(head)} 项,共 {len(names)} 项)" if len(names) > shown else "")
    return "; ".join(head) + (f" … ({len(head)} of {len(names)})" if len(names) > shown else "")


def _plan_title(asker, plan_id: str) -> str:
    return (asker.d.plans.get(plan_id) or {}).get("title") or plan_id


def interpretation(asker, intent: str, p: dict, lang: str) -> str:
    zh = lang == "zh"
    plans = "、".join(_plan_title(asker, x) for x in p.get("plans", [])[:3]) or ("全部规划" if zh else "every plan")
    role = p.get("role", "")
    if intent == "task_roles":
        t = asker.projects.get(p["project"], {})
        what = {"LEADS": ("牵头单位", "who leads"), "SUPPORTS": ("配合单位", "who supports")}.get(role, ("牵头和配合单位", "who leads and supports"))
        return (f"我的理解:任务「{t.get('title')}」({_plan_title(asker, t.get('plan', ''))})的{what[0]}" if zh else
                f"I read this as: {what[1]} the task “{t.get('title')}” ({_plan_title(asker, t.get('plan', ''))})")
    zh_text = {
        "agency_tasks": f"{p.get('agency')} {_ROLE_ZH.get(role, '')}的任务",
        "agency_task_count": f"{p.get('agency')} {_ROLE_ZH.get(role, '承担')}的任务数",
        "top_agencies": f"{p.get('place') or '全部规划'}中{'配合' if p.get('by') == 'supported' else '牵头加配合' if p.get('by') == 'total' else '牵头'}任务最多的{p.get('type') or '机构'}",
        "partners": f"与 {p.get('agency')} 共同承担任务最多的机构",
        "technology_tasks": f"{p.get('place') or ''}涉及 {p.get('technology')} 的任务",
        "technology_places": f"提到 {p.get('technology')} 的省份和规划",
        "indicator_target": f"{p.get('place') or p.get('plan') or '各规划'}的「{'、'.join(p.get('indicators', []))}」目标",
        "plan_indicators": f"规划 {p.get('plan')} 的指标",
        "neighbourhood": f"{p.get('node')} 的相邻节点",
        "path": f"{p.get('source')} 与 {p.get('target')} 之间的最短路径",
        "list_plans": f"{p.get('place') or '全部'}{str(p['year']) + '年' if p.get('year') else ''}规划", "list_provinces": "有规划的省份",
        "list_agencies": f"{p.get('place') or '全部'}机构",
        "topic_agencies": f"负责「{p.get('topic')}」相关任务的机构(按牵头、配合的相关任务数排序,{len(p.get('projects', []))} 项任务)",
        "compare_agencies": f"比较 {' 与 '.join(p.get('agencies', []))} {_ROLE_ZH.get(role, '承担')}的任务数",
        "compare_places_plans": f"比较 {' 与 '.join(p.get('places', []))} 的规划数",
        "compare_places_tasks": f"比较 {' 与 '.join(p.get('places', []))} 的{'相关' if not p.get('all') else ''}任务数",
        "compare_places_technology": f"比较 {' 与 '.join(p.get('places', []))} 涉及 {p.get('technology')} 的任务数",
        "compare_places_agencies": f"比较 {' 与 '.join(p.get('places', []))} 的机构数",
        "compare_places_indicators": f"比较 {' 与 '.join(p.get('places', []))} 的指标数",
        "compare_plans": f"比较 {' 与 '.join(_plan_title(asker, x) for x in p.get('plans', []))} 的任务数",
        "compare_technologies": f"比较涉及 {' 与 '.join(p.get('technologies', []))} 的任务数",
        "plan_tasks": f"{plans} 的{'、'.join(KIND_NAMES[k][0].lstrip('项个') for k in p.get('kinds', [])) or '任务'}",
        "plan_info": f"{plans} 的{ {'issuer': '发布机关', 'year': '发布时间', 'period': '规划期'}.get(p.get('fact'), '基本信息')}",
        "plan_technologies": f"{plans} 涉及的技术",
        "place_tasks": f"正文提到「{p.get('name')}」的任务",
        "tasks_without_lead": f"{plans} 中没有牵头单位的任务",
        "agency_lineage": f"{p.get('agency')} 的机构沿革",
        "agency_types": "各类机构在各省的任务数",
        "indicator_text": f"规划原文中关于「{'、'.join(p.get('words', []))}」的句子(不是抽取出的指标)",
    }
    en_text = {
        "agency_tasks": f"tasks {_ROLE_EN.get(role, '')} by {p.get('agency')}",
        "agency_task_count": f"number of tasks {_ROLE_EN.get(role, '')} by {p.get('agency')}",
        "top_agencies": f"{p.get('type') or 'agencies'} ranked by tasks {'supported' if p.get('by') == 'supported' else 'led and supported' if p.get('by') == 'total' else 'led'}"
                        f"{' in ' + p['place'] if p.get('place') else ''}",
        "partners": f"agencies sharing most tasks with {p.get('agency')}",
        "technology_tasks": f"tasks involving {p.get('technology')}{' in ' + p['place'] if p.get('place') else ''}",
        "technology_places": f"provinces and plans mentioning {p.get('technology')}",
        "indicator_target": f"target for {', '.join(p.get('indicators', []))}"
                            f"{' in ' + (p.get('place') or p.get('plan')) if p.get('place') or p.get('plan') else ' in every plan'}",
        "plan_indicators": f"indicators of {p.get('plan')}",
        "neighbourhood": f"what {p.get('node')} is connected to",
        "path": f"shortest path between {p.get('source')} and {p.get('target')}",
        "list_plans": "plans" + (f" of {p['place']}" if p.get("place") else "") + (f" issued in {p['year']}" if p.get("year") else ""),
        "list_provinces": "provinces with plans", "list_agencies": "agencies" + (f" in {p['place']}" if p.get("place") else ""),
        "topic_agencies": f"agencies responsible for tasks about “{p.get('topic')}”, ranked by tasks led and supported "
                          f"({len(p.get('projects', []))} tasks)",
        "compare_agencies": f"tasks {_ROLE_EN.get(role, '')} by {' vs '.join(p.get('agencies', []))}",
        "compare_places_plans": f"plans of {' vs '.join(p.get('places', []))}",
        "compare_places_tasks": f"{'matching ' if not p.get('all') else ''}tasks of {' vs '.join(p.get('places', []))}",
        "compare_places_technology": f"tasks involving {p.get('technology')} in {' vs '.join(p.get('places', []))}",
        "compare_places_agencies": f"agencies of {' vs '.join(p.get('places', []))}",
        "compare_places_indicators": f"indicators of {' vs '.join(p.get('places', []))}",
        "compare_plans": f"tasks of {' vs '.join(_plan_title(asker, x) for x in p.get('plans', []))}",
        "compare_technologies": f"tasks involving {' vs '.join(p.get('technologies', []))}",
        "plan_tasks": f"{', '.join(KIND_NAMES[k][1] for k in p.get('kinds', [])) or 'tasks'} of {plans}",
        "plan_info": f"the {p.get('fact') or 'facts'} of {plans}",
        "plan_technologies": f"technologies in {plans}",
        "place_tasks": f"tasks whose text names “{p.get('name')}”",
        "tasks_without_lead": f"tasks with no lead in {plans}",
        "agency_lineage": f"the lineage of {p.get('agency')}",
        "agency_types": "agency types ranked across provinces",
        "indicator_text": f"sentences of the plans about “{', '.join(p.get('words', []))}” (not an extracted indicator)",
    }
    return ("我的理解:" + zh_text[intent]) if zh else ("I read this as: " + en_text[intent])


def _compare(sides: list[tuple[str, int]], lang: str, what_zh: str, what_en: str) -> str:
    (a, x), (b, y) = sides[0], sides[1] if len(sides) > 1 else (sides[0][0], 0)
    if lang == "zh":
        head = f"{a} {what_zh} {x} 项,{b} {what_zh} {y} 项"
        if x == y:
            return head + f":两者相同(各 {x} 项)。"
        return head + f":{a if x > y else b} 更多。"
    head = f"{a}: {x}; {b}: {y} ({what_en})"
    if x == y:
        return head + f" — equal, {x} each."
    return head + f" — {a if x > y else b} has more."


def sentence(asker, intent: str, p: dict, rows: list[dict], lang: str, shape: str, extra: dict) -> str:
    zh = lang == "zh"
    n = len(rows)
    role = p.get("role", "")
    if intent == "task_roles":
        t = asker.projects.get(p["project"], {})
        title, plan = t.get("title"), _plan_title(asker, t.get("plan", ""))
        leads = [r["agency"] for r in rows if r["role"] == "lead"]
        sups = [r["agency"] for r in rows if r["role"] == "support"]
        near = extra.get("near") or []
        if zh:
            s = f"「{title}」({plan}):"
            if not rows:
                s += "规划没有写明负责单位。"
            else:
                s += (f"牵头 {'、'.join(leads)}" if leads else "没有写明牵头单位") + (f";配合 {items(sups, lang, 8)}" if sups else ";没有写明配合单位") + "。"
            if near:
                s += "也可能指:" + ";".join(asker._task_label(x, lang) for x in near) + "。"
            return s
        s = f"“{title}” ({plan}): "
        if not rows:
            s += "the plan names no responsible agency."
        else:
            s += (f"led by {' and '.join(leads)}" if leads else "no lead named") + (f"; supported by {items(sups, lang, 8)}" if sups else "; no supporting agency named") + "."
        if near:
            s += " It may also mean: " + "; ".join(asker._task_label(x, lang) for x in near) + "."
        return s
    if intent == "topic_agencies":
        if not rows:
            return f"与「{p.get('topic')}」相关的 {len(p['projects'])} 项任务都没有写明负责单位。" if zh else \
                f"The {len(p['projects'])} tasks about “{p.get('topic')}” name no responsible agency."
        top = [f"{r['agency']}(牵头 {r['led']}、配合 {r['supported']})" if zh else f"{r['agency']} (leads {r['led']}, supports {r['supported']})"
               for r in rows]
        return (f"负责「{p.get('topic')}」的机构({len(p['projects'])} 项相关任务,共 {n} 个机构):{items(top, lang)}。" if zh else
                f"Agencies responsible for “{p.get('topic')}” ({len(p['projects'])} matching tasks, {n} agencies): {items(top, lang)}.")
    if intent == "compare_agencies":
        sides = [(r["agency"], r["count"]) for r in rows]
        return _compare(sides, lang, _ROLE_ZH.get(role, "承担"), f"tasks {_ROLE_EN.get(role, '')}")
    if intent.startswith("compare_places"):
        counts = {r["place"]: r["count"] for r in rows}
        sides = [(pl, counts.get(pl, 0)) for pl in p["places"]]
        what = {"compare_places_plans": ("有规划", "plans"), "compare_places_agencies": ("有机构", "agencies"),
                "compare_places_indicators": ("有指标", "indicators"),
                "compare_places_technology": (f"涉及 {p.get('technology')} 的任务", f"tasks involving {p.get('technology')}"),
                "compare_places_tasks": ("相关任务" if not p.get("all") else "有任务", "matching tasks" if not p.get("all") else "tasks")}[intent]
        return _compare(sides, lang, what[0], what[1])
    if intent == "compare_plans":
        sides = [(r["title"], r["count"]) for r in rows]
        return _compare(sides, lang, "有任务", "tasks")
    if intent == "compare_technologies":
        counts = {r["technology"]: r["count"] for r in rows}
        return _compare([(t, counts.get(t, 0)) for t in p["technologies"]], lang, "涉及任务", "tasks")
    if intent == "plan_tasks":
        plans = p["plans"]
        names = "、".join(_plan_title(asker, x) for x in plans[:3]) if zh else "; ".join(_plan_title(asker, x) for x in plans[:3])
        kinds = p.get("kinds") or []
        kind = KIND_NAMES.get(kinds[0] if kinds else "task")
        other = {}
        for proj in asker.projects.values():
            if proj["plan"] in plans and proj["kind"] not in kinds:
                other[proj["kind"]] = other.get(proj["kind"], 0) + 1
        rest = [f"{v} {KIND_NAMES.get(k, ('项', k))[0]}" if zh else f"{v} {KIND_NAMES.get(k, ('', k))[1]}" for k, v in sorted(other.items())]
        titles = items([r["title"] for r in rows], lang)
        if zh:
            s = f"{names}{f' 等 {len(plans)} 份规划' if len(plans) > 3 else ''}共有 {n} {kind[0]}"
            s += (f":{titles}" if n and shape != "count" else "") + (f"(另有 {'、'.join(rest)})" if rest else "") + "。"
            return s
        s = f"{names}{f' and {len(plans) - 3} more plans' if len(plans) > 3 else ''}: {n} {kind[1]}"
        return s + (f": {titles}" if n and shape != "count" else "") + (f" (besides {', '.join(rest)})" if rest else "") + "."
    if intent == "plan_info":
        r = rows[0] if rows else {}
        title, fact = r.get("title", ""), p.get("fact")
        period = f"{r.get('period_start')}–{r.get('period_end')}" if r.get("period_start") else ""
        if zh:
            if fact == "issuer":
                return f"《{title}》由 {r.get('issuer') or '(未写明)'} 发布({r.get('issued') or r.get('year')})。"
            if fact == "period":
                return f"《{title}》的规划期为 {period or '(未写明)'} 年。"
            return f"《{title}》于 {r.get('year')} 年发布({r.get('issued') or r.get('year')},{r.get('issuer') or ''})。"
        if fact == "issuer":
            return f"“{title}” was issued by {r.get('issuer') or '(not stated)'} ({r.get('issued') or r.get('year')})."
        if fact == "period":
            return f"“{title}” covers {period or '(not stated)'}."
        return f"“{title}” was issued in {r.get('year')} ({r.get('issued') or r.get('year')}, {r.get('issuer') or ''})."
    if intent == "indicator_text":
        quotes = [f"「{r['quote']}」({r['plan']} · {r['title']})" if zh else f"“{r['quote']}” ({r['plan']} · {r['title']})" for r in rows[:3]]
        words = "、".join(p.get("words", []))
        return (f"图谱没有「{words}」这一指标;规划原文写道:" + ";".join(quotes) + "。") if zh else \
            (f"No indicator for “{words}” was extracted; the plan text says: " + "; ".join(quotes) + ".")
    if intent == "place_tasks":
        titles = items([r["title"] for r in rows], lang)
        return (f"图谱中没有{p['place']}自己的规划;正文提到「{p['name']}」的任务共 {n} 项" + (f":{titles}。" if n else "。")) if zh else \
            (f"No plan of {p['place']} is in the graph; {n} tasks name “{p['name']}”" + (f": {titles}." if n else "."))
    if intent == "plan_technologies":
        tech = [f"{r['technology']}({r['tasks']})" for r in rows]
        return (f"涉及 {n} 项技术,按任务数:{items(tech, lang, 8)}。" if zh else f"{n} technologies, by tasks: {items(tech, lang, 8)}.")
    if intent == "tasks_without_lead":
        if not rows:
            return "每项任务都有牵头单位(没有牵头单位的任务:0 项)。" if zh else "Every task has a lead (0 tasks without one)."
        with_sup = sum(1 for r in rows if r["supporters"])
        return (f"共 {n} 项任务没有牵头单位,其中 {with_sup} 项列出了配合单位:{items([r['title'] for r in rows], lang)}。" if zh else
                f"{n} tasks have no lead; {with_sup} of them name supporting agencies: {items([r['title'] for r in rows], lang)}.")
    if not rows:
        if intent == "agency_tasks":
            return f"{p['agency']} 没有{_ROLE_ZH.get(role, '承担')}的任务(共 0 项)。" if zh else f"{p['agency']} has no tasks {_ROLE_EN.get(role, '')} (0)."
        return "没有找到结果(共 0 项)。" if zh else "Nothing found (0 results)."
    if intent == "agency_task_count":
        c = rows[0]["count"]
        if p["role"] == "ALL" and "led" in rows[0]:
            return (f"{p['agency']} 承担 {c} 项任务:牵头 {rows[0]['led']} 项、配合 {rows[0]['supported']} 项。" if zh else
                    f"{p['agency']} leads or supports {c} tasks: it leads {rows[0]['led']} and supports {rows[0]['supported']}.")
        return f"{p['agency']} {_ROLE_ZH.get(p['role'], '承担')} {c} 项任务。" if zh else \
            f"{p['agency']} {'leads' if p['role'] == 'LEADS' else 'supports' if p['role'] == 'SUPPORTS' else 'leads or supports'} {c} task{'s' if c != 1 else ''}."
    if intent == "top_agencies":
        r = rows[0]
        return (f"{r['agency']} 居首位:牵头 {r['led']} 项、配合 {r['supported']} 项(共 {n} 个机构,前几名:{items([x['agency'] for x in rows], lang, 3)})。" if zh else
                f"{r['agency']} comes first: it leads {r['led']} and supports {r['supported']} tasks ({n} agencies ranked; top: {items([x['agency'] for x in rows], lang, 3)}).")
    if intent == "partners":
        r = rows[0]
        return f"与 {p['agency']} 共同承担任务最多的是 {r['partner']}({r['shared_tasks']} 项;共 {n} 个合作机构)。" if zh else \
            f"{r['partner']} shares the most tasks with {p['agency']} ({r['shared_tasks']}; {n} partners in all)."
    if intent == "indicator_target":
        parts = [f"{r['province']} {r['target']}{'(' + str(r['target_year']) + ')' if r.get('target_year') else ''}" for r in rows[:5]]
        return ("目标:" + ";".join(parts) + (f"(共 {n} 条)" if n > 5 else "") + "。") if zh else \
            ("Target: " + "; ".join(parts) + (f" ({n} in all)" if n > 5 else "") + ".")
    if intent == "path":
        return ("路径:" if zh else "Path: ") + " → ".join(rows[0]["path"])
    if intent == "agency_lineage":
        steps = [f"{r['predecessor']} → {r['successor']}({r.get('year') or ''})" for r in rows]
        return ("机构沿革:" + ";".join(steps) + "。") if zh else ("Lineage: " + "; ".join(steps) + ".")
    what = {"agency_tasks": ("项任务", "tasks"), "technology_tasks": ("项任务", "tasks"), "plan_indicators": ("个指标", "indicators"),
            "list_plans": ("个规划", "plans"), "list_agencies": ("个机构", "agencies"), "list_provinces": ("个省份", "provinces"),
            "technology_places": ("个规划", "plans"), "neighbourhood": ("个相邻节点", "neighbours"),
            "agency_types": ("行", "rows")}[intent]
    col = next(iter(rows[0]))
    names = [r.get("title") or r.get("name") or r.get(col) for r in rows]
    if intent == "technology_places":
        names = [f"{r['province']}({r['plan']},{r['tasks']})" for r in rows]
    subject = ""
    if intent == "agency_tasks":
        subject = f"{p['agency']} {_ROLE_ZH.get(role, '')}" if zh else f"{p['agency']} {_ROLE_EN.get(role, '')}: "
    if zh:
        return f"{subject}共 {n} {what[0]}" + ("。" if shape == "count" else f":{items(names, lang)}。")
    return f"{subject}{n} {what[1]}" + ("." if shape == "count" else f": {items(names, lang)}.")
