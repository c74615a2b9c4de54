"""The first page a researcher sees: who carries the tasks."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import streamlit as st

from graph import analytics

from . import data
from .charts import count_chart
from .draw import draw
from .i18n import t
from .tables import frame


def agency_label(row: dict, lang: str) -> str:
    if lang == "en" and row.get("name_en"):
        return f"{row['name_en']} ({row['agency']})"
    return row["agency"]


def render(lang: str, filters: dict, go_to_node) -> None:
    st.subheader(t("ranking_title", lang))
    follow = st.toggle(t("follow_successors", lang), key="follow_successors", help=t("follow_successors_help", lang))
    params = {"province": filters["province"], "plan": filters["plan"], "year": filters["year"],
              "include_collective": filters["collective"], "follow_successors": follow, "limit": 30}
    rows = data.run_preset("agency_ranking", tuple(sorted(params.items())))
    if not rows:
        st.info(t("no_rows", lang))
        return
    merged = [r for r in rows if r.get("predecessors")]
    if follow and merged:
        # Say so: these counts are not one body's any more.
        st.caption(t("follow_successors_note", lang, n=len(merged),
                     names="; ".join(f"{r['agency']} ← {', '.join(r['predecessors'])}" for r in merged[:5])))
    for r in rows:
        r["display"] = agency_label(r, lang)
    chart = count_chart(rows, lang, "display")
    st.altair_chart(chart, width="stretch")
    table = frame([{k: r[k] for k in ("agency", "name_en", "type", "jurisdiction", "led", "supported", "total")} for r in rows], lang)
    event = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="ranking_table")
    picked = event.selection.rows if event and event.selection else []
    if picked:
        go_to_node(rows[picked[0]]["agency"])
    c1, c2 = st.columns([4, 1])
    chosen = c1.selectbox(t("open_neighbourhood", lang), [r["agency"] for r in rows], key="ranking_open")
    if c2.button(t("open", lang), key="ranking_open_button"):
        go_to_node(chosen)

    st.subheader(t("types_title", lang))
    types = data.run_preset("agency_types", (("include_collective", filters["collective"]), ("limit", 500)))
    if types:
        df = pd.DataFrame(types)
        df["type_label"] = df["type_en"] if lang == "en" else df["type"]
        pivot = df.pivot_table(index="type_label", columns="province", values="total", aggfunc="sum", fill_value=0)
        pivot = pivot.loc[pivot.sum(axis=1).sort_values(ascending=False).index]
        st.dataframe(pivot, width="stretch", key="types_table")

    st.subheader(t("families_title", lang))
    by = st.radio(t("group_by", lang), ["family", "type"], horizontal=True, key="families_by",
                  format_func=lambda x: t(f"group_by_{x}", lang))
    fam = data.run_preset("agency_types_by_period", (("by", by), ("include_collective", filters["collective"]),
                                                      ("limit", 2000), ("province", filters["province"])))
    if fam:
        df = pd.DataFrame(fam)
        df["label"] = df["grouping_en"] if lang == "en" else df["grouping"]
        df["where"] = df["province"] + " " + df["period"]
        st.caption(t("families_note", lang))
        st.dataframe(df.pivot_table(index="label", columns="where", values="per_plan", aggfunc="sum", fill_value=0),
                     width="stretch", key="families_table")

    st.subheader(t("network_title", lang))
    B = analytics.agency_task_graph(data.store(), include_collective=filters["collective"], province=filters["province"])
    G = analytics.co_responsibility(B)
    table = analytics.centrality_table(G)
    st.dataframe(frame(table[:40], lang), hide_index=True, width="stretch", key="centrality_table")
    top = [r["agency"] for r in table[:25]]
    H = nx.MultiDiGraph()
    for a in top:
        H.add_node(a, labels=["Agency"], name=a, name_en=G.nodes[a].get("name_en"))
    for u, v, w in G.subgraph(top).edges(data="weight"):
        H.add_edge(u, v, key="SHARES", type="SHARES", weight=w)
    draw(H, "network_drawing", lang, height=460)
