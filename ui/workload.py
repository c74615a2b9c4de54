"""The first page a researcher sees: who carries the tasks.

The ranking comes first and fast; the co-responsibility network, slower on a big store, is
computed after it has been drawn and cached per filter set.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import streamlit as st

from graph import analytics
from graph.elements import COMMUNITY_COLOURS, display_name

from . import data
from .charts import count_chart
from .draw import draw
from .explorer import prop_label
from .i18n import t
from .pickers import choose
from .tables import frame

SORTS = ("led", "supported", "total")
TOP = 30
# Up to this many agencies the network is every tie of every task; beyond it (a national graph),
# the strongest NETWORK_PAIRS pairs kept at load time: the whole projection would take minutes.
NETWORK_FULL_MAX = 3000
NETWORK_PAIRS = 2000


def agency_label(row: dict, lang: str) -> str:
    """The English name in English mode where it is known (the Chinese one sits in its own column
    and in the chart's tooltip); the Chinese name otherwise."""
    return row.get("name_en") or row["agency"] if lang == "en" else row["agency"]


def ranking(filters: dict, follow: bool, sort_by: str, top: int = TOP) -> list[dict]:
    """The ``top`` agencies by the chosen count (then total, led, name), ranked by the engine over
    every agency: sorting by supported finds the busiest supporters, not a reshuffle of the top leaders."""
    params = {"province": filters["province"], "plan": filters["plan"], "year": filters["year"],
              "include_collective": filters["collective"], "follow_successors": follow, "order": sort_by, "limit": top}
    return data.run_preset("agency_ranking", tuple(sorted(params.items())))


def ranking_csv(rows: list[dict], lang: str) -> bytes:
    """The chart's rows for a spreadsheet: UTF-8 with a BOM, so Excel reads the Chinese."""
    cols = ["agency", "name_en", "type", "jurisdiction", "led", "supported", "total"]
    df = pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)
    df.columns = [t(c, lang) if c in ("agency", "led", "supported", "total") else prop_label(c, lang) for c in cols]
    return df.to_csv(index=False).encode("utf-8-sig")


def table_rows(rows: list[dict]) -> list[dict]:
    """The counts right after the name, so they are on screen next to it (frame() puts names
    in the reader's language)."""
    return [{"agency": r["agency"], "led": r["led"], "supported": r["supported"], "total": r["total"],
             "type": r.get("type"), "jurisdiction": r.get("jurisdiction")} for r in rows]


def render(lang: str, filters: dict, go_to_node) -> None:
    st.subheader(t("ranking_title", lang))
    c1, c2 = st.columns([2, 3])
    sort_by = c1.radio(t("views_sort_by", lang), SORTS, horizontal=True, key="ranking_sort", format_func=lambda s: t(s, lang))
    follow = c2.toggle(t("follow_successors", lang), key="follow_successors", help=t("follow_successors_help", lang))
    rows = ranking(filters, follow, sort_by)
    if not rows:
        st.info(t("no_rows", lang))
    else:
        show_ranking(rows, follow, lang, go_to_node)
    open_any(lang, go_to_node)
    show_types(lang, filters)
    show_families(lang, filters)
    show_network(lang, filters)


def show_ranking(rows: list[dict], follow: bool, lang: str, go_to_node) -> None:
    merged = [r for r in rows if r.get("predecessors")]
    if follow and merged:
        # Say so: these counts are not one body's any more.
        st.caption(t("follow_successors_note", lang, n=len(merged),
                     names="; ".join(f"{r['agency']} ← {', '.join(r['predecessors'])}" for r in merged[:5])))
    for r in rows:
        r["display"] = agency_label(r, lang)
        r["full"] = display_name({"name": r["agency"], "name_en": r.get("name_en")}, r["agency"], lang)
    st.altair_chart(count_chart(rows, lang, "display", full_col="full"), width="stretch", key="ranking_chart")
    st.download_button(t("views_download_csv", lang), ranking_csv(rows, lang), file_name="agency_ranking.csv",
                       mime="text/csv", key="ranking_csv", on_click="ignore")
    table = frame(table_rows(rows), lang)
    event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key="ranking_table")
    picked = event.selection.rows if event and event.selection else []
    if picked:
        go_to_node(rows[picked[0]]["agency"])


def open_any(lang: str, go_to_node) -> None:
    """Every agency in the graph, found by any of its names, not only the charted ones (type to
    search when there are too many to list)."""
    c1, c2 = st.columns([4, 1])
    chosen = choose(c1, t("views_open_any", lang), "agency", "ranking_open", lang, optional=False)
    if c2.button(t("open", lang), key="ranking_open_button") and chosen:
        go_to_node(chosen)


def show_types(lang: str, filters: dict) -> None:
    st.subheader(t("types_title", lang))
    types = data.run_preset("agency_types", (("include_collective", filters["collective"]), ("limit", 500)))
    if types:
        df = pd.DataFrame(types)
        df["type_label"] = df["type_en"] if lang == "en" else df["type"]
        pivot = df.pivot_table(index="type_label", columns="province", values="total", aggfunc="sum", fill_value=0)
        pivot = pivot.loc[pivot.sum(axis=1).sort_values(ascending=False).index]
        pivot.index.name = t("agency_type", lang)
        pivot = pivot.rename(columns=place_names(lang))
        st.dataframe(pivot, width="stretch", key="types_table")


def show_families(lang: str, filters: dict) -> None:
    st.subheader(t("families_title", lang))
    by = st.radio(t("group_by", lang), ["family", "type"], horizontal=True, key="families_by",
                  format_func=lambda x: t(f"group_by_{x}", lang))
    fam = data.run_preset("agency_types_by_period", (("by", by), ("include_collective", filters["collective"]),
                                                      ("limit", 2000), ("province", filters["province"])))
    if fam:
        df = pd.DataFrame(fam)
        df["label"] = df["grouping_en"] if lang == "en" else df["grouping"]
        places = place_names(lang)
        df["where"] = df["province"].map(lambda p: places.get(p, p)) + " " + df["period"]
        st.caption(t("families_note", lang))
        pivot = df.pivot_table(index="label", columns="where", values="per_plan", aggfunc="sum", fill_value=0)
        pivot.index.name = t(f"group_by_{by}", lang)
        st.dataframe(pivot, width="stretch", key="families_table")


def place_names(lang: str) -> dict:
    """Provinces and cities by their English names in English mode (the graph holds them)."""
    if lang != "en":
        return {}
    rows = data.query("MATCH (n) WHERE n:Province OR n:City RETURN n.id AS id, n.name_en AS en")
    return {r["id"]: r["en"] for r in rows if r["en"]}


@st.cache_data(ttl=60, show_spinner=False)
def network(collective: bool, province: str) -> tuple[list[dict], list[tuple], dict]:
    """Centrality rows, weighted ties and English names: slow on a big store, so kept per filter set."""
    if data.count("agency") <= NETWORK_FULL_MAX:
        G = analytics.co_responsibility(analytics.agency_task_graph(data.store(), include_collective=collective, province=province))
    else:
        pairs = data.run_preset("co_responsibility", (("agency", ""), ("include_collective", collective),
                                                      ("limit", NETWORK_PAIRS), ("province", province)))
        G = analytics.co_responsibility_from_pairs(pairs)
        for r in data.query("MATCH (a:Agency) WHERE a.id IN $ids RETURN a.id AS id, a.name_en AS en", (("ids", tuple(G)),)):
            G.nodes[r["id"]]["name_en"] = r["en"]
    names = {n: G.nodes[n].get("name_en") for n in G}
    return analytics.centrality_table(G), [(u, v, w) for u, v, w in G.edges(data="weight")], names


def show_network(lang: str, filters: dict) -> None:
    st.subheader(t("network_title", lang))
    table, ties, names = network(filters["collective"], filters["province"])
    if not table:
        st.info(t("no_rows", lang))
        return
    G = nx.Graph()
    G.add_nodes_from((r["agency"], {"community": r["community"], "weighted_degree": r["weighted_degree"]}) for r in table)
    G.add_weighted_edges_from(ties)
    size = len(G)
    if len(G) > 5:
        most = min(60, len(G))
        size = st.slider(t("views_network_size", lang), 5, most, min(15, most), key="network_size")
    H = analytics.strongest_ties(G, size)
    st.caption(t("views_network_note", lang, shown=len(H), total=len(G), edges=H.number_of_edges()))
    draw(network_drawing(H, names), "network_drawing", lang, height=520,
         legend_extra=[(COMMUNITY_COLOURS[c % len(COMMUNITY_COLOURS)], t("views_community", lang, k=c + 1))
                       for c in sorted({H.nodes[n]["community"] for n in H})])
    with st.expander(t("views_centrality_all", lang)):
        st.dataframe(frame(table, lang), hide_index=True, width="stretch", key="centrality_table")


def network_drawing(H: nx.Graph, names: dict) -> nx.MultiDiGraph:
    """Agencies coloured by community and sized by weighted degree, for draw()."""
    top = max((H.nodes[n]["weighted_degree"] for n in H), default=1) or 1
    D = nx.MultiDiGraph()
    for n in H:
        d = H.nodes[n]
        D.add_node(n, labels=["Agency"], name=n, name_en=names.get(n), community=d["community"] + 1,
                   colour=COMMUNITY_COLOURS[d["community"] % len(COMMUNITY_COLOURS)],
                   size=round(16 + 34 * math.sqrt(d["weighted_degree"] / top), 1))
    for u, v, w in H.edges(data="weight"):
        D.add_edge(u, v, key="SHARES", type="SHARES", weight=w)
    return D
