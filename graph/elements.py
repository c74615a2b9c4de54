"""Rows in the store's shape → a graph (networkx) and Cytoscape.js elements for drawing."""

from __future__ import annotations

import networkx as nx

LABEL_COLOURS = {
    "Agency": "#d1495b", "Project": "#00798c", "Plan": "#edae49", "Indicator": "#66a182",
    "Technology": "#8d6cab", "Province": "#2e4057", "City": "#6c8ead",
}


def graph_from_rows(rows: list[dict]) -> nx.MultiDiGraph:
    """Every node, relationship and path found anywhere in the rows."""
    G = nx.MultiDiGraph()

    def add(v):
        if isinstance(v, dict) and "labels" in v and "id" in v:
            G.add_node(v["id"], labels=v["labels"], **{k: x for k, x in v["properties"].items() if k != "id"})
        elif isinstance(v, dict) and "type" in v and "start" in v:
            if v["start"] is not None and v["end"] is not None and not G.has_edge(v["start"], v["end"], key=v["type"]):
                G.add_edge(v["start"], v["end"], key=v["type"], type=v["type"], **v["properties"])
        elif isinstance(v, dict) and "nodes" in v and "relationships" in v:
            for n in v["nodes"]:
                add(n)
            for r in v["relationships"]:
                add(r)
        elif isinstance(v, list):
            for x in v:
                add(x)
        elif isinstance(v, dict):
            for x in v.values():
                add(x)

    for row in rows:
        add(row)
    return G


def cell(v, node=None, path_sep: str = " → "):
    """A row value as one table cell: a node as its id (or ``node(v)``), a path as its ids."""
    import json

    if isinstance(v, dict) and "labels" in v:
        return node(v) if node else v["id"]
    if isinstance(v, dict) and "nodes" in v:
        return path_sep.join(str(n["id"]) for n in v["nodes"])
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return v


def display_name(data: dict, node_id: str, lang: str = "zh") -> str:
    """The Chinese name with the English one where it exists (English first in English mode)."""
    zh = data.get("title") or data.get("name") or node_id
    en = data.get("name_en") or data.get("title_en")
    if not en:
        return zh
    return f"{en} ({zh})" if lang == "en" else f"{zh} ({en})"


def wrap(text: str, width: int = 12) -> str:
    """Break long (Chinese) labels into lines; Cytoscape wraps on newlines."""
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def cytoscape_elements(G: nx.MultiDiGraph, lang: str = "zh") -> dict:
    nodes = []
    for n, d in G.nodes(data=True):
        label = (d.get("labels") or ["Node"])[0]
        short = d.get("name") or d.get("title") or n
        if label == "Project":
            short = f"{d.get('label', '')} {d.get('title', '')}".strip()
        nodes.append({"data": {"id": n, "label": label, "name": wrap(short), "full": display_name(d, n, lang)}})
    edges = [{"data": {"id": f"{u}|{k}|{v}", "source": u, "target": v, "label": k}} for u, v, k in G.edges(keys=True)]
    return {"nodes": nodes, "edges": edges}
