"""Add or remove plans: researchers bring their own (txt in any encoding, docx, pdf, html)."""

from __future__ import annotations

import streamlit as st

from graph.build import add_upload, remove_plan, uploads_dir
from graph.errors import GraphError
from loaders import LoaderError

from . import data
from .i18n import t
from .pickers import choose


def render(lang: str) -> None:
    for kind, message in st.session_state.pop("add_flash", []):
        if kind == "report":
            # How much of the plan was read, before anyone trusts a count from it.
            with st.expander(t("add_report", lang), expanded=True):
                st.code(message, language=None)
        else:
            (st.success if kind == "success" else st.warning)(message)
    st.caption(t("add_help", lang))
    up = st.file_uploader(t("add_file", lang), type=["txt", "docx", "pdf", "html", "htm"], key="add_file")
    c1, c2, c3, c4 = st.columns(4)
    jurisdiction = c1.text_input(t("jurisdiction", lang), key="add_jurisdiction", placeholder=t("add_jurisdiction_example", lang))
    province = c2.text_input(t("province", lang), key="add_province", placeholder=t("add_province_example", lang))
    title = c3.text_input(t("title", lang), key="add_title")
    year = c4.number_input(t("year", lang), min_value=0, max_value=2100, value=0, step=1, key="add_year")
    replace = st.checkbox(t("add_replace", lang), key="add_replace")
    if up is not None and st.button(t("add_load", lang), key="add_load", type="primary"):
        overrides = {k: v for k, v in {"jurisdiction": jurisdiction.strip(), "province": province.strip(), "title": title.strip(),
                                        "issued": str(int(year)) if year else ""}.items() if v}
        try:
            summary = add_upload(data.store(), up.name, up.getvalue(), overrides or None, replace=replace)
        except (LoaderError, GraphError) as err:
            st.error(str(err))
            return
        if summary.errors:
            st.error("\n".join(summary.errors))
            return
        row = summary.plans[0]
        flash = [("success", t("add_done", lang, plan=row["plan"], projects=row["projects"], leads=row["leads"], supports=row["supports"])),
                 ("report", summary.reports[0])]
        # Messages name the file the user gave, never where the server keeps it.
        stored = str(uploads_dir(data.store()) / up.name)
        warnings = [w.replace(stored, up.name) for w in summary.warnings if "agency not in the lexicon" not in w]
        refresh(flash + [("warning", w) for w in warnings])
    st.divider()
    if data.count("plan"):
        c1, c2 = st.columns([4, 1])
        doomed = choose(c1, t("remove_which", lang), "plan", "remove_plan", lang, optional=False, fmt=lambda v: v)
        # A removal cannot be undone from here: it waits for a tick that names the plan.
        sure = st.checkbox(t("remove_confirm", lang, plan=doomed), key=f"remove_confirm_{doomed}")
        if c2.button(t("remove", lang), key="remove_button", disabled=not sure):
            try:
                remove_plan(data.store(), doomed)
            except (LoaderError, GraphError) as err:
                st.error(str(err))
                return
            refresh([("success", t("removed", lang, plan=doomed))])


def refresh(flash: list[tuple[str, str]]) -> None:
    """Every page, preset, search and export sees the change at once: caches cleared, the page
    (sidebar filters included) drawn again, the message shown after the rerun."""
    data.forget()
    st.session_state["add_flash"] = flash
    st.rerun()
