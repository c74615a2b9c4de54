"""Facts about government bodies a researcher relies on: a name as a plan writes it
becomes one full canonical body of the right type, level, place and English name."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import pytest

from loaders import gazetteer
from loaders.catalogue import body_types, guess_type, resolve
from loaders.lexicons import LEXICON_DIR

CORPUS = Path(__file__).resolve().parent / "corpus"


def read(surface, jurisdiction, province):
    r = resolve(surface, jurisdiction, province)
    assert r is not None, surface
    return r


# ---- one plan at a time, as plans outside the seeds write their lists


def test_a_chengdu_plan_reads_市科技局_as_chengdus_science_bureau():
    r = read("市科技局", "成都市", "四川省")
    assert (r.canonical, r.type, r.family, r.level) == ("成都市科学技术局", "科技厅", "科技", "city")
    assert (r.jurisdiction, r.province) == ("成都市", "四川省")
    assert r.name_en == "Chengdu Municipal Bureau of Science and Technology"


def test_a_province_prefix_in_a_city_plan_names_the_provinces_body():
    r = read("省发改委", "成都市", "四川省")
    assert (r.canonical, r.level, r.jurisdiction) == ("四川省发展和改革委员会", "province", "四川省")
    assert r.name_en == "Sichuan Provincial Development and Reform Commission"


GUIZHOU = [  # 贵州省 plan: surface, canonical, type, family_en, English
    ("省大数据发展管理局", "贵州省大数据发展管理局", "大数据局", "data & e-government",
     "Guizhou Provincial Big Data Development Administration"),
    ("省发展改革委", "贵州省发展和改革委员会", "发展和改革委员会", "planning & economy",
     "Guizhou Provincial Development and Reform Commission"),
    ("省工业和信息化厅", "贵州省工业和信息化厅", "工业和信息化厅", "industry & IT",
     "Guizhou Provincial Department of Industry and Information Technology"),
    ("省人力资源社会保障厅", "贵州省人力资源和社会保障厅", "人力资源和社会保障厅",
     "human resources & social security",
     "Guizhou Provincial Department of Human Resources and Social Security"),
    ("省卫生健康委", "贵州省卫生健康委员会", "卫生健康委员会", "health",
     "Guizhou Provincial Health Commission"),
    ("省政府办公厅", "贵州省人民政府办公厅", "政府办公厅", "general office",
     "General Office of the Guizhou Provincial People's Government"),
    ("省委宣传部", "中共贵州省委宣传部", "党委部门", "party",
     "Publicity Department of the CPC Guizhou Provincial Committee"),
    ("省国资委", "贵州省人民政府国有资产监督管理委员会", "国有资产监督管理委员会",
     "planning & economy",
     "State-owned Assets Supervision and Administration Commission of the Guizhou Provincial "
     "People's Government"),
    ("团省委", "共青团贵州省委员会", "共青团", "mass organisation",
     "Communist Youth League Guizhou Provincial Committee"),
]


@pytest.mark.parametrize(("surface", "canonical", "type_", "family_en", "name_en"), GUIZHOU)
def test_a_guizhou_province_plan_resolves_to_full_names(surface, canonical, type_, family_en, name_en):
    r = read(surface, "贵州省", "贵州省")
    assert (r.canonical, r.type, r.family_en, r.name_en) == (canonical, type_, family_en, name_en)
    assert (r.level, r.jurisdiction, r.province) == ("province", "贵州省", "贵州省")


def test_a_jiangxi_city_plan_resolves_its_own_and_the_provinces_bodies():
    got = {s: read(s, "赣州市", "江西省") for s in
           ["市发改委", "市工信局", "市政府办", "市委网信办", "省发展改革委", "市行政审批局"]}
    assert {s: r.canonical for s, r in got.items()} == {
        "市发改委": "赣州市发展和改革委员会",
        "市工信局": "赣州市工业和信息化局",
        "市政府办": "赣州市人民政府办公室",
        "市委网信办": "中共赣州市委网络安全和信息化委员会办公室",
        "省发展改革委": "江西省发展和改革委员会",
        "市行政审批局": "赣州市行政审批局",
    }
    assert got["市工信局"].name_en == "Ganzhou Municipal Bureau of Industry and Information Technology"
    assert got["市委网信办"].family_en == "party"


def test_a_liaoning_plan_knows_the_business_environment_bureau_and_the_2024_data_bureau():
    assert read("省营商局", "辽宁省", "辽宁省").canonical == "辽宁省营商环境建设局"
    r = read("省数据局", "辽宁省", "辽宁省")
    assert (r.canonical, r.type, r.family_en) == ("辽宁省数据局", "数据局", "data & e-government")


def test_a_gansu_city_plan_keeps_a_zone_with_its_place():
    r = read("兰州新区管委会", "兰州市", "甘肃省")
    assert (r.canonical, r.type, r.family_en) == ("兰州新区管理委员会", "开发区管委会", "government")
    assert read("高新区管委会", "天水市", "甘肃省").canonical == "天水高新区管理委员会"


def test_a_hebei_county_plan_resolves_county_bodies_and_township_collectives():
    county = {s: read(s, "正定县", "河北省") for s in
              ["县政府", "县委", "县发改局", "县教体局", "县卫健局", "各乡镇人民政府", "县直各部门"]}
    assert county["县政府"].canonical == "正定县人民政府"
    assert county["县政府"].name_en == "Zhengding County People's Government"
    assert county["县委"].canonical == "中共正定县委员会"
    assert county["县发改局"].canonical == "正定县发展和改革局"
    assert county["县教体局"].canonical == "正定县教育和体育局"
    assert county["县卫健局"].type == "卫生健康委员会"
    assert {r.level for s, r in county.items() if not r.collective} == {"county"}
    assert (county["各乡镇人民政府"].type, county["各乡镇人民政府"].level) == ("地方政府集合", "township")
    assert county["县直各部门"].type == "部门集合"
    assert read("市数据局", "正定县", "河北省").canonical == "石家庄市数据局"  # the county's city


def test_a_district_plan_names_its_bodies_with_the_city_since_district_names_repeat():
    assert read("区大数据局", "江宁区", "江苏省").canonical == "南京市江宁区大数据局"
    assert read("区政府", "朝阳区", "北京市").canonical == "北京市朝阳区人民政府"
    assert read("区政府", "朝阳区", "吉林省").canonical == "长春市朝阳区人民政府"


def test_an_ambiguous_district_is_read_in_the_plans_city():
    assert read("和平区政府", "沈阳市", "辽宁省").canonical == "沈阳市和平区人民政府"
    assert read("和平区政府", "天津市", "天津市").canonical == "天津市和平区人民政府"


def test_jinan_and_qingdao_city_government_pieces_are_two_city_governments():
    pieces = [read(s, "山东省", "山东省") for s in ("济南市政府", "青岛市政府")]
    assert [p.canonical for p in pieces] == ["济南市人民政府", "青岛市人民政府"]
    assert {(p.type, p.level) for p in pieces} == {("人民政府", "city")}
    assert [p.jurisdiction for p in pieces] == ["济南市", "青岛市"]
    assert pieces[0].name_en == "Jinan Municipal People's Government"


def test_a_place_with_a_type_is_that_places_body():
    assert read("成都市经信委", "四川省", "四川省").canonical == "成都市经济和信息化委员会"
    assert read("贵阳市大数据委", "贵州省", "贵州省").canonical == "贵阳市大数据发展管理委员会"
    assert read("福州市", "福建省", "福建省").canonical == "福州市人民政府"  # a city named alone


# ---- names


def test_abbreviations_and_full_names_of_one_body_give_one_canonical_name():
    forms = ["省发改委", "省发展改革委", "省发展和改革委员会", "发展改革委"]
    assert {read(f, "甘肃省", "甘肃省").canonical for f in forms} == {"甘肃省发展和改革委员会"}


def test_a_written_full_name_that_differs_legitimately_is_kept():
    r = read("市政务服务和大数据管理局", "宁德市", "福建省")
    assert (r.canonical, r.type) == ("宁德市政务服务和大数据管理局", "政务服务数据管理局")
    assert read("省政务服务和数据管理局", "广东省", "广东省").canonical == "广东省政务服务和数据管理局"


def test_pre_and_post_2018_names_are_separate_types():
    pairs = [("省经信委", "省工业和信息化厅"), ("省卫生计生委", "省卫生健康委"),
             ("省工商局", "省市场监管局"), ("省国土资源厅", "省自然资源厅"),
             ("省环保厅", "省生态环境厅"), ("省农业厅", "省农业农村厅"),
             ("省旅游局", "省文化和旅游厅"), ("省新闻出版广电局", "省广播电视局"),
             ("省安监局", "省应急管理厅"), ("省大数据局", "省数据局")]  # fmt: skip
    for old, new in pairs:
        assert read(old, "江西省", "江西省").type != read(new, "江西省", "江西省").type, (old, new)


def test_traditional_characters_and_pinyin_glosses_are_read():
    assert read("省發展改革委", "福建省", "福建省").canonical == "福建省发展和改革委员会"
    assert read("自治區(qū)政務服務局", "内蒙古自治区", "内蒙古自治区").canonical == "内蒙古自治区政务服务局"


def test_a_second_nameplate_in_brackets_is_dropped():
    assert read("市商务局(投促局)", "福州市", "福建省").canonical == "福州市商务局"


def test_an_internal_division_keeps_its_parents_type():
    r = read("省政府办公厅政务公开与信息化处", "江西省", "江西省")
    assert (r.canonical, r.type) == ("江西省人民政府办公厅政务公开与信息化处", "政府办公厅")
    r = read("工商海淀分局", "海淀区", "北京市")
    assert (r.canonical, r.jurisdiction) == ("北京市工商行政管理局海淀分局", "北京市")


def test_a_made_up_jurisdiction_still_gives_full_names():
    assert read("市发展改革委", "XX市", "").canonical == "XX市发展和改革委员会"
    assert read("县经信局", "XX县", "").canonical == "XX县经济和信息化局"


# ---- vertical, central and Party bodies


VERTICAL = [  # 山东省 plan
    ("省通信管理局", "山东省通信管理局", "Shandong Communications Administration"),
    ("人民银行济南分行", "中国人民银行济南分行", "People's Bank of China Jinan Branch"),
    ("国家税务总局山东省税务局", "国家税务总局山东省税务局",
     "Shandong Provincial Tax Service, State Taxation Administration"),
    ("省税务局", "国家税务总局山东省税务局",
     "Shandong Provincial Tax Service, State Taxation Administration"),
    ("中铁济南局", "中铁济南局", "China Railway Jinan Group"),
    ("山东海事局", "山东海事局", "Shandong Maritime Safety Administration"),
    ("青岛海关", "青岛海关", "Qingdao Customs"),
    ("省气象局", "山东省气象局", "Shandong Meteorological Bureau"),
    ("省证监局", "中国证券监督管理委员会山东监管局",
     "Shandong Bureau of the China Securities Regulatory Commission"),
    ("国家统计局山东调查总队", "国家统计局山东调查总队", "NBS Survey Office in Shandong"),
]


@pytest.mark.parametrize(("surface", "canonical", "name_en"), VERTICAL)
def test_vertical_bodies_keep_their_own_names(surface, canonical, name_en):
    r = read(surface, "山东省", "山东省")
    assert (r.canonical, r.name_en, r.vertical) == (canonical, name_en, True)
    assert not r.canonical.startswith(("山东省中国", "山东省国家", "山东省山东", "山东省中铁"))


def test_telecom_operators_are_their_companys_local_branch():
    assert read("遵义电信", "遵义市", "贵州省").canonical == "中国电信遵义分公司"
    r = read("中国移动曲靖分公司", "曲靖市", "云南省")
    assert (r.canonical, r.type, r.jurisdiction, r.name_en) == (
        "中国移动曲靖分公司", "企业", "曲靖市", "China Mobile Qujing Branch")


@pytest.mark.parametrize("surface", ["国家发展改革委", "工业和信息化部", "工信部", "国家数据局", "国务院"])
def test_central_bodies_are_national(surface):
    r = read(surface, "成都市", "四川省")
    assert (r.level, r.jurisdiction, r.province) == ("national", "中华人民共和国", "")
    assert r.canonical.startswith(("中华人民共和国", "国家")) or r.canonical == "中华人民共和国国务院"


def test_party_bodies_are_named_after_the_party_committee():
    assert read("省委网信办", "福建省", "福建省").canonical == "中共福建省委网络安全和信息化委员会办公室"
    assert read("省委编办", "山东省", "山东省").canonical == "中共山东省委机构编制委员会办公室"
    assert read("市委机要保密局", "XX市", "").canonical == "中共XX市委机要保密局"
    assert read("省委", "安徽省", "安徽省").canonical == "中共安徽省委员会"
    r = read("自治区党委网信办", "广西壮族自治区", "广西壮族自治区")
    assert r.canonical == "中共广西壮族自治区委员会网络安全和信息化委员会办公室"


# ---- collectives


COLLECTIVES = [  # plan, province, surface, canonical, type, level
    ("曲靖市", "云南省", "各县(市、区)人民政府", "曲靖市各县(市、区)人民政府", "地方政府集合", "county"),
    ("宝鸡市", "陕西省", "各县区政府", "宝鸡市各县区人民政府", "地方政府集合", "county"),
    ("福建省", "福建省", "各设区市人民政府", "福建省各设区市人民政府", "地方政府集合", "city"),
    ("西城区", "北京市", "各街道", "北京市西城区各街道", "地方政府集合", "township"),
    ("曲靖市", "云南省", "市直有关部门", "曲靖市直有关部门", "部门集合", "city"),
    ("福建省", "福建省", "省直有关部门", "福建省直有关部门", "部门集合", "province"),
    ("威海市", "山东省", "市直有关部门、单位", "威海市直有关部门、单位", "部门集合", "city"),
    ("吉林省", "吉林省", "各有关部门", "吉林省各有关部门", "部门集合", "province"),
    ("福建省", "福建省", "各电信运营商", "福建省各电信运营商", "企业", "province"),
    ("盐城市", "江苏省", "联席会议各成员单位", "盐城市联席会议各成员单位", "协调机构", "city"),
]


@pytest.mark.parametrize(("plan", "province", "surface", "canonical", "type_", "level"), COLLECTIVES)
def test_collectives_are_the_plans_unit_plus_the_phrase(plan, province, surface, canonical, type_, level):
    r = read(surface, plan, province)
    assert (r.canonical, r.type, r.level, r.collective) == (canonical, type_, level, True)
    assert r.name_en.endswith("(collective)")


def test_a_collective_of_governments_reads_in_english():
    r = read("各县(市、区)人民政府", "曲靖市", "云南省")
    assert r.name_en == "County, city and district governments of Qujing (collective)"


# ---- the catalogue and the curated seed table agree


def test_every_seed_type_name_is_a_catalogue_type_with_the_same_english():
    with (LEXICON_DIR / "agency_types.csv").open(encoding="utf-8", newline="") as fh:
        seed = {r["type"]: r["type_en"] for r in csv.DictReader(fh)}
    types = body_types()
    assert {t: types[t].type_en for t in seed if t in types} == seed


def test_every_curated_agency_row_gets_the_same_type_from_the_catalogue_or_none():
    with (LEXICON_DIR / "agencies.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    disagree = []
    for row in rows:
        province = gazetteer.province_of(row["jurisdiction"]) or ""
        r = resolve(row["surface"], row["jurisdiction"], province)
        if r is not None and r.type != row["type"]:
            disagree.append((row["surface"], row["type"], r.type))
    assert disagree == []


def test_the_catalogue_types_95_percent_of_agency_mentions_in_the_real_plans():
    total, typed, missed = 0, 0, []
    for gold in sorted((CORPUS / "gold").glob("*.csv")):
        meta = tomllib.loads((CORPUS / "meta" / f"{gold.stem}.toml").read_text(encoding="utf-8"))
        with gold.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                total += 1
                r = resolve(row["agency"], meta["jurisdiction"], meta.get("province", ""))
                if r is not None and r.type != "其他":
                    typed += 1
                else:
                    missed.append(row["agency"])
    assert total > 400
    assert typed / total >= 0.95, missed


# ---- the table itself


FAMILIES = {"government", "general office", "party", "planning & economy", "industry & IT",
            "data & e-government", "science & technology", "education", "health",
            "public security & justice", "supervision & audit", "finance & tax",
            "commerce & market regulation", "natural resources & environment",
            "agriculture & rural", "transport & construction", "culture & media",
            "human resources & social security", "civil affairs", "emergency & safety",
            "statistics", "communications & post", "mass organisation", "enterprise",
            "coordinating body", "collective", "other"}  # fmt: skip


def test_every_type_has_a_known_family_known_levels_and_english_patterns_that_fill():
    for t in body_types().values():
        assert t.family_en in FAMILIES, t.type
        assert set(t.levels) <= {"national", "province", "city", "county"}, t.type
        for pattern in t.en.values():
            pattern.format(place="P", name="N", q="Q")
        for canonical, aliases, en in t.national:
            assert canonical in aliases and en, t.type


def test_companies_and_institutions_are_left_to_the_caller_but_guess_type_types_them():
    # any organisation ends in 中心 or 集团: the catalogue does not claim to know them
    assert resolve("市数字化转型推进中心", "赣州市", "江西省") is None
    assert resolve("市大数据集团", "赣州市", "江西省") is None
    assert guess_type("市数字化转型推进中心") == ("事业单位", "其他")
    assert guess_type("福州古厝集团") == ("企业", "企业")


def test_names_the_catalogue_cannot_place_are_none_and_guess_type_reads_endings():
    assert resolve("不再一一列出", "成都市", "四川省") is None
    assert resolve("", "成都市", "四川省") is None
    assert guess_type("某某县住房和城乡建设局") == ("住房和城乡建设厅", "交通和城乡建设")
    assert guess_type("云计算") is None


def test_the_module_examples_hold():
    import doctest

    from loaders import catalogue

    assert doctest.testmod(catalogue).failed == 0
