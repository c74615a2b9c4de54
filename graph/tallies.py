"""Counts kept up to date at load time, so presets over a national graph read them instead of
scanning every role.

What one plan adds (its contribution) is known when it is written: from its records for the
new version, from the graph for the version it replaces. The difference goes into the plan's
own write query, so readers see a plan and its counts together:

- on each Agency: ``led`` and ``supported`` (all plans);
- (:Tally) nodes, one per key, never linked to anything (so no traversal meets them): roles by
  agency type and family per province and period (``kind`` "types"), plans per province and
  period ("plans"), tasks per technology per province ("tech"), and tasks two agencies both
  carry ("pair": ``agency_a`` < ``agency_b``, ``collective`` when either is a collective actor),
  counted for the whole country (``province`` '') and for the plan's province, each pair found
  by its ``scope`` ("pair|" + province, indexed) without summing over the other.

A plan written this way is marked ``tallied``; only such a plan's counts are taken out again
when it is replaced or removed (a store written before the counts existed is tallied as its
plans are loaded again; the app does that on start).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

from loaders.records import PlanRecords

ROLE_TYPES = {"lead": "led", "support": "supported", "LEADS": "led", "SUPPORTS": "supported"}


def period_of(year: int | None) -> str:
    """The five-year plan period a year falls in ('' when the plan's year is unknown)."""
    if not year:
        return ""
    first = 2006 + 5 * ((int(year) - 2006) // 5)
    return f"{first}-{first + 4}"


@dataclass
class Contribution:
    """What one plan adds to the counts; negative after ``minus``."""

    roles: Counter = field(default_factory=Counter)  # (agency id, led | supported)
    types: Counter = field(default_factory=Counter)  # (province, period, type, type_en, family, family_en, collective, led | supported)
    pairs: Counter = field(default_factory=Counter)  # (province or '', agency id, agency id, either collective), smaller id first
    techs: Counter = field(default_factory=Counter)  # (province, technology)
    plans: Counter = field(default_factory=Counter)  # (province, period)

    def minus(self, other: Contribution) -> Contribution:
        out = Contribution()
        for name in ("roles", "types", "pairs", "techs", "plans"):
            diff = Counter(getattr(self, name))
            diff.subtract(getattr(other, name))
            setattr(out, name, Counter({k: v for k, v in diff.items() if v}))
        return out

    def agencies(self) -> list[str]:
        return sorted({a for a, _ in self.roles} | {x for _, a, b, _ in self.pairs for x in (a, b)})


def _add_roles(c: Contribution, province: str, period: str, rows) -> None:
    """rows: (project, agency id, role, type, type_en, family, family_en, collective)."""
    on_task: dict[str, dict] = {}
    for project, agency, role, typ, typ_en, family, family_en, collective in rows:
        measure = ROLE_TYPES[role]
        c.roles[(agency, measure)] += 1
        c.types[(province, period, typ or "", typ_en or "", family or "", family_en or "", bool(collective), measure)] += 1
        on_task.setdefault(project, {})[agency] = bool(collective)
    for agencies in on_task.values():
        for a, b in combinations(sorted(agencies), 2):
            for scope in {"", province}:
                c.pairs[(scope, a, b, agencies[a] or agencies[b])] += 1


def from_records(rec: PlanRecords) -> Contribution:
    c = Contribution()
    province, period = rec.plan.province or "", period_of(rec.plan.year)
    agencies = {a.id: a for a in rec.agencies}
    rows = []
    for r in rec.roles:
        a = agencies[r.agency]
        rows.append((r.project, a.id, r.role, a.type, a.type_en, a.family, a.family_en, a.collective))
    _add_roles(c, province, period, rows)
    for p in rec.projects:
        for t in set(p.technologies):
            c.techs[(province, t)] += 1
    c.plans[(province, period)] += 1
    return c


def in_graph(store, plan_id: str) -> Contribution:
    """What the stored version of a plan added (nothing if it is not there or was never tallied)."""
    c = Contribution()
    found = store.query("MATCH (pl:Plan {id: $id}) WHERE pl.tallied RETURN pl.province AS province, pl.year AS year", {"id": plan_id})
    if not found:
        return c
    province, period = found[0]["province"] or "", period_of(found[0]["year"])
    rows = store.query(
        "MATCH (:Plan {id: $id})-[:INCLUDES]->(p:Project)<-[r]-(a:Agency) WHERE type(r) = 'LEADS' OR type(r) = 'SUPPORTS' "
        "RETURN p.id AS p, a.id AS a, type(r) AS r, a.type AS t, a.type_en AS te, a.family AS f, a.family_en AS fe, "
        "a.collective AS c", {"id": plan_id}, limit=10**6)
    _add_roles(c, province, period, [(x["p"], x["a"], x["r"], x["t"], x["te"], x["f"], x["fe"], x["c"]) for x in rows])
    for x in store.query("MATCH (:Plan {id: $id})-[:INCLUDES]->(p:Project)-[:INVOLVES]->(t:Technology) "
                         "RETURN t.id AS t, count(DISTINCT p) AS n", {"id": plan_id}, limit=10**6):
        c.techs[(province, x["t"])] += x["n"]
    c.plans[(province, period)] += 1
    return c


def tally_ids(d: Contribution) -> list[str]:
    return sorted({_types_id(k) for k in d.types} | {_plans_id(k) for k in d.plans} | {_tech_id(k) for k in d.techs}
                  | {_pair_id(k) for k in d.pairs})


def _types_id(k) -> str:
    province, period, typ, _, family, _, collective, _ = k
    return f"types|{province}|{period}|{typ}|{family}|{int(collective)}"


def _plans_id(k) -> str:
    return f"plans|{k[0]}|{k[1]}"


def _tech_id(k) -> str:
    return f"tech|{k[0]}|{k[1]}"


def _pair_id(k) -> str:
    return f"pair|{k[0]}|{k[1]}|{k[2]}"


def statements(d: Contribution) -> list[tuple[str, dict]]:
    """The change in counts, as statements that run inside the plan's write (after its agencies exist)."""
    roles: dict[str, dict] = {}
    for (agency, measure), n in d.roles.items():
        roles.setdefault(agency, {"id": agency, "led": 0, "supported": 0})[measure] += n
    types: dict[str, dict] = {}
    for k, n in d.types.items():
        province, period, typ, typ_en, family, family_en, collective, measure = k
        row = types.setdefault(_types_id(k), {"id": _types_id(k), "led": 0, "supported": 0, "props": {
            "kind": "types", "province": province, "period": period, "type": typ, "type_en": typ_en,
            "family": family, "family_en": family_en, "collective": collective}})
        row[measure] += n
    out = [
        ("UNWIND $tally_agencies AS row MATCH (a:Agency {id: row.id}) "
         "SET a.led = coalesce(a.led, 0) + row.led, a.supported = coalesce(a.supported, 0) + row.supported",
         {"tally_agencies": list(roles.values())}),
        ("UNWIND $tally_pairs AS row MERGE (t:Tally {id: row.id}) ON CREATE SET t.kind = 'pair', "
         "t.scope = 'pair|' + row.province, t.province = row.province, t.agency_a = row.a, t.agency_b = row.b, "
         "t.collective = row.collective SET t.tasks = coalesce(t.tasks, 0) + row.n",
         {"tally_pairs": [{"id": _pair_id(k), "province": k[0], "a": k[1], "b": k[2], "collective": k[3], "n": n}
                          for k, n in d.pairs.items()]}),
        ("UNWIND $tally_types AS row MERGE (t:Tally {id: row.id}) ON CREATE SET t += row.props "
         "SET t.led = coalesce(t.led, 0) + row.led, t.supported = coalesce(t.supported, 0) + row.supported",
         {"tally_types": list(types.values())}),
        ("UNWIND $tally_plans AS row MERGE (t:Tally {id: row.id}) ON CREATE SET t.kind = 'plans', t.province = row.province, "
         "t.period = row.period SET t.plans = coalesce(t.plans, 0) + row.n",
         {"tally_plans": [{"id": _plans_id(k), "province": k[0], "period": k[1], "n": n} for k, n in d.plans.items()]}),
        ("UNWIND $tally_techs AS row MERGE (t:Tally {id: row.id}) ON CREATE SET t.kind = 'tech', t.province = row.province, "
         "t.technology = row.technology SET t.tasks = coalesce(t.tasks, 0) + row.n",
         {"tally_techs": [{"id": _tech_id(k), "province": k[0], "technology": k[1], "n": n} for k, n in d.techs.items()]}),
    ]
    return out


def sweep_statements(d: Contribution) -> list[tuple[str, dict]]:
    """Counts that reached zero go: tallies of nothing, pairs that share no task."""
    return [
        ("UNWIND $sweep_tallies AS id MATCH (t:Tally {id: id}) "
         "WHERE coalesce(t.led, 0) + coalesce(t.supported, 0) + coalesce(t.plans, 0) + coalesce(t.tasks, 0) <= 0 DELETE t",
         {"sweep_tallies": tally_ids(d)}),
    ]


def global_sweep_statements() -> list[tuple[str, dict]]:
    """The same, over every pair and tally: once at the end of a build."""
    return [
        ("MATCH (t:Tally) WHERE coalesce(t.led, 0) + coalesce(t.supported, 0) + coalesce(t.plans, 0) + coalesce(t.tasks, 0) <= 0 "
         "DELETE t", {}),
    ]


def recount(store) -> Contribution:
    """Every tallied plan's contribution summed again from its facts: what the counts must be."""
    total = Contribution()
    for row in store.query("MATCH (pl:Plan) WHERE pl.tallied RETURN pl.id AS id", limit=10**7):
        c = in_graph(store, row["id"])
        for name in ("roles", "types", "pairs", "techs", "plans"):
            getattr(total, name).update(getattr(c, name))
    return total


def stored(store) -> Contribution:
    """The counts as the store holds them, in the shape of a Contribution (zeros left out)."""
    c = Contribution()
    for r in store.query("MATCH (a:Agency) RETURN a.id AS id, a.led AS led, a.supported AS supported", limit=10**7):
        for measure in ("led", "supported"):
            if r[measure]:
                c.roles[(r["id"], measure)] = r[measure]
    for r in store.query("MATCH (t:Tally) RETURN properties(t) AS t", limit=10**7):
        t = r["t"]
        if t["kind"] == "types":
            for measure in ("led", "supported"):
                if t.get(measure):
                    c.types[(t["province"], t["period"], t["type"], t["type_en"], t["family"], t["family_en"],
                             t["collective"], measure)] = t[measure]
        elif t["kind"] == "pair":
            c.pairs[(t["province"], t["agency_a"], t["agency_b"], t["collective"])] = t["tasks"]
        elif t["kind"] == "plans":
            c.plans[(t["province"], t["period"])] = t["plans"]
        else:
            c.techs[(t["province"], t["technology"])] = t["tasks"]
    return c
