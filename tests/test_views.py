"""How the Explorer and Workload pages draw: line styles, stable positions, groups, readable charts.

Everything runs on the real seed graph (the `store` fixture); no browser here (see
tests/test_browser_views.py for clicks and rendered labels).
"""

from __future__ import annotations

import networkx as nx
import pytest

from graph import analytics, presets
from graph.elements import collapse, crowds, cytoscape_elements, graph_from_rows, radial_positions

ZJ = "浙江省经济和信息化委员会"
AH = "安徽省发展和改革委员会"


def hood(store, node: str, depth: int, reverse: bool = False) -> nx.MultiDiGraph:
    rows = presets.run(store, "neighbourhood", {"node": node, "depth": depth, "limit": 2000})
    return graph_from_rows(rows[::-1] if reverse else rows)


def test_leads_edges_are_solid_and_supports_dashed_with_arrowheads(store):
    edges = cytoscape_elements(hood(store, AH, 1), focus=AH)["edges"]
    by_kind = {k: [e["data"] for e in edges if e["data"]["label"] == k] for k in ("LEADS", "SUPPORTS")}
    assert by_kind["LEADS"] and by_kind["SUPPORTS"]
    assert {d["line"] for d in by_kind["LEADS"]} == {"solid"}
    assert {d["line"] for d in by_kind["SUPPORTS"]} == {"dashed"}
    assert {d["arrow"] for d in by_kind["LEADS"] + by_kind["SUPPORTS"]} == {"triangle"}


def test_the_drawing_styles_turn_the_line_data_into_cytoscape_line_styles():
    from ui.draw import EDGE_STYLES, NODE_STYLES

    rules = {s.dump()["selector"]: s.dump()["style"] for s in EDGE_STYLES + NODE_STYLES}
    assert rules["edge[line='dashed']"]["line-style"] == "dashed"
    assert rules["edge[arrow='triangle']"]["target-arrow-shape"] == "triangle"
    assert int(rules["node"]["font-size"].rstrip("px")) >= 12


def test_positions_are_identical_across_two_renders(store):
    first = cytoscape_elements(hood(store, ZJ, 1), focus=ZJ)
    again = cytoscape_elements(hood(store, ZJ, 1, reverse=True), focus=ZJ)  # rows in another order
    pos = {n["data"]["id"]: n["position"] for n in first["nodes"]}
    assert pos == {n["data"]["id"]: n["position"] for n in again["nodes"]}
    assert pos[ZJ] == {"x": 0.0, "y": 0.0}
    assert len({(p["x"], p["y"]) for p in pos.values()}) == len(pos)  # no two nodes on one spot


def test_the_spring_layout_of_the_network_is_seeded(store):
    G = analytics.co_responsibility(analytics.agency_task_graph(store))
    H = analytics.strongest_ties(G, 20)
    a = cytoscape_elements(nx.MultiDiGraph(H))["nodes"]
    b = cytoscape_elements(nx.MultiDiGraph(H))["nodes"]
    assert [n["position"] for n in a] == [n["position"] for n in b]


def test_radial_layout_puts_farther_nodes_on_wider_rings(store):
    G = hood(store, ZJ, 2)
    pos = radial_positions(G, ZJ, 900, 400)
    task = next(n for n, d in G.nodes(data=True) if d["labels"][0] == "Project")
    tech = next(n for n, d in G.nodes(data=True) if d["labels"][0] == "Technology")
    r = lambda p: (p[0] / 450) ** 2 + (p[1] / 200) ** 2  # noqa: E731 - elliptic radius
    assert r(pos[tech]) > r(pos[task])


def test_depth_two_folds_the_tasks_of_a_plan_into_one_group(store):
    G = hood(store, ZJ, 2)
    groups = crowds(G, ZJ)
    tasks = [n for n, d in G.nodes(data=True) if d["labels"][0] == "Project"]
    task_group = next(g for g, m in groups.items() if ":Project:" in g)
    assert sorted(groups[task_group]) == sorted(tasks)
    H = collapse(G, groups)
    assert H.number_of_nodes() < 15 < G.number_of_nodes()
    leads = sum(1 for u, v, k in G.edges(keys=True) if u == ZJ and k == "LEADS")
    assert H.edges[ZJ, task_group, "LEADS"]["count"] == leads
    opened = collapse(G, {g: m for g, m in groups.items() if g != task_group})
    assert set(tasks) <= set(opened)


def test_strongest_ties_keep_to_n_agencies_heaviest_first(store):
    G = analytics.co_responsibility(analytics.agency_task_graph(store))
    H = analytics.strongest_ties(G, 15)
    assert 2 <= len(H) <= 15 and H.number_of_edges() <= 30
    u, v, w = max(G.edges(data="weight"), key=lambda e: e[2])
    assert H.has_edge(u, v) and H[u][v]["weight"] == w


def test_every_bar_of_the_count_chart_is_labelled_and_the_labels_are_never_hidden(store):
    from ui.charts import count_chart, wrap_label

    rows = presets.run(store, "agency_ranking", {"limit": 30})
    spec = count_chart(rows, "zh", "agency").to_dict()
    axis = spec["encoding"]["y"]["axis"]
    assert axis["labelOverlap"] is False and axis["labelLimit"] == 0
    assert spec["encoding"]["y"]["sort"] == ["\n".join(wrap_label(r["agency"])) for r in rows]
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"
    assert spec["height"]["step"] >= 15


@pytest.mark.parametrize("name, lines", [
    ("Zhejiang Provincial Economy and Information Technology Commission", 2),
    ("安徽省社会治安综合治理委员会办公室", 2),
    ("浙江省农业厅", 1),
])
def test_long_names_wrap_instead_of_being_cut(name, lines):
    from ui.charts import wrap_label

    out = wrap_label(name)
    assert len(out) == lines and "".join(out).replace(" ", "") == name.replace(" ", "")
