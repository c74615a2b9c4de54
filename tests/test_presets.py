"""Every preset in cypher/ answers correctly on the seed graph.

Expected answers are computed from the loader's records (or stated from the
texts), so a preset that drifts from the records fails here.
"""

from __future__ import annotations

from collections import Counter

import pytest

from graph import presets
from graph.errors import GraphError

from .conftest import PLANS


def all_roles(seeds):
    return [r for rec in seeds.values() for r in rec.roles]


def agencies(seeds):
    return {a.id: a for rec in seeds.values() for a in rec.agencies}


def test_every_preset_has_a_test():
    tested = {name[len("test_"):].split("__")[0] for name in globals() if name.startswith("test_")}
    assert set(presets.load_all()) <= tested, set(presets.load_all()) - tested


def test_every_preset_header_is_complete():
    for p in presets.load_all().values():
        assert p.title_zh and p.title_en and p.title_zh != p.title_en and p.description, p.name


def test_agency_ranking(store, seeds):
    rows = presets.run(store, "agency_ranking", {"limit": 200})
    ags = agencies(seeds)
    led = Counter(r.agency for r in all_roles(seeds) if r.role == "lead" and not ags[r.agency].collective)
    sup = Counter(r.agency for r in all_roles(seeds) if r.role == "support" and not ags[r.agency].collective)
    assert {r["agency"]: (r["led"], r["supported"]) for r in rows} == {a: (led[a], sup[a]) for a in set(led) | set(sup)}
    assert [r["agency"] for r in rows[:3]] == ["浙江省经济和信息化委员会", "清远市经济和信息化局", "安徽省发展和改革委员会"]
    assert not any(ags[r["agency"]].collective for r in rows)


def test_agency_ranking__per_province_and_with_collectives(store):
    rows = presets.run(store, "agency_ranking", {"province": "安徽省", "include_collective": True, "limit": 3})
    assert rows[0]["agency"] == "安徽省发展和改革委员会" and rows[0]["led"] == 8
    gd = presets.run(store, "agency_ranking", {"province": "广东省"})
    assert {r["jurisdiction"] for r in gd} == {"清远市"}


def test_agency_types(store, seeds):
    rows = presets.run(store, "agency_types", {"limit": 1000})
    drc = {r["province"]: (r["led"], r["supported"]) for r in rows if r["type"] == "发展和改革委员会"}
    assert drc["安徽省"] == (8, sum(r.agency == "安徽省发展和改革委员会" and r.role == "support" for r in all_roles(seeds)))
    assert drc["浙江省"][0] == 0 and drc["浙江省"][1] > 0


def test_agency_tasks(store, seeds):
    rows = presets.run(store, "agency_tasks", {"agency": "清远市经济和信息化局"})
    expected = sorted(r.project for r in seeds["qingyuan"].roles if r.agency == "清远市经济和信息化局")
    assert sorted(r["project"] for r in rows) == expected
    assert {r["role"] for r in rows} == {"LEADS"} and all(r["evidence"][1:].startswith("牵头单位") for r in rows)
    assert presets.run(store, "agency_tasks", {"agency": "浙江省经济和信息化委员会", "role": "SUPPORTS"})[0]["role"] == "SUPPORTS"


def test_co_responsibility(store, seeds):
    rows = presets.run(store, "co_responsibility", {"agency": "浙江省经济和信息化委员会", "limit": 100})
    by_project = {}
    for r in seeds["zhejiang"].roles:
        by_project.setdefault(r.project, set()).add(r.agency)
    shared = sum({"浙江省经济和信息化委员会", "浙江省发展和改革委员会"} <= s for s in by_project.values())
    pair = next(r for r in rows if {r["agency_a"], r["agency_b"]} == {"浙江省经济和信息化委员会", "浙江省发展和改革委员会"})
    assert pair["shared_tasks"] == shared == rows[0]["shared_tasks"]


def test_neighbourhood(store, seeds):
    rows = presets.run(store, "neighbourhood", {"node": "清远市经济和信息化局", "depth": 1})
    neighbours = {p["p"]["nodes"][-1]["id"] for p in rows}
    projects = {r.project for r in seeds["qingyuan"].roles if r.agency == "清远市经济和信息化局"}
    assert neighbours == projects | {"清远市"}
    deeper = presets.run(store, "neighbourhood", {"node": "清远市经济和信息化局", "depth": 2})
    assert len(deeper) > len(rows) and max(len(p["p"]["relationships"]) for p in deeper) == 2


def test_plan_indicators(store, seeds):
    rows = presets.run(store, "plan_indicators", {"plan": PLANS["anhui"]})
    assert len(rows) == len(seeds["anhui"].indicators)
    net = next(r for r in rows if r["name"] == "网民数量")
    assert (net["baseline"], net["target"], net["unit"], net["baseline_year"], net["target_year"]) == ("2395", ">4000", "万", 2015, 2020)


def test_indicator_across_plans(store):
    rows = presets.run(store, "indicator_across_plans", {"name": "互联网省际出口带宽"})
    assert {r["province"] for r in rows} == {"安徽省", "四川省", "河南省"}
    sichuan = next(r for r in rows if r["province"] == "四川省")
    assert sichuan["target_value"] == 40.0


def test_technologies_by_province(store, seeds):
    rows = presets.run(store, "technologies_by_province", {"province": "浙江省"})
    expected = Counter(t for p in seeds["zhejiang"].projects for t in p.technologies)
    assert {r["technology"]: r["tasks"] for r in rows} == dict(expected)


def test_technology_tasks(store, seeds):
    rows = presets.run(store, "technology_tasks", {"technology": "物联网", "province": "广东省"})
    expected = {p.id for p in seeds["qingyuan"].projects if "物联网" in p.technologies}
    assert {r["project"] for r in rows} == expected and expected
    task5 = next(r for r in rows if r["project"].endswith(":task-5"))
    assert task5["leads"] == ["清远市经济和信息化局"]


def test_tasks_without_lead(store):
    rows = presets.run(store, "tasks_without_lead")
    assert [r["label"] for r in rows] == ["序号 13", "序号 8"] or [r["project"].split(":")[1] for r in rows] == ["annex-row-13", "annex-row-8"]
    everything = presets.run(store, "tasks_without_lead", {"plan": PLANS["henan"], "assigned_only": False})
    assert len(everything) == 33


def test_shortest_path(store):
    (row,) = presets.run(store, "shortest_path", {"source": "清远市经济和信息化局", "target": "物联网"})
    ids = [n["id"] for n in row["p"]["nodes"]]
    assert ids[0] == "清远市经济和信息化局" and ids[-1] == "物联网" and len(ids) == 3
    assert presets.run(store, "shortest_path", {"source": "清远市经济和信息化局", "target": "no-such-node"}) == []


def test_plans_overview(store, seeds):
    rows = {r["plan"]: r for r in presets.run(store, "plans_overview")}
    for key, rec in seeds.items():
        row = rows[PLANS[key]]
        assert row["projects"] == len(rec.projects)
        assert row["leads"] == sum(r.role == "lead" for r in rec.roles)
        assert row["supports"] == sum(r.role == "support" for r in rec.roles)
        assert row["indicators"] == len(rec.indicators)


def test_bad_preset_parameters_are_refused_clearly(store):
    with pytest.raises(GraphError, match="unknown parameter"):
        presets.run(store, "agency_ranking", {"provnce": "安徽省"})
    with pytest.raises(GraphError, match="whole number"):
        presets.run(store, "agency_ranking", {"limit": "ten"})
    with pytest.raises(GraphError, match="no such preset"):
        presets.run(store, "nope")


def test_agency_lineage(store):
    # The seeds are all from before the 2018 reform and no body in them succeeded another.
    assert presets.run(store, "agency_lineage", {"agency": "浙江省经济和信息化委员会"}) == []
    # tests/test_national_agencies.py runs it on a 2016 and a 2021 plan of one province.


def test_agency_types_by_period(store, seeds):
    rows = presets.run(store, "agency_types_by_period", {"by": "type", "limit": 1000})
    ags = agencies(seeds)
    zj = [r for r in all_roles(seeds) if r.plan.startswith("zhejiang") and not ags[r.agency].collective]
    eitc = Counter(r.role for r in zj if ags[r.agency].type == "经济和信息化委员会")
    row = next(r for r in rows if r["province"] == "浙江省" and r["grouping"] == "经济和信息化委员会")
    assert (row["period"], row["plans"], row["led"], row["supported"]) == ("2016-2020", 1, eitc["lead"], eitc["support"])
    assert row["per_plan"] == eitc["lead"] + eitc["support"]
    # Anhui's 2017 plan and Sichuan's both fall in 2016–2020; each province is divided by its own plans.
    assert all(r["per_plan"] == round((r["led"] + r["supported"]) / r["plans"], 2) for r in rows)
