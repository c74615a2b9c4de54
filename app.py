"""PlanGraph — the Streamlit app.  streamlit run app.py

On a fresh clone it builds the embedded graph from data/plans (with a progress
bar), then opens on the agency workload page. The URL carries the page, the
selected node and the filters, so a view can be shared.
"""

from __future__ import annotations

import streamlit as st

from graph.errors import GraphError
from ui import (
    add_plan,
    console,
    data,
    explorer,
    export_panel,
    plans_page,
    presets_page,
    search,
    workload,
)
from ui.i18n import LANGS, t
from ui.pickers import choose
from ui.tables import place_en

PAGES = ["workload", "presets", "explorer", "plans", "console", "add"]
LINKED = {"page": "workload", "lang": "zh", "node": "", "province": "", "plan": "", "year": "0", "collective": "0", "task": ""}

st.set_page_config(page_title="PlanGraph 规划图谱", layout="wide")


def restore_from_url() -> None:
    """First run of a session: the URL's view becomes the session's state."""
    if st.session_state.get("_restored"):
        return
    q = st.query_params
    for k, default in LINKED.items():
        st.session_state.setdefault(f"url_{k}", q.get(k, default))
    st.session_state["node"] = st.session_state["url_node"]
    st.session_state["_restored"] = True


def write_url(view: dict) -> None:
    """Only what differs from the defaults, so links stay short."""
    want = {k: str(v) for k, v in view.items() if str(v) != LINKED[k]}
    if dict(st.query_params) != want:
        st.query_params.from_dict(want)


def go_to_node(node_id: str) -> None:
    st.session_state["node"] = node_id
    # The page radio already exists in this run; it takes the new value at the top of the next.
    st.session_state["_goto_page"] = "explorer"
    st.rerun()


def open_console(cypher: str, params: dict) -> None:
    """A search answer's query, ready to edit in the console."""
    import json

    st.session_state["console_seed"] = cypher
    st.session_state["console_params_seed"] = json.dumps(params, ensure_ascii=False)
    st.session_state.pop("console_cypher", None)
    st.session_state.pop("console_params", None)
    st.session_state["_goto_page"] = "console"
    st.rerun()


def sidebar(choices: dict) -> tuple[str, str, dict]:
    sb = st.sidebar
    lang_default = st.session_state["url_lang"] if st.session_state["url_lang"] in LANGS else "zh"
    lang = sb.radio("语言 / Language", list(LANGS), index=list(LANGS).index(lang_default), format_func=LANGS.get, horizontal=True, key="lang")
    page_default = st.session_state["url_page"] if st.session_state["url_page"] in PAGES else "workload"
    st.session_state.setdefault("page_choice", page_default)
    if "_goto_page" in st.session_state:
        st.session_state["page_choice"] = st.session_state.pop("_goto_page")
        st.session_state.pop("explorer_node", None)
    page = sb.radio(t("page", lang), PAGES, format_func=lambda p: t(f"page_{p}", lang), key="page_choice")
    sb.markdown(f"**{t('filters', lang)}**")
    provinces = ["", *choices["province"]]
    years = [0, *choices["year"]]
    url_year = int(st.session_state["url_year"]) if str(st.session_state["url_year"]).isdigit() else 0
    # The filters' state starts from the URL and is kept by key, so a page may set one (the Plans
    # page's plan) in a callback without fighting a default.
    start_filter("f_province", provinces, st.session_state["url_province"])
    start_filter("f_year", years, url_year)
    province = sb.selectbox(t("province", lang), provinces, format_func=lambda v: place_label(v, lang), key="f_province")
    plan = choose(sb, t("plan", lang), "plan", "f_plan", lang, value=st.session_state["url_plan"], fmt=lambda v: v)
    year = sb.selectbox(t("year", lang), years, format_func=lambda v: str(v) if v else t("all", lang), key="f_year")
    collective = sb.checkbox(t("collective", lang), value=st.session_state["url_collective"] == "1", key="f_collective")
    return lang, page, {"province": province, "plan": plan, "year": year, "collective": collective}


def start_filter(key: str, options: list, from_url) -> None:
    """A filter's first value is the URL's; a value gone from the graph (a removed plan) becomes All."""
    st.session_state.setdefault(key, from_url if from_url in options else options[0])
    if st.session_state[key] not in options:
        st.session_state[key] = options[0]


def place_label(province: str, lang: str) -> str:
    if not province:
        return t("all", lang)
    return f"{place_en(province)} ({province})" if lang == "en" else province


def main() -> None:
    restore_from_url()
    try:
        store = data.store()
    except GraphError as err:
        # A clear sentence, never a stack trace (and never the credentials).
        st.error(f"{err}")
        st.stop()
    if not st.session_state.get("_built"):
        bar = st.progress(0.0, text=t("building", st.session_state.get("url_lang", "zh")))
        n = data.ensure_built(store, lambda f, name: bar.progress(f, text=name))
        bar.empty()
        if n:
            data.forget()
        st.session_state["_built"] = True
    lang, page, filters = sidebar(data.choices())
    st.title(f"{t('app_title', lang)} · {t('app_subtitle', lang)}")
    top = st.container()  # the search box sits on top but is drawn last, so an answer is what Export offers
    export_panel.offer({"kind": "query", "query": export_panel.WORKLOAD_QUERY, "what": "agency–task graph (workload filters)",
                        "params": {"province": filters["province"], "plan": filters["plan"], "include_collective": filters["collective"]}})
    if page == "workload":
        workload.render(lang, filters, go_to_node)
    elif page == "presets":
        presets_page.render(lang)
    elif page == "explorer":
        explorer.render(lang)
    elif page == "plans":
        plans_page.render(lang, filters)
    elif page == "console":
        console.render(lang)
    else:
        add_plan.render(lang)
    with top:
        search.render(lang, open_console)
    export_panel.render(lang, filters)
    write_url({"page": page, "lang": lang, "node": st.session_state.get("node", "") if page == "explorer" else "",
               "province": filters["province"], "plan": filters["plan"], "year": filters["year"],
               "collective": "1" if filters["collective"] else "0",
               "task": st.session_state.get("url_task", "") if page == "plans" else ""})


main()
