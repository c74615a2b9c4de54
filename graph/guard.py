"""The read-only guard for Cypher typed by users (console, ``python -m graph query``, export --query).

The engines refuse writes themselves (FalkorDB's GRAPH.RO_QUERY, Neo4j's read-access
sessions); this check runs first so a user gets a clear sentence, and it also refuses what
those engines would allow but a shared research tool should not: LOAD CSV (reads server files
and URLs) and procedure calls outside a short read-only list (``CALL dbms.*`` included).

It reads the query with a real tokenizer, left to right, the way the engine does: a comment
ends a line or at ``*/``, a string at its closing quote (backslash escapes), a backtick name at
its closing backtick. So an apostrophe inside a comment cannot open a "string" that hides the
next line, and a keyword inside a string or a name does not trip the check. The query is read
four ways — as typed and with look-alike letters folded (full-width ``ＣＲＥＡＴＥ``, zero-width
spaces dropped), each with and without backslash escapes — and refused if any reading finds a
forbidden word. Unterminated strings and comments are refused.

    >>> check_read_only("MATCH (a:Agency) WHERE a.name CONTAINS 'CREATE' RETURN a.id")
    "MATCH (a:Agency) WHERE a.name CONTAINS 'CREATE' RETURN a.id"
    >>> check_read_only("// it's a note\\nLOAD CSV FROM 'file:///etc/passwd' AS r RETURN r")
    Traceback (most recent call last):
    ...
    graph.errors.GraphError: [G003] query: LOAD is not allowed: user queries are read-only

Row caps are enforced by the engine: :func:`cap_rows` gives the query's final RETURN (of each
UNION part) a LIMIT, so a cartesian product never materialises more rows than the cap.

    >>> cap_rows("MATCH (a), (b) RETURN a, b // all pairs", 5000)
    'MATCH (a), (b) RETURN a, b\\nLIMIT 5000 // all pairs'
"""

from __future__ import annotations

import contextlib
import os
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from .errors import GraphError

FORBIDDEN = ("CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "LOAD", "FOREACH")
# Read-only procedures a researcher may call; everything else (dbms.*, db.idx.*.create…, algo.*) is refused.
ALLOWED_CALLS = ("db.labels", "db.relationshiptypes", "db.propertykeys", "db.indexes")
MAX_LENGTH = 20_000
USER_TIMEOUT_MS = 10_000
SLOT_WAIT_S = 15.0


@dataclass(frozen=True)
class Token:
    kind: str  # word, string, name (backticks), param, number, punct, comment, space
    text: str
    start: int
    end: int


def tokenize(cypher: str, escapes: bool = True) -> list[Token]:
    """The query as tokens, comments and whitespace included (their offsets index ``cypher``).

    >>> [t.text for t in tokenize("RETURN 'it''s' // x") if t.kind not in ("space",)]
    ['RETURN', "'it'", "'s'", '// x']
    """
    out: list[Token] = []
    i, n = 0, len(cypher)
    while i < n:
        c = cypher[i]
        j = i + 1
        if c.isspace():
            while j < n and cypher[j].isspace():
                j += 1
            kind = "space"
        elif cypher.startswith("//", i):
            while j < n and cypher[j] not in "\n\r":
                j += 1
            kind = "comment"
        elif cypher.startswith("/*", i):
            end = cypher.find("*/", i + 2)
            if end < 0:
                raise GraphError("G002", "query", "a /* comment is not closed")
            j, kind = end + 2, "comment"
        elif c in "'\"":
            while j < n and cypher[j] != c:
                j += 2 if escapes and cypher[j] == "\\" else 1
            if j >= n:
                raise GraphError("G002", "query", "a string is not closed (a quote is missing)")
            j, kind = j + 1, "string"
        elif c == "`":
            while True:
                end = cypher.find("`", j)
                if end < 0:
                    raise GraphError("G002", "query", "a `name` is not closed (a backtick is missing)")
                if cypher.startswith("``", end):
                    j = end + 2
                    continue
                j = end + 1
                break
            kind = "name"
        elif c == "$":
            while j < n and (cypher[j].isalnum() or cypher[j] == "_"):
                j += 1
            kind = "param"
        elif c.isdigit():
            while j < n and (cypher[j].isalnum() or cypher[j] == "."):
                j += 1
            kind = "number"
        elif c.isalpha() or c == "_":
            while j < n and (cypher[j].isalnum() or cypher[j] == "_"):
                j += 1
            kind = "word"
        else:
            kind = "punct"
        out.append(Token(kind, cypher[i:j], i, j))
        i = j
    return out


def _readings(cypher: str) -> Iterator[list[Token]]:
    folded = "".join(ch for ch in unicodedata.normalize("NFKC", cypher) if unicodedata.category(ch) != "Cf")
    seen = set()
    for text in (cypher, folded):
        for escapes in (True, False):
            if (text, escapes) in seen:
                continue
            seen.add((text, escapes))
            try:
                yield [t for t in tokenize(text, escapes) if t.kind not in ("space", "comment")]
            except GraphError:
                if escapes and text is cypher:
                    raise  # the engine's own reading must tokenize
                continue  # another reading that does not tokenize cannot be what the engine runs


def check_read_only(cypher: str) -> str:
    """Return the query unchanged if it only reads; raise GraphError G003 (G002 if malformed) otherwise."""
    if not cypher or not cypher.strip():
        raise GraphError("G002", "query", "the query is empty")
    if len(cypher) > MAX_LENGTH:
        raise GraphError("G002", "query", f"the query is longer than {MAX_LENGTH:,} characters")
    if "\x00" in cypher:
        raise GraphError("G002", "query", "the query holds a NUL character")
    for tokens in _readings(cypher):
        _check_tokens(tokens)
    return cypher


def _check_tokens(tokens: list[Token]) -> None:
    words = [(k, t) for k, t in enumerate(tokens) if t.kind == "word"]
    for _, t in words:
        if t.text.upper() in FORBIDDEN:
            raise GraphError("G003", "query", f"{t.text.upper()} is not allowed: user queries are read-only")
    for k, t in words:
        if t.text.upper() != "CALL":
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is None or nxt.text == "{":
            raise GraphError("G003", "query", "CALL { … } subqueries are not allowed in user queries")
        name = _dotted(tokens, k + 1)
        if name.lower() not in ALLOWED_CALLS:
            raise GraphError("G003", "query", f"CALL {name or nxt.text} is not allowed; only {', '.join(ALLOWED_CALLS)}")


def _dotted(tokens: list[Token], k: int) -> str:
    """``db.labels`` from the tokens db . labels (a backticked part counts as its text)."""
    parts: list[str] = []
    while k < len(tokens):
        t = tokens[k]
        if t.kind in ("word", "name"):
            parts.append(t.text.strip("`"))
        elif t.text != ".":
            break
        k += 1
    return ".".join(parts)


# -- row cap in the engine ------------------------------------------------------------------

def cap_rows(cypher: str, cap: int, params: dict | None = None) -> str:
    """The query with each final RETURN limited to ``cap`` rows, in the engine.

    A RETURN without LIMIT gets ``LIMIT cap``; a literal or parameter LIMIT above the cap is
    lowered to it; anything the tokenizer cannot place is left as it was (the client cap
    still applies). Queries without a top-level RETURN (``CALL db.labels()``) are unchanged.

    >>> cap_rows("MATCH (n) RETURN n LIMIT 100000", 10)
    'MATCH (n) RETURN n LIMIT 10'
    >>> cap_rows("MATCH (n) RETURN n.id AS id LIMIT $n", 10, {"n": 3})
    'MATCH (n) RETURN n.id AS id LIMIT $n'
    """
    try:
        tokens = tokenize(cypher)
    except GraphError:
        return cypher
    edits: list[tuple[int, int, str]] = []
    for part in _union_parts(tokens):
        edit = _cap_part(part, cap, params or {})
        if edit:
            edits.append(edit)
    for start, end, text in sorted(edits, reverse=True):
        cypher = cypher[:start] + text + cypher[end:]
    return cypher


def _union_parts(tokens: list[Token]) -> list[list[tuple[Token, int]]]:
    """Significant tokens with their bracket depth, split at top-level UNION."""
    parts: list[list[tuple[Token, int]]] = [[]]
    depth = 0
    for t in tokens:
        if t.kind in ("space", "comment"):
            continue
        if t.text in "([{" and t.kind == "punct":
            depth += 1
        elif t.text in ")]}" and t.kind == "punct":
            depth = max(0, depth - 1)
        if depth == 0 and t.kind == "word" and t.text.upper() == "UNION":
            parts.append([])
            continue
        parts[-1].append((t, depth))
    return parts


def _cap_part(part: list[tuple[Token, int]], cap: int, params: dict) -> tuple[int, int, str] | None:
    top = [t for t, d in part if d == 0]
    ret = max((k for k, t in enumerate(top) if t.kind == "word" and t.text.upper() == "RETURN"), default=None)
    if ret is None:
        return None
    tail = top[ret:]
    while tail and tail[-1].text == ";":
        tail.pop()
    if not tail:
        return None
    limit = next((k for k, t in enumerate(tail) if t.kind == "word" and t.text.upper() == "LIMIT"), None)
    if limit is None:
        last = max((t for t, _ in part), key=lambda t: t.end)
        semicolon = last.text == ";"
        end = last.start if semicolon else last.end
        return (end, end, f"\nLIMIT {int(cap)}")
    expr = [t for t, _ in part if t.start >= tail[limit].end and t.text != ";"]
    if len(expr) != 1:
        return None
    e = expr[0]
    if e.kind == "number" and e.text.isdigit():
        value = int(e.text)
    elif e.kind == "param" and isinstance(params.get(e.text[1:]), int):
        value = params[e.text[1:]]
    else:
        return None
    return None if value <= cap else (e.start, e.end, str(int(cap)))


# -- user queries -----------------------------------------------------------------------------

_LOCAL_SLOTS = threading.BoundedSemaphore(2)


def user_slots(store):
    """A context that holds one of the few slots user queries share (per store folder, across
    processes for the embedded store; per process otherwise)."""
    server = getattr(store, "server", None)
    if server is not None:
        from .locks import Slots

        return Slots(server.folder, server.user_query_slots).slot(SLOT_WAIT_S)
    return _local_slot()


@contextlib.contextmanager
def _local_slot():
    if not _LOCAL_SLOTS.acquire(timeout=SLOT_WAIT_S):
        raise GraphError("G009", "query", "the server is busy with other user queries; try again in a moment")
    try:
        yield
    finally:
        _LOCAL_SLOTS.release()


def run_user_query(store, cypher: str, params: dict | None = None, *, limit: int | None = None,
                   timeout_ms: int = USER_TIMEOUT_MS) -> list[dict]:
    """Cypher a user typed: the guard, then one of the user-query slots, then the engine's
    read-only query with the row cap and time limit applied by the engine."""
    from .store import ROW_CAP

    check_read_only(cypher)
    with user_slots(store):
        return store.query(cypher, params, limit=limit or ROW_CAP, timeout_ms=timeout_ms)


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default
