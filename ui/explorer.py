"""The neighbourhood explorer: search a node, see it and its neighbours, inspect where facts came from.

A click on a node or a line of the drawing opens it in Inspect. Depth 2 is folded into groups
(the tasks of a plan, the agencies named beside them …) that open on demand; a view too large
to read is not drawn, and the message says what to do instead.
"""

from __future__ import annotations

import html
import urllib.parse

import networkx as nx
import streamlit as st

from graph.elements import collapse, crowds, display_name, graph_from_rows, group_parts

from . import data, export_panel
from .draw import draw, name_of
from .i18n import TEXT, t
from .tables import frame

REL_TYPES = ["LEADS", "SUPPORTS", "INCLUDES", "TARGETS", "INVOLVES", "ISSUED", "BELONGS_TO", "PART_OF", "SUBTASK_OF",
             "SUCCEEDED_BY"]
LABELS = ["Agency", "Project", "Plan", "Indicator", "Technology", "Province", "City"]
LIMIT = 60  # nodes; past this a drawing is a hairball at any zoom that still shows captions
MAX_LISTED_NODES = 5000  # beyond this the node picker searches instead of listing
HIDDEN = {"labels", "text", "span_start", "span_end", "sha256", "group", "count", "caption"}


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


def group_namer(lang: str, plans: dict):
    """Captions of group nodes: "<plan>: 23 tasks", "42 agencies"."""
    def name(label: str, plan: str, n: int) -> str:
        if label == "Project" and plan:
            return t("views_group_tasks", lang, plan=plans.get(plan, plan), n=n)
        key = f"views_many_{label}"
        return t(key, lang, n=n) if key in TEXT else f"{n} × {label}"
    return name


def plan_names(lang: str, plans: tuple[str, ...]) -> dict:
    return {i: (r.get("title_en") if lang == "en" and r.get("title_en") else r.get("name") or i)
            for i, r in data.node_rows(plans).items()}


# -- state changes asked for by the drawing, applied before the widgets they touch exist --------

def _apply_pending() -> None:
    goto = st.session_state.pop("_explorer_goto", None)
    if goto:
        st.session_state["explorer_node"] = st.session_state["node"] = goto
    opened = st.session_state.pop("_explorer_open_group", None)
    if opened:
        key, group = opened
        st.session_state[key] = [*st.session_state.get(key, []), group]


def default_index(key: str, index: int) -> dict:
    """A widget's default only where the session holds no value for it (Streamlit warns about both)."""
    return {} if key in st.session_state else {"index": index}


def _set_group(key: str, group: str, open_it: bool) -> None:
    now = [g for g in st.session_state.get(key, []) if g != group]
    st.session_state[key] = [*now, group] if open_it else now


def _recentre(node: str) -> None:
    st.session_state["explorer_node"] = st.session_state["node"] = node


def take_event(event, groups: dict, groups_key: str):
    """The drawing's newest event → the element to inspect; an expand re-centres or opens a group.

    The component keeps returning its last event on every rerun, so each is acted on once."""
    if not isinstance(event, dict) or event.get("timestamp") == st.session_state.get("_explorer_event_ts"):
        return None
    st.session_state["_explorer_event_ts"] = event.get("timestamp")
    d = event.get("data") or {}
    if event.get("action") == "expand" and d.get("node_ids"):
        target = d["node_ids"][0]
        if target in groups:
            st.session_state["_explorer_open_group"] = (groups_key, target)
        else:
            st.session_state["_explorer_goto"] = target
        st.rerun()
    if event.get("action") in ("clicked_node", "clicked_edge"):
        return d.get("target_id")
    return None


# -- the page ---------------------------------------------------------------------------------

def pick_node(lang: str) -> tuple[str, dict]:
    """The node to explore and its index row. Every node is listed in a small graph; in a national
    one the picker searches (tasks and indicators by their id)."""
    current = st.session_state.get("node") or "浙江省经济和信息化委员会"
    if data.count("node") <= MAX_LISTED_NODES:
        by_id = {r["id"]: r for r in data.node_index()}
    else:
        typed = st.text_input(t("choose_node", lang), key="explorer_node_search", placeholder=t("type_to_search", lang),
                              help=t("type_to_search_help", lang, n=50))
        ids = tuple(dict.fromkeys([current, *(r["id"] for r in data.find("node", typed, 50))]))
        by_id = data.node_rows(ids)
    ids = list(by_id)
    if current not in by_id:
        current = ids[0]
    if st.session_state.get("explorer_node") not in by_id:
        st.session_state.pop("explorer_node", None)
    node = st.selectbox(t("choose_node", lang), ids, format_func=lambda i: search_text(by_id[i]), key="explorer_node",
                        **default_index("explorer_node", ids.index(current)))
    return node, by_id[node]


def render(lang: str) -> None:
    _apply_pending()
    node, row = pick_node(lang)
    st.session_state["node"] = node
    c1, c2, c3 = st.columns([1, 3, 3])
    depth = c1.radio(t("depth", lang), [1, 2], horizontal=True, key="explorer_depth")
    rels = c2.multiselect(t("rel_types", lang), REL_TYPES, default=REL_TYPES, key="explorer_rels",
                          format_func=lambda r: name_of("rel", r, lang))
    labels = c3.multiselect(t("labels", lang), LABELS, default=LABELS, key="explorer_labels",
                            format_func=lambda lb: name_of("label", lb, lang))
    G = neighbourhood(node, depth, rels, labels)
    export_panel.offer({"kind": "node", "node": node, "depth": depth, "what": f"neighbourhood of {node} (depth {depth})"})
    H, groups, groups_key = folded(G, node, depth, lang)
    event = drawing(H, node, depth, lang)
    st.markdown(f"**{t('neighbours', lang)}**: {G.number_of_nodes() - 1}")
    if row.get("label") == "Agency":
        show_lineage(node, lang)
    picked = take_event(event, groups, groups_key)
    inspect(H, G, node, depth, groups, groups_key, picked, lang)


def folded(G, node: str, depth: int, lang: str):
    """The graph as drawn: crowds folded into groups (by default at depth 2) unless opened."""
    fold = st.toggle(t("views_fold", lang), value=depth == 2, key=f"explorer_fold_{depth}")
    groups = crowds(G, node) if fold else {}
    key = f"explorer_groups_{node}_{depth}"
    if not groups:
        return G, {}, key
    name = group_namer(lang, plan_names(lang, tuple(sorted({G.nodes[n].get("plan") for n in G if G.nodes[n].get("plan")}))))
    st.session_state[key] = [g for g in st.session_state.get(key, []) if g in groups]
    opened = st.multiselect(t("views_expanded", lang), list(groups), key=key,
                            format_func=lambda g: name(*group_parts(g), len(groups[g])))
    H = collapse(G, {g: m for g, m in groups.items() if g not in opened}, name)
    return H, groups, key


def drawing(H, node: str, depth: int, lang: str):
    n = H.number_of_nodes()
    if n > LIMIT and not st.checkbox(t("views_draw_anyway", lang), key=f"explorer_anyway_{node}_{depth}"):
        st.warning(t("views_too_large", lang, n=n, limit=LIMIT))
        return None
    event = draw(H, f"explorer_{node}_{depth}", lang, focus=node)
    st.caption(t("views_inspect_hint", lang))
    return event


def inspect(H, G, node: str, depth: int, groups: dict, groups_key: str, picked, lang: str) -> None:
    """The Inspect panel: every drawn node and line, the clicked one chosen."""
    items = [node, *sorted((n for n in H if n != node), key=lambda n: (not H.nodes[n].get("group"), str(n)))]
    items += [f"{u}|{k}|{v}" for u, v, k in sorted(H.edges(keys=True), key=lambda e: (str(e[0]), e[2], str(e[1])))]
    key = f"inspect_{node}_{depth}"
    if picked in items:
        st.session_state[key] = picked
    elif st.session_state.get(key) not in items:
        st.session_state.pop(key, None)
    choice = st.selectbox(t("inspect", lang), items, key=key, format_func=lambda x: describe(H, x, lang),
                          **default_index(key, min(1, len(items) - 1)))
    if choice in H:
        show_node(H, choice, groups, groups_key, lang, G)
    elif choice:
        u, k, v = choice.split("|")
        show_edge(H, u, v, k, lang)


def describe(H, item: str, lang: str) -> str:
    """An Inspect entry: kind and name of a node; "A —leads→ B" for a line."""
    if item in H:
        d = H.nodes[item]
        return f"{name_of('label', (d.get('labels') or ['?'])[0], lang)} · {node_name(H, item, lang)}"
    u, k, v = item.split("|")
    count = H.edges[u, v, k].get("count", 1)
    times = f" ×{count}" if count > 1 else ""
    return f"{node_name(H, u, lang)} —{name_of('rel', k, lang)}{times}→ {node_name(H, v, lang)}"


def node_name(H, n: str, lang: str) -> str:
    d = H.nodes[n] if n in H else {}
    if d.get("caption"):
        return d["caption"]
    if (d.get("labels") or [""])[0] == "Project":
        return f"{d.get('label', '')} {d.get('title', '')} ({n.rsplit(':', 1)[-1]})".strip()
    return display_name(d, n, lang)


def card(d: dict, lang: str) -> str:
    """Properties as label–value rows (lists joined, yes/no for flags), the id small at the end."""
    rows = []
    for k, v in d.items():
        if k in HIDDEN or k == "id" or v in (None, "", []):
            continue
        if isinstance(v, bool):
            v = t("views_yes" if v else "views_no", lang)
        elif isinstance(v, list):
            v = "、".join(str(x) for x in v)
        rows.append(f"<tr><th style='text-align:left;padding-right:12px;font-weight:500;color:#555'>"
                    f"{html.escape(prop_label(k, lang))}</th><td>{html.escape(str(v))}</td></tr>")
    return f"<table class='plangraph-card' style='border:none'>{''.join(rows)}</table>"


def prop_label(k: str, lang: str) -> str:
    for key in (f"views_prop_{k}", k):
        if key in TEXT:
            return t(key, lang)
    return k.replace("_", " ")


def show_node(H, n: str, groups: dict, groups_key: str, lang: str, G=None) -> None:
    d = dict(H.nodes[n])
    st.markdown(f"**{node_name(H, n, lang)}** · {name_of('label', (d.get('labels') or ['?'])[0], lang)}")
    if d.get("group"):
        show_group(n, groups, groups_key, lang, G if G is not None else H)
        return
    if d.get("plan"):
        d["plan"] = plan_names(lang, (d["plan"],)).get(d["plan"], d["plan"])
    st.html(card(d, lang))
    if "Agency" in (d.get("labels") or []):
        show_lineage(n, lang, "inspect_")
    if d.get("text"):
        st.markdown(f"**{t('quote', lang)}** · {t('section', lang)}: {d.get('section', '')}")
        st.html(f"<blockquote style='white-space:pre-wrap'>{html.escape(d['text'])}</blockquote>")
    st.button(t("views_recentre", lang), key=f"expand_{n}", on_click=_recentre, args=(n,))
    st.caption(f"{t('views_id', lang)}: {n}")


def show_group(g: str, groups: dict, groups_key: str, lang: str, G) -> None:
    members = [node_name(G, m, lang) for m in groups.get(g, [])]
    st.button(t("views_expand_group", lang), key=f"open_{g}", on_click=_set_group, args=(groups_key, g, True))
    st.markdown(f"**{t('views_members', lang)}** ({len(members)})")
    st.caption(" · ".join(members[:60]) + (" …" if len(members) > 60 else ""))


def show_edge(H, u: str, v: str, k: str, lang: str) -> None:
    d = H.edges[u, v, k]
    st.markdown(f"**{node_name(H, u, lang)}** —{name_of('rel', k, lang)}→ **{node_name(H, v, lang)}**")
    if d.get("count", 1) > 1 or H.nodes[u].get("group") or H.nodes[v].get("group"):
        st.info(t("views_merged_edge", lang, n=d.get("count", 1), rel=name_of("rel", k, lang)))
        return
    if d.get("evidence"):
        show_quote(H, d, v, lang)
    st.caption(f"{t('views_id', lang)}: {u} → {v}")


def show_quote(H, d: dict, project_id: str, lang: str) -> None:
    """The words a role was read from, the agency's own words marked, and where they stand."""
    project = H.nodes[project_id] if project_id in H else {}
    plan = d.get("plan") or project.get("plan", "")
    plans = plan_names(lang, (plan,))
    st.html(f"<blockquote class='plangraph-quote'>{highlight(d['evidence'], d.get('surface', ''))}</blockquote>")
    st.html(card({"plan": plans.get(plan, plan), "section": project.get("section"), "basis": d.get("basis"),
                  "surface": d.get("surface")}, lang))
    link = "?" + urllib.parse.urlencode({"page": "plans", "plan": plan, "task": project_id, "lang": lang})
    st.markdown(f"[{t('views_open_plan', lang)} ↗]({link})")
    if project.get("text"):
        st.html(f"<blockquote style='white-space:pre-wrap'>{highlight(project['text'], d.get('surface', ''))}</blockquote>")


def show_lineage(agency: str, lang: str, where: str = "") -> None:
    """Renamed or merged in a reform: the bodies before and after this one."""
    lineage = data.run_preset("agency_lineage", (("agency", agency),))
    if lineage:
        st.markdown(f"**{t('lineage', lang)}** — `{agency}`")
        st.dataframe(frame(lineage, lang), hide_index=True, width="stretch", key=f"lineage_{where}{agency}")
