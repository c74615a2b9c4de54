"""Rows in the store's shape → a graph (networkx) and Cytoscape.js elements for drawing.

Drawings get their positions here, computed deterministically (a radial layout around the
focus node, or a seeded spring layout), so a view does not reshuffle when the app reruns.

>>> G = nx.MultiDiGraph()
>>> G.add_node("A", labels=["Agency"], name="省发展改革委")
>>> G.add_node("t1", labels=["Project"], plan="p", title="宽带建设")
>>> G.add_edge("A", "t1", key="LEADS")
'LEADS'
>>> els = cytoscape_elements(G, focus="A")
>>> els["nodes"][0]["position"]
{'x': 0.0, 'y': 0.0}
>>> els["edges"][0]["data"]["line"]
'solid'
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

import networkx as nx

LABEL_COLOURS = {
    "Agency": "#d1495b", "Project": "#00798c", "Plan": "#edae49", "Indicator": "#66a182",
    "Technology": "#8d6cab", "Province": "#2e4057", "City": "#6c8ead",
}
# How each relationship is drawn: colour, line style, and whether it has a direction.
# LEADS and SUPPORTS differ by line (solid / dashed) so they stay apart in black and white too.
EDGE_KINDS = {
    "LEADS": ("#b3261e", "solid", True), "SUPPORTS": ("#e07a1f", "dashed", True),
    "INCLUDES": ("#8a8a8a", "solid", True), "TARGETS": ("#4c8c5a", "dotted", True),
    "INVOLVES": ("#8d6cab", "dotted", True), "ISSUED": ("#2e4057", "solid", True),
    "BELONGS_TO": ("#b5b5b5", "solid", True), "PART_OF": ("#b5b5b5", "dashed", True),
    "SUBTASK_OF": ("#00798c", "dashed", True), "SUCCEEDED_BY": ("#333333", "solid", True),
    "SHARES": ("#9a9a9a", "solid", False),
}
COMMUNITY_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                     "#7f7f7f", "#bcbd22", "#17becf"]


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
    """Break long labels into lines (Cytoscape wraps on newlines): Chinese every ``width``
    characters, Latin text between words at about twice that."""
    if re.search(r"[\u4e00-\u9fff]", text) is None:
        return _wrap_words(text, width * 2)
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def _wrap_words(text: str, width: int) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line] if line else lines)


def caption(d: dict, node_id: str, lang: str = "zh") -> str:
    """A node's short name for a drawing: the English name in English mode where it is known."""
    label = (d.get("labels") or ["Node"])[0]
    if d.get("caption"):
        return d["caption"]
    if lang == "en" and (d.get("name_en") or d.get("title_en")):
        return d.get("name_en") or d.get("title_en")
    if label == "Project":
        title = d.get("title", "")
        title = title if len(title) <= 24 else title[:23] + "…"
        return f"{d.get('label', '')} {title}".strip()
    return d.get("name") or d.get("title") or node_id


def rings(G: nx.Graph, focus: str) -> list[list[str]]:
    """Nodes by their distance from the focus (edges read both ways); unreachable ones last."""
    dist = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus) if focus in G else {}
    far = max(dist.values(), default=0) + 1
    out: dict[int, list[str]] = defaultdict(list)
    for n in G:
        out[dist.get(n, far)].append(n)
    return [out[k] for k in sorted(out)]


def radial_positions(G: nx.Graph, focus: str, width: float = 900, height: float = 420) -> dict:
    """The focus at the centre, each further ring on a wider ellipse; a ring's nodes sorted by
    the angle of their neighbours nearer the centre (then by kind and id), so the layout
    depends only on the graph, never on the order nodes were added in."""
    layers = rings(G, focus)
    U = G.to_undirected(as_view=True)
    pos: dict[str, tuple[float, float]] = {}
    angle: dict[str, float] = {}
    outer = max(len(layers) - 1, 1)
    for depth, layer in enumerate(layers):
        if depth == 0 and focus in G:
            pos[focus], angle[focus] = (0.0, 0.0), 0.0
            continue
        def key(n):
            near = [angle[m] for m in U[n] if m in angle]
            return (sum(near) / len(near) if near else 0.0, (G.nodes[n].get("labels") or [""])[0], str(n))
        layer = sorted(layer, key=key)
        rx, ry = width / 2 * depth / outer, height / 2 * depth / outer
        # Neighbours on a crowded ring alternate between two radii, so their labels do not touch.
        crowded = len(layer) > 12
        for i, n in enumerate(layer):
            a = 2 * math.pi * i / len(layer) - math.pi / 2
            k = 1.0 if not crowded or i % 2 == 0 else 1 - 0.3 / outer
            pos[n], angle[n] = (round(rx * k * math.cos(a), 1), round(ry * k * math.sin(a), 1)), a
    return pos


def spring_positions(G: nx.Graph, width: float = 900, height: float = 420, seed: int = 7) -> dict:
    """A seeded force layout (numpy only) of each connected part,
    the parts side by side in boxes as wide as their share of the nodes: separate clusters do not
    pile up in one corner, and the same graph always gives the same picture."""
    if len(G) == 0:
        return {}
    U = nx.Graph()
    U.add_nodes_from(sorted(G, key=str))
    U.add_edges_from((u, v) for u, v in G.edges())
    parts = sorted((sorted(c, key=str) for c in nx.connected_components(U)), key=lambda c: (-len(c), c[0]))
    pos, left = {}, -width / 2
    for part in parts:
        w = width * len(part) / len(U)
        sub = U.subgraph(part)
        if len(part) < 3:
            raw = {n: (i, 0.0) for i, n in enumerate(part)}
        else:
            raw = nx.spring_layout(sub, seed=seed, k=2.5 / math.sqrt(len(part)), iterations=300)
        for n, (x, y) in _fit(raw, w * 0.9, height * (0.9 if len(part) > 2 else 0.0)).items():
            pos[n] = (round(x + left + w / 2, 1), y)
        left += w
    return pos


def _fit(raw: dict, width: float, height: float) -> dict:
    xs, ys = [p[0] for p in raw.values()], [p[1] for p in raw.values()]
    sx = (max(xs) - min(xs)) or 1.0
    sy = (max(ys) - min(ys)) or 1.0
    return {n: (round((x - min(xs)) / sx * width - width / 2, 1), round((y - min(ys)) / sy * height - height / 2, 1))
            for n, (x, y) in raw.items()}


def crowds(G: nx.MultiDiGraph, focus: str, min_size: int = 5) -> dict[str, list[str]]:
    """Crowds of like nodes: the same distance from the focus, the same kind and, for tasks, the
    same plan. ``{group id: sorted members}`` for those of at least ``min_size``."""
    found: dict[str, list[str]] = defaultdict(list)
    for depth, layer in enumerate(rings(G, focus)):
        for n in layer if depth else ():
            d = G.nodes[n]
            label = (d.get("labels") or ["Node"])[0]
            plan = d.get("plan", "") if label == "Project" else ""
            found[f"group:{depth}:{label}:{plan}"].append(n)
    return {g: sorted(m, key=str) for g, m in sorted(found.items()) if len(m) >= min_size}


def group_parts(group_id: str) -> tuple[str, str]:
    """The members' label and (for tasks) plan of a group id made by ``crowds``."""
    _, _, label, plan = group_id.split(":", 3)
    return label, plan


def collapse(G: nx.MultiDiGraph, groups: dict[str, list[str]], name=None) -> nx.MultiDiGraph:
    """Fold each group into one node. A group node carries ``group=True``, its members' label,
    ``count`` and a ``caption`` from ``name(label, plan, count)``; edges into a group are merged
    per type, with ``count`` saying how many they stand for."""
    name = name or (lambda label, plan, n: f"{plan + ': ' if plan else ''}{n} × {label}")
    into = {n: g for g, members in groups.items() for n in members}
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        if n not in into:
            H.add_node(n, **d)
    for g, members in groups.items():
        label, plan = group_parts(g)
        H.add_node(g, labels=[label], group=True, count=len(members), plan=plan, caption=name(label, plan, len(members)))
    for u, v, k, d in G.edges(keys=True, data=True):
        a, b = into.get(u, u), into.get(v, v)
        if a == b:
            continue
        if a == u and b == v:
            H.add_edge(a, b, key=k, **d)
        elif H.has_edge(a, b, key=k):
            H.edges[a, b, k]["count"] += 1
        else:
            H.add_edge(a, b, key=k, type=k, count=1)
    return H


def cytoscape_elements(G: nx.MultiDiGraph, lang: str = "zh", focus: str | None = None, positions: dict | None = None,
                       width: float = 900, height: float = 420) -> dict:
    """Nodes with a short caption, a full name and a fixed position; edges with their drawing style.

    Positions come from ``positions``, else a radial layout around ``focus``, else a seeded spring
    layout; Cytoscape then shows them as they are (its "preset" layout)."""
    if positions is None:
        positions = radial_positions(G, focus, width, height) if focus in G else spring_positions(G, width, height)
    nodes = []
    for n in sorted(G, key=str):
        d = G.nodes[n]
        data = {"id": n, "label": (d.get("labels") or ["Node"])[0], "name": wrap(caption(d, n, lang)),
                "full": display_name(d, n, lang)}
        data.update({k: d[k] for k in ("group", "count", "size", "colour", "community") if d.get(k) is not None})
        if n == focus:
            data["focus"] = True
        x, y = positions.get(n, (0.0, 0.0))
        if focus in G and n != focus:
            # Captions point away from the focus, so they do not sit on the lines into it.
            data["side"] = "left" if x < -1 else "right" if x > 1 else ("top" if y < 0 else "bottom")
        nodes.append({"data": data, "position": {"x": float(x), "y": float(y)}})
    edges = []
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), e[2], str(e[1]))):
        colour, line, directed = EDGE_KINDS.get(k, ("#999999", "solid", True))
        count = d.get("count", 1)
        edges.append({"data": {"id": f"{u}|{k}|{v}", "source": u, "target": v, "label": k, "line": line,
                               "colour": colour, "arrow": "triangle" if directed else "none",
                               "caption": f"×{count}" if count > 1 else "",
                               "width": round(1.5 + min(max(count, d.get("weight", 1)), 12) * 0.4, 1)}})
    return {"nodes": nodes, "edges": edges}
