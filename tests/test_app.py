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


def table_with(at, column):
    """The dataframe that has this column (tables without selection carry no key in AppTest)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_workload_page_ranks_the_right_agencies_first():
    at = start()
    ranking = table(at, "ranking_table")
    assert list(ranking["机构"][:3]) == ["浙江省经济和信息化委员会", "清远市经济和信息化局", "安徽省发展和改革委员会"]
    assert list(ranking["牵头"][:3]) == [20, 10, 8]
    assert not any("成员单位" in a or a.endswith("各市、县人民政府") for a in ranking["机构"])
    centrality = table_with(at, "介数中心性")
    assert len(centrality) > 10 and "介数中心性" in centrality.columns


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
    assert at.subheader[0].value == "Agencies ranked by tasks led and supported"
    assert "Zhejiang Provincial Economy and Information Technology Commission" in set(ranking["name_en"])


def test_opening_an_agency_goes_to_its_neighbourhood():
    at = start()
    at.selectbox(key="ranking_open").set_value("清远市经济和信息化局")
    at.button(key="ranking_open_button").click().run()
    assert at.sidebar.radio(key="page_choice").value == "explorer"
    assert at.selectbox(key="explorer_node").value == "清远市经济和信息化局"
    assert at.query_params["node"] == ["清远市经济和信息化局"] or at.query_params["node"] == "清远市经济和信息化局"


def test_a_preset_run_shows_its_rows():
    at = start(page="presets")
    at.selectbox(key="preset_name").set_value("agency_tasks").run()
    at.selectbox(key="preset_agency_tasks_agency").set_value("清远市经济和信息化局").run()
    at.button(key="preset_run").click().run()
    rows = table_with(at, "evidence")
    assert len(rows) == 10 and set(rows["角色"]) == {"LEADS"}
    assert any("MATCH (a:Agency {id: $agency})" in c.value for c in at.code)


def test_selecting_a_node_shows_its_neighbours_and_the_quote():
    at = start(page="explorer")
    at.selectbox(key="explorer_node").set_value("清远市经济和信息化局").run()
    inspect = at.selectbox(key="inspect_清远市经济和信息化局")
    projects = [o for o in inspect.options if "task-" in o and "—" not in o]
    assert len(projects) == 10
    edge = next(o for o in inspect.options if "LEADS" in o and o.endswith("task-1"))
    inspect.set_value(next(v for v in inspect.options if v == edge)).run()
    html = " ".join(h.proto.body for h in at.get("html"))
    assert "<mark>市经济和信息化局</mark>" in html and "牵头单位" in html


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
    assert len(table_with(at, "id")) == 5


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
    assert len(table_with(at, "project")) == 8


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
