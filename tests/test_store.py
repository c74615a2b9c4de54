"""The embedded store: idempotent builds, per-plan replace, atomic writes, read-only queries, its server."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from graph.build import build, remove_plan, write_records
from graph.errors import GraphError
from graph.launcher import EmbeddedServer
from graph.store import open_store
from graph.write import plan_statements
from loaders import extract_plan, lexicons

from .conftest import PLANS, counts, fingerprint, plan_path


def test_building_twice_changes_nothing(empty_store):
    build(empty_store)
    first = fingerprint(empty_store)
    build(empty_store)
    assert fingerprint(empty_store) == first
    assert counts(empty_store)[0] > 400


def test_rebuilding_an_edited_plan_replaces_its_facts(empty_store, tmp_path):
    build(empty_store, [plan_path("zhejiang"), plan_path("anhui")])
    anhui_before = [x for x in fingerprint(empty_store) if "anhui" in str(x)]
    edited = tmp_path / plan_path("zhejiang").name
    text = plan_path("zhejiang").read_text(encoding="utf-8")
    edited.write_text(text.replace("(省经信委,有关市及县市区政府)", "(省商务厅,有关市及县市区政府)"), encoding="utf-8")
    summary = build(empty_store, [edited])
    assert summary.ok
    q = "MATCH (a:Agency)-[:LEADS]->(p:Project {id: $p}) RETURN a.id AS a"
    assert empty_store.query(q, {"p": f"{PLANS['zhejiang']}:task-36"}) == [{"a": "浙江省商务厅"}]
    eitc = empty_store.query("MATCH (a:Agency {id: '浙江省经济和信息化委员会'})-[l:LEADS]->() RETURN count(l) AS n")
    assert eitc == [{"n": 19}]
    assert [x for x in fingerprint(empty_store) if "anhui" in str(x)] == anhui_before


def test_a_write_that_fails_midway_leaves_the_graph_as_it_was(empty_store):
    build(empty_store, [plan_path("qingyuan")])
    before = fingerprint(empty_store)
    rec = extract_plan(plan_path("zhejiang"))
    statements = plan_statements(rec, lexicons.load().places)
    # The last statement fails at run time, after every other write of the plan has been applied.
    statements.append(("UNWIND [1, 0] AS x CREATE (:Boom {v: 1 / x})", {}))
    with pytest.raises(GraphError) as err:
        empty_store.write_plan(statements)
    assert err.value.code == "G005"
    assert fingerprint(empty_store) == before


def test_removing_a_plan_keeps_what_other_plans_share(empty_store):
    build(empty_store, [plan_path("anhui"), plan_path("sichuan")])
    remove_plan(empty_store, PLANS["sichuan"])
    assert empty_store.query("MATCH (p:Project {plan: $p}) RETURN count(p) AS n", {"p": PLANS["sichuan"]}) == [{"n": 0}]
    assert empty_store.query("MATCH (a:Agency {id: '四川省经济和信息化委员会'}) RETURN count(a) AS n") == [{"n": 0}]
    # 云计算 is mentioned by both plans: it stays for Anhui.
    assert empty_store.query("MATCH (:Project)-[:INVOLVES]->(t:Technology {id: '云计算'}) RETURN count(t) > 0 AS used") == [{"used": True}]


@pytest.mark.parametrize("cypher", [
    "CREATE (:Agency {id: 'x'})", "MATCH (a:Agency) SET a.name = 'x'", "MATCH (a:Agency) DETACH DELETE a",
    "MERGE (x:Plan {id: 'y'})", "MATCH (a:Agency) REMOVE a.name",
])
def test_queries_are_read_only(store, cypher):
    before = counts(store)
    with pytest.raises(GraphError) as err:
        store.query(cypher)
    assert err.value.code == "G003"
    assert counts(store) == before


def test_user_text_is_a_parameter_not_cypher(store):
    hostile = "x'}) DETACH DELETE n //"
    assert store.query("MATCH (a:Agency) WHERE a.name = $q RETURN a.id AS id", {"q": hostile}) == []


def test_row_cap(store):
    assert len(store.query("MATCH (p:Project) RETURN p.id AS id", limit=7)) == 7


def test_rows_have_one_shape(store):
    row = store.query("MATCH (a:Agency {id: '清远市经济和信息化局'})-[r:LEADS]->(p:Project) RETURN a, r, p LIMIT 1")[0]
    assert row["a"]["labels"] == ["Agency"] and row["a"]["id"] == "清远市经济和信息化局"
    assert row["r"]["type"] == "LEADS" and row["r"]["start"] == "清远市经济和信息化局" and row["r"]["end"] == row["p"]["id"]
    assert row["r"]["properties"]["basis"] == "explicit"


def test_server_is_private_reused_and_durable(tmp_path):
    folder = tmp_path / "db"
    first = open_store(str(folder))
    build(first, [plan_path("qingyuan")])
    n = counts(first)
    mode = stat.S_IMODE(os.stat(folder).st_mode)
    assert mode == 0o700
    assert stat.S_ISSOCK(os.stat(first.server.socket).st_mode)
    pid = int((folder / "falkordb.pid").read_text())
    second = open_store(str(folder))  # the app and the CLI share one server per folder
    assert not second.server.started and int((folder / "falkordb.pid").read_text()) == pid
    assert counts(second) == n
    second.close()
    assert first.server.pid() == pid  # still in use by the first store
    first.close()  # the last user stops it
    assert not (folder / "falkordb.pid").exists()
    again = open_store(str(folder))  # a new server on the same folder finds the data
    assert counts(again) == n
    again.close()


def test_a_stale_pidfile_naming_another_process_is_not_signalled(tmp_path):
    folder = tmp_path / "db"
    folder.mkdir()
    stray = subprocess.Popen(["sleep", "60"])
    try:
        (folder / "falkordb.pid").write_text(str(stray.pid))
        server = EmbeddedServer(folder).ensure()
        assert server.started and server.pid() not in (None, stray.pid)
        server.release()
        assert stray.poll() is None  # the sleep lives: it is not this folder's redis-server
    finally:
        stray.kill()
        stray.wait()


def test_records_write_is_per_plan(empty_store):
    rec = extract_plan(plan_path("qingyuan"))
    write_records(empty_store, rec)
    plans = empty_store.query("MATCH (c:City)-[:ISSUED]->(p:Plan)-[:INCLUDES]->(x:Project) RETURN c.id AS city, p.id AS plan, count(x) AS n")
    assert plans == [{"city": "清远市", "plan": PLANS["qingyuan"], "n": 23}]
    assert empty_store.query("MATCH (c:City {id: '清远市'})-[:PART_OF]->(p:Province) RETURN p.id AS p") == [{"p": "广东省"}]


def test_a_socket_path_too_long_in_bytes_moves_to_a_private_short_folder(tmp_path):
    folder = tmp_path / ("规划图谱" * 6) / "db"  # short in characters, long in UTF-8 bytes
    assert len(str(folder / "falkordb.sock")) <= 107 < len(str(folder / "falkordb.sock").encode())
    s = open_store(str(folder))
    try:
        sock = s.server.socket
        assert len(str(sock).encode()) <= 107 and sock.parent.stat().st_uid == os.getuid()
        assert stat.S_IMODE(sock.parent.stat().st_mode) == 0o700
        build(s, [plan_path("qingyuan")])
        assert counts(s)[0] > 50
    finally:
        s.close()
        shutil.rmtree(sock.parent, ignore_errors=True)


@pytest.mark.parametrize("problem", ["another owner", "open to others"])
def test_a_short_socket_folder_that_is_not_private_is_refused(tmp_path, problem):
    folder = (tmp_path / ("规划图谱" * 6) / "db").resolve()
    digest = hashlib.sha1(str(folder).encode()).hexdigest()[:12]
    short = Path(tempfile.gettempdir()) / f"plangraph-{os.getuid()}-{digest}"
    short.mkdir(mode=0o700)
    try:
        if problem == "another owner":
            if os.getuid() != 0:
                pytest.skip("needs root to give the folder to another user")
            os.chown(short, 65534, 65534)
        else:
            os.chmod(short, 0o777)
        with pytest.raises(GraphError) as err:
            EmbeddedServer(folder)
        assert err.value.code == "G001" and "not private" in err.value.detail
    finally:
        shutil.rmtree(short, ignore_errors=True)


def test_server_status_and_stop_from_the_command_line(tmp_path, capsys, monkeypatch):
    from graph.__main__ import main as graph_main

    folder = tmp_path / "db"
    monkeypatch.setenv("PLANGRAPH_DB", str(folder))
    s = open_store(str(folder))
    build(s, [plan_path("qingyuan")])
    n = counts(s)
    pid = s.server.pid()
    other = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom graph.store import open_store\n"
                              "s = open_store(sys.argv[1])\nprint('open', flush=True)\ntime.sleep(60)", str(folder)],
                             stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
    try:
        assert other.stdout.readline().strip() == "open"
        assert graph_main(["server", "status"]) == 0
        out = capsys.readouterr().out
        assert f"pid {pid}" in out and "answering" in out
        assert f"used by pid {os.getpid()}" in out and f"used by pid {other.pid}" in out
        assert graph_main(["server", "stop"]) == 1  # another process uses it
        assert "in use by" in capsys.readouterr().err and s.server.pid() == pid
        assert graph_main(["server", "stop", "--force"]) == 0
        assert s.server.pid() is None
        assert counts(s) == n  # the store starts it again from its files
    finally:
        other.kill()
        other.wait()
        s.close()
    assert not (folder / "falkordb.pid").exists()
