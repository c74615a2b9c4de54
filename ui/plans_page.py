"""Plans: metadata, counts, indicators and the text with what was extracted from it highlighted."""

from __future__ import annotations

import html

import streamlit as st

from graph.build import source_path

from . import data, export_panel
from .i18n import t
from .pickers import MAX_LISTED, SHOWN
from .tables import english_names, frame, show

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


# The kinds of document the plans' sidecars name, for an English reader.
DOC_KINDS_EN = {"规划": "Plan", "实施方案": "Implementation plan", "工作要点": "Key points", "行动计划": "Action plan",
                "意见": "Opinions", "通知": "Notice", "分工方案": "Division of work"}


def follow_sidebar(plan_filter: str) -> None:
    """The sidebar's plan filter picks the plan whenever it changes (a keyed select box ignores
    a new default, so the page sets its value itself, before drawing it)."""
    if st.session_state.get("plans_sidebar_seen") == plan_filter:
        return
    st.session_state["plans_sidebar_seen"] = plan_filter
    if plan_filter:  # a plan of the graph: the sidebar offers no other
        st.session_state["plans_plan"] = plan_filter
        st.session_state["plans_find"] = ""


def _to_sidebar() -> None:
    """A plan picked here becomes the sidebar's filter too (set in a callback: before the sidebar is drawn)."""
    plan = st.session_state.get("plans_plan")
    if plan and plan != st.session_state.get("f_plan"):
        st.session_state["f_plan"] = plan
        st.session_state["plans_sidebar_seen"] = plan


def matches(overview: list[dict], words: str) -> list[str]:
    """Plans whose id, titles, jurisdiction, province or year contain every word typed (any case)."""
    wanted = words.lower().split()
    out = []
    for r in overview:
        hay = " ".join(str(r.get(k) or "") for k in ("plan", "title", "title_en", "jurisdiction", "province", "year")).lower()
        if all(w in hay for w in wanted):
            out.append(r["plan"])
    return out


def plan_label(row: dict, lang: str) -> str:
    title = row["title"]
    if lang == "en" and row.get("title_en"):
        title = f"{row['title_en']} ({row['title']})"
    return f"{title} · {row['year']}"


PLAN_COLUMNS = ("pl.id AS plan, pl.title AS title, pl.title_en AS title_en, pl.jurisdiction AS jurisdiction, "
                "pl.province AS province, pl.year AS year, pl.projects AS projects, pl.leads AS leads, "
                "pl.supports AS supports, pl.indicators AS indicators, pl.technologies AS technologies")


def plan_rows(ids: tuple[str, ...] | None) -> dict[str, dict]:
    """plans_overview's rows with the English title, for these plans (None: all, in a small graph)."""
    where = "" if ids is None else "WHERE pl.id IN $ids "
    params = () if ids is None else (("ids", ids),)
    return {r["plan"]: r for r in data.query(f"MATCH (pl:Plan) {where}RETURN {PLAN_COLUMNS} ORDER BY plan", params)}


def show_passage(plan_id: str, task: str, lang: str) -> None:
    """The passage a link from Inspect points at (?task=…): the task's words, every agency named in
    a role marked, above the plan's text."""
    if not task.startswith(f"{plan_id}:"):
        return
    rows = data.query("MATCH (p:Project {id: $task}) OPTIONAL MATCH (a:Agency)-[r]->(p) WHERE type(r) = 'LEADS' OR type(r) = 'SUPPORTS' "
                      "RETURN p.section AS section, p.label AS label, p.text AS text, collect(r.surface) AS surfaces",
                      (("task", task),))
    if not rows or rows[0]["text"] is None:
        return
    row = rows[0]
    passage = html.escape(row["text"])
    for surface in sorted({html.escape(x) for x in row["surfaces"] if x}, key=len, reverse=True):
        passage = passage.replace(surface, f"<mark>{surface}</mark>")
    st.markdown(f"**{t('plans_passage', lang)}** · {row['section'] or ''} {row['label'] or ''}")
    st.html(f"<blockquote class='plangraph-passage' style='white-space:pre-wrap'>{passage}</blockquote>")


def render(lang: str, filters: dict) -> None:
    follow_sidebar(filters["plan"])  # before the widgets it sets are drawn
    many = data.count("plan") > MAX_LISTED
    c1, c2 = st.columns([1, 2])
    words = c1.text_input(t("plans_find", lang), key="plans_find",
                          help=t("type_to_search_help", lang, n=SHOWN) if many else None)
    if many:  # a national graph: the graph finds the plans, the page never lists 20,000
        wanted = [filters["plan"], st.session_state.get("plans_plan")] + [r["id"] for r in data.find("plan", words, SHOWN)]
        by_id = plan_rows(tuple(dict.fromkeys(x for x in wanted if x)))
    else:
        by_id = plan_rows(None)
    if not by_id:
        st.info(t("no_rows", lang))
        return
    ids = list(by_id)
    hits = ids if many else matches(list(by_id.values()), words)
    if not hits:
        c1.caption(t("plans_none_found", lang))
    found = hits or ids
    if st.session_state.get("plans_plan") not in found:
        st.session_state["plans_plan"] = found[0]
    plan_id = c2.selectbox(t("plan", lang), found, format_func=lambda i: plan_label(by_id[i], lang), key="plans_plan",
                           on_change=_to_sidebar)
    export_panel.offer({"kind": "plan", "plan": plan_id, "what": f"plan {plan_id}"})
    show_passage(plan_id, st.session_state.get("url_task", ""), lang)
    meta = data.query("MATCH (p:Plan {id: $plan}) RETURN p", (("plan", plan_id),))[0]["p"]["properties"]
    metadata_card(meta, lang)
    row = by_id[plan_id]
    cols = st.columns(5)
    for c, key in zip(cols, ("projects", "leads", "supports", "indicators", "technologies"), strict=True):
        c.metric(t(key, lang), row[key])
    st.markdown(f"**{t('indicators', lang)}**")
    inds = data.run_preset("plan_indicators", (("plan", plan_id),))
    keep = ("indicator", "category", "name", "unit", "baseline", "target", "target_year", "quote")
    show(frame([{k: r.get(k) for k in keep} for r in inds], lang), lang, "plan_indicators_table")
    st.markdown(f"**{t('text_entities', lang)}**")
    with st.container(height=600):
        st.html(highlighted(plan_id, meta["source_file"], meta["sha256"]))


def metadata_card(meta: dict, lang: str) -> None:
    """What a citation needs, readable at a glance: title, issuer, jurisdiction, year, file."""
    names = english_names() if lang == "en" else {}
    box = st.container(border=True)
    if lang == "en" and meta.get("title_en"):
        box.subheader(meta["title_en"])
        box.markdown(meta["title"])
    else:
        box.subheader(meta["title"])
    kind = meta.get("kind") or ""
    facts = [
        (t("plans_issuer", lang), issuer_name(meta, lang, names)),
        (t("jurisdiction", lang), names.get(meta.get("jurisdiction") or "", meta.get("jurisdiction") or "")),
        (t("province", lang), names.get(meta.get("province") or "", meta.get("province") or "")),
        (t("plans_issued", lang), meta.get("issued") or meta.get("year") or ""),
        (t("plans_period", lang), "–".join(str(meta[k]) for k in ("period_start", "period_end") if meta.get(k))),
        (t("plans_kind", lang), DOC_KINDS_EN.get(kind, kind) if lang == "en" else kind),
        (t("plans_doc_number", lang), meta.get("doc_number") or ""),
        (t("plans_source_file", lang), meta.get("source_file") or ""),
    ]
    box.markdown("\n".join(f"- **{k}**: {v}" for k, v in facts if v))
    box.caption(f"{t('plans_id', lang)}: `{meta['id']}` · SHA-256 `{meta.get('sha256', '')}`")
    found = plan_warnings(meta.get("source_file") or "", meta.get("sha256") or "", meta.get("jurisdiction") or "",
                          meta.get("province") or "")
    box.markdown(f"**{t('plans_warnings', lang)}**: " + ("" if found else t("plans_no_warnings", lang)))
    for w in found:
        box.warning(w)


def issuer_name(meta: dict, lang: str, names: dict) -> str:
    """The issuing body; in English by the graph's name for it, else the agency catalogue's."""
    issuer = meta.get("issuer") or ""
    if lang != "en" or not issuer or issuer in names:
        return names.get(issuer, issuer)
    from loaders.catalogue import resolve

    found = resolve(issuer, meta.get("jurisdiction") or "", meta.get("province") or "")
    return f"{found.name_en} ({issuer})" if found and found.name_en else issuer


@st.cache_data(show_spinner=False)
def plan_warnings(source_file: str, sha256: str, jurisdiction: str, province: str) -> list[str]:
    """What the loader warned about when it read the plan (read again: the graph keeps counts, not
    the sentences), with the plan's own jurisdiction so only what is still true is said."""
    from loaders import LoaderError, extract_plan

    path = source_path(data.store(), source_file)
    if path is None:
        return []
    overrides = {k: v for k, v in {"jurisdiction": jurisdiction, "province": province}.items() if v}
    try:
        rec = extract_plan(path, overrides or None)
    except LoaderError as err:
        return [str(err).replace(str(path), source_file)]
    return [w.replace(str(path), source_file) for w in rec.warnings if "agency not in the lexicon" not in w]
