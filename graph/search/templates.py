"""The Cypher each intent runs: user text only ever as ``$parameters``.

Only Cypher that FalkorDB and Neo4j 5 both run (no ``COUNT{}``/``EXISTS{}``/``CALL{}``, no
``:A|B``, no ``=~``)."""

from __future__ import annotations

from pathlib import Path

_ROLE = "(type(r) = 'LEADS' OR type(r) = 'SUPPORTS')"


def _preset(name: str) -> str:
    path = Path(__file__).resolve().parent.parent.parent / "cypher" / f"{name}.cypher"
    return "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("--")).strip()


TEMPLATES = {
    "agency_tasks": (
        "MATCH (a:Agency {id: $agency})-[r]->(p:Project)\n"
        "WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($role = '' OR type(r) = $role)\n"
        "RETURN p.id AS project, p.title AS title, type(r) AS role, p.plan AS plan\nORDER BY plan, project"
    ),
    "agency_task_count": (
        "MATCH (a:Agency {id: $agency})\nOPTIONAL MATCH (a)-[r]->(p:Project)\n"
        f"WHERE {_ROLE}\n"
        "WITH a, count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS led,\n"
        "     count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supported\n"
        "RETURN a.id AS agency, $role AS role,\n"
        "       CASE WHEN $role = 'LEADS' THEN led WHEN $role = 'SUPPORTS' THEN supported ELSE led + supported END AS count,\n"
        "       led, supported"
    ),
    "top_agencies": (
        "MATCH (a:Agency)-[r]->(p:Project)<-[:INCLUDES]-(pl:Plan)\n"
        "WHERE NOT a.collective AND (type(r) = 'LEADS' OR type(r) = 'SUPPORTS')\n"
        "  AND ($place = '' OR pl.province = $place OR pl.jurisdiction = $place) AND ($type = '' OR a.type = $type)\n"
        "WITH a, count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS led,\n"
        "     count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supported\n"
        "RETURN a.id AS agency, led, supported, led + supported AS total,\n"
        "       CASE WHEN $by = 'supported' THEN supported WHEN $by = 'total' THEN led + supported ELSE led END AS rank_by\n"
        "ORDER BY rank_by DESC, total DESC, agency"
    ),
    "partners": (
        "MATCH (a:Agency {id: $agency})-[r1]->(p:Project)<-[r2]-(b:Agency)\n"
        "WHERE b.id <> a.id AND NOT b.collective\n"
        "  AND (type(r1) = 'LEADS' OR type(r1) = 'SUPPORTS') AND (type(r2) = 'LEADS' OR type(r2) = 'SUPPORTS')\n"
        "RETURN a.id AS agency, b.id AS partner, count(DISTINCT p) AS shared_tasks\nORDER BY shared_tasks DESC, partner"
    ),
    "technology_tasks": (
        "MATCH (pl:Plan)-[:INCLUDES]->(p:Project)-[:INVOLVES]->(t:Technology {id: $technology})\n"
        "WHERE $place = '' OR pl.province = $place OR pl.jurisdiction = $place\n"
        "RETURN p.id AS project, p.title AS title, pl.id AS plan, pl.province AS province\nORDER BY plan, project"
    ),
    "technology_places": (
        "MATCH (pl:Plan)-[:INCLUDES]->(p:Project)-[:INVOLVES]->(t:Technology {id: $technology})\n"
        "RETURN pl.province AS province, pl.id AS plan, count(DISTINCT p) AS tasks\nORDER BY tasks DESC, plan"
    ),
    "indicator_target": (
        "MATCH (i:Indicator)\nWHERE i.name IN $indicators\nMATCH (pl:Plan {id: i.plan})\n"
        "WHERE ($place = '' OR pl.province = $place OR pl.jurisdiction = $place) AND ($plan = '' OR pl.id = $plan)\n"
        "RETURN pl.province AS province, pl.id AS plan, i.name AS name, i.baseline AS baseline, i.target AS target,\n"
        "       i.target_value AS target_value, i.unit AS unit, i.target_year AS target_year\nORDER BY province, plan, target_year"
    ),
    "plan_indicators": (
        "MATCH (i:Indicator {plan: $plan})\nRETURN i.name AS name, i.baseline AS baseline, i.target AS target, i.unit AS unit\n"
        "ORDER BY i.span_start"
    ),
    "neighbourhood": (
        "MATCH (n {id: $node})-[r]-(m)\nRETURN m.id AS node, labels(m)[0] AS label, type(r) AS relationship\n"
        "ORDER BY relationship, node\nLIMIT 300"
    ),
    "path": "MATCH p = (a {id: $source})-[*1..6]-(b {id: $target})\nRETURN p\nORDER BY length(p)\nLIMIT 1",
    "list_plans": (
        "MATCH (pl:Plan)\nWHERE ($place = '' OR pl.province = $place OR pl.jurisdiction = $place)\n"
        "  AND ($period_from = 0 OR (pl.period_start <= $period_from AND pl.period_end >= $period_to))\n"
        "  AND ($year = 0 OR pl.year = $year)\n"
        "RETURN pl.id AS plan, pl.title AS title, pl.jurisdiction AS jurisdiction, pl.year AS year\nORDER BY plan"
    ),
    "list_provinces": "MATCH (pl:Plan)\nRETURN DISTINCT pl.province AS province\nORDER BY province",
    "list_agencies": (
        "MATCH (a:Agency)-[r]->(:Project)<-[:INCLUDES]-(pl:Plan)\n"
        "WHERE NOT a.collective AND ($place = '' OR pl.province = $place OR pl.jurisdiction = $place)\n"
        "RETURN DISTINCT a.id AS agency\nORDER BY agency"
    ),
    # -- who is responsible for a task, for a topic
    "task_roles": (
        "MATCH (a:Agency)-[r]->(p:Project {id: $project})<-[:INCLUDES]-(pl:Plan)\n"
        f"WHERE {_ROLE}\n"
        "RETURN a.id AS agency, CASE WHEN type(r) = 'LEADS' THEN 'lead' ELSE 'support' END AS role,\n"
        "       p.title AS task, p.id AS project, pl.title AS plan, r.evidence AS quote\n"
        "ORDER BY role, r.span_start, agency"
    ),
    "topic_agencies": (
        "MATCH (a:Agency)-[r]->(p:Project)\n"
        f"WHERE p.id IN $projects AND NOT a.collective AND {_ROLE}\n"
        "WITH a, count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS led,\n"
        "     count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supported, collect(DISTINCT p.title) AS tasks\n"
        "RETURN a.id AS agency, led, supported, led + supported AS total, tasks\n"
        "ORDER BY led DESC, total DESC, agency"
    ),
    "indicator_text": (
        "MATCH (pl:Plan)-[:INCLUDES]->(p:Project)\nWHERE p.id IN $projects\n"
        "RETURN p.id AS project, pl.title AS plan, p.title AS title, p.text AS text\nORDER BY project"
    ),
    # -- comparisons: both sides in one query
    "compare_agencies": (
        "UNWIND $agencies AS id\nMATCH (a:Agency {id: id})\nOPTIONAL MATCH (a)-[r]->(p:Project)\n"
        f"WHERE {_ROLE}\n"
        "WITH a, count(CASE WHEN type(r) = 'LEADS' THEN 1 END) AS led,\n"
        "     count(CASE WHEN type(r) = 'SUPPORTS' THEN 1 END) AS supported\n"
        "RETURN a.id AS agency, led, supported,\n"
        "       CASE WHEN $role = 'LEADS' THEN led WHEN $role = 'SUPPORTS' THEN supported ELSE led + supported END AS count"
    ),
    "compare_places_plans": (
        "UNWIND $places AS place\nOPTIONAL MATCH (pl:Plan)\nWHERE pl.province = place OR pl.jurisdiction = place\n"
        "RETURN place, count(DISTINCT pl) AS count"
    ),
    "compare_places_tasks": (
        "UNWIND $places AS place\nOPTIONAL MATCH (pl:Plan)-[:INCLUDES]->(p:Project)\n"
        "WHERE (pl.province = place OR pl.jurisdiction = place) AND ($all OR p.id IN $projects)\n"
        "RETURN place, count(DISTINCT p) AS count"
    ),
    "compare_places_technology": (
        "UNWIND $places AS place\n"
        "OPTIONAL MATCH (pl:Plan)-[:INCLUDES]->(p:Project)-[:INVOLVES]->(t:Technology {id: $technology})\n"
        "WHERE pl.province = place OR pl.jurisdiction = place\n"
        "RETURN place, count(DISTINCT p) AS count"
    ),
    "compare_places_agencies": (
        "UNWIND $places AS place\nOPTIONAL MATCH (a:Agency)-[r]->(:Project)<-[:INCLUDES]-(pl:Plan)\n"
        "WHERE NOT a.collective AND (pl.province = place OR pl.jurisdiction = place)\n"
        "RETURN place, count(DISTINCT a) AS count"
    ),
    "compare_places_indicators": (
        "UNWIND $places AS place\nOPTIONAL MATCH (pl:Plan)\nWHERE pl.province = place OR pl.jurisdiction = place\n"
        "OPTIONAL MATCH (i:Indicator {plan: pl.id})\nRETURN place, count(DISTINCT i) AS count"
    ),
    "compare_plans": (
        "UNWIND $plans AS id\nMATCH (pl:Plan {id: id})\nOPTIONAL MATCH (pl)-[:INCLUDES]->(p:Project)\n"
        "WHERE size($kinds) = 0 OR p.kind IN $kinds\n"
        "RETURN pl.id AS plan, pl.title AS title, count(p) AS count"
    ),
    "compare_technologies": (
        "UNWIND $technologies AS id\nOPTIONAL MATCH (pl:Plan)-[:INCLUDES]->(p:Project)-[:INVOLVES]->(t:Technology {id: id})\n"
        "WHERE $place = '' OR pl.province = $place OR pl.jurisdiction = $place\n"
        "RETURN id AS technology, count(DISTINCT p) AS count"
    ),
    # -- plans: their tasks, their facts, their technologies; tasks nobody leads
    "plan_tasks": (
        "MATCH (pl:Plan)-[:INCLUDES]->(p:Project)\n"
        "WHERE pl.id IN $plans AND (size($kinds) = 0 OR p.kind IN $kinds)\n"
        "RETURN p.id AS project, p.kind AS kind, p.label AS label, p.title AS title, pl.id AS plan\n"
        "ORDER BY plan, p.span_start, project"
    ),
    "place_tasks": (
        "MATCH (pl:Plan)-[:INCLUDES]->(p:Project)\nWHERE p.text CONTAINS $name OR p.title CONTAINS $name\n"
        "RETURN p.id AS project, p.title AS title, pl.id AS plan\nORDER BY plan, project"
    ),
    "plan_info": (
        "MATCH (pl:Plan)\nWHERE pl.id IN $plans\n"
        "RETURN pl.id AS plan, pl.title AS title, pl.issuer AS issuer, pl.issued AS issued, pl.year AS year,\n"
        "       pl.period_start AS period_start, pl.period_end AS period_end, pl.jurisdiction AS jurisdiction\n"
        "ORDER BY plan"
    ),
    "plan_technologies": (
        "MATCH (pl:Plan)-[:INCLUDES]->(p:Project)-[:INVOLVES]->(t:Technology)\n"
        "WHERE pl.id IN $plans\n"
        "RETURN t.id AS technology, t.name_en AS name_en, count(DISTINCT p) AS tasks\nORDER BY tasks DESC, technology"
    ),
    "tasks_without_lead": (
        "MATCH (pl:Plan)-[:INCLUDES]->(p:Project)\n"
        "WHERE size($plans) = 0 OR pl.id IN $plans\n"
        "OPTIONAL MATCH (a:Agency)-[l:LEADS]->(p)\n"
        "WITH pl, p, count(l) AS leads\nWHERE leads = 0\n"
        "OPTIONAL MATCH (b:Agency)-[s:SUPPORTS]->(p)\n"
        "RETURN pl.id AS plan, p.id AS project, p.kind AS kind, p.title AS title, count(s) AS supporters\n"
        "ORDER BY supporters DESC, plan, project"
    ),
}


def preset_templates() -> dict[str, str]:
    """Presets a plain question reaches as they are: an agency's lineage, agency types."""
    return {"agency_lineage": _preset("agency_lineage"), "agency_types": _preset("agency_types")}


TEMPLATES |= preset_templates()

# Counted by kind: what a plan calls its tasks. The first kind a plan has is its "tasks".
KIND_WORDS = [
    ("annex-row", r"分工方案|分工表|任务分工|附件|\bannex\b|division of (?:tasks|labou?r)|allocation table"),
    ("programme", r"专栏|programme box|program box|\bbox(?:es)?\b"),
    ("action", r"重点行动|行动(?!方案|计划)|\bkey actions?\b|\bactions?\b"),
    ("measure", r"保障措施|政策措施|措施|\bmeasures?\b|\bsafeguards?\b"),
    ("subtask", r"子任务|\bsub-?tasks?\b"),
]
KIND_NAMES = {"task": ("项任务", "tasks"), "annex-row": ("项分工任务", "task-division rows"), "programme": ("个专栏", "programme boxes"),
              "action": ("项重点行动", "key actions"), "measure": ("项保障措施", "measures"), "subtask": ("项子任务", "sub-tasks")}

EXAMPLES = {
    "zh": ["浙江省经信委牵头哪些任务?", "三网融合谁牵头?", "安徽省哪个部门牵头的任务最多?", "哪些省份的规划提到了物联网?",
           "四川互联网省际出口带宽的目标是多少?", "浙江省经信委和安徽省经信委谁牵头的任务多?"],
    "en": ["Which tasks does the Zhejiang Economy and IT Commission lead?", "Who leads the smart logistics task in Zhejiang?",
           "Who leads the most tasks in Anhui?", "Which provinces mention cloud computing?",
           "What is Sichuan's target for inter-provincial internet bandwidth?", "Anhui DRC vs Anhui EITC: which leads more tasks?"],
}

# English words of indicator names → the Chinese words the names contain; an English question
# reaches the indicators whose names hold all (or all but one) of its words.
INDICATOR_WORDS_EN = {
    "bandwidth": "带宽", "egress": "出口", "inter-provincial": "省际", "internet": "互联网", "broadband": "宽带",
    "penetration": "普及率", "users": "用户", "subscribers": "用户", "e-commerce": "电子商务", "retail": "零售",
    "revenue": "收入", "software": "软件", "fibre": "光纤", "fiber": "光纤", "base stations": "基站",
    "mobile phone": "移动电话", "households": "家庭", "coverage": "覆盖率", "iptv": "IPTV", "certificates": "数字证书",
    "index": "指数", "user": "用户", "netizens": "网民", "informatization development": "信息化发展", "access": "接入",
    "transaction": "交易", "electronic information": "电子信息", "manufacturing": "制造业", "social security card": "社会保障卡",
    "patents": "专利", "villages": "村", "cable tv": "有线电视", "digitization": "数字化", "online": "网上",
}
