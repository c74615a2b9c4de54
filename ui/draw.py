"""Interactive drawings with st-link-analysis (Cytoscape.js, bundled: works offline).

Positions are computed in Python (graph.elements) and shown as they are (Cytoscape's "preset"
layout), so a drawing stays put between reruns. The model is drawn in a box a little smaller
than the frame, so at the fitted zoom captions render at about their font size (≥ 12 px).
"""

from __future__ import annotations

import hashlib
import html
import json

import streamlit as st
from st_link_analysis import Event, st_link_analysis

from graph.elements import EDGE_KINDS, LABEL_COLOURS, cytoscape_elements

from .i18n import TEXT, t

FONT_PX = 15
EVENTS = [Event("clicked_node", "click tap", "node"), Event("clicked_edge", "click tap", "edge")]


class Style:
    """One Cytoscape style rule, in the shape st-link-analysis expects of its NodeStyle/EdgeStyle."""

    def __init__(self, selector: str, **style):
        self.selector, self.style = selector, {k.replace("_", "-"): v for k, v in style.items()}

    def dump(self) -> dict:
        return {"selector": self.selector, "style": self.style}


NODE_STYLES = [
    Style("node", label="data(name)", font_size=f"{FONT_PX}px", width=22, height=22, text_wrap="wrap",
          text_max_width="120px", text_valign="bottom", text_margin_y=3, color="#1a1a1a",
          text_outline_color="#ffffff", text_outline_width=2, min_zoomed_font_size=6),
    *[Style(f"node[label='{label}']", background_color=colour) for label, colour in LABEL_COLOURS.items()],
    Style("node[colour]", background_color="data(colour)"),
    Style("node[size]", width="data(size)", height="data(size)"),
    Style("node[?group]", shape="round-rectangle", width=44, height=30, border_width=3, border_color="#333333",
          font_weight="bold"),
    Style("node[?focus]", width=36, height=36, border_width=4, border_color="#111111", font_weight="bold"),
    Style("node[side='left']", text_halign="left", text_valign="center", text_margin_x=-4, text_margin_y=0),
    Style("node[side='right']", text_halign="right", text_valign="center", text_margin_x=4, text_margin_y=0),
    Style("node[side='top']", text_valign="top", text_margin_y=-3),
]
EDGE_STYLES = [
    Style("edge", line_color="data(colour)", target_arrow_color="data(colour)", width="data(width)",
          label="data(caption)", font_size="12px", color="#1a1a1a", text_background_color="#ffffff",
          text_background_opacity=0.85, arrow_scale=1.3, curve_style="bezier", min_zoomed_font_size=6),
    Style("edge[arrow='triangle']", target_arrow_shape="triangle"),
    Style("edge[arrow='none']", target_arrow_shape="none"),
    Style("edge[line='dashed']", line_style="dashed", line_dash_pattern=[7, 4]),
    Style("edge[line='dotted']", line_style="dotted"),
]


def name_of(kind: str, value: str, lang: str) -> str:
    """A node label or relationship type in the user's language (the raw name where none is known)."""
    key = f"views_{kind}_{value}"
    return t(key, lang) if key in TEXT else value


def legend(labels, lang: str = "zh", rels=(), groups: bool = False, extra: list[tuple[str, str]] = ()) -> None:
    """What the colours, boxes and line styles of the drawing mean."""
    chips = [_chip(LABEL_COLOURS.get(lb, "#999"), name_of("label", lb, lang)) for lb in labels]
    chips += [_chip(colour, text) for colour, text in extra]
    if groups:
        chips.append("<span style='border:3px solid #333;border-radius:6px;padding:0 8px;margin-right:6px'>"
                     f"{html.escape(t('views_group_legend', lang))}</span>")
    lines = [_line(r, lang) for r in rels]
    st.html(f"<div class='plangraph-legend' style='line-height:2'>{' '.join(chips)}<br>{' '.join(lines)}</div>")


def _chip(colour: str, text: str) -> str:
    return (f"<span style='background:{colour};color:white;border-radius:8px;padding:1px 8px;margin-right:4px'>"
            f"{html.escape(text)}</span>")


def _line(rel: str, lang: str) -> str:
    colour, line, directed = EDGE_KINDS.get(rel, ("#999999", "solid", True))
    head = f"<span style='color:{colour}'>▶</span>" if directed else ""
    sample = f"<span style='display:inline-block;width:34px;border-top:3px {line} {colour};vertical-align:middle'></span>"
    return (f"<span class='plangraph-edge plangraph-edge-{rel}' data-line='{line}' style='margin-right:14px;white-space:nowrap'>"
            f"{sample}{head} {html.escape(name_of('rel', rel, lang))}</span>")


def model_box(height: int) -> tuple[float, float]:
    """The box positions are laid out in: wide like the frame, with room for captions round it."""
    return height * 1.65, height * 0.85


def draw(G, key: str, lang: str, height: int = 520, focus: str | None = None, positions: dict | None = None,
         legend_extra: list[tuple[str, str]] = ()):
    """Draw a graph; returns the component's last event (clicked node/edge, expand) or None."""
    width, tall = model_box(height)
    elements = cytoscape_elements(G, lang, focus=focus, positions=positions, width=width, height=tall)
    labels = sorted({e["data"]["label"] for e in elements["nodes"] if not e["data"].get("colour")})
    rels = sorted({e["data"]["label"] for e in elements["edges"]})
    legend(labels, lang, rels, any(e["data"].get("group") for e in elements["nodes"]), legend_extra)
    # A new key remounts the drawing: the component's own expand step would otherwise re-lay it out at random.
    digest = hashlib.sha1(json.dumps(elements, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:10]
    layout = {"name": "preset", "fit": True, "padding": 24, "animate": False}
    return st_link_analysis(elements, layout=layout, node_styles=NODE_STYLES, edge_styles=EDGE_STYLES,
                            height=height, key=f"{key}_{digest}", node_actions=["expand"], events=EVENTS)
