"""Facts about places a researcher relies on: every county has its city and province,
short names and customary forms are understood, and running text is not over-read."""

from __future__ import annotations

from collections import Counter

from loaders import gazetteer
from loaders.gazetteer import find, lookup, place, province_of


def test_a_county_in_hebei_gives_its_city_and_province():
    p = place("正定县")
    assert (p.level, p.city, p.province, p.code) == ("county", "石家庄市", "河北省", "130123")
    assert place("正定").name == "正定县"  # the short name alone, unambiguous


def test_the_gazetteer_holds_every_province_city_and_county():
    levels = Counter(p.level for p in gazetteer.places())
    assert levels["province"] == 34  # 23 provinces, 5 regions, 4 municipalities, HK, Macao
    assert 330 <= levels["city"] <= 340
    assert 2840 <= levels["county"] <= 2860


def test_the_2024_xinjiang_counties_are_there():
    assert place("和安县").city == "和田地区"
    assert place("和康县").province == "新疆维吾尔自治区"


def test_every_kind_of_county_level_area_is_a_county():
    kinds = {
        "旗": "鄂托克旗",
        "自治县": "围场满族蒙古族自治县",
        "林区": "神农架林区",
        "特区": "六枝特区",
        "县级市": "桐乡市",
        "市辖区": "江宁区",
    }
    for kind, name in kinds.items():
        p = place(name)
        assert (p.level, p.kind) == ("county", kind), name


def test_prefectures_leagues_and_autonomous_prefectures_are_cities():
    for name in ("黔东南苗族侗族自治州", "和田地区", "锡林郭勒盟", "成都市"):
        assert place(name).level == "city", name


def test_customary_short_forms_of_autonomous_areas():
    assert place("黔东南州").name == "黔东南苗族侗族自治州"
    assert place("黔东南").name == "黔东南苗族侗族自治州"
    assert place("内蒙古").name == "内蒙古自治区"
    assert place("广西").name == "广西壮族自治区"


def test_historic_names_lead_to_todays_place():
    assert place("巴彦淖尔盟").name == "巴彦淖尔市"
    assert place("毕节地区").name == "毕节市"
    assert place("襄樊市").name == "襄阳市"


def test_ambiguous_district_names_list_every_candidate_and_within_chooses():
    chaoyang = lookup("朝阳区")
    assert {(p.province, p.city) for p in chaoyang} == {("北京市", None), ("吉林省", "长春市")}
    assert place("朝阳区", within="吉林省").city == "长春市"
    assert place("朝阳区", within="长春市").city == "长春市"
    assert place("鼓楼区") is not None
    assert province_of("鼓楼区") is None  # four cities have one


def test_districts_of_the_municipalities_belong_to_the_municipality():
    p = place("海淀区")
    assert (p.province, p.city) == ("北京市", None)


def test_english_names_use_the_customary_exceptions():
    assert place("陕西").name_en == "Shaanxi"
    assert place("山西").name_en == "Shanxi"
    assert place("内蒙古").name_en == "Inner Mongolia"
    assert place("西藏").name_en == "Tibet"
    assert place("新疆").name_en == "Xinjiang"
    assert place("宁夏").name_en == "Ningxia"
    assert place("四川").name_en == "Sichuan"
    assert place("成都").name_en == "Chengdu"
    assert place("西安").name_en == "Xi'an"
    assert place("长沙").name_en == "Changsha"  # not Zhangsha


def test_find_reads_a_province_once_not_twice():
    found = find("四川省人民政府")
    assert [(s, e, p.name) for s, e, p in found] == [(0, 3, "四川省")]


def test_find_does_not_read_common_words_as_places():
    assert find("发展朝阳产业,确保长治久安,建设大同社会") == []


def test_find_reads_a_two_character_county_only_with_its_suffix():
    # 和平 is a district of Tianjin and Shenyang; in prose it is peace
    assert find("维护世界和平") == []
    assert [p.name for _, _, p in find("天津市和平区")] == ["天津市", "和平区"]


def test_find_resolves_an_ambiguous_district_by_the_city_before_it():
    found = find("福州市鼓楼区")
    assert [(p.name, p.city) for _, _, p in found] == [("福州市", None), ("鼓楼区", "福州市")]


def test_province_of_a_city_and_of_a_county():
    assert province_of("遵义") == "贵州省"
    assert province_of("卢氏县") == "河南省"
    assert province_of("火星") is None


def test_the_module_examples_hold():
    import doctest

    from loaders import gazetteer

    assert doctest.testmod(gazetteer).failed == 0
