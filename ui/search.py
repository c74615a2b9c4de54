"""The search box on top of every page: a question in, an answer with its Cypher out."""

from __future__ import annotations

import json

import streamlit as st

from graph.ask import Asker
from graph.elements import graph_from_rows

from . import data, export_panel
from .draw import draw
from .i18n import t
from .tables import frame, show

SHOWN = 10  # rows shown before "show all"


@st.cache_resource(show_spinner=False)
def asker(version: str) -> Asker:
    """One parser per graph version (the set of loaded plans): its dictionary is read from the graph."""
    return Asker(data.store())


def graph_version() -> str:
    return ",".join(sorted(r["sha"] for r in data.query("MATCH (p:Plan) RETURN p.sha256 AS sha")))


def render(lang: str, open_console) -> None:
    q = st.text_input(t("search_label", lang), key="search_box", placeholder=t("search_placeholder", lang), label_visibility="collapsed")
    if not q:
        return
    a = asker(graph_version()).ask(q)
    box = st.container(border=True)
    if a.understood:
        focus = next((a.params.get(k) for k in ("node", "agency", "technology", "source", "plan", "project") if a.params.get(k)), None)
        if focus:
            export_panel.offer({"kind": "plan", "plan": focus, "what": f"search: {q}"} if a.params.get("plan") == focus and "node" not in a.params
                               else {"kind": "node", "node": focus, "depth": 1, "what": f"search: {q} (neighbourhood of {focus})"})
        if a.did_you_mean:
            box.info(t("search_did_you_mean", lang, names=", ".join(a.did_you_mean)))
        box.markdown(f"**{a.answer}**")
        box.caption(a.interpretation)
        if a.rows:
            rows = a.rows
            if len(rows) > SHOWN:
                if not box.toggle(t("search_show_all", lang, n=len(rows)), key="search_show_all"):
                    rows = rows[:SHOWN]
                box.caption(t("search_rows_shown", lang, shown=len(rows), total=len(a.rows)))
            show(frame(rows, lang), lang, "search_table", container=box)
        if a.suggestions:
            box.caption(t("search_other_tasks", lang) + " · ".join(a.suggestions))
        box.code(a.cypher, language="cypher")
        box.code(json.dumps(a.params, ensure_ascii=False), language="json")
        if box.button(t("open_in_console", lang), key="search_to_console"):
            open_console(a.cypher, a.params)
        if a.intent in ("neighbourhood", "path"):
            node = a.params.get("node") or a.params.get("source")
            rows = data.run_preset("neighbourhood", (("depth", 1), ("limit", 500), ("node", node)))
            with box:
                draw(graph_from_rows(rows), f"search_graph_{node}", lang, height=380)
    else:
        box.warning(a.answer)
        if a.closest:
            box.markdown(f"{t('closest', lang)}: " + ", ".join(f"`{c}`" for c in a.closest))
        box.markdown(f"{t('try_these', lang)}: " + " · ".join(a.suggestions))
        if a.passages:
            box.markdown(f"**{t('passages', lang)}**")
            for p in a.passages:
                box.markdown(f"- `{p['plan']}` · {p['section']} · {p['title']}: …{p['quote']}…")
