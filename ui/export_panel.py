"""The Export panel under every page: the page says what it shows, the panel packs it."""

from __future__ import annotations

import streamlit as st

from graph import export

from . import data
from .i18n import t

WORKLOAD_QUERY = (
    "MATCH p = (a:Agency)-[r]->(:Project)<-[:INCLUDES]-(pl:Plan)\n"
    "WHERE (type(r) = 'LEADS' OR type(r) = 'SUPPORTS') AND ($include_collective OR NOT a.collective)\n"
    "  AND ($province = '' OR pl.province = $province) AND ($plan = '' OR pl.id = $plan)\nRETURN p"
)


def offer(spec: dict) -> None:
    """Called by a page: this is what an export of the page contains."""
    st.session_state["export_spec"] = spec


def selection(spec: dict, filters: dict) -> export.Selection:
    s = data.store()
    kind = spec.get("kind")
    if kind == "preset":
        return export.select(s, preset=spec["preset"], params=spec.get("params"), filters=filters)
    if kind == "node":
        return export.select(s, node=spec["node"], depth=spec.get("depth", 1), filters=filters)
    if kind == "plan":
        return export.select(s, plan=spec["plan"], filters=filters)
    if kind == "query":
        return export.select(s, query=spec["query"], params=spec.get("params"), what=spec.get("what"), filters=filters)
    return export.select(s, everything=True, filters=filters)


def render(lang: str, filters: dict) -> None:
    spec = st.session_state.get("export_spec") or {"kind": "all"}
    with st.container(border=True):
        st.markdown(f"**{t('exports', lang)}**")
        st.caption(f"{t('export_what', lang)}: {spec.get('what') or spec.get('kind')}")
        c1, c2, c3 = st.columns([2, 1, 1])
        fmt = c1.selectbox(t("format", lang), export.FORMATS, key="export_format")
        label_lang = c2.radio(t("labels_in", lang), ["zh", "en"], horizontal=True, key="export_lang")
        bom = c3.checkbox("CSV UTF-8 BOM (Excel)", key="export_bom")
        width = _width_choice(fmt, lang)
        if st.button(t("prepare", lang), key="export_prepare"):
            sel = selection(spec, filters)
            files = export.bundle(data.store(), sel, fmt, label_lang, bom, width=width)
            st.session_state["export_zip"] = (fmt, export.to_zip(files), sel.graph.number_of_nodes(), sel.graph.number_of_edges())
            st.session_state["export_zip_spec"] = spec
        ready = st.session_state.get("export_zip")
        if ready and st.session_state.get("export_zip_spec") == spec:  # never offer a file made for another view
            fmt_ready, blob, n, m = ready
            st.write(f"{n} nodes, {m} relationships")
            st.download_button(t("download", lang), data=blob, file_name=f"plangraph-{fmt_ready}.zip", mime="application/zip", key="export_download")


def _width_choice(fmt: str, lang: str) -> str:
    """Figures are drawn at a journal column's width; the other formats have no width."""
    if fmt not in export.FIGURE_FORMATS:
        return "one"
    return st.radio(t("export_width", lang), export.WIDTHS, horizontal=True, key="export_width",
                    format_func=lambda w: t(f"export_width_{w}", lang))
