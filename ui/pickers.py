"""Choosing one plan, agency, technology … among tens of thousands: type to search.

Below MAX_LISTED values a plain select box lists them all (it filters as one types). Above
it, a search box asks the graph for the values that contain what was typed, and a select box
offers those: the page never ships 20,000 options to the browser.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from . import data
from .i18n import t

MAX_LISTED = 500
SHOWN = 50


def choose(container, label: str, kind: str, key: str, lang: str, value: str = "", optional: bool = True,
           fmt: Callable[[str], str] | None = None) -> str:
    """The chosen value ('' for none when ``optional``). ``value`` is the first choice; after that
    the widget's own state (which a page may set in a callback) is kept while it still exists."""
    current = st.session_state.get(key, value)
    if data.count(kind) <= MAX_LISTED:
        found = data.find(kind, "", MAX_LISTED)
    else:
        typed = container.text_input(label, key=f"{key}_search", placeholder=t("type_to_search", lang),
                                     help=t("type_to_search_help", lang, n=SHOWN))
        found = data.find(kind, typed, SHOWN)
        if current and not typed.strip() and current not in {r["id"] for r in found}:
            found = [{"id": current, "name": current}, *found]  # what is chosen stays offered until one searches
        label = t("matches", lang, n=len(found))
    names = {r["id"]: r["name"] for r in found}
    options = ([""] if optional else []) + list(names)
    if not options:
        container.caption(t("no_matches", lang))
        return ""
    st.session_state[key] = current if current in options else options[0]

    def shown(v: str) -> str:
        if not v:
            return t("all", lang)
        if fmt:
            return fmt(v)
        name = names.get(v) or v
        return v if name == v else f"{name} ({v})"

    return container.selectbox(label, options, format_func=shown, key=key)
