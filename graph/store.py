"""One small store interface, two backends.

    store = open_store()            # FalkorDB embedded by default, Neo4j when NEO4J_URI is set
    store.write_plan(statements)    # one plan's facts, atomically
    rows = store.query("MATCH (a:Agency) RETURN a.name AS name LIMIT $n", {"n": 5})
    store.close()

Rows come back in one shape from both backends: plain values, nodes as
{"id", "labels", "properties"}, relationships as {"type", "start", "end",
"properties"} (start/end are node ``id`` properties), paths as {"nodes", "relationships"}.
"""

from __future__ import annotations

from typing import Protocol

from . import settings
from .errors import GraphError

GRAPH_NAME = settings.value("PLANGRAPH_GRAPH")
ROW_CAP = 5000
TIMEOUT_MS = 10_000


class Store(Protocol):
    backend: str

    def batch(self): ...  # a context: readers see the graph before it or after it
    def write_plan(self, statements: list[tuple[str, dict]]) -> None: ...
    def query(self, cypher: str, params: dict | None = None, *, limit: int = ROW_CAP, timeout_ms: int = TIMEOUT_MS) -> list[dict]: ...
    def ensure_schema(self) -> None: ...
    def shortest_path(self, source_id: str, target_id: str, max_hops: int = 6) -> dict | None: ...
    def clear(self) -> None: ...
    def save(self) -> None: ...
    def close(self) -> None: ...


def open_store(folder: str | None = None) -> Store:
    """The configured store: NEO4J_URI → Neo4j; FALKORDB_URL → that FalkorDB; else the embedded one."""
    if settings.value("NEO4J_URI") and folder is None:
        from .neo4j_store import Neo4jStore

        return Neo4jStore.from_env()
    from .falkor_store import FalkorStore

    url = settings.value("FALKORDB_URL")
    if url and folder is None:
        return FalkorStore.from_url(url)
    return FalkorStore.embedded(folder)


def check_params(params: dict | None) -> dict:
    """Parameters must be plain JSON-like values: user text only ever reaches Cypher this way."""
    params = dict(params or {})
    for k, v in params.items():
        if not isinstance(k, str) or not k.isidentifier():
            raise GraphError("G002", "parameters", f"bad parameter name {k!r}")
        if not _plain(v):
            raise GraphError("G002", "parameters", f"parameter {k!r} is not a plain value")
    return params


def _plain(v) -> bool:
    if v is None or isinstance(v, (str, int, float, bool)):
        return True
    if isinstance(v, (list, tuple)):
        return all(_plain(x) for x in v)
    if isinstance(v, dict):
        return all(isinstance(k, str) and _plain(x) for k, x in v.items())
    return False
