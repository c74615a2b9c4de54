"""Network analytics over the agency–task graph, with networkx.

``agency_task_graph`` is the only function that reads the store; the rest are
pure functions over a graph, returning plain dicts keyed by node id.

>>> import networkx as nx
>>> B = nx.Graph()
>>> B.add_nodes_from(["A", "B", "C"], bipartite=0)
>>> B.add_nodes_from(["t1", "t2"], bipartite=1)
>>> B.add_edges_from([("A", "t1"), ("B", "t1"), ("A", "t2"), ("C", "t2"), ("B", "t2")])
>>> G = co_responsibility(B)
>>> G["A"]["B"]["weight"]
2
>>> sorted(centrality(G)["A"].items())[0]
('betweenness', 0.0)
>>> sorted(strongest_ties(G, 2).edges(data="weight"))
[('A', 'B', 2)]
"""

from __future__ import annotations

import networkx as nx

__all__ = ["agency_task_graph", "co_responsibility", "centrality", "communities", "centrality_table", "strongest_ties"]

_QUERY = """
MATCH (a:Agency)-[r]->(p:Project)<-[:INCLUDES]-(pl:Plan)
WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($include_collective OR NOT a.collective)
  AND ($province = '' OR pl.province = $province)
RETURN a.id AS agency, a.type AS type, a.name_en AS name_en, type(r) AS role, p.id AS project, pl.province AS province
"""


def agency_task_graph(store, include_collective: bool = False, province: str = "") -> nx.Graph:
    """The bipartite graph: agencies (bipartite=0) — projects (bipartite=1), edges carry the role."""
    B = nx.Graph()
    for row in store.query(_QUERY, {"include_collective": include_collective, "province": province}, limit=1_000_000):
        B.add_node(row["agency"], bipartite=0, type=row["type"], name_en=row["name_en"])
        B.add_node(row["project"], bipartite=1, province=row["province"])
        role = "lead" if row["role"] == "LEADS" else "support"
        if B.has_edge(row["agency"], row["project"]) and B.edges[row["agency"], row["project"]]["role"] == "lead":
            continue
        B.add_edge(row["agency"], row["project"], role=role)
    return B


def _require_bipartite(B: nx.Graph) -> None:
    if B.is_directed() or B.is_multigraph():
        raise nx.NetworkXNotImplemented("expects an undirected simple bipartite graph")
    if any("bipartite" not in d for _, d in B.nodes(data=True)):
        raise nx.NetworkXError("every node needs a 'bipartite' attribute (0 agency, 1 project)")


def co_responsibility(B: nx.Graph) -> nx.Graph:
    """Agencies linked when named on the same project; weight = number of shared projects."""
    _require_bipartite(B)
    agencies = [n for n, d in B.nodes(data=True) if d["bipartite"] == 0]
    G = nx.bipartite.weighted_projected_graph(B, agencies)
    for n in G:
        G.nodes[n].update(B.nodes[n])
    return G


def co_responsibility_from_pairs(rows: list[dict]) -> nx.Graph:
    """The same weighted graph from the co_responsibility preset's rows (agency_a, agency_b,
    shared_tasks): on a national graph, the strongest pairs kept at load time, not every task."""
    G = nx.Graph()
    G.add_weighted_edges_from((r["agency_a"], r["agency_b"], r["shared_tasks"]) for r in rows)
    return G


def centrality(G: nx.Graph) -> dict[str, dict[str, float]]:
    """Degree, weighted degree, betweenness and eigenvector centrality of every node."""
    if G.is_directed():
        raise nx.NetworkXNotImplemented("expects an undirected graph")
    if len(G) == 0:
        return {}
    degree = nx.degree_centrality(G)
    weighted = dict(G.degree(weight="weight"))
    # Betweenness treats weight as distance: more shared tasks should mean closer.
    for _, _, d in G.edges(data=True):
        d["distance"] = 1.0 / d.get("weight", 1)
    between = nx.betweenness_centrality(G, weight="distance")
    try:
        eigen = nx.eigenvector_centrality(G, weight="weight", max_iter=1000)
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        eigen = dict.fromkeys(G, 0.0)
    return {n: {"degree": degree[n], "weighted_degree": float(weighted[n]), "betweenness": between[n],
                "eigenvector": eigen.get(n, 0.0)} for n in G}


def communities(G: nx.Graph, seed: int = 7) -> dict[str, int]:
    """Community number of every node (Louvain, seeded so the numbering is repeatable)."""
    if len(G) == 0:
        return {}
    parts = nx.community.louvain_communities(G, weight="weight", seed=seed)
    parts = sorted(parts, key=lambda c: (-len(c), min(c)))
    return {n: k for k, c in enumerate(parts) for n in c}


def centrality_table(G: nx.Graph) -> list[dict]:
    """One row per agency, most central first: what the app and exports show."""
    cent, comm = centrality(G), communities(G)
    rows = [{"agency": n, "type": G.nodes[n].get("type"), **cent[n], "community": comm.get(n)} for n in G]
    return sorted(rows, key=lambda r: (-r["weighted_degree"], r["agency"]))


def strongest_ties(G: nx.Graph, agencies: int, max_edges: int | None = None) -> nx.Graph:
    """The heaviest edges, heaviest first, while they keep to ``agencies`` nodes (and at most
    ``max_edges`` edges, twice the nodes by default): a co-responsibility network small enough to read.
    Ties in weight are broken by the agencies' ids, so the same graph gives the same picture."""
    if G.is_directed():
        raise nx.NetworkXNotImplemented("expects an undirected graph")
    max_edges = 2 * agencies if max_edges is None else max_edges
    H = nx.Graph()
    for u, v, w in sorted(G.edges(data="weight", default=1), key=lambda e: (-e[2], *sorted((str(e[0]), str(e[1]))))):
        if H.number_of_edges() >= max_edges:
            break
        if len(set(H) | {u, v}) <= agencies:
            H.add_edge(u, v, weight=w)
    for n in H:
        H.nodes[n].update(G.nodes[n])
    return H
