"""The read-only guard for Cypher typed by users (console, CLI).

The engines refuse writes themselves (FalkorDB's GRAPH.RO_QUERY, Neo4j's
read-access sessions); this check runs first so a user gets a clear sentence,
and it also refuses what those engines would allow but a shared research tool
should not: LOAD CSV (reads server files) and procedure calls outside a short
list. Comments and string literals are removed before looking, so neither
hides a keyword and neither trips the check.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import GraphError

FORBIDDEN = ("CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "LOAD", "FOREACH")
ALLOWED_CALLS = ("db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes")
MAX_LENGTH = 20_000
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.S)
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_BACKTICKS = re.compile(r"`[^`]*`")


def check_read_only(cypher: str) -> str:
    """Return the query unchanged if it only reads; raise GraphError G003 otherwise."""
    if not cypher or not cypher.strip():
        raise GraphError("G002", "query", "the query is empty")
    if len(cypher) > MAX_LENGTH:
        raise GraphError("G002", "query", f"the query is longer than {MAX_LENGTH:,} characters")
    # NFKC folds full-width and other look-alike letters ("ＣＲＥＡＴＥ") into ASCII first.
    text = unicodedata.normalize("NFKC", cypher)
    text = _COMMENTS.sub(" ", _STRINGS.sub("''", text))
    text = _BACKTICKS.sub("x", text)
    words = re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", text)
    for w in words:
        if w.upper() in FORBIDDEN:
            raise GraphError("G003", "query", f"{w.upper()} is not allowed: the console is read-only")
    for m in re.finditer(r"\bCALL\s+([A-Za-z_][A-Za-z0-9_.]*)", text, re.I):
        if m.group(1).lower() not in ALLOWED_CALLS:
            raise GraphError("G003", "query", f"CALL {m.group(1)} is not allowed; only {', '.join(ALLOWED_CALLS)}")
    if re.search(r"\bCALL\s*\{", text, re.I):
        raise GraphError("G003", "query", "CALL { … } subqueries are not allowed in the console")
    return cypher
