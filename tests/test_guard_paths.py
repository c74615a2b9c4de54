"""Every way user Cypher comes in passes the same guard, and the engine holds the line behind it.

Entry points: ``python -m graph query``, ``python -m graph export --query``, the app's console.
The guard reads the query with a tokenizer (an apostrophe in a comment opens no string), refuses
LOAD CSV and any CALL outside a short read-only list before the engine; the engine reads CSV
only from an empty folder, caps the rows and the time of every query, and user queries share a
few slots so heavy ones cannot take every server thread."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import tracemalloc

import pytest
from streamlit.testing.v1 import AppTest

from graph import guard, presets
from graph.errors import GraphError
from graph.guard import cap_rows, check_read_only, run_user_query, tokenize
from graph.locks import Slots

from .conftest import ROOT, app_on, counts

APOSTROPHE_IN_COMMENT = "MATCH (n) // it's a note\nLOAD CSV FROM 'file:///etc/passwd' AS r RETURN r"
REFUSED = {
    "apostrophe in a comment": APOSTROPHE_IN_COMMENT,
    "apostrophe in a block comment": "MATCH (n) /* it's */ LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "dbms procedures": "CALL dbms.procedures()",
    "dbms in lower case, spaced": "call  dbms . procedures ( )",
    "a backticked dbms": "CALL `dbms`.`procedures`()",
    "a write procedure": "CALL db.idx.fulltext.createNodeIndex('Agency', 'name')",
    "an algorithm": "CALL algo.BFS(null, 1, null)",
    "load csv from a file": "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "load csv from https": "LOAD CSV WITH HEADERS FROM 'https://example.com/a.csv' AS r RETURN r",
    "full-width LOAD": "ＬＯＡＤ CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "zero-width in LOAD": "L\u200bOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    "a backslash the engine might not read as an escape": "RETURN 'a\\' LOAD CSV FROM 'x' AS y //'",
    "a subquery": "MATCH (n) CALL { WITH n RETURN n } RETURN n",
}


@pytest.mark.parametrize("cypher", list(REFUSED.values()), ids=list(REFUSED))
def test_the_guard_refuses(cypher):
    with pytest.raises(GraphError) as err:
        check_read_only(cypher)
    assert err.value.code == "G003"


@pytest.mark.parametrize("cypher", [
    "MATCH (n) // LOAD CSV, it's only a comment\nRETURN count(n)",
    "MATCH (a:Agency) WHERE a.name = 'it''s' RETURN a.id",  # two strings side by side, not an escape
    "MATCH (a:Agency) WHERE a.name CONTAINS 'LOAD CSV // x' RETURN a.id",
    "MATCH (a:Agency) WHERE a.name = \"a \\\" CALL dbms.x()\" RETURN a.id",
    "MATCH (a:Agency) RETURN a.id AS `LOAD`",
    "CALL db.labels()", "call DB.LABELS() YIELD label RETURN label", "CALL db.indexes()",
])
def test_the_guard_lets_reads_through(cypher):
    assert check_read_only(cypher) == cypher


@pytest.mark.parametrize("cypher", ["RETURN 'open", "MATCH (n) /* open", "RETURN `open", "RETURN 'a\\'"])
def test_unterminated_strings_and_comments_are_refused(cypher):
    with pytest.raises(GraphError) as err:
        check_read_only(cypher)
    assert err.value.code == "G002"


def test_the_tokenizer_reads_comments_strings_and_names_as_the_engine_does():
    kinds = [(t.kind, t.text) for t in tokenize(APOSTROPHE_IN_COMMENT) if t.kind != "space"]
    assert ("comment", "// it's a note") in kinds and ("word", "LOAD") in kinds
    assert [t.kind for t in tokenize("'a\\'b' `x``y` $p 1.5") if t.kind != "space"] == ["string", "name", "param", "number"]


@pytest.mark.parametrize(("cypher", "capped"), [
    ("MATCH (n) RETURN n", "MATCH (n) RETURN n\nLIMIT 10"),
    ("MATCH (n) RETURN n LIMIT 3", "MATCH (n) RETURN n LIMIT 3"),
    ("MATCH (n) RETURN n LIMIT 300", "MATCH (n) RETURN n LIMIT 10"),
    ("MATCH (n) RETURN n ORDER BY n.id;", "MATCH (n) RETURN n ORDER BY n.id\nLIMIT 10;"),
    ("MATCH (a) RETURN a.id AS x UNION MATCH (b) RETURN b.id AS x",
     "MATCH (a) RETURN a.id AS x\nLIMIT 10 UNION MATCH (b) RETURN b.id AS x\nLIMIT 10"),
    ("MATCH (n) WITH n LIMIT 500 RETURN [x IN range(1, 3) | x] AS xs", "MATCH (n) WITH n LIMIT 500 RETURN [x IN range(1, 3) | x] AS xs\nLIMIT 10"),
    ("CALL db.labels()", "CALL db.labels()"),
])
def test_the_row_cap_goes_into_the_query(cypher, capped):
    assert cap_rows(cypher, 10) == capped


def test_a_parameter_limit_above_the_cap_is_lowered():
    assert cap_rows("MATCH (n) RETURN n LIMIT $n", 10, {"n": 10**6}) == "MATCH (n) RETURN n LIMIT 10"


# -- the command line: refused before any server starts -----------------------------------------

def cli(args: list[str], folder) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLANGRAPH_DB": str(folder)}
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("cypher", [APOSTROPHE_IN_COMMENT, "CALL dbms.procedures()",
                                    "LOAD CSV FROM 'https://example.com/a.csv' AS r RETURN r"])
@pytest.mark.parametrize("entry", ["query", "export"])
def test_the_command_line_refuses_before_the_engine(tmp_path, entry, cypher):
    folder = tmp_path / "db"
    args = ["query", cypher] if entry == "query" else ["export", "--query", cypher, "--format", "json", "--out", str(tmp_path / "x")]
    done = cli(args, folder)
    assert done.returncode == 1 and "[G003]" in done.stderr and "Traceback" not in done.stderr
    assert not folder.exists()  # refused before a server was even started


# -- the engine behind the guard ---------------------------------------------------------------

def test_the_engine_reads_csv_only_from_an_empty_folder(store):
    folder = store.server.folder
    config = dict(store.db.connection.execute_command("GRAPH.CONFIG", "GET", "*"))
    assert config["IMPORT_FOLDER"] == f"{folder / 'import'}/" and not any((folder / "import").iterdir())
    with pytest.raises(GraphError):  # bypassing the guard: the engine cannot open the file
        store.query("LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r")


def test_the_engine_has_time_and_memory_limits(store):
    config = dict(store.db.connection.execute_command("GRAPH.CONFIG", "GET", "*"))
    assert config["TIMEOUT_MAX"] > 0 and config["TIMEOUT_DEFAULT"] > 0 and config["QUERY_MEM_CAPACITY"] > 0
    t = time.monotonic()
    with pytest.raises(GraphError) as err:
        run_user_query(store, "MATCH (a), (b), (c) RETURN count(*) AS n", timeout_ms=300)
    assert err.value.code == "G006" and time.monotonic() - t < 5


def test_a_cartesian_product_of_millions_of_rows_stays_small_in_the_client(store):
    n = counts(store)[0]
    assert n ** 3 > 10**7  # more than ten million rows if the engine did not stop at the cap
    tracemalloc.start()
    t = time.monotonic()
    rows = run_user_query(store, "MATCH (a), (b), (c) RETURN a.id, b.id, c.id")
    took = time.monotonic() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(rows) == 5000 and took < 10 and peak < 64 * 2**20


def test_user_queries_share_a_few_slots_and_presets_still_run(store, monkeypatch):
    monkeypatch.setattr(guard, "SLOT_WAIT_S", 0.5)
    slots = Slots(store.server.folder, store.server.user_query_slots)
    held, release = threading.Event(), threading.Event()

    def occupy():
        with slots.slot(5):
            held.wait()
            release.wait(10)

    hogs = [threading.Thread(target=occupy) for _ in range(store.server.user_query_slots)]
    for h in hogs:
        h.start()
    time.sleep(0.3)
    held.set()
    try:
        with pytest.raises(GraphError) as err:
            run_user_query(store, "MATCH (n) RETURN count(n)")
        assert err.value.code == "G009"
        assert presets.run(store, "plans_overview")  # the app's own queries are not queued behind them
    finally:
        release.set()
        for h in hogs:
            h.join()
    assert run_user_query(store, "MATCH (n) RETURN count(n) AS n")[0]["n"] > 400


# -- the console -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def console_app(tmp_path_factory):
    with app_on(tmp_path_factory.mktemp("consolegraph")):
        yield


@pytest.mark.parametrize("cypher", [APOSTROPHE_IN_COMMENT, "CALL dbms.procedures()",
                                    "LOAD CSV FROM 'https://example.com/a.csv' AS r RETURN r"])
def test_the_console_refuses(console_app, cypher):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["page"] = "console"
    at.run()
    at.text_area(key="console_cypher").input(cypher)
    at.button(key="console_run").click().run()
    # One sentence: refused, and why (the console no longer shows the engine's code or errMsg).
    assert at.error and at.error[0].value.startswith("已拒绝") and "errMsg" not in at.error[0].value


def test_the_console_caps_a_cartesian_product_in_the_engine(console_app):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["page"] = "console"
    at.run()
    at.text_area(key="console_cypher").input("MATCH (a), (b), (c) RETURN a.id AS a, b.id AS b, c.id AS c")
    at.number_input(key="console_cap").set_value(50)
    t = time.monotonic()
    at.button(key="console_run").click().run()
    assert not at.error and time.monotonic() - t < 20
    assert any(len(d.value) == 50 for d in at.dataframe)
