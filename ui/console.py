"""The Cypher console for people who know Cypher: read-only, capped, timed, clear errors.

An engine error reaches the user as one sentence with the line and column of the query
where the engine stopped, never as FalkorDB's raw ``errMsg: … errCtx: …`` text:

>>> from graph.errors import GraphError
>>> q = "MATCH (a:Agency)\\nRETURN a.name ORDER BY a.name DESK"
>>> raw = ("errMsg: Invalid input 'K': expected DESCENDING or DESC line: 2, column: 33, offset: 49 "
...        "errCtx: RETURN a.name ORDER BY a.name DESK errCtxOffset: 32")
>>> explain(GraphError("G002", "query", raw), q, {}, "en")
'Syntax error at line 2, column 33 (near “DESK”): expected DESCENDING or DESC.'
"""

from __future__ import annotations

import json
import re

import streamlit as st

from graph.errors import GraphError
from graph.guard import run_user_query

from . import data, export_panel
from .i18n import t
from .presets_page import show_result

EXAMPLE = "MATCH (a:Agency)-[l:LEADS]->(p:Project)\nRETURN a.name AS agency, count(l) AS led\nORDER BY led DESC LIMIT 10"

# FalkorDB's parser: "errMsg: <what> line: L, column: C, offset: O errCtx: <line> errCtxOffset: N";
# the offset counts bytes of the UTF-8 query from 0.
_ENGINE = re.compile(r"errMsg:\s*(?P<msg>.*?)\s+line:\s*\d+,\s*column:\s*\d+,\s*offset:\s*(?P<offset>\d+)", re.S)
_EXPECTED = re.compile(r"expected\s+(?P<expected>.*)$", re.S)
_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' not defined")
_FUNCTION = re.compile(r"^Unknown function '(?P<name>[^']+)'")
_FORBIDDEN = re.compile(r"^(?P<word>[A-Z][A-Z ]*) is not allowed")
SHOWN_EXPECTED = 5  # the parser may list thirty things it would have accepted


def explain(err: GraphError, cypher: str, params: dict, lang: str) -> str:
    """One sentence for the user: what went wrong and, where the engine says, where."""
    if err.code == "G003":
        return t("err_refused", lang, detail=_refusal(err.detail, lang))
    if err.code == "G006":
        return t("err_timeout", lang, detail=_timeout(err.detail, lang))
    if err.code == "G009":
        return t("err_busy", lang)
    engine = _ENGINE.search(err.detail)
    if engine:
        return _syntax(engine.group("msg"), int(engine.group("offset")), cypher, lang)
    for pattern, key, find in ((_UNDEFINED, "err_undefined", _variable_at), (_FUNCTION, "err_function", _call_at)):
        m = pattern.match(err.detail)
        if m:
            where = find(cypher, m.group("name"))
            at = t("err_at", lang, **position(cypher, where)) if where is not None else "?"
            return t(key, lang, name=m.group("name"), at=at)
    if err.detail.startswith("Missing parameters"):
        missing = [p for p in dict.fromkeys(re.findall(r"\$(\w+)", cypher)) if p not in params]
        return t("err_params", lang, names=", ".join(f"${p}" for p in missing) or "?")
    return t("err_other", lang, detail=err.detail.rstrip("."))


def is_graph_error(err: Exception) -> bool:
    """Streamlit re-imports the app's modules after a source file changes while the cached store
    keeps raising the GraphError class it was built with: match the family by name and code."""
    return isinstance(err, GraphError) or (type(err).__name__ == "GraphError" and hasattr(err, "code"))


def position(cypher: str, index: int) -> dict:
    """1-based line and column of a character index."""
    before = cypher[:index]
    return {"line": before.count("\n") + 1, "col": index - (before.rfind("\n") + 1) + 1}


def char_index(cypher: str, byte_offset: int) -> int:
    """The engine counts bytes; a reader counts characters (一 is three bytes)."""
    return len(cypher.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def _syntax(msg: str, offset: int, cypher: str, lang: str) -> str:
    index = char_index(cypher, offset)
    at = t("err_at", lang, **position(cypher, min(index, len(cypher))))
    m = _EXPECTED.search(msg)
    expected = _shorten(m.group("expected"), lang) if m else msg
    if index >= len(cypher.rstrip()):
        return t("err_syntax_end", lang, at=at, expected=expected)
    return t("err_syntax", lang, at=at, near=t("err_near", lang, word=word_at(cypher, index)), expected=expected)


def _shorten(expected: str, lang: str) -> str:
    items = [x.strip() for x in expected.split(",")]
    out = ", ".join(items[:SHOWN_EXPECTED]) + (", …" if len(items) > SHOWN_EXPECTED else "")
    if lang == "zh":
        for en, zh in _EXPECTED_ZH.items():
            out = out.replace(en, zh)
    return out


# the parser's words for what it expected, for a Chinese reader (keywords stay as written)
_EXPECTED_ZH = {"an identifier": "标识符", "a function name": "函数名", "a parameter": "参数", "a float": "小数",
                "an integer": "整数", "a label": "标签", " or ": " 或 "}


def word_at(cypher: str, index: int) -> str:
    """The word the engine stopped in (DESK for the K of DESK), or the character itself."""
    start, end = index, index
    while start > 0 and (cypher[start - 1].isalnum() or cypher[start - 1] == "_"):
        start -= 1
    while end < len(cypher) and (cypher[end].isalnum() or cypher[end] == "_"):
        end += 1
    return cypher[start:end] or cypher[index]


def _variable_at(cypher: str, name: str) -> int | None:
    m = re.search(rf"(?<![\w.$]){re.escape(name)}(?!\w)", cypher)
    return m.start() if m else None


def _call_at(cypher: str, name: str) -> int | None:
    m = re.search(rf"(?<![\w.]){re.escape(name)}\s*\(", cypher, re.I)
    return m.start() if m else None


def _refusal(detail: str, lang: str) -> str:
    m = _FORBIDDEN.match(detail)
    if lang == "zh" and m:
        return f"不允许 {m.group('word')},用户查询只能读取"
    return detail.rstrip(".").replace(": ", "; ")


def _timeout(detail: str, lang: str) -> str:
    ms = re.search(r"(\d+) ms", detail)
    if not ms:
        return detail
    return f"运行超过 {ms.group(1)} 毫秒" if lang == "zh" else f"it ran longer than {ms.group(1)} ms"


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
            raise ValueError(type(params).__name__)
    except ValueError as err:  # JSONDecodeError is one
        st.error(t("console_params_bad", lang, detail=err))
        return
    try:
        # The guard, one of the few user-query slots, then the engine's read-only query with the
        # row cap and the time limit applied in the engine.
        rows = run_user_query(data.store(), cypher, params, limit=int(cap), timeout_ms=5000)
    except Exception as err:  # noqa: BLE001 - a GraphError, whichever copy of the class raised it
        if not is_graph_error(err):
            raise
        st.error(explain(err, cypher, params, lang))
        return
    export_panel.offer({"kind": "query", "query": cypher, "params": params, "what": "console query"})
    show_result(rows, lang, "console")
