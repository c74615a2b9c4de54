"""Plans: metadata, counts, indicators and the text with what was extracted from it highlighted."""

from __future__ import annotations

import streamlit as st

from graph.build import source_path

from . import data, export_panel
from .i18n import t

ENT_COLOURS = {"LEAD": "#f4a6a6", "SUPPORT": "#fde2a7", "TECH": "#d7c6f0", "INDICATOR": "#bfe3c9"}


def entity_spans(plan_id: str) -> list[dict]:
    """Agencies in their roles, indicators and technologies, as character spans of the plan text."""
    roles = data.query(
        "MATCH (a:Agency)-[r]->(p:Project {plan: $plan}) WHERE type(r) = 'LEADS' OR type(r) = 'SUPPORTS' "
        "RETURN type(r) AS t, r.span_start AS s, r.span_end AS e", (("plan", plan_id),))
    inds = data.query("MATCH (i:Indicator {plan: $plan}) RETURN i.span_start AS s, i.span_end AS e", (("plan", plan_id),))
    spans = [{"start": r["s"], "end": r["e"], "label": "LEAD" if r["t"] == "LEADS" else "SUPPORT"} for r in roles]
    spans += [{"start": r["s"], "end": r["e"], "label": "INDICATOR"} for r in inds]
    return spans


def tech_spans(text: str) -> list[dict]:
    from loaders.nlp import entities

    return [{"start": s, "end": e, "label": "TECH"} for s, e, label, _ in entities(text) if label == "TECH"]


def no_overlaps(spans: list[dict]) -> list[dict]:
    out, end = [], -1
    for s in sorted(spans, key=lambda x: (x["start"], -x["end"])):
        if s["start"] >= end:
            out.append(s)
            end = s["end"]
    return out


@st.cache_data(show_spinner=False)
def highlighted(plan_id: str, source_file: str, sha256: str) -> str:
    from loaders.read import read_source

    path = source_path(data.store(), source_file)
    if path is None:
        return "<p>(source file not found)</p>"
    text = read_source(path).text  # the same text the spans point into, whatever the file format
    spans = no_overlaps(entity_spans(plan_id) + tech_spans(text))
    from spacy import displacy

    doc = {"text": text, "ents": spans, "title": None}
    return displacy.render(doc, style="ent", manual=True, page=False, options={"colors": ENT_COLOURS})


def render(lang: str, filters: dict) -> None:
    overview = data.run_preset("plans_overview", ())
    ids = [r["plan"] for r in overview]
    by_id = {r["plan"]: r for r in overview}
    default = filters["plan"] if filters["plan"] in by_id else ids[0]
    plan_id = st.selectbox(t("plan", lang), ids, index=ids.index(default), format_func=lambda i: f"{by_id[i]['title']} ({i})", key="plans_plan")
    export_panel.offer({"kind": "plan", "plan": plan_id, "what": f"plan {plan_id}"})
    meta = data.query("MATCH (p:Plan {id: $plan}) RETURN p", (("plan", plan_id),))[0]["p"]["properties"]
    st.subheader(meta.get("title_en") if lang == "en" and meta.get("title_en") else meta["title"])
    st.json(meta, expanded=False)
    row = by_id[plan_id]
    cols = st.columns(5)
    for c, key in zip(cols, ("projects", "leads", "supports", "indicators", "technologies"), strict=True):
        c.metric(t(key, lang), row[key])
    st.markdown(f"**{t('indicators', lang)}**")
    inds = data.run_preset("plan_indicators", (("plan", plan_id),))
    table = [{t("category", lang): r["category"], t("name", lang): r["name"], t("unit", lang): r["unit"],
              t("baseline", lang): r["baseline"], t("target", lang): r["target"], t("target_year", lang): r["target_year"]} for r in inds]
    st.dataframe(table, hide_index=True, width="stretch", key="plan_indicators_table")
    st.markdown(f"**{t('text_entities', lang)}**")
    with st.container(height=600):
        st.html(highlighted(plan_id, meta["source_file"], meta["sha256"]))
