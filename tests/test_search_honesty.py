"""The search box is never confidently wrong: one test per honesty rule, on the five seeds.

1. an entity, year, place or technology the graph does not hold is never replaced by another;
2. a near miss in a place or agency name is answered "did you mean …?", the answer marked as
   the suggestion's;
3. words the reading did not use are named;
4. a list states its total;
5. the sentence states the answer: who, how many, which is more;
and the answers researchers start from: who leads a task, which agencies answer for a topic,
comparisons, counts of a plan, presets reachable by a plain question."""

from __future__ import annotations

import pytest

from graph.ask import Asker
from graph.search.answer import prepare


@pytest.fixture(scope="module")
def asker(store):
    return Asker(store)


# -- 1. nothing the graph lacks is silently replaced


@pytest.mark.parametrize("question, named", [
    ("上海市经信委牵头的任务", "上海"),
    ("Who leads blockchain tasks?", "区块链"),
    ("2030年的信息化目标是什么", "2030"),
    ("2025年的信息化发展目标", "2025"),
    ("浙江省2018年信息化工作要点有哪些任务", "2018"),
    ("浙江省大数据发展管理局牵头哪些任务", "浙江省大数据发展管理局"),
    ("Which agency leads 6G research?", "6G"),
])
def test_what_the_graph_does_not_hold_is_named_not_replaced(asker, question, named):
    a = asker.ask(question)
    assert not a.understood and a.rows == []
    assert named in a.answer


@pytest.mark.parametrize("question", ["今天合肥天气怎么样?", "浙江省经信委主任是谁?", "安徽省2017年GDP是多少",
                                      "How much funding did Anhui earmark for Broadband Anhui?", "Which has more GDP, Anhui or Zhejiang?"])
def test_questions_about_what_the_graph_does_not_record_are_not_answered(asker, question):
    assert not asker.ask(question).understood


# -- 2. near misses: "did you mean", marked


def test_a_misspelt_province_is_offered_as_a_suggestion_with_its_answer_marked(asker):
    a = asker.ask("安微省发改委牵头哪些任务?")
    assert a.understood and a.did_you_mean == ["安徽省"]
    assert a.answer.startswith("图谱中没有「安微」") and "您是不是要找" in a.answer
    assert a.params["agency"] == "安徽省发展和改革委员会" and len(a.rows) == 8  # never Zhejiang's 省发改委


def test_a_misspelt_agency_and_an_english_typo_are_marked_too(asker):
    a = asker.ask("浙江省通讯管理局配合哪些任务")
    assert a.understood and a.did_you_mean == ["浙江省通信管理局"] and a.answer.startswith("图谱中没有")
    b = asker.ask("What does the Zhejang EITC lead?")
    assert b.understood and "did you mean" in b.answer and b.params["agency"] == "浙江省经济和信息化委员会"


def test_an_exact_question_is_not_marked(asker):
    a = asker.ask("安徽省发改委牵头哪些任务?")
    assert a.understood and a.did_you_mean == [] and "您是不是要找" not in a.answer


# -- 3. words not used are named


def test_words_the_reading_did_not_use_are_named(asker):
    a = asker.ask("Who leads the e-government modernisation task in Qingyuan?")
    assert a.understood and a.ignored == ["modernisation"] and "modernisation" in a.interpretation


# -- 4. lists state their total; 5. the sentence states the answer


def test_a_long_list_states_its_total(asker):
    a = asker.ask("浙江省2016年工作要点有哪些任务")
    assert a.intent == "plan_tasks" and len(a.rows) == a.total == 37
    assert "37" in a.answer and "共 37 项" in a.answer


def test_a_count_states_the_number(asker):
    assert "37" in asker.ask("浙江2016年工作要点有多少项任务?").answer
    assert "23" in asker.ask("安徽重点任务分工方案里一共有几项任务?").answer
    assert "18" in asker.ask("How many tasks are in the Qingyuan information consumption plan?").answer
    assert " 7 " in asker.ask("how many programme boxes (专栏) are in the Anhui plan").answer


@pytest.mark.parametrize("question, more", [
    ("浙江省经信委和安徽省经信委谁牵头的任务多?", "浙江省经济和信息化委员会"),
    ("Anhui DRC vs Anhui EITC - which leads more tasks?", "安徽省发展和改革委员会"),
    ("物联网和IPv6哪个涉及的任务更多?", "物联网"),
    ("Anhui vs Zhejiang: which has more IoT tasks?", "安徽省"),
    ("浙江2016年工作要点和清远实施方案哪个任务多?", "2016年浙江省信息化工作要点"),
])
def test_a_comparison_says_which_is_more(asker, question, more):
    a = asker.ask(question)
    assert a.intent.startswith("compare") and len(a.rows) == 2
    assert f"{more} 更多" in a.answer or f"{more} has more" in a.answer


def test_a_tie_is_said_to_be_one(asker):
    a = asker.ask("安徽省商务厅和安徽省教育厅谁牵头的任务多")
    assert "两者相同" in a.answer


# -- who is responsible


def test_who_leads_a_task_named_by_part_of_its_title(asker):
    a = asker.ask("宽带安徽建设的牵头单位是谁")
    assert a.intent == "task_roles"
    assert {(r["agency"], r["role"]) for r in a.rows} >= {("安徽省经济和信息化委员会", "lead")}
    assert "加强“宽带安徽”建设" in a.answer and "安徽省“十三五”信息化发展规划" in a.answer
    assert all(r["quote"] for r in a.rows)


def test_who_supports_a_task_asked_in_english(asker):
    a = asker.ask("Which agencies support Zhejiang's smart energy management task?")
    assert {r["agency"] for r in a.rows} == {"浙江省经济和信息化委员会", "浙江省发展和改革委员会", "国网浙江省电力公司"}
    assert {r["role"] for r in a.rows if r["agency"] == "浙江省经济和信息化委员会"} == {"lead"}


def test_an_unclear_match_offers_the_next_candidates(asker):
    a = asker.ask("三网融合谁牵头?")  # Anhui, Zhejiang and Qingyuan each have one
    assert a.intent == "task_roles" and len(a.suggestions) >= 2
    assert "也可能指" in a.answer


def test_which_agencies_answer_for_a_topic_are_agencies_ranked_by_tasks(asker):
    a = asker.ask("哪些机构负责电子政务?")
    assert a.intent == "topic_agencies" and {"agency", "led", "supported"} <= set(a.rows[0])
    names = [r["agency"] for r in a.rows]
    assert {"清远市电子政务中心", "清远市行政服务中心"} <= set(names)
    assert [r["led"] for r in a.rows] == sorted((r["led"] for r in a.rows), reverse=True)


# -- plans, presets


def test_plain_questions_reach_the_presets(asker):
    assert asker.ask("哪些任务没有牵头单位?").intent == "tasks_without_lead"
    assert asker.ask("浙江的规划涉及哪些技术").intent == "plan_technologies"
    assert asker.ask("河南省2016年有哪些任务?").intent == "plan_tasks"
    assert asker.ask("Who issued the 2016 Zhejiang informatization key points?").rows[0]["issuer"] == "浙江省信息化工作领导小组办公室"


def test_the_prepared_dictionary_and_index_are_cached_per_graph_version(store):
    first = prepare(store)
    again = prepare(store)
    assert again.projects == first.projects and again.d.plans == first.d.plans
    assert len(first.projects) == store.query("MATCH (p:Project) RETURN count(p) AS n")[0]["n"]
