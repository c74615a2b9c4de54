"""The Neo4j 5 backend through the official driver. Selected by NEO4J_URI
(with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE). Credentials come only from
the environment and are never printed."""

from __future__ import annotations

import contextlib

from . import settings
from .errors import GraphError
from .schema import INDEXED
from .store import ROW_CAP, TIMEOUT_MS, check_params


class Neo4jStore:
    backend = "neo4j"

    def __init__(self, driver, database: str | None):
        self.driver = driver
        self.database = database

    @classmethod
    def from_env(cls) -> Neo4jStore:
        import neo4j

        uri = settings.value("NEO4J_URI")
        auth = (settings.value("NEO4J_USER"), settings.value("NEO4J_PASSWORD"))
        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=auth)
            driver.verify_connectivity()
        except Exception as err:  # noqa: BLE001 - never echo the credentials, only the kind of failure
            raise GraphError("G001", "NEO4J_URI", f"cannot connect to Neo4j ({type(err).__name__})") from None
        return cls(driver, settings.value("NEO4J_DATABASE") or None)

    def batch(self):
        """Each plan is its own transaction: readers never see part of one."""
        return contextlib.nullcontext()

    def write_plan(self, statements: list[tuple[str, dict]]) -> None:
        def work(tx):
            for cypher, params in statements:
                tx.run(cypher, params).consume()

        try:
            with self.driver.session(database=self.database) as s:
                s.execute_write(work)
        except Exception as err:  # noqa: BLE001
            raise GraphError("G005", "neo4j", str(err)) from err

    def ensure_schema(self) -> None:
        with self.driver.session(database=self.database) as s:
            for label, props in INDEXED.items():
                s.run(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE").consume()
                for prop in props:
                    if prop != "id":
                        s.run(f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})").consume()

    def clear(self) -> None:
        with self.driver.session(database=self.database) as s:
            s.run("MATCH (n) DETACH DELETE n").consume()

    def save(self) -> None:
        pass  # Neo4j persists every committed transaction

    def query(self, cypher: str, params: dict | None = None, *, limit: int = ROW_CAP, timeout_ms: int = TIMEOUT_MS) -> list[dict]:
        import neo4j

        params = check_params(params)
        try:
            with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS) as s:
                result = s.run(neo4j.Query(cypher, timeout=timeout_ms / 1000), params)
                records = []
                for record in result:
                    if len(records) >= limit:
                        break
                    records.append(record)
                # A relationship returned without its end nodes carries their element ids only.
                missing = {n.element_id for r in records for v in r.values() for n in _endpoints(v) if not dict(n)}
                ids = {}
                if missing:
                    found = s.run("MATCH (n) WHERE elementId(n) IN $ids RETURN elementId(n) AS e, coalesce(n.id, n.name) AS id", {"ids": list(missing)})
                    ids = {r["e"]: r["id"] for r in found}
                return [{k: _convert(v, ids) for k, v in r.items()} for r in records]
        except neo4j.exceptions.ClientError as err:
            if "write" in (err.message or "").lower() and "read" in (err.message or "").lower():
                raise GraphError("G003", "query", "this query writes to the graph; only read-only queries are allowed") from err
            raise GraphError("G002", "query", err.message or str(err)) from err
        except neo4j.exceptions.Neo4jError as err:
            raise GraphError("G002", "query", str(err)) from err

    def shortest_path(self, source_id: str, target_id: str, max_hops: int = 6) -> dict | None:
        rows = self.query(
            f"MATCH (a {{id: $a}}), (b {{id: $b}}) MATCH p = shortestPath((a)-[*1..{int(max_hops)}]-(b)) RETURN p",
            {"a": source_id, "b": target_id}, limit=1,
        )
        return rows[0]["p"] if rows else None

    def close(self) -> None:
        self.driver.close()


def _endpoints(v):
    import neo4j.graph as g

    if isinstance(v, g.Relationship):
        return [v.start_node, v.end_node]
    if isinstance(v, g.Path):
        return [n for r in v.relationships for n in (r.start_node, r.end_node)]
    if isinstance(v, list):
        return [n for x in v for n in _endpoints(x)]
    return []


def _convert(v, ids: dict):
    import neo4j.graph as g

    if isinstance(v, g.Node):
        props = dict(v)
        return {"id": props.get("id", props.get("name")), "labels": sorted(v.labels), "properties": props}
    if isinstance(v, g.Relationship):
        return {"type": v.type, "start": _node_id(v.start_node, ids), "end": _node_id(v.end_node, ids), "properties": dict(v)}
    if isinstance(v, g.Path):
        return {"nodes": [_convert(n, ids) for n in v.nodes], "relationships": [_convert(r, ids) for r in v.relationships]}
    if isinstance(v, list):
        return [_convert(x, ids) for x in v]
    if isinstance(v, dict):
        return {k: _convert(x, ids) for k, x in v.items()}
    return v


def _node_id(node, ids: dict):
    props = dict(node)
    return props.get("id", props.get("name")) if props else ids.get(node.element_id)
