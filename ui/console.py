"""The Cypher console for people who know Cypher: read-only, capped, timed, clear errors."""

from __future__ import annotations

import json

import streamlit as st

from graph.errors import GraphError
from graph.guard import run_user_query

from . import data, export_panel
from .i18n import t
from .presets_page import show_result

EXAMPLE = "MATCH (a:Agency)-[l:LEADS]->(p:Project)\nRETURN a.name AS agency, count(l) AS led\nORDER BY led DESC LIMIT 10"


def render(lang: str) -> None:
    st.caption(t("console_help", lang))
    cypher = st.text_area("Cypher", value=st.session_state.get("console_seed", EXAMPLE), height=160, key="console_cypher")
    c1, c2 = st.columns([3, 1])
    params_text = c1.text_input(t("params_json", lang), value=st.session_state.get("console_params_seed", "{}"), key="console_params")
    cap = c2.number_input(t("row_cap", lang), min_value=1, max_value=5000, value=500, step=50, key="console_cap")
    if not st.button(t("run", lang), key="console_run", type="primary"):
        return
    try:
        params = json.loads(params_text or "{}")
        if not isinstance(params, dict):
            raise ValueError("parameters must be a JSON object")
        # The guard, one of the few user-query slots, then the engine's read-only query with the
        # row cap and the time limit applied in the engine.
        rows = run_user_query(data.store(), cypher, params, limit=int(cap), timeout_ms=5000)
    except (ValueError, json.JSONDecodeError) as err:
        st.error(f"{t('params_json', lang)}: {err}")
        return
    except GraphError as err:
        st.error(f"{t('refused', lang) if err.code == 'G003' else 'Error'}: {err}")
        return
    export_panel.offer({"kind": "query", "query": cypher, "params": params, "what": "console query"})
    show_result(rows, lang, "console")
