"""Layouts the seeds do not use but other provinces do: labelled lists, 责任单位, sentences, column tables."""

from __future__ import annotations

import pytest

from loaders import extract_source
from loaders.agencies import split_names
from loaders.read import source_from_bytes

NEW_PLAN = """江西省2018年信息化工作要点
一、重点任务
1.推进政务云建设。建设全省统一的政务云平台,推动云计算和大数据应用。(牵头单位:省大数据局;配合单位:省发展改革委、省财政厅)
2.推进5G网络建设。加快5G基站建设,新建5G基站2万个。(责任单位:省通信管理局、省工业和信息化厅、各设区市人民政府)
3.完善数据共享。由省政务服务中心牵头,建设数据共享交换平台。
4.加强网络安全。省委网信办负责统筹网络安全工作,省公安厅会同省通信管理局开展网络安全检查。
附件
重点任务分工
序号
任务
牵头单位
配合单位
1
建设政务云平台
省大数据局
省发展改革委、省财政厅
2
推进5G建设
省通信管理局
各设区市人民政府
"""


@pytest.fixture(scope="module")
def new_plan():
    return extract_source(source_from_bytes(NEW_PLAN.encode("utf-8"), "jiangxi-2018.txt"))


def roles_of(rec, project_suffix):
    return {(r.surface, r.role, r.basis) for r in rec.roles if r.project.endswith(project_suffix)}


def test_labelled_lead_and_support_units(new_plan):
    assert roles_of(new_plan, ":task-1") == {
        ("省大数据局", "lead", "explicit"), ("省发展改革委", "support", "explicit"), ("省财政厅", "support", "explicit")}


def test_责任单位_list_follows_the_first_listed_convention(new_plan):
    assert roles_of(new_plan, ":task-2") == {
        ("省通信管理局", "lead", "first-listed"), ("省工业和信息化厅", "support", "first-listed"),
        ("各设区市人民政府", "support", "first-listed")}


def test_sentence_roles(new_plan):
    assert roles_of(new_plan, ":task-3") == {("省政务服务中心", "lead", "sentence")}
    assert roles_of(new_plan, ":task-4") == {
        ("省委网信办", "lead", "sentence"), ("省公安厅", "lead", "sentence"), ("省通信管理局", "support", "sentence")}


def test_table_with_lead_and_support_columns(new_plan):
    assert roles_of(new_plan, ":annex-row-1") == {
        ("省大数据局", "lead", "explicit"), ("省发展改革委", "support", "explicit"), ("省财政厅", "support", "explicit")}
    assert roles_of(new_plan, ":annex-row-2") == {("省通信管理局", "lead", "explicit"), ("各设区市人民政府", "support", "explicit")}


def test_agencies_outside_the_seed_table_are_resolved_by_the_national_catalogue(new_plan):
    # Before the catalogue (issue 12) these were typed by suffix and reported as unknown;
    # unknown names are still reported (tests/test_report.py).
    assert new_plan.plan.jurisdiction == "江西省"
    bureau = next(a for a in new_plan.agencies if "省通信管理局" in a.aliases)
    assert bureau.id == "江西省通信管理局" and bureau.type == "通信管理局" and bureau.known
    assert bureau.name_en == "Jiangxi Communications Administration"
    big_data = next(a for a in new_plan.agencies if "省大数据局" in a.aliases)
    assert big_data.known and big_data.family_en == "data & e-government"
    gov = next(a for a in new_plan.agencies if "各设区市人民政府" in a.aliases)
    assert gov.collective


def test_new_plan_gets_technologies_and_indicators(new_plan):
    task1 = next(p for p in new_plan.projects if p.id.endswith(":task-1"))
    assert {"云计算", "大数据"} <= set(task1.technologies)
    assert any(i.name == "新建5G基站" and i.target_value == 2.0 and i.unit == "万个" for i in new_plan.indicators)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("省经信委、省发改委、有关省级部门,各市及县市区政府", ["省经信委", "省发改委", "有关省级部门", "各市及县市区政府"]),
        ("省发展改革委、各市、县人民政府等", ["省发展改革委", "各市、县人民政府"]),
        ("市经济和信息化局、各县(市、区)人民政府、市农村信息化联席会议各成员单位",
         ["市经济和信息化局", "各县(市、区)人民政府", "市农村信息化联席会议各成员单位"]),
        ("省交通集团,杭州、嘉兴、金华市政府", ["省交通集团", "杭州市政府", "嘉兴市政府", "金华市政府"]),
        ("三大通信运营商等", ["三大通信运营商"]),
        ("省经济和信息化委(省信息化工作办公室)", ["省经济和信息化委(省信息化工作办公室)"]),
    ],
)
def test_agency_lists_split_into_bodies(text, names):
    assert [n.surface for n in split_names(text)] == names


def test_a_plan_with_no_tasks_loads_with_a_warning():
    brief = "浙江省信息化工作简报\n今年以来,全省信息化工作取得新进展,两化融合深入推进,智慧城市建设加快,信息基础设施不断完善,电子政务应用水平持续提升。"
    rec = extract_source(source_from_bytes(brief.encode(), "brief.txt"))
    assert rec.projects == [] and any("no tasks" in w for w in rec.warnings)
