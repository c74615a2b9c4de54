"""A plan's records → the Cypher statements that replace that plan's facts.

Both backends run the same statements: Neo4j in one transaction, FalkorDB as
one query (each statement closed by ``WITH count(*) AS _``), which the engine
applies atomically. Only the common subset of Cypher is used.
"""

from __future__ import annotations

from collections import Counter

from loaders.records import PlanRecords

DELETE_PLAN = [
    "MATCH (n:Project {plan: $plan_id}) DETACH DELETE n",
    "MATCH (n:Indicator {plan: $plan_id}) DETACH DELETE n",
    "MATCH (n:Plan {id: $plan_id}) DETACH DELETE n",
]
# Agencies and technologies are shared; drop only those no plan mentions any more.
# Existence tests, not counts: counting OPTIONAL MATCH products made the sweep grow with every
# agency's roles. Agencies are many (every body of every place): after one plan only the ones it
# touched are looked at; technologies and places are few, so all of them are.
_NO_ROLE = "WHERE NOT (a)-[:LEADS]->() AND NOT (a)-[:SUPPORTS]->() DETACH DELETE a"
DROP_ORPHAN_AGENCIES = f"MATCH (a:Agency) {_NO_ROLE}"
DROP_ORPHAN_CANDIDATES = f"UNWIND $orphan_candidates AS id MATCH (a:Agency {{id: id}}) {_NO_ROLE}"
DROP_ORPHANS = [
    "MATCH (t:Technology) WHERE NOT (t)<-[:INVOLVES]-() DETACH DELETE t",
    # Places stay while a plan was issued there or an agency belongs there (cities before provinces).
    "MATCH (c:City) WHERE NOT (c)-[:ISSUED]->() AND NOT (c)<-[:BELONGS_TO]-() DETACH DELETE c",
    "MATCH (p:Province) WHERE NOT (p)-[:ISSUED]->() AND NOT (p)<-[:BELONGS_TO]-() AND NOT (p)<-[:PART_OF]-() "
    "DETACH DELETE p",
]


def plan_statements(rec: PlanRecords, places: dict) -> list[tuple[str, dict]]:
    p = rec.plan
    plan_props = {k: v for k, v in {
        "id": p.id, "title": p.title, "title_en": p.title_en, "jurisdiction": p.jurisdiction, "province": p.province,
        "city": p.city, "issuer": p.issuer, "issued": p.issued, "year": p.year, "period_start": p.period_start,
        "period_end": p.period_end, "doc_number": p.doc_number, "source_file": p.source_file, "sha256": p.sha256,
        "kind": p.kind,
        # What plans_overview lists, counted once here rather than by every reader.
        "projects": len(rec.projects), "leads": sum(r.role == "lead" for r in rec.roles),
        "supports": sum(r.role == "support" for r in rec.roles), "indicators": len(rec.indicators),
        "technologies": len(rec.technologies), "tallied": True,
    }.items() if v is not None}
    province = {"name": p.province, "name_en": places.get(p.province, {}).get("name_en", "")} if p.province else None
    city = {"name": p.city, "name_en": places.get(p.city, {}).get("name_en", "")} if p.city else None
    on_task = Counter((r.project, r.role) for r in rec.roles)
    projects = [{k: v for k, v in {
        "id": x.id, "plan": x.plan, "kind": x.kind, "number": x.number, "label": x.label, "title": x.title,
        "section": x.section, "text": x.text, "span_start": x.span_start, "span_end": x.span_end,
        "leads": on_task[(x.id, "lead")], "supporters": on_task[(x.id, "support")],
    }.items() if v is not None} for x in rec.projects]
    subtasks = [{"child": x.id, "parent": x.parent} for x in rec.projects if x.parent]
    agencies = [{
        "id": a.id, "props": {"id": a.id, "name": a.name, "type": a.type, "type_en": a.type_en, "family": a.family,
                              "family_en": a.family_en, "name_en": a.name_en, "jurisdiction": a.jurisdiction,
                              "level": a.level, "collective": a.collective},
        "aliases": a.aliases, "place": a.jurisdiction, "place_label": _place_label(a.jurisdiction, places),
        "parent": places.get(a.jurisdiction, {}).get("parent") or None,
    } for a in rec.agencies]
    def role_rows(kind):
        return [{"agency": r.agency, "project": r.project, "props": {
            "plan": r.plan, "basis": r.basis, "surface": r.surface, "evidence": r.evidence,
            "span_start": r.span_start, "span_end": r.span_end}} for r in rec.roles if r.role == kind]
    indicators = [{"owner": i.project, "props": {k: v for k, v in {
        "id": i.id, "plan": i.plan, "name": i.name, "category": i.category, "unit": i.unit, "baseline": i.baseline,
        "baseline_year": i.baseline_year, "target": i.target, "target_value": i.target_value, "comparator": i.comparator,
        "target_year": i.target_year, "quote": i.quote, "span_start": i.span_start, "span_end": i.span_end,
        "source": i.source, "target_base": i.target_base, "base_unit": i.base_unit, "normalised": i.normalised,
        }.items() if v is not None}} for i in rec.indicators]
    techs = [{"id": t.name, "name": t.name, "name_en": t.name_en, "aliases": t.aliases, "category": t.category} for t in rec.technologies]
    involves = [{"project": x.id, "tech": t} for x in rec.projects for t in x.technologies]

    stmts: list[tuple[str, dict]] = [(s, {"plan_id": p.id}) for s in DELETE_PLAN]
    stmts.append(("CREATE (pl:Plan) SET pl = $plan_props", {"plan_props": plan_props}))
    if province:
        # A province issues its own plans; a city's plan is issued by the city, PART_OF the province.
        issued = "" if city else " WITH pv MATCH (pl:Plan {id: $plan_id}) CREATE (pv)-[:ISSUED]->(pl)"
        stmts.append(("MERGE (pv:Province {id: $pv.name}) SET pv.name = $pv.name, pv.name_en = $pv.name_en" + issued,
                      {"pv": province, "plan_id": p.id}))
    if city:
        stmts.append(("MERGE (c:City {id: $ct.name}) SET c.name = $ct.name, c.name_en = $ct.name_en "
                      "WITH c MATCH (pl:Plan {id: $plan_id}) CREATE (c)-[:ISSUED]->(pl)", {"ct": city, "plan_id": p.id}))
        if province:
            stmts.append(("MATCH (c:City {id: $ct_name}), (pv:Province {id: $pv_name}) MERGE (c)-[:PART_OF]->(pv)",
                          {"ct_name": p.city, "pv_name": p.province}))
    stmts += [
        ("UNWIND $projects AS row MATCH (pl:Plan {id: row.plan}) CREATE (pr:Project) SET pr = row CREATE (pl)-[:INCLUDES]->(pr)",
         {"projects": projects}),
        ("UNWIND $subtasks AS row MATCH (c:Project {id: row.child}), (pa:Project {id: row.parent}) CREATE (c)-[:SUBTASK_OF]->(pa)",
         {"subtasks": subtasks}),
        ("UNWIND $agencies AS row MERGE (a:Agency {id: row.id}) SET a += row.props, "
         "a.aliases = [x IN coalesce(a.aliases, []) WHERE NOT x IN row.aliases] + row.aliases",
         {"agencies": agencies}),
        ("UNWIND $agency_places AS row MATCH (a:Agency {id: row.id}) MERGE (pv:Province {id: row.place}) "
         "ON CREATE SET pv.name = row.place MERGE (a)-[:BELONGS_TO]->(pv)",
         {"agency_places": [a for a in agencies if a["place_label"] == "Province"]}),
        ("UNWIND $agency_cities AS row MATCH (a:Agency {id: row.id}) MERGE (c:City {id: row.place}) "
         "ON CREATE SET c.name = row.place MERGE (a)-[:BELONGS_TO]->(c) "
         "WITH c, row WHERE row.parent IS NOT NULL MERGE (pv:Province {id: row.parent}) ON CREATE SET pv.name = row.parent "
         "MERGE (c)-[:PART_OF]->(pv)",
         {"agency_cities": [a for a in agencies if a["place_label"] == "City"]}),
        ("UNWIND $leads AS row MATCH (a:Agency {id: row.agency}), (pr:Project {id: row.project}) CREATE (a)-[r:LEADS]->(pr) SET r = row.props",
         {"leads": role_rows("lead")}),
        ("UNWIND $supports AS row MATCH (a:Agency {id: row.agency}), (pr:Project {id: row.project}) CREATE (a)-[r:SUPPORTS]->(pr) SET r = row.props",
         {"supports": role_rows("support")}),
        ("UNWIND $ind_project AS row MATCH (pr:Project {id: row.owner}) CREATE (i:Indicator) SET i = row.props CREATE (pr)-[:TARGETS]->(i)",
         {"ind_project": [i for i in indicators if i["owner"]]}),
        ("UNWIND $ind_plan AS row MATCH (pl:Plan {id: $plan_id}) CREATE (i:Indicator) SET i = row.props CREATE (pl)-[:TARGETS]->(i)",
         {"ind_plan": [i for i in indicators if not i["owner"]], "plan_id": p.id}),
        ("UNWIND $techs AS row MERGE (t:Technology {id: row.id}) SET t += row", {"techs": techs}),
        ("UNWIND $involves AS row MATCH (pr:Project {id: row.project}), (t:Technology {id: row.tech}) CREATE (pr)-[:INVOLVES]->(t)",
         {"involves": involves}),
    ]
    return stmts


def succession_statements(links) -> list[tuple[str, dict]]:
    """(Agency)-[:SUCCEEDED_BY {year, kind, source}]->(Agency) for loaders.succession links."""
    rows = [{"a": s.predecessor, "b": s.successor, "props": {k: v for k, v in
             {"year": s.year, "kind": s.kind, "source": s.source}.items() if v is not None}} for s in links]
    return [("UNWIND $successions AS row MATCH (a:Agency {id: row.a}), (b:Agency {id: row.b}) "
             "MERGE (a)-[s:SUCCEEDED_BY]->(b) SET s = row.props", {"successions": rows})]


def remove_statements(plan_id: str) -> list[tuple[str, dict]]:
    return [(s, {"plan_id": plan_id}) for s in DELETE_PLAN]


def orphan_statements(agencies: list[str] | None = None) -> list[tuple[str, dict]]:
    """Run as a separate write after a plan's: FalkorDB does not see edges created earlier in the same query.
    ``agencies``: the only ones that may have lost their last role (None: look at all)."""
    first = (DROP_ORPHAN_AGENCIES, {}) if agencies is None else (DROP_ORPHAN_CANDIDATES, {"orphan_candidates": agencies})
    return [first] + [(s, {}) for s in DROP_ORPHANS]


def _place_label(place: str, places: dict) -> str | None:
    level = places.get(place, {}).get("level")
    if level == "province" or place.endswith(("省", "自治区")):
        return "Province"
    if level in ("city", "county") or place.endswith(("市", "县", "区")):
        return "City"
    return None


def pruned(statements: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """Without the statements that unwind an empty list (they would change nothing): less for the
    engine to parse and plan on every write, one round trip fewer each on Neo4j."""
    out = []
    for cypher, params in statements:
        if cypher.startswith("UNWIND $"):
            name = cypher[len("UNWIND $"):].split(" ", 1)[0]
            if params.get(name) == []:
                continue
        out.append((cypher, params))
    return out
