"""Facts about renamed and merged bodies a researcher relies on: the old and the new
name of one body in one place are linked, with the year and the authority."""

from __future__ import annotations

from loaders.catalogue import body_types, resolve
from loaders.records import Agency
from loaders.succession import KINDS, rules, successions


def agency(surface, jurisdiction, province):
    """The Agency a loader would make of a name, through the catalogue."""
    r = resolve(surface, jurisdiction, province)
    assert r is not None, surface
    return Agency(r.canonical, r.canonical, [surface], r.type, r.type_en, r.name_en,
                  r.jurisdiction, r.level, r.collective, True)


def links(agencies):
    return {(s.predecessor, s.successor): (s.year, s.kind) for s in successions(agencies)}


def test_a_pre_and_post_2018_name_of_one_provincial_commission_are_linked():
    old = agency("省卫生计生委", "贵州省", "贵州省")
    new = agency("省卫生健康委", "贵州省", "贵州省")
    [s] = successions([old, new])
    assert (s.predecessor, s.successor) == ("贵州省卫生和计划生育委员会", "贵州省卫生健康委员会")
    assert (s.year, s.kind) == (2018, "renamed")
    assert "2018" in s.source


def test_a_city_department_renamed_in_the_2019_city_reform():
    old = agency("市经信委", "南昌市", "江西省")
    new = agency("市工信局", "南昌市", "江西省")
    assert links([old, new]) == {("南昌市经济和信息化委员会", "南昌市工业和信息化局"): (2019, "renamed")}


def test_three_market_regulators_merge_into_one_administration():
    names = ["省工商局", "省质监局", "省食品药品监管局", "省市场监管局"]
    got = links([agency(n, "辽宁省", "辽宁省") for n in names])
    assert {old for old, new in got if new == "辽宁省市场监督管理局"} == {
        "辽宁省工商行政管理局", "辽宁省质量技术监督局", "辽宁省食品药品监督管理局"}
    assert {v for v in got.values()} == {(2018, "merged into")}


def test_national_and_local_tax_bureaus_merge_into_the_tax_service_in_2018():
    names = ["市国税局", "市地税局", "市税务局"]
    got = links([agency(n, "曲靖市", "云南省") for n in names])
    assert got == {("曲靖市国家税务局", "国家税务总局曲靖市税务局"): (2018, "merged into"),
                   ("曲靖市地方税务局", "国家税务总局曲靖市税务局"): (2018, "merged into")}


def test_a_provinces_own_reform_year_wins_over_the_national_default():
    guizhou = [agency(n, "贵州省", "贵州省") for n in ("省经信委", "省大数据发展管理局")]
    zhejiang = [agency(n, "浙江省", "浙江省") for n in ("省经信委", "省大数据发展管理局")]
    jiangxi = [agency(n, "江西省", "江西省") for n in ("省经信委", "省大数据局")]
    assert list(links(guizhou).values()) == [(2017, "split from")]
    assert list(links(zhejiang).values()) == [(2018, "split from")]
    [s] = successions(jiangxi)
    assert s.year == 2019 and "national default" in s.source


def test_the_2017_supervision_pilot_provinces_have_their_own_year():
    zhejiang = [agency(n, "浙江省", "浙江省") for n in ("省监察厅", "省监委")]
    anhui = [agency(n, "安徽省", "安徽省") for n in ("省监察厅", "省监委")]
    assert list(links(zhejiang).values()) == [(2017, "merged into")]
    assert list(links(anhui).values()) == [(2018, "merged into")]


def test_the_data_bureaus_of_2023_and_2024():
    national = [agency(n, "四川省", "四川省") for n in ("国家发展改革委", "国家数据局")]
    assert list(links(national).values()) == [(2023, "split from")]
    shandong = [agency(n, "山东省", "山东省") for n in ("省大数据局", "省数据局")]
    assert list(links(shandong).values()) == [(2024, "renamed")]


def test_bodies_in_different_jurisdictions_are_not_linked():
    old = agency("省卫生计生委", "安徽省", "安徽省")
    new = agency("省卫生健康委", "浙江省", "浙江省")
    city = agency("市卫生健康委", "合肥市", "安徽省")
    assert successions([old, new, city]) == []


def test_unchanged_departments_and_collectives_are_not_linked():
    names = ["省民政厅", "省人力资源社会保障厅", "省直有关部门", "各市、县人民政府"]
    assert successions([agency(n, "安徽省", "安徽省") for n in names]) == []


def test_every_rule_names_catalogue_types_a_known_kind_and_a_source():
    types = body_types()
    for rule in rules():
        assert rule.from_type in types and rule.to_type in types, rule
        assert rule.kind in KINDS and rule.source and rule.year, rule
        assert rule.from_type != rule.to_type, rule


def test_the_module_examples_hold():
    import doctest

    from loaders import succession

    assert doctest.testmod(succession).failed == 0
