"""The Neo4j backend. Runs only when NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD) point at a
Neo4j 5 server whose database may be emptied; skipped otherwise. The Cypher it shares with
the embedded store is tested on the embedded store in test_presets.py."""

from __future__ import annotations

import os

import pytest

from graph import presets
from graph.build import build

pytestmark = pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI is not set: no Neo4j server to test against")


@pytest.fixture(scope="module")
def neo():
    from graph.neo4j_store import Neo4jStore

    s = Neo4jStore.from_env()
    s.clear()
    assert build(s).ok
    yield s
    s.close()


def test_every_preset_gives_the_same_rows_on_neo4j_and_the_embedded_store(neo, store):
    for name in presets.load_all():
        if name == "shortest_path":
            continue
        assert presets.run(neo, name) == presets.run(store, name), name


def test_shortest_path_on_neo4j(neo):
    (row,) = presets.run(neo, "shortest_path", {"source": "清远市经济和信息化局", "target": "物联网"})
    assert len(row["p"]["nodes"]) == 3


def test_neo4j_refuses_writes(neo):
    from graph.errors import GraphError

    with pytest.raises(GraphError):
        neo.query("CREATE (:Hack)")
