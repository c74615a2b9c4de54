"""Any jurisdiction's agencies named, typed and followed through the 2018 reform (issue 12).

Agency lists are written the way plans from provinces and cities outside the seeds write them
(made-up lines in their form); the assertions are what a researcher compares across provinces.
"""

from __future__ import annotations

import pytest

from graph import presets
from graph.build import build
from graph.export import generate_csv_neo4j
from loaders.pipeline import extract_source
from loaders.read import Source, normalise


def agencies_of(clause: str, jurisdiction: str, province: str) -> dict[str, object]:
    text = f"二、重点任务\n1.推进数字政府建设。建设一体化政务服务平台。({clause})\n"
    rec = extract_source(Source("plan.txt", "", "utf-8", text, normalise(text)), {"jurisdiction": jurisdiction, "province": province})
    by_alias = {}
    for a in rec.agencies:
        for alias in a.aliases:
            by_alias[alias] = a
    return by_alias


@pytest.mark.parametrize("clause, jurisdiction, province, surface, name, family_en", [
    ("牵头单位:省大数据局;配合单位:省发展改革委", "贵州省", "贵州省", "省发展改革委", "贵州省发展和改革委员会", "planning & economy"),
    ("牵头单位:省工信厅;配合单位:省人社厅", "江西省", "江西省", "省工信厅", "江西省工业和信息化厅", "industry & IT"),
    ("牵头单位:市科技局;配合单位:市财政局", "沈阳市", "辽宁省", "市科技局", "沈阳市科学技术局", "science & technology"),
    ("牵头单位:省卫生健康委;配合单位:省医保局", "甘肃省", "甘肃省", "省卫生健康委", "甘肃省卫生健康委员会", "health"),
    ("牵头单位:县政府办;配合单位:县发改局", "正定县", "河北省", "县发改局", "正定县发展和改革局", "planning & economy"),
])
def test_agencies_of_any_province_or_county_resolve_to_full_names_types_and_families(
        clause, jurisdiction, province, surface, name, family_en):
    a = agencies_of(clause, jurisdiction, province)[surface]
    assert a.name == name and a.known and a.family_en == family_en and a.type and a.name_en


def test_a_chengdu_plans_city_bureaus_are_chengdus():
    got = agencies_of("牵头单位:市科技局;配合单位:市发改委、市经信委、市人社局、市质监局", "成都市", "四川省")
    assert {got[s].name for s in ["市科技局", "市发改委", "市经信委", "市人社局", "市质监局"]} == {
        "成都市科学技术局", "成都市发展和改革委员会", "成都市经济和信息化委员会", "成都市人力资源和社会保障局",
        "成都市质量技术监督局"}
    assert all(got[s].known for s in ["市科技局", "市发改委", "市经信委", "市人社局", "市质监局"])


def test_places_sharing_a_suffix_are_each_their_own_government():
    got = agencies_of("济南、青岛市政府牵头,省大数据局配合", "山东省", "山东省")
    assert got["济南市政府"].name == "济南市人民政府" and got["青岛市政府"].name == "青岛市人民政府"
    assert got["济南市政府"].jurisdiction == "济南市"


def test_english_names_follow_the_place_and_level():
    got = agencies_of("牵头单位:市科技局", "成都市", "四川省")
    assert got["市科技局"].name_en == "Chengdu Municipal Bureau of Science and Technology"


JIANGXI_2016 = ("2016年江西省信息化工作要点\n二、重点任务\n"
                "1.推进两化深度融合。(牵头单位:省经信委;配合单位:省科技厅)\n"
                "2.建设工业云平台。(牵头单位:省经信委)\n"
                "3.推进电子商务进农村。(牵头单位:省商务厅;配合单位:省经信委)\n")
JIANGXI_2021 = ("2021年江西省数字经济工作要点\n二、重点任务\n"
                "1.推进工业互联网建设。(牵头单位:省工业和信息化厅;配合单位:省通信管理局)\n"
                "2.实施企业上云行动。(牵头单位:省工信厅)\n")


@pytest.fixture
def reform_store(empty_store, tmp_path):
    paths = []
    for name, text in (("jiangxi-2016.txt", JIANGXI_2016), ("jiangxi-2021.txt", JIANGXI_2021)):
        p = tmp_path / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    assert build(empty_store, paths).ok
    return empty_store


def test_pre_and_post_2018_names_of_one_body_are_linked_by_succeeded_by(reform_store):
    rows = reform_store.query("MATCH (a:Agency)-[s:SUCCEEDED_BY]->(b:Agency) RETURN a.id AS a, b.id AS b, s.year AS year, s.kind AS kind")
    assert {"a": "江西省经济和信息化委员会", "b": "江西省工业和信息化厅", "year": 2018, "kind": "renamed"} in rows


def test_follow_successors_counts_a_body_together_with_its_predecessor(reform_store):
    plain = {r["agency"]: (r["led"], r["supported"]) for r in presets.run(reform_store, "agency_ranking", {})}
    assert plain["江西省经济和信息化委员会"] == (2, 1) and plain["江西省工业和信息化厅"] == (2, 0)
    followed = {r["agency"]: r for r in presets.run(reform_store, "agency_ranking", {"follow_successors": True})}
    assert "江西省经济和信息化委员会" not in followed
    merged = followed["江西省工业和信息化厅"]
    assert (merged["led"], merged["supported"]) == (4, 1)
    assert merged["predecessors"] == ["江西省经济和信息化委员会"]
    assert followed["江西省商务厅"]["led"] == plain["江西省商务厅"][0]  # bodies without a lineage are untouched


def test_agency_lineage(reform_store):
    rows = presets.run(reform_store, "agency_lineage", {"agency": "江西省工业和信息化厅"})
    assert [(r["predecessor"], r["successor"], r["year"]) for r in rows] == [("江西省经济和信息化委员会", "江西省工业和信息化厅", 2018)]


def test_agency_types_by_period__counts_are_per_plan(reform_store):
    rows = presets.run(reform_store, "agency_types_by_period", {"by": "family"})
    industry = {r["period"]: r for r in rows if r["grouping_en"] == "industry & IT"}
    assert industry["2016-2020"]["plans"] == 1 and industry["2016-2020"]["led"] == 2 and industry["2016-2020"]["supported"] == 1
    assert industry["2016-2020"]["per_plan"] == 3.0
    assert industry["2021-2025"]["per_plan"] == 2.0


def test_succeeded_by_goes_into_the_neo4j_admin_export(reform_store):
    from graph.elements import graph_from_rows

    rows = reform_store.query("MATCH p = (:Agency)-[:SUCCEEDED_BY]->(:Agency) RETURN p")
    files = generate_csv_neo4j(graph_from_rows(rows))
    rel = files["rels_SUCCEEDED_BY_Agency_Agency.csv"].decode()
    assert "江西省经济和信息化委员会" in rel and "year:long" in rel or "year:int" in rel
    assert "--relationships=rels_SUCCEEDED_BY_Agency_Agency.csv" in files["import.sh"].decode()
