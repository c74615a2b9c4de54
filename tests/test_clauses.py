"""Responsibility clauses in every common layout (issue 11's numbered conventions).

Each snippet is written the way a plan from a province or city outside the seeds writes it
(made up, in their form); the assertion is the fact a researcher would read off the graph:
this body leads (or supports) this task.
"""

from __future__ import annotations

import pytest

from loaders.pipeline import extract_source
from loaders.read import Source, normalise


def read(text: str, jurisdiction: str = "成都市", province: str = "四川省"):
    src = Source("snippet.txt", "", "utf-8", text, normalise(text))
    return extract_source(src, {"jurisdiction": jurisdiction, "province": province})


def roles(text: str, **kw) -> set[tuple[str, str, str]]:
    """(task label, agency as written, role) for every role in a snippet."""
    rec = read(text, **kw)
    label = {p.id: p.label for p in rec.projects}
    return {(label[r.project], r.surface, r.role) for r in rec.roles}


def basis(text: str, surface: str, **kw) -> str:
    return next(r.basis for r in read(text, **kw).roles if r.surface == surface)


TASKS = "二、重点任务\n"


# 1. Brackets of every kind, closing an item or one sentence of it, several per item, wrapped.
@pytest.mark.parametrize("open_, close", [("(", ")"), ("（", "）"), ("〔", "〕"), ("【", "】"), ("[", "]")])
def test_a_clause_in_any_bracket_style_names_the_lead(open_, close):
    text = TASKS + f"1.建设城市大脑。统筹建设全市城市运行管理平台。{open_}市大数据局牵头,市公安局配合{close}\n"
    assert roles(text) == {("1.", "市大数据局", "lead"), ("1.", "市公安局", "support")}


def test_a_clause_closing_one_sentence_belongs_to_that_sub_item():
    text = TASKS + ("1.推进政务服务。一是建设一网通办平台(市政务服务局牵头);二是推广电子证照应用"
                    "(市大数据局牵头,市公安局配合)。\n")
    got = roles(text)
    assert ("一是", "市政务服务局", "lead") in got
    assert ("二是", "市大数据局", "lead") in got and ("二是", "市公安局", "support") in got


def test_a_clause_wrapped_across_a_line_break_reads_whole():
    text = TASKS + "1.完善数据共享机制。加快数据归集。(牵头单位:市政务服务数据管理局、市有关\n单位;配合单位:各县(市、区)政府)\n"
    got = roles(text)
    assert ("1.", "市有关单位", "lead") in got
    assert ("1.", "各县(市、区)政府", "support") in got


def test_a_bracket_left_open_by_a_typo_does_not_swallow_the_clause():
    text = TASKS + "1.推进事项进驻。按照(国发〔2022﹞5号)要求推进。[责任单位:各县(市、区)人民政府牵头,市政务服务数据管理局配合]\n"
    got = roles(text)
    assert ("1.", "各县(市、区)人民政府", "lead") in got and ("1.", "市政务服务数据管理局", "support") in got


# 2. Clause sentences.
@pytest.mark.parametrize("clause, expected", [
    ("X牵头,Y配合", {("市发改委", "lead"), ("市经信局", "support")}),
    ("X、Y牵头,A、B按职责分工负责", {("市发改委", "lead"), ("市经信局", "lead"), ("市科技局", "support"), ("市财政局", "support")}),
    ("X牵头,Y参与", {("市发改委", "lead"), ("市经信局", "support")}),
    ("X牵头,A、B配合,各县(市、区)人民政府分工负责",
     {("市发改委", "lead"), ("市科技局", "support"), ("市财政局", "support"), ("各县(市、区)人民政府", "support")}),
    ("X、Y分工负责", {("市发改委", "lead"), ("市经信局", "lead")}),
    ("X负责", {("市发改委", "lead")}),
    ("X、Y按职责分工负责", {("市发改委", "lead"), ("市经信局", "lead")}),
    ("X会同Y负责", {("市发改委", "lead"), ("市经信局", "support")}),
    ("由X牵头", {("市发改委", "lead")}),
    ("X牵头负责", {("市发改委", "lead")}),
    ("X牵头、Y配合", {("市发改委", "lead"), ("市经信局", "support")}),
])
def test_clause_sentences_say_who_leads_and_who_supports(clause, expected):
    words = clause.replace("X", "市发改委").replace("Y", "市经信局").replace("A", "市科技局").replace("B", "市财政局")
    text = TASKS + f"1.培育数字经济。壮大数字产业。({words})\n"
    assert {(s, r) for _, s, r in roles(text)} == expected


# 3. Labelled slots, with or without a colon of either width, any separator.
@pytest.mark.parametrize("clause", [
    "(牵头单位:市科技局,配合单位:市教育局)",
    "(牵头单位：市科技局；配合单位：市教育局)",
    "(牵头单位:市科技局 参加单位:市教育局)",
    "(牵头部门:市科技局;配合部门:市教育局)",
    "(主要牵头单位:市科技局;协同单位:市教育局)",
    "(主责单位:市科技局;支持单位:市教育局)",
    "(牵头单位:市科技局;责任单位:市教育局)",
    "(牵头责任单位:市科技局;相关责任单位:市教育局)",
])
def test_labelled_slots_name_lead_and_supporters_and_a_label_is_never_an_agency(clause):
    got = roles(TASKS + f"1.推进智慧教育。建设教育资源公共服务平台。{clause}\n")
    assert got == {("1.", "市科技局", "lead"), ("1.", "市教育局", "support")}


# 4. 责任单位 alone: the document's stated rule, else the first listed leads.
def test_a_responsibility_list_alone_makes_the_first_listed_lead_and_says_so():
    text = TASKS + "1.建设政务云。完善政务云平台。(责任单位:市大数据局、市财政局、市委网信办)\n"
    assert roles(text) == {("1.", "市大数据局", "lead"), ("1.", "市财政局", "support"), ("1.", "市委网信办", "support")}
    assert basis(text, "市大数据局") == "first-listed"


def test_a_single_responsible_unit_leads_explicitly():
    text = TASKS + "1.建设政务云。完善政务云平台。(责任单位:市大数据局)\n"
    assert roles(text) == {("1.", "市大数据局", "lead")}
    assert basis(text, "市大数据局") == "explicit"


# 5. Rules stated once and applied to what follows; the rule sentence is never an agency.
def test_a_stated_first_listed_rule_governs_later_lists_and_is_not_an_agency():
    text = ("各项任务所列责任单位中,排名第一的部门为牵头责任单位,下同。\n" + TASKS
            + "1.建设政务云。(市大数据局、市财政局负责)\n2.推广电子证照。(责任单位:市政务服务局、市公安局)\n")
    rec = read(text)
    got = {(r.surface, r.role, r.basis) for r in rec.roles}
    assert ("市大数据局", "lead", "document-rule") in got and ("市财政局", "support", "document-rule") in got
    assert ("市政务服务局", "lead", "document-rule") in got and ("市公安局", "support", "document-rule") in got
    assert not any("排名" in a.name or "下同" in a.name for a in rec.agencies)


def test_a_collective_named_once_supports_every_later_task():
    text = (TASKS + "1.建设政务云。(牵头单位:市大数据局。以下各项任务均需各区市政府落实,不再一一列出)\n"
            "2.推广电子证照。(牵头单位:市政务服务局)\n3.建设城市大脑。(牵头单位:市城管委)\n")
    got = roles(text)
    assert ("2.", "各区市政府", "support") in got and ("3.", "各区市政府", "support") in got
    assert ("1.", "各区市政府", "support") not in got  # "以下": the items after the one that says it
    assert not any("不再" in s or "以下" in s for _, s, _ in got)


# 6. A heading or opening paragraph carrying a clause applies to the items under it that state none.
def test_a_heading_clause_is_inherited_by_items_without_their_own():
    text = ("一、推进大众创业万众创新(牵头单位:市科技局)\n"
            "1.建设众创空间。新建众创空间10家。\n"
            "2.发展创业投资。设立天使投资基金。(牵头单位:市金融局)\n")
    rec = read(text)
    by = {(next(p.label for p in rec.projects if p.id == r.project), r.surface, r.role, r.basis) for r in rec.roles}
    assert ("1.", "市科技局", "lead", "inherited") in by
    assert ("2.", "市金融局", "lead", "explicit") in by and not any(b[0] == "2." and b[1] == "市科技局" for b in by)
    assert ("一、", "市科技局", "lead", "explicit") in by


# 7. Tables in every flattening; non-agency columns ignored.
TABLE_ROWS = [("1", "建设政务云平台", "市大数据局", "市财政局、市委网信办", "2022年底"),
              ("2", "推进5G网络建设", "市经信局", "各电信运营企业", "持续推进")]
HEADER = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")


def _table(layout: str) -> str:
    rows = [HEADER, *TABLE_ROWS]
    if layout == "cell-per-line":
        return "\n".join(c for r in rows for c in r)
    if layout == "row-per-line-tabs":
        return "\n".join("\t".join(r) for r in rows)
    if layout == "row-per-line-spaces":
        return "\n".join("  ".join(r) for r in rows)
    if layout == "pipes":
        return "\n".join(["| " + " | ".join(HEADER) + " |", "|---|---|---|---|---|"] + ["| " + " | ".join(r) + " |" for r in TABLE_ROWS])
    raise ValueError(layout)


@pytest.mark.parametrize("layout", ["cell-per-line", "row-per-line-tabs", "row-per-line-spaces", "pipes"])
def test_allocation_tables_in_every_flattening_give_the_same_roles(layout):
    got = {(s, r) for _, s, r in roles("附件\n重点任务分工表\n" + _table(layout) + "\n")}
    assert got == {("市大数据局", "lead"), ("市财政局", "support"), ("市委网信办", "support"),
                   ("市经信局", "lead"), ("各电信运营企业", "support")}


def test_a_responsibility_column_after_a_lead_column_names_supporters():
    text = "序号\t工作任务\t牵头单位\t责任单位\n1\t建设政务云\t市大数据局\t各区县政府\n"
    assert {(s, r) for _, s, r in roles(text)} == {("市大数据局", "lead"), ("各区县政府", "support")}


# 8. Roles in running text.
def test_roles_in_running_sentences():
    text = TASKS + ("1.建设数据中心。由市发改委牵头,会同市财政局研究出台支持政策,各区县全力配合。\n"
                    "2.完善网络安全。市委网信办负责统筹全市关键信息基础设施安全保护工作。\n")
    got = roles(text)
    assert {("1.", "市发改委", "lead"), ("1.", "市财政局", "support"), ("2.", "市委网信办", "lead")} <= got


# 9. Not roles.
@pytest.mark.parametrize("sentence", [
    "支持龙头企业牵头组建产业联盟。", "鼓励企业牵头承担重大项目。", "明确项目负责人,对项目质量负责。",
    "各牵头申报单位要按时提交材料。", "高校牵头,科研院所参与。",
])
def test_enterprises_persons_and_applicants_are_not_roles(sentence):
    assert roles(TASKS + f"1.发展数字产业。{sentence}\n") == set()


# 10. Collectives kept whole and marked collective.
@pytest.mark.parametrize("name", ["各县(市、区)人民政府", "各有关部门", "市直有关部门、单位", "各区市政府", "各电信运营商",
                                  "市数字经济发展领导小组各成员单位"])
def test_collective_actors_are_kept_whole_and_marked_collective(name):
    rec = read(TASKS + f"1.推进数字政府建设。(牵头单位:市大数据局;配合单位:{name})\n")
    supporter = next(r for r in rec.roles if r.role == "support")
    assert supporter.surface == name
    assert next(a for a in rec.agencies if a.id == supporter.agency).collective


# 11. Bodies that are not the jurisdiction's own keep their own names.
@pytest.mark.parametrize("name", ["省通信管理局", "人民银行济南分行", "国家税务总局山东省税务局", "中铁济南局", "山东海事局"])
def test_bodies_outside_the_jurisdiction_keep_their_names(name):
    rec = read(TASKS + f"1.推进数字交通。建设智慧港口。(牵头单位:济南市交通运输局;配合单位:{name})\n",
               jurisdiction="济南市", province="山东省")
    agency = next(a for a in rec.agencies if name in a.aliases)
    assert not agency.name.startswith(("山东省中国", "济南市人民银行", "济南市国家", "济南市中铁", "济南市山东"))


# Items.
def test_numbering_that_restarts_under_every_heading_gives_distinct_tasks():
    text = ("一、基础设施\n1.建设政务云。(牵头单位:市大数据局)\n2.建设5G网络。(牵头单位:市经信局)\n"
            "二、政务服务\n1.推广一网通办。(牵头单位:市政务服务局)\n")
    rec = read(text)
    assert len({r.project for r in rec.roles}) == 3


def test_items_run_together_on_one_line_are_still_items():
    text = "二、重点任务 (一)建设政务云。完善平台。(市大数据局牵头) (二)建设5G网络。新建基站。(市经信局牵头)\n"
    assert roles(text) == {("(一)", "市大数据局", "lead"), ("(二)", "市经信局", "lead")}


def test_a_heading_without_sub_items_is_a_task_of_its_own():
    text = "一、建立工作专班。成立全市数字政府建设工作专班。(责任单位:市政府办公室)\n二、编制总体方案。(牵头单位:市发改委)\n"
    assert roles(text) == {("一、", "市政府办公室", "lead"), ("二、", "市发改委", "lead")}


def test_measures_that_carry_clauses_are_read():
    text = "五、保障措施\n(一)加强组织领导。建立联席会议制度。(牵头单位:市政府办公室)\n"
    assert ("(一)", "市政府办公室", "lead") in roles(text)


def test_traditional_characters_and_pinyin_glosses_read_like_simplified():
    text = TASKS + "1.推進(jìn)數據立法。(省數據局牽頭,省司法廳配合)\n"
    assert roles(text, jurisdiction="湖南省", province="湖南省") == {("1.", "省数据局", "lead"), ("1.", "省司法厅", "support")}


def test_a_whole_table_run_together_on_one_line_is_read_row_by_row():
    text = ("附件\n重点任务分工表\n序号 重点任务 牵头单位 配合单位 完成时限 1 建设政务云平台 市大数据局 市财政局、市委网信办 "
            "2022年底 2 推进5G网络建设 市经信局 各电信运营企业 持续推进\n")
    assert {(s, r) for _, s, r in roles(text)} == {("市大数据局", "lead"), ("市财政局", "support"), ("市委网信办", "support"),
                                                   ("市经信局", "lead"), ("各电信运营企业", "support")}


def test_a_cell_wrapping_onto_the_next_line_stays_in_its_row_and_column():
    text = ("序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t建设政务云平台,推进市直部门\t市大数据局\t市财政局、\t2022年底\n"
            "\t系统迁移上云\t\t市委网信办\t\n2\t推进5G网络建设\t市经信局\t各电信运营企业\t持续推进\n")
    got = roles(text)
    assert ("序号 1", "市委网信办", "support") in got and ("序号 2", "市经信局", "lead") in got
    assert not any(s == "市委网信办" and label == "序号 2" for label, s, _ in got)


def test_an_item_whose_first_words_are_a_date_is_still_an_item():
    text = TASKS + "1.2021年底前,建成市级政务云平台。(牵头单位:市大数据局)\n2.2022年6月底前,完成系统迁移。(牵头单位:市财政局)\n"
    assert roles(text) == {("1.", "市大数据局", "lead"), ("2.", "市财政局", "lead")}


def test_one_item_split_across_two_paragraphs_keeps_its_clause():
    text = TASKS + "1.建设城市大脑。统筹建设城市运行管理平台。\n完善城市运行指标体系,实现一屏统览。(牵头单位:市城管委)\n2.推进电子证照。(牵头单位:市政务服务局)\n"
    assert roles(text) == {("1.", "市城管委", "lead"), ("2.", "市政务服务局", "lead")}


@pytest.mark.parametrize("clause", ["【牵头单位】市大数据局【配合单位】市财政局、市委网信办",
                                    "(责任单位:市大数据局(牵头)、市财政局、市委网信办)",
                                    "(市财政局、市大数据局(牵头)、市委网信办)"])
def test_labels_in_their_own_brackets_and_lead_marks_inside_a_list(clause):
    got = roles(TASKS + f"1.建设政务云。完善平台。{clause}\n")
    assert got == {("1.", "市大数据局", "lead"), ("1.", "市财政局", "support"), ("1.", "市委网信办", "support")}


def test_chapters_and_circled_numbers_structure_a_plan():
    text = ("第一章 发展基础\n全市信息化水平稳步提升。由市发改委牵头编制了规划。\n第二章 主要任务\n"
            "一、完善基础设施\n①建设政务云。(牵头单位:市大数据局)\n②建设5G网络。(牵头单位:市经信局)\n")
    assert roles(text) == {("①", "市大数据局", "lead"), ("②", "市经信局", "lead")}


def test_a_part_that_serves_the_centre_is_not_a_measures_part():
    text = ("二、依法规范做实主动公开,服务保障中心工作\n(一)围绕重大战略任务做好信息公开\n"
            "1.公开经济领域工作推进情况。(责任单位:区发展改革委、区科委)\n2.做好政策解读。(责任单位:区政府办公室)\n")
    got = roles(text, jurisdiction="杨浦区", province="上海市")
    assert ("1.", "区发展改革委", "lead") in got and ("2.", "区政府办公室", "lead") in got


def test_a_table_copied_as_paragraph_and_clause_lines_gives_one_row_per_pair():
    text = ("一、以政务公开助力稳增长\n(一)加强预期引导\n"
            "围绕全市经济政策执行落实情况,通过新闻发布会等形式及时宣传解读,回应社会关切。\n市发改委牵头落实\n"
            "围绕出台促进就业规划、就业创业政策,加强就业创业政策信息公开,深入解读政策背景。\n市人社局牵头落实\n")
    rec = read(text, jurisdiction="潍坊市", province="山东省")
    rows = {p.id: p.title for p in rec.projects if p.label.startswith("行")}
    got = {(rows.get(r.project, "?")[:6], r.surface, r.role) for r in rec.roles}
    assert got == {("围绕全市经济", "市发改委", "lead"), ("围绕出台促进", "市人社局", "lead")}


def test_a_rule_stated_inside_the_first_clause_governs_it_and_what_follows():
    text = TASKS + ("(一)创业创新。(省发展改革委、省科技厅、省商务厅等负责,列第一位者为牵头部门,下同)\n"
                    "(二)协同制造。(省工业和信息化厅、省科技厅负责)\n")
    got = roles(text, jurisdiction="陕西省", province="陕西省")
    assert ("(一)", "省发展改革委", "lead") in got and ("(一)", "省科技厅", "support") in got
    assert ("(二)", "省工业和信息化厅", "lead") in got and ("(二)", "省科技厅", "support") in got


def test_markup_left_in_a_web_copy_does_not_hide_a_clause():
    text = TASKS + "1.按旬公开财政收支情况。(省财政厅牵头(/div>\n2.公开债务情况。(省财政厅牵头)\n"
    assert ("1.", "省财政厅", "lead") in roles(text, jurisdiction="贵州省", province="贵州省")


def test_a_body_followed_by_a_description_of_the_others_is_that_body():
    text = TASKS + "1.公开公共服务信息。(区发展改革委牵头,区房管局等公共企事业单位行业主管部门配合)\n"
    assert ("1.", "区房管局", "support") in roles(text, jurisdiction="奉贤区", province="上海市")
