"""The Streamlit app, page by page, with Streamlit's AppTest on a real embedded store."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ROOT, app_on

APP = str(ROOT / "app.py")


@pytest.fixture(scope="module", autouse=True)
def app_store(tmp_path_factory):
    """The app builds its own graph, on first run, in a fresh folder."""
    with app_on(tmp_path_factory.mktemp("appgraph")):
        yield
        from ui import data

        data.store().close()


def start(**query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at, key):
    return next(d for d in at.dataframe if d.key == key).value


def table_with(at, *columns):
    """The dataframe that has one of these columns (tables without selection carry no key in AppTest);
    a raw column name and its translated header are both accepted."""
    return next(d.value for d in at.dataframe if set(columns) & set(d.value.columns))


def test_workload_page_ranks_the_right_agencies_first():
    at = start()
    ranking = table(at, "ranking_table")
    assert list(ranking["机构"][:3]) == ["浙江省经济和信息化委员会", "清远市经济和信息化局", "安徽省发展和改革委员会"]
    assert list(ranking["牵头"][:3]) == [20, 10, 8]
    assert not any("成员单位" in a or a.endswith("各市、县人民政府") for a in ranking["机构"])
    centrality = table_with(at, "介数中心性")
    assert len(centrality) > 10 and "介数中心性" in centrality.columns


def test_a_new_session_on_a_built_store_runs_the_workload_page_within_5_s():
    import time

    import streamlit as st

    start()  # the graph is built
    st.cache_data.clear()  # a new session after the cached results expired
    t = time.monotonic()
    at = start()
    assert time.monotonic() - t < 5
    assert len(table(at, "ranking_table")) == 30


def test_filters_and_collective_actors_change_the_ranking():
    at = start()
    at.sidebar.selectbox(key="f_province").set_value("安徽省").run()
    assert set(table(at, "ranking_table")["辖区"]) == {"安徽省"}
    at.sidebar.checkbox(key="f_collective").check().run()
    assert any("各市、县人民政府" in a for a in table(at, "ranking_table")["机构"])


def test_english_labels_and_names():
    at = start(lang="en")
    ranking = table(at, "ranking_table")
    assert {"Agency", "Led", "Supported"} <= set(ranking.columns)
    assert list(ranking.columns[:4]) == ["Agency", "Led", "Supported", "Total"]  # counts beside the name
    assert at.subheader[0].value == "Agencies ranked by tasks led and supported"
    assert any(a.startswith("Zhejiang Provincial Economy and Information Technology Commission") for a in ranking["Agency"])


def test_opening_an_agency_goes_to_its_neighbourhood():
    at = start()
    at.selectbox(key="ranking_open").set_value("清远市经济和信息化局")
    at.button(key="ranking_open_button").click().run()
    assert at.sidebar.radio(key="page_choice").value == "explorer"
    assert at.selectbox(key="explorer_node").value == "清远市经济和信息化局"
    assert at.query_params["node"] == ["清远市经济和信息化局"] or at.query_params["node"] == "清远市经济和信息化局"


def test_open_finds_an_agency_outside_the_charted_ones():
    at = start()
    charted = set(table(at, "ranking_table")["机构"])
    assert "清远市公安局" not in charted
    assert "清远市公安局" in at.selectbox(key="ranking_open").options[0] or \
        any(o.startswith("清远市公安局") for o in at.selectbox(key="ranking_open").options)
    at.selectbox(key="ranking_open").set_value("清远市公安局")
    at.button(key="ranking_open_button").click().run()
    assert at.selectbox(key="explorer_node").value == "清远市公安局"
    assert at.selectbox(key="inspect_清远市公安局_1").options  # its neighbourhood is there to inspect


def test_sorting_by_supported_puts_the_agency_with_most_supports_first():
    from ui import data

    at = start()  # the graph is built
    rows = data.store().query("MATCH (a:Agency)-[r:SUPPORTS]->(:Project) WHERE NOT a.collective "
                              "RETURN a.id AS a, count(r) AS n", limit=100_000)
    supports = {r["a"]: r["n"] for r in rows}
    before = list(table(at, "ranking_table")["配合"])
    assert before != sorted(before, reverse=True)  # ranked by led first
    at.radio(key="ranking_sort").set_value("supported").run()
    ranking = table(at, "ranking_table")
    assert supports[ranking["机构"].iloc[0]] == ranking["配合"].iloc[0] == max(supports.values())
    assert list(ranking["配合"]) == sorted(ranking["配合"], reverse=True)


def test_the_csv_download_holds_the_ranking_rows(monkeypatch):
    import csv
    import io

    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    handed = []
    real = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        handed.append((path_or_data, filename))
        return real(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    at = start()
    ranking = table(at, "ranking_table")
    blob = next(d for d, name in handed if name == "agency_ranking.csv")
    assert blob.startswith("\ufeff".encode())  # a BOM: Excel opens the Chinese
    rows = list(csv.DictReader(io.StringIO(blob.decode("utf-8-sig"))))
    assert [r["机构"] for r in rows] == list(ranking["机构"])
    assert [int(r["牵头"]) for r in rows] == list(ranking["牵头"])


def test_a_preset_run_shows_its_rows():
    at = start(page="presets")
    at.selectbox(key="preset_name").set_value("agency_tasks").run()
    at.selectbox(key="preset_agency_tasks_agency").set_value("清远市经济和信息化局").run()
    at.button(key="preset_run").click().run()
    rows = table_with(at, "evidence", "原文")
    assert len(rows) == 10 and set(rows["角色"]) == {"LEADS"}
    assert any("MATCH (a:Agency {id: $agency})" in c.value for c in at.code)


def test_selecting_a_node_shows_its_neighbours_and_the_quote():
    at = start(page="explorer")
    at.selectbox(key="explorer_node").set_value("清远市经济和信息化局").run()
    inspect = at.selectbox(key="inspect_清远市经济和信息化局_1")
    projects = [o for o in inspect.options if o.startswith("任务 ·")]
    assert len(projects) == 10
    assert any("—牵头→" in o and o.endswith("(task-1)") for o in inspect.options)
    inspect.set_value("清远市经济和信息化局|LEADS|qingyuan-2014-information-consumption-plan:task-1").run()
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "<mark>市经济和信息化局</mark>" in html and "牵头单位" in html
    assert any("page=plans" in m.value and "qingyuan-2014" in m.value for m in at.markdown)  # the way to the passage


def test_depth_two_of_a_busy_agency_is_folded_into_groups_that_open():
    at = start(page="explorer", node="浙江省经济和信息化委员会")
    at.radio(key="explorer_depth").set_value(2).run()
    inspect = at.selectbox(key="inspect_浙江省经济和信息化委员会_2")
    assert not [o for o in inspect.options if o.startswith("任务 ·") and "(task-" in o]  # no single task drawn
    groups = at.multiselect(key="explorer_groups_浙江省经济和信息化委员会_2")
    tasks = next(g for g in groups.options if "项任务" in g)
    n = int(tasks.split(":")[-1].split()[0])
    at.multiselect(key="explorer_groups_浙江省经济和信息化委员会_2").select(tasks).run()
    assert not at.exception
    inspect = at.selectbox(key="inspect_浙江省经济和信息化委员会_2")
    assert len([o for o in inspect.options if o.startswith("任务 ·") and "(task-" in o]) == n == 33


def test_a_view_too_large_to_read_says_how_large_and_what_to_do():
    from graph.elements import graph_from_rows
    from ui import data

    at = start(page="explorer", node="浙江省经济和信息化委员会")
    at.radio(key="explorer_depth").set_value(2).run()
    at.toggle(key="explorer_fold_2").set_value(False).run()
    n = graph_from_rows(data.run_preset("neighbourhood", (("depth", 2), ("limit", 2000),
                                                          ("node", "浙江省经济和信息化委员会")))).number_of_nodes()
    assert n > 60
    message = " ".join(w.value for w in at.warning)
    assert f"{n} 个节点" in message and "深度 1" in message and "关系类型" in message


def test_a_deep_link_restores_the_view():
    at = start(page="explorer", node="安徽省发展和改革委员会", lang="en", province="安徽省")
    assert at.sidebar.radio(key="page_choice").value == "explorer"
    assert at.sidebar.radio(key="lang").value == "en"
    assert at.sidebar.selectbox(key="f_province").value == "安徽省"
    assert at.selectbox(key="explorer_node").value == "安徽省发展和改革委员会"


def test_plans_page_shows_indicators_and_highlighted_text():
    at = start(page="plans")
    at.selectbox(key="plans_plan").set_value("anhui-2017-informatization-13th-fyp").run()
    from loaders import extract_plan

    from .conftest import plan_path

    # 41: the 47 targets the text states, less six it states twice (a sentence and a table row)
    assert len(table_with(at, "基期值")) == len(extract_plan(plan_path("anhui")).indicators) == 41
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "LEAD" in html and "省发展改革委" in html and "TECH" in html


@pytest.mark.parametrize("cypher", [
    "CREATE (:Agency {id: 'x'})", "MERGE (a:Agency {id: 'x'}) RETURN a", "MATCH (n) DETACH DELETE n",
    "MATCH (a:Agency) SET a.name = 'x'", "MATCH (a:Agency) REMOVE a.name", "DROP INDEX ON :Agency(id)",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "match (n) /* hidden */ delete n",
])
def test_console_refuses_writes(cypher):
    at = start(page="console")
    before = at.session_state["_built"]
    at.text_area(key="console_cypher").input(cypher)
    at.button(key="console_run").click().run()
    assert at.error and "已拒绝" in at.error[0].value
    assert before
    from ui import data

    assert data.store().query("MATCH (a:Agency {id: 'x'}) RETURN count(a) AS n") == [{"n": 0}]
    assert data.store().query("MATCH (n) RETURN count(n) > 400 AS full") == [{"full": True}]


def test_console_runs_a_read_query_with_parameters_and_a_row_cap():
    at = start(page="console")
    at.text_area(key="console_cypher").input("MATCH (p:Project {plan: $plan}) RETURN p.id AS id")
    at.text_input(key="console_params").input('{"plan": "zhejiang-2016-informatization-key-points"}')
    at.number_input(key="console_cap").set_value(5)
    at.button(key="console_run").click().run()
    assert len(table_with(at, "id", "编号")) == 5


def test_search_box_answers_with_the_cypher_and_opens_it_in_the_console():
    at = start()
    at.text_input(key="search_box").input("Which tasks does the Anhui DRC lead?").run()
    assert not at.exception
    assert any("8" in m.value for m in at.markdown if m.value.startswith("**"))
    assert any("I read this as: tasks led by 安徽省发展和改革委员会" in c.value for c in at.caption)
    assert any("MATCH (a:Agency {id: $agency})" in c.value for c in at.code)
    at.button(key="search_to_console").click().run()
    assert at.sidebar.radio(key="page_choice").value == "console"
    assert "$agency" in at.text_area(key="console_cypher").value
    at.button(key="console_run").click().run()
    assert len(table_with(at, "project", "任务编号")) == 8


def test_search_box_says_when_it_does_not_understand():
    at = start()
    at.text_input(key="search_box").input("明天杭州天气怎么样?").run()
    assert at.warning and "没有理解" in at.warning[0].value
    assert any("浙江省经信委牵头哪些任务" in m.value for m in at.markdown)


def test_export_panel_packs_the_current_neighbourhood():
    import io
    import zipfile

    import networkx as nx

    at = start(page="explorer", node="清远市经济和信息化局")
    at.selectbox(key="export_format").set_value("graphml").run()
    at.button(key="export_prepare").click().run()
    assert at.get("download_button")
    fmt, blob, n, _ = at.session_state["export_zip"]
    z = zipfile.ZipFile(io.BytesIO(blob))
    assert {"graph.graphml", "manifest.json", "provenance.csv", "CITATION.cff"} <= set(z.namelist())
    G = nx.read_graphml(io.BytesIO(z.read("graph.graphml")))
    assert "清远市经济和信息化局" in G and G.number_of_nodes() == n == 12


def test_removing_a_plan_from_the_add_page_takes_it_out_everywhere():
    from graph.build import add_upload
    from ui import data

    text = (ROOT / "data" / "plans" / "qingyuan-2014-information-consumption-plan.txt").read_bytes()
    assert add_upload(data.store(), "qingyuan-copy.txt", text, {"jurisdiction": "清远市", "province": "广东省"}).ok
    data.forget()  # what the Add page does after an upload of its own
    at = start(page="add")
    at.selectbox(key="remove_plan").set_value("qingyuan-copy").run()
    assert at.button(key="remove_button").disabled  # nothing is removed until the removal is confirmed
    at.checkbox(key="remove_confirm_qingyuan-copy").check().run()
    at.button(key="remove_button").click().run()
    assert at.success and "qingyuan-copy" in at.success[0].value
    assert "qingyuan-copy" not in at.sidebar.selectbox(key="f_plan").options
    assert data.store().query("MATCH (p:Project {plan: 'qingyuan-copy'}) RETURN count(p) AS n") == [{"n": 0}]


def test_a_body_renamed_in_the_2018_reform_shows_its_lineage_and_the_ranking_can_follow_it():
    from graph.build import add_upload, remove_plan
    from ui import data

    from .test_national_agencies import JIANGXI_2016, JIANGXI_2021

    store = data.store()
    for name, text in (("jx-2016.txt", JIANGXI_2016), ("jx-2021.txt", JIANGXI_2021)):
        assert add_upload(store, name, text.encode("utf-8")).ok
    try:
        data.query.clear()
        data.run_preset.clear()
        at = start(page="explorer", node="江西省工业和信息化厅")
        lineage = table_with(at, "前身机构")
        assert list(lineage["前身机构"]) == ["江西省经济和信息化委员会"] and list(lineage["继任机构"]) == ["江西省工业和信息化厅"]
        at = start(province="江西省")
        ranking = table(at, "ranking_table")
        assert "江西省经济和信息化委员会" in list(ranking["机构"])
        at.toggle(key="follow_successors").set_value(True).run()
        ranking = table(at, "ranking_table")
        assert "江西省经济和信息化委员会" not in list(ranking["机构"])
        row = ranking[ranking["机构"] == "江西省工业和信息化厅"].iloc[0]
        assert (row["牵头"], row["配合"]) == (4, 1)
        assert "江西省经济和信息化委员会" in "".join(c.value for c in at.caption)
    finally:
        for plan in ("jx-2016", "jx-2021"):
            remove_plan(store, plan)
        data.query.clear()
        data.run_preset.clear()


def test_a_link_from_inspect_opens_the_plan_at_the_passage_with_the_agencies_marked():
    """Inspect links to ?page=plans&plan=…&task=…: the Plans page shows that task's words, the
    agencies named in its roles marked, above the plan's text."""
    from ui import data

    start()  # the app builds its graph on first start
    role = data.store().query("MATCH (a:Agency)-[r:LEADS]->(p:Project {plan: 'anhui-2017-informatization-13th-fyp'}) "
                              "RETURN p.id AS task, r.surface AS surface ORDER BY task LIMIT 1")[0]
    at = start(page="plans", plan="anhui-2017-informatization-13th-fyp", task=role["task"])
    passage = [h.proto.body for h in at.get("html") if "plangraph-passage" in h.proto.body]
    assert passage and f"<mark>{role['surface']}</mark>" in passage[0]
    assert at.query_params.get("task") == [role["task"]] or at.query_params.get("task") == role["task"]
