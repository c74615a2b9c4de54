"""Tables a researcher can read, in Chinese and in English; the Plans page's filter; the
console's errors as sentences. Real store, real presets, real engine errors, real AppTest."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from graph import presets
from graph.errors import GraphError
from graph.guard import run_user_query
from ui.console import explain
from ui.i18n import COLUMNS, LIST_COLUMNS, TEXT
from ui.tables import frame

from .conftest import ROOT, app_on

APP = str(ROOT / "app.py")
CJK = re.compile(r"[\u4e00-\u9fff]")
RAW = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$|^[a-z]+\(")  # name_en, shared_tasks, count(*)
ZJ = "zhejiang-2016-informatization-key-points"


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """The app builds its own graph in a fresh folder; the tests read it through the app's store."""
    with app_on(tmp_path_factory.mktemp("tablesgraph")):
        start()
        from ui import data

        yield data.store()
        data.store().close()


def start(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_with(at, header):
    return next(d.value for d in at.dataframe if header in d.value.columns)


def every_preset(store):
    for name in presets.load_all():
        rows = presets.run(store, name, {})
        if rows:
            yield name, rows


# --- frame() ------------------------------------------------------------------------------


def test_names_and_titles_come_first_and_ids_last(graph):
    rows = presets.run(graph, "technology_tasks", {})
    for lang in ("zh", "en"):
        cols = list(frame(rows, lang).columns)
        assert cols[:2] == [COLUMNS["label"][lang == "en"], TEXT["title"][lang == "en"]]
        assert cols[-1] == COLUMNS["project"][lang == "en"]
    ranking = frame(presets.run(graph, "agency_ranking", {}), "en")
    assert list(ranking.columns)[0] == "Agency"


def test_empty_cells_are_empty_not_none(graph):
    rows = presets.run(graph, "plan_indicators", {})
    assert any(r["baseline"] is None for r in rows)  # the plan states some targets without a baseline
    for lang in ("zh", "en"):
        df = frame(rows, lang)
        shown = {str(v) for col in df.columns for v in df[col]}
        assert not shown & {"None", "nan", "NaN", "<NA>", "null"}
        assert "" in set(df[TEXT["baseline"][lang == "en"]])


def test_task_ids_in_natural_order(graph):
    rows = graph.query("MATCH (p:Project {plan: $plan}) WHERE p.kind = 'task' "
                       "RETURN p.plan AS plan, p.id AS project, p.title AS title ORDER BY plan, project", {"plan": ZJ})
    numbers = [int(r["project"].rsplit("-", 1)[1]) for r in rows]
    assert numbers != sorted(numbers)  # the engine orders text as text: task-10 before task-2
    df = frame(rows, "en")
    shown = [int(v.rsplit("-", 1)[1]) for v in df["Task id"]]
    assert shown == sorted(numbers)


def test_a_ranking_keeps_its_order(graph):
    rows = presets.run(graph, "agency_ranking", {})
    assert list(frame(rows, "zh")["机构"]) == [r["agency"] for r in rows]


def test_every_header_is_translated_in_both_languages(graph):
    from graph.ask import Asker

    tables = dict(every_preset(graph))
    asker = Asker(graph)
    for q in json.loads((ROOT / "tests" / "questions.json").read_text(encoding="utf-8")):
        a = asker.ask(q["q"])
        if a.rows:
            tables[f"search: {q['q']}"] = a.rows
    keys = set(TEXT) | set(COLUMNS) | set(LIST_COLUMNS)
    for what, rows in tables.items():
        for lang in ("zh", "en"):
            for h in frame(rows, lang).columns:
                assert not RAW.match(h) and h not in keys, (what, lang, h)
                assert bool(CJK.search(h)) == (lang == "zh"), (what, lang, h)


def test_english_tables_name_agencies_in_english_with_the_chinese(graph):
    rows = presets.run(graph, "agency_tasks", {"agency": "清远市经济和信息化局"})
    ranking = frame(presets.run(graph, "agency_ranking", {}), "en")
    assert "Zhejiang Provincial Economy and Information Technology Commission (浙江省经济和信息化委员会)" in set(ranking["Agency"])
    assert "English name" not in ranking.columns  # folded into the name
    types = frame(presets.run(graph, "agency_types", {}), "en")
    assert not any(CJK.search(str(v)) for v in types["Agency type"])
    assert {"Zhejiang", "Anhui", "Guangdong"} <= set(types["Province"])
    assert not any(CJK.search(v) for v in types["Province"])
    kinds = frame(rows, "en")["Kind"]
    assert set(kinds) <= {"Task", "Programme", "Key action", "Measure", "Annex row", "Subtask"}


def test_a_place_without_an_english_name_is_romanised(graph):
    from ui.tables import place_en

    assert place_en("英德市") == "Yingde" and place_en("江宁区") == "Jiangning District"
    assert place_en("陕西省") == "Shaanxi"


def test_list_columns_read_as_text(graph):
    rows = presets.run(graph, "technology_tasks", {"technology": led_technology(graph)})
    for lang, sep in (("zh", "、"), ("en", "; ")):
        leads = frame(rows, lang)[LIST_COLUMNS["leads"][lang == "en"]]
        assert all(isinstance(v, str) for v in leads)
        several = next(r["leads"] for r in rows if len(r["leads"]) > 1)
        joined = [v for v in leads if v.count(sep) == len(several) - 1 and v]
        assert joined and not any(v.startswith("[") for v in leads)


def led_technology(store) -> str:
    """A technology with a task that names more than one lead agency (a real list to show)."""
    rows = store.query("MATCH (t:Technology)<-[:INVOLVES]-(p:Project)<-[:LEADS]-(a:Agency) "
                       "WITH t, p, count(a) AS n WHERE n > 1 RETURN t.id AS t, count(p) AS c ORDER BY c DESC, t LIMIT 1")
    return rows[0]["t"]


# --- pages ----------------------------------------------------------------------------------


def test_technology_tasks_shows_its_leads_as_text_and_no_empty_chart(graph):
    at = start(page="presets", lang="en")
    at.selectbox(key="preset_name").set_value("technology_tasks").run()
    at.selectbox(key="preset_technology_tasks_technology").set_value(led_technology(graph)).run()
    at.button(key="preset_run").click().run()
    assert not at.exception
    leads = table_with(at, "Lead agencies")["Lead agencies"]
    assert any("(" in v and ";" in v for v in leads)  # English names, the Chinese alongside, joined
    assert not at.get("vega_lite_chart")
    # a preset of counts still gets its chart
    at.selectbox(key="preset_name").set_value("agency_ranking").run()
    at.button(key="preset_run").click().run()
    assert at.get("vega_lite_chart")


def test_preset_labels_in_the_chosen_language_only(graph):
    at = start(page="presets", lang="en")
    at.selectbox(key="preset_name").set_value("agency_tasks").run()
    label = at.selectbox(key="preset_agency_tasks_agency").label
    assert label == "Agency" and not CJK.search(at.caption[0].value)
    at = start(page="presets", lang="zh")
    at.selectbox(key="preset_name").set_value("agency_tasks").run()
    assert at.selectbox(key="preset_agency_tasks_agency").label == "机构"


def test_every_preset_speaks_both_languages():
    for p in presets.load_all().values():
        assert CJK.search(p.title("zh")) and not CJK.search(p.title("en")), p.name
        assert CJK.match(p.describe("zh")) and not CJK.match(p.describe("en")), p.name
        for x in p.params:
            assert CJK.search(x.label("zh")) and not CJK.search(x.label("en")), (p.name, x.name)


def test_plans_page_follows_the_sidebar_filter_after_a_change(graph):
    ids = [r["id"] for r in graph.query("MATCH (p:Plan) RETURN p.id AS id ORDER BY id")]
    at = start(page="plans", lang="en")
    for want in (ids[1], ids[2]):  # not only on first load: every change
        at.sidebar.selectbox(key="f_plan").set_value(want).run()
        assert at.selectbox(key="plans_plan").value == want
        assert any(want in c.value for c in at.caption)  # the card shows that plan
    # and the other way: a plan picked on the page becomes the sidebar's filter
    at.selectbox(key="plans_plan").set_value(ids[0]).run()
    assert at.sidebar.selectbox(key="f_plan").value == ids[0]
    assert any(ids[0] in c.value for c in at.caption)


def test_plans_page_metadata_is_a_card_not_json(graph):
    at = start(page="plans", lang="en", plan="henan-2016-informatization-work-plan")
    assert not at.get("json")
    card = " ".join(m.value for m in at.markdown)
    assert "**Issuer**: General Office of the Henan Provincial People's Government" in card
    assert "**Document type**: Implementation plan" in card and "**Jurisdiction**: Henan" in card
    assert any("SHA-256" in c.value for c in at.caption)


def test_plans_page_search_narrows_the_list(graph):
    at = start(page="plans", lang="en")
    at.text_input(key="plans_find").input("zhejiang").run()
    assert len(at.selectbox(key="plans_plan").options) == 1 and at.selectbox(key="plans_plan").value == ZJ


# --- console errors -------------------------------------------------------------------------


def engine_error(store, cypher: str, params: dict | None = None) -> GraphError:
    with pytest.raises(GraphError) as info:
        run_user_query(store, cypher, params or {}, limit=5, timeout_ms=5000)
    return info.value


@pytest.mark.parametrize(("cypher", "en", "zh"), [
    ("MATCH (a:Agency)-[l:LEADS]->(p:Project)\nRETURN a.name AS agency, count(l) AS led\nORDER BY led DESK LIMIT 10",
     "Syntax error at line 3, column 17 (near “DESK”): expected DESCENDING or DESC.", "第 3 行第 17 列"),
    ("MATCH (n:Agency) WHERE n.name = '浙江' RETRUN n",  # the engine says column 45: it counts bytes
     "Syntax error at line 1, column 41 (near “RETRUN”): expected RETURN.", "第 1 行第 41 列"),
    ("MATCH (n:Agency)\nRETURN n.id ORDER BY", "Syntax error: the query ends too early at line 2, column 21", "第 2 行第 21 列"),
    ("MATCH (n:Agency)\nRETURN m.id", "The variable m is not defined (line 2, column 8)", "第 2 行第 8 列"),
    ("MATCH (n:Agency)\n\nRETURN foo(n) AS x", "Unknown function foo (line 3, column 8)", "第 3 行第 8 列"),
    ("MATCH (n:Agency {id: $agency}) RETURN n", "Missing parameter(s) $agency", "$agency"),
])
def test_console_errors_read_as_one_sentence_with_the_position(graph, cypher, en, zh):
    err = engine_error(graph, cypher)
    for lang, want in (("en", en), ("zh", zh)):
        said = explain(err, cypher, {}, lang)
        assert want in said, (said, err.detail)
        assert "errMsg" not in said and "errCtx" not in said and "\n" not in said
        assert said.rstrip("。.").count(". ") == 0 and said[-1] in ".。"


def test_the_engine_position_counts_characters_not_bytes(graph):
    cypher = "MATCH (n) WHERE n.id = '浙江' RETURN n.id AS 名称"  # a Chinese alias is not an identifier
    err = engine_error(graph, cypher)
    assert "column: 48" in err.detail  # 浙江 is six bytes
    said = explain(err, cypher, {}, "en")
    assert "line 1, column 44 (near “名称”)" in said and cypher[43:45] == "名称"


def test_the_console_shows_the_sentence_not_the_engine_dump(graph):
    at = start(page="console", lang="en")
    at.text_area(key="console_cypher").input("MATCH (n)\nRETRUN n")
    at.button(key="console_run").click().run()
    assert at.error and at.error[0].value.startswith("Syntax error at line 2, column 4 (near “RETRUN”)")
    assert "errMsg" not in at.error[0].value
