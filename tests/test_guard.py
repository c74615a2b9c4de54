"""User Cypher is read-only: the guard cannot be talked round with comments, case or look-alike
letters, and whatever gets past it is still refused by the engine's read-only query."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import GraphError
from graph.guard import check_read_only

from .conftest import fingerprint

WRITES = ["CREATE (:X)", "MERGE (x:X {id: 1})", "MATCH (n) DELETE n", "MATCH (n) DETACH DELETE n", "MATCH (n) SET n.a = 1",
          "MATCH (n) REMOVE n.name", "DROP INDEX ON :Agency(id)", "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
          "CALL db.idx.fulltext.createNodeIndex('Agency', 'name')", "MATCH (n) FOREACH (x IN [1] | SET n.a = x)",
          "MATCH (n) CALL { WITH n DETACH DELETE n } RETURN 1"]


@pytest.mark.parametrize("cypher", WRITES + [w.lower() for w in WRITES] + [
    "MATCH (n) /* harmless */ DETACH /* really */ DELETE n", "ＣＲＥＡＴＥ (:X)", "MATCH (n) // comment\nSET n.a = 1",
    "cReAtE (:X)", "MATCH (n) RETURN n UNION MATCH (m) DETACH DELETE m RETURN m"])
def test_guard_refuses_writes(cypher):
    with pytest.raises(GraphError) as err:
        check_read_only(cypher)
    assert err.value.code == "G003"


@pytest.mark.parametrize("cypher", [
    "MATCH (a:Agency) WHERE a.name CONTAINS 'CREATE' RETURN a.id", "MATCH (a:Agency) RETURN a.id AS `set`",
    "MATCH (n) // DELETE everything? no\nRETURN count(n)", "CALL db.labels()", "MATCH (a)-[r:LEADS]->(p) RETURN count(r)"])
def test_guard_lets_reads_through(cypher):
    assert check_read_only(cypher) == cypher


KEYWORDS = st.sampled_from(["CREATE", "MERGE", "DELETE", "DETACH DELETE", "SET", "REMOVE", "DROP", "LOAD CSV FROM 'x' AS"])


def disguise(word: str, style: int) -> str:
    if style == 0:
        return word.lower()
    if style == 1:
        return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(word))
    if style == 2:
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)  # full-width
    if style == 3:
        return word.replace(" ", " /* x */ ")
    if style == 4:
        return "\u200b".join(word)  # zero-width spaces between letters
    return word


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(KEYWORDS, st.integers(0, 5), st.sampled_from(["MATCH (n) ", "", "MATCH (a:Agency) WITH a "]),
       st.sampled_from([" (:Hack {id: 'h'})", " n", " n.name = 'h'", " INDEX ON :Agency(id)", " n.x"]), st.text(max_size=12))
def test_no_disguised_write_gets_through(store, keyword, style, prefix, suffix, noise):
    cypher = f"{prefix}{disguise(keyword, style)}{suffix} {noise}"
    before = fingerprint(store)
    try:
        check_read_only(cypher)
        store.query(cypher)
    except GraphError:
        pass
    assert fingerprint(store) == before
