"""Network analytics over the seed graph."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import analytics


@pytest.fixture(scope="module")
def networks(store):
    B = analytics.agency_task_graph(store)
    return B, analytics.co_responsibility(B)


def test_bipartite_graph_holds_every_non_collective_role(networks, seeds):
    B, _ = networks
    ags = {a.id: a for rec in seeds.values() for a in rec.agencies}
    expected = {(r.agency, r.project) for rec in seeds.values() for r in rec.roles if not ags[r.agency].collective}
    assert {tuple(sorted(e, key=lambda n: B.nodes[n]["bipartite"])) for e in B.edges} == expected


def test_projection_weights_count_shared_projects(networks, seeds):
    _, G = networks
    together = sum(1 for p in {r.project for r in seeds["anhui"].roles}
                   if {"安徽省发展和改革委员会", "安徽省经济和信息化委员会"} <= {r.agency for r in seeds["anhui"].roles if r.project == p})
    assert G["安徽省发展和改革委员会"]["安徽省经济和信息化委员会"]["weight"] == together


def test_centrality_and_communities(networks):
    _, G = networks
    table = analytics.centrality_table(G)
    assert table[0]["agency"].startswith("安徽省")  # Anhui's annex names many agencies per row
    assert {"degree", "weighted_degree", "betweenness", "eigenvector", "community"} <= set(table[0])
    comm = {r["agency"]: r["community"] for r in table}
    # Agencies of different provinces never share a task, so never a community.
    assert comm["浙江省经济和信息化委员会"] != comm["安徽省经济和信息化委员会"]


def test_wrong_graph_kind_is_refused():
    with pytest.raises(nx.NetworkXNotImplemented):
        analytics.co_responsibility(nx.MultiGraph())
    with pytest.raises(nx.NetworkXNotImplemented):
        analytics.centrality(nx.DiGraph([(1, 2)]))
