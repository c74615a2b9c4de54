"""Query parameters as FalkorDB's `CYPHER name=value …` header, built quickly.

The client library builds the same header one value at a time in Python; for a plan's
write (thousands of values: every task's text, every role's quote) that was a third of
the writer's time. Strings go through the json encoder (C), whose escapes FalkorDB reads
back as the same characters (\\" \\\\ \\n \\r \\t); a string holding any other control
character keeps the client's quoting, which passes it through raw.
"""

from __future__ import annotations

import re
from json.encoder import encode_basestring

from falkordb.helpers import quote_string

_OTHER_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def literal(v) -> str:
    """One value as a Cypher literal the engine reads back as the same value."""
    t = type(v)
    if t is str:
        return quote_string(v) if _OTHER_CONTROL.search(v) else encode_basestring(v)
    if v is None:
        return "null"
    if t is bool:
        return "true" if v else "false"
    if t is int or t is float:
        return repr(v)
    if t is list or t is tuple:
        return "[" + ",".join(map(literal, v)) + "]"
    if t is dict:
        return "{" + ",".join([f"`{k}`:{literal(x)}" for k, x in v.items()]) + "}"
    return str(v)


def header(params: dict | None) -> str:
    """The header the query text is prefixed with (empty without parameters)."""
    if not params:
        return ""
    return "CYPHER " + " ".join(f"`{k}`={literal(v)}" for k, v in params.items()) + " "
