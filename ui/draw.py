"""Interactive drawings with st-link-analysis (Cytoscape.js, bundled: works offline)."""

from __future__ import annotations

import warnings

import streamlit as st
from st_link_analysis import EdgeStyle, Event, NodeStyle, st_link_analysis

from graph.elements import LABEL_COLOURS, cytoscape_elements


class WrappedNodeStyle(NodeStyle):
    """A node style whose caption wraps, so long Chinese names stay legible."""

    def dump(self):
        d = super().dump()
        d["style"].update({"text-wrap": "wrap", "text-max-width": "160px", "font-size": "10px", "text-valign": "bottom"})
        return d


NODE_STYLES = [WrappedNodeStyle(label, colour, "name") for label, colour in LABEL_COLOURS.items()]
with warnings.catch_warnings():
    # st-link-analysis 0.4.0 warns about its deprecated `labeled` argument even when it is not given.
    warnings.simplefilter("ignore")
    EDGE_STYLES = [EdgeStyle(t, caption="label", directed=True) for t in
                   ("LEADS", "SUPPORTS", "INCLUDES", "TARGETS", "INVOLVES", "ISSUED", "BELONGS_TO", "PART_OF", "SUBTASK_OF", "SHARES")]
EVENTS = [Event("clicked_node", "click tap", "node"), Event("clicked_edge", "click tap", "edge")]


def legend(labels) -> None:
    chips = " ".join(
        f"<span style='background:{LABEL_COLOURS.get(lb, '#999')};color:white;border-radius:8px;padding:1px 8px;margin-right:4px'>{lb}</span>"
        for lb in labels
    )
    st.html(f"<div class='plangraph-legend'>{chips}</div>")


def draw(G, key: str, lang: str, height: int = 520):
    """Draw a graph; returns the component's last event (clicked node/edge, expand) or None."""
    elements = cytoscape_elements(G, lang)
    legend(sorted({e["data"]["label"] for e in elements["nodes"]}))
    return st_link_analysis(elements, layout="cose", node_styles=NODE_STYLES, edge_styles=EDGE_STYLES,
                            height=height, key=key, node_actions=["expand"], events=EVENTS)
