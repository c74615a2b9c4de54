"""Presets: pick one, fill its parameters from real values, run, see table / chart / graph and the Cypher."""

from __future__ import annotations

import json

import streamlit as st

from graph import presets
from graph.elements import graph_from_rows

from . import data, export_panel
from .charts import count_chart
from .draw import draw
from .i18n import t
from .pickers import choose
from .tables import chart_columns, english_names, frame, readable, show

# Parameters whose values come from the graph, by name.
CHOICE_PARAMS = {"province": "province", "plan": "plan", "agency": "agency", "technology": "technology",
                 "name": "indicator", "node": "node", "source": "node", "target": "node"}


# Parameters with a fixed set of values, each shown by its label.
CHOICES = {"order": {"led": "led", "supported": "supported", "total": "total"},
           "by": {"family": "group_by_family", "type": "group_by_type"}}


def option_label(lang: str):
    """How a value from the graph reads in a select box: English with the Chinese alongside."""
    names = english_names() if lang == "en" else {}
    return lambda o: (names.get(o, o) if o else t("all", lang))


def param_widget(preset, p, lang: str, choices: dict):
    key = f"preset_{preset.name}_{p.name}"
    label = p.label(lang)
    if isinstance(p.default, bool):
        return st.checkbox(label, value=p.default, key=key)
    if p.name == "depth":
        return st.radio(label, [1, 2], index=0 if p.default == 1 else 1, horizontal=True, key=key)
    if isinstance(p.default, int):
        if p.name == "year":
            options = [0, *choices["year"]]
            return st.selectbox(label, options, format_func=lambda y: t("all", lang) if y == 0 else str(y), key=key)
        return st.number_input(label, value=p.default, min_value=0, step=1, key=key)
    if p.name == "role":
        return st.selectbox(label, ["", "LEADS", "SUPPORTS"], format_func=lambda r: t(f"role_{r}", lang) if r else t("all", lang), key=key)
    if p.name in CHOICES:
        options = list(CHOICES[p.name])
        return st.selectbox(label, options, index=options.index(p.default) if p.default in options else 0,
                            format_func=lambda o: t(CHOICES[p.name][o], lang), key=key)
    source = CHOICE_PARAMS.get(p.name)
    if source in ("plan", "agency", "indicator", "node"):  # many: listed or searched (ui/pickers.py)
        return choose(st, label, source, key, lang, value=p.default, optional=p.default == "", fmt=option_label(lang))
    if source:
        options = choices[source]
        optional = p.default == ""
        options = ([""] if optional else []) + [o for o in options if o != ""]
        index = options.index(p.default) if p.default in options else 0
        return st.selectbox(label, options, index=index, format_func=option_label(lang), key=key)
    return st.text_input(label, value=str(p.default), key=key)


def render(lang: str) -> None:
    catalogue = presets.load_all()
    name = st.selectbox(t("preset", lang), list(catalogue), format_func=lambda n: catalogue[n].title(lang), key="preset_name")
    preset = catalogue[name]
    st.caption(preset.describe(lang))
    choices = data.choices()
    values = {p.name: param_widget(preset, p, lang, choices) for p in preset.params}
    bound = preset.bind(values)
    st.markdown(f"**{t('cypher_ran', lang)}**")
    st.code(preset.cypher, language="cypher")
    st.code(json.dumps(bound, ensure_ascii=False), language="json")
    if st.button(t("run", lang), key="preset_run", type="primary") or st.session_state.get("preset_autorun"):
        rows = data.run_preset(name, tuple(sorted(bound.items())))
        st.session_state["preset_rows"] = (name, rows)
    shown = st.session_state.get("preset_rows")
    if shown and shown[0] == name:
        export_panel.offer({"kind": "preset", "preset": name, "params": bound, "what": f"preset {name}"})
        show_result(shown[1], lang, f"preset_{name}")


def show_result(rows: list[dict], lang: str, key: str) -> None:
    st.write(f"{len(rows)} {t('rows', lang)}")
    if not rows:
        return
    show(frame(rows, lang), lang, f"{key}_table")
    chart = chart_columns(rows)
    if chart:
        label, measures = chart
        names = english_names() if lang == "en" else {}
        # the bars are named as the table names them
        named = [{**r, label: readable(r[label], label, r, lang, names)} for r in rows[:40]]
        st.altair_chart(count_chart(named, lang, label, stack=measures), width="stretch")
    G = graph_from_rows(rows)
    if G.number_of_nodes():
        draw(G, f"{key}_graph", lang)
