"""The extraction report: how much of a plan was read, before a researcher trusts a count."""

from __future__ import annotations

import json
from pathlib import Path

from loaders.__main__ import main as loaders_main
from loaders.pipeline import extract_source
from loaders.read import Source, normalise

PLAN = ("数字赣州2022年工作要点\n一、重点任务\n"
        "1.建设政务云。(牵头单位:市大数据局;配合单位:市财政局)\n"
        "2.推广电子证照。(市公安局配合)\n"
        "3.建设城市大脑。统筹推进城市运行管理。\n"
        "4.完善数据共享。由市数据中心科牵头组织实施。\n")


def read(text: str = PLAN):
    return extract_source(Source("ganzhou.txt", "", "utf-8", text, normalise(text)))


def test_the_report_counts_tasks_with_a_lead_with_supporters_only_and_with_no_role():
    r = read().report
    assert (r["tasks"], r["with_lead"], r["only_support"], r["without_role"]) == (4, 1, 1, 2)


def test_a_clause_like_passage_that_gave_no_role_is_shown_with_its_words():
    r = read().report
    assert [p["text"] for p in r["unread"]] == ["由市数据中心科牵头组织实施"]


def test_agency_names_no_lexicon_knows_are_listed():
    plan = "一、重点任务\n1.建设政务云。(牵头单位:市数字化转型推进中心)\n"
    rec = extract_source(Source("x.txt", "", "utf-8", plan, normalise(plan)), {"jurisdiction": "赣州市"})
    assert any("数字化转型推进中心" in name for name in rec.report["unknown_agencies"])


def test_check_prints_the_report_for_one_file(tmp_path, capsys):
    path = tmp_path / "ganzhou.txt"
    path.write_text(PLAN, encoding="utf-8")
    assert loaders_main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "4: 1 with a lead, 1 with supporters only, 2 with no role" in out
    assert "赣州市 (江西省)" in out and "由市数据中心科牵头组织实施" in out


def test_a_strange_layout_still_loads_with_a_report_never_a_crash():
    for text in ["((((牵头单位:))))\n", "序号\n重点任务\n牵头单位\n1\n", "|||\n|牵头单位|\n", "一、\n(一)\n1.\n(1)\n一是\n" * 20,
                 "牵头单位:牵头单位:配合单位:\n" * 5 + "这是一份没有任何结构的文字,用来检查读取器是否稳健。" * 3]:
        rec = read(text + "补充说明文字,确保中文字符数量足够四十个以上,以便通过读取检查。")
        assert set(rec.report) >= {"tasks", "with_lead", "unread", "unknown_agencies"}


def test_build_loads_every_plan_under_a_folder_with_progress(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(PLAN, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(PLAN.replace("赣州", "吉安"), encoding="utf-8")
    (folder / ".hidden.txt").write_text(PLAN, encoding="utf-8")
    (folder / "notes.md").write_text("not a plan", encoding="utf-8")
    monkeypatch.setenv("PLANGRAPH_DB", str(tmp_path / "db"))
    assert loaders_main(["build", str(folder), "--report"]) == 0
    captured = capsys.readouterr()
    assert "2 plan(s) loaded" in captured.out and "2/2" in captured.err
    assert captured.out.count("with a lead") == 2
    from graph.__main__ import main as graph_main

    assert graph_main(["query", "MATCH (p:Plan) RETURN p.jurisdiction AS j ORDER BY j", "--json"]) == 0
    assert [r["j"] for r in json.loads(capsys.readouterr().out)] == ["吉安市", "赣州市"]


def test_build_of_a_folder_without_plans_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANGRAPH_DB", str(tmp_path / "db"))
    empty = Path(tmp_path / "empty")
    empty.mkdir()
    assert loaders_main(["build", str(empty)]) == 1
    assert "no plan files" in capsys.readouterr().err
