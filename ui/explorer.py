"""The neighbourhood explorer: search a node, see it and its neighbours, inspect where facts came from."""

from __future__ import annotations

import html

import networkx as nx
import streamlit as st

from graph.elements import graph_from_rows

from . import data, export_panel
from .draw import draw
from .i18n import t
from .tables import frame

REL_TYPES = ["LEADS", "SUPPORTS", "INCLUDES", "TARGETS", "INVOLVES", "ISSUED", "BELONGS_TO", "PART_OF", "SUBTASK_OF",
             "SUCCEEDED_BY"]
LABELS = ["Agency", "Project", "Plan", "Indicator", "Technology", "Province", "City"]


def search_text(r: dict) -> str:
    """What the type-ahead matches against: the name, English name and every alias."""
    parts = [r.get("name") or r["id"]]
    if r.get("name_en"):
        parts.append(r["name_en"])
    aliases = [a for a in (r.get("aliases") or []) if a not in parts]
    if aliases:
        parts.append("/".join(aliases))
    return f"{' · '.join(parts)}  [{r['label']}]"


def neighbourhood(node: str, depth: int, rels: list[str], labels: list[str]):
    rows = data.run_preset("neighbourhood", (("depth", depth), ("limit", 2000), ("node", node)))
    G = graph_from_rows(rows)
    drop = [(u, v, k) for u, v, k in G.edges(keys=True) if k not in rels]
    G.remove_edges_from(drop)
    keep = {node} | {n for n, d in G.nodes(data=True) if (d.get("labels") or [""])[0] in labels}
    G = G.subgraph(keep).copy()
    # Only what is still connected to the chosen node.
    reach = nx.node_connected_component(G.to_undirected(), node) if node in G else {node}
    return G.subgraph(reach).copy()


def highlight(quote: str, words: str) -> str:
    q = html.escape(quote)
    w = html.escape(words or "")
    return q.replace(w, f"<mark>{w}</mark>", 1) if w and w in q else q


def show_node(G, n: str, lang: str) -> None:
    d = dict(G.nodes[n])
    st.markdown(f"**{t('properties', lang)}** — `{n}`")
    st.json({k: v for k, v in d.items() if k != "text"})
    if "Agency" in (d.get("labels") or []):
        show_lineage(n, lang)
    if d.get("text"):
        st.markdown(f"**{t('quote', lang)}** · {t('section', lang)}: {d.get('section', '')}")
        st.html(f"<blockquote style='white-space:pre-wrap'>{html.escape(d['text'])}</blockquote>")
    if st.button(t("expand", lang), key=f"expand_{n}"):
        st.session_state["node"] = n
        st.rerun()


def show_lineage(agency: str, lang: str) -> None:
    """Renamed or merged in a reform: the bodies before and after this one."""
    lineage = data.run_preset("agency_lineage", (("agency", agency),))
    if lineage:
        st.markdown(f"**{t('lineage', lang)}** — `{agency}`")
        st.dataframe(frame(lineage, lang), hide_index=True, width="stretch", key=f"lineage_{agency}")


def show_edge(G, u: str, v: str, k: str, lang: str) -> None:
    d = G.edges[u, v, k]
    st.markdown(f"**{k}** `{u}` → `{v}`")
    if d.get("evidence"):
        project = G.nodes[v] if v in G else {}
        st.markdown(f"**{t('quote', lang)}** · {t('plan', lang)}: `{d.get('plan', '')}` · "
                    f"{t('section', lang)}: {project.get('section', '')} · {t('basis', lang)}: {d.get('basis')}")
        st.html(f"<blockquote>{highlight(d['evidence'], d.get('surface', ''))}</blockquote>")
        if project.get("text"):
            st.html(f"<blockquote style='white-space:pre-wrap'>{highlight(project['text'], d.get('surface', ''))}</blockquote>")


def render(lang: str) -> None:
    index = data.node_index()
    by_id = {r["id"]: r for r in index}
    ids = list(by_id)
    current = st.session_state.get("node") or "浙江省经济和信息化委员会"
    if current not in by_id:
        current = ids[0]
    node = st.selectbox(t("choose_node", lang), ids, index=ids.index(current), format_func=lambda i: search_text(by_id[i]), key="explorer_node")
    st.session_state["node"] = node
    c1, c2, c3 = st.columns([1, 3, 3])
    depth = c1.radio(t("depth", lang), [1, 2], horizontal=True, key="explorer_depth")
    rels = c2.multiselect(t("rel_types", lang), REL_TYPES, default=REL_TYPES, key="explorer_rels")
    labels = c3.multiselect(t("labels", lang), LABELS, default=LABELS, key="explorer_labels")
    G = neighbourhood(node, depth, rels, labels)
    export_panel.offer({"kind": "node", "node": node, "depth": depth, "what": f"neighbourhood of {node} (depth {depth})"})
    event = draw(G, f"explorer_{node}_{depth}", lang)
    st.markdown(f"**{t('neighbours', lang)}**: {G.number_of_nodes() - 1}")
    if by_id[node].get("label") == "Agency":
        show_lineage(node, lang)
    picked = _from_event(event)
    items = [("node", n) for n in G.nodes if n != node] + [("edge", e) for e in G.edges(keys=True)]

    def fmt(item):
        kind, x = item
        return x if kind == "node" else f"{x[0]} —{x[2]}→ {x[1]}"

    default = items.index(picked) if picked in items else 0
    if items:
        choice = st.selectbox(t("inspect", lang), items, index=default, format_func=fmt, key=f"inspect_{node}")
        if choice[0] == "node":
            show_node(G, choice[1], lang)
        else:
            show_edge(G, *choice[1], lang)


def _from_event(event):
    """The component's click → the same item the inspector lists."""
    if not isinstance(event, dict):
        return None
    d = event.get("data") or {}
    if event.get("action") == "expand" and d.get("node_ids"):
        st.session_state["node"] = d["node_ids"][0]
        st.rerun()
    target = d.get("target_id")
    if event.get("action") == "clicked_node" and target:
        return ("node", target)
    if event.get("action") == "clicked_edge" and target and target.count("|") == 2:
        u, k, v = target.split("|")
        return ("edge", (u, v, k))
    return None
