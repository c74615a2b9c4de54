"""Exports open without fixing: round trips through networkx and the embedded store (figures: test_figures.py)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import networkx as nx
import pytest

from graph import export as ex
from graph.__main__ import main as graph_main

from .conftest import PLANS


@pytest.fixture(scope="module")
def hood(store):
    """The neighbourhood of Qingyuan's economy and IT bureau: agencies, projects, a city."""
    return ex.select(store, node="清远市经济和信息化局", depth=1)


def ids_and_edges(G):
    return set(G.nodes), {(u, v, k) for u, v, k in G.edges(keys=True)}


def test_graphml_round_trip_keeps_nodes_edges_labels_and_typed_attributes(hood):
    data = ex.generate_graphml(hood.graph)["graph.graphml"]
    G = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    assert set(G.nodes) == set(hood.graph.nodes)
    assert {(u, v, d["label"]) for u, v, d in G.edges(data=True)} == ids_and_edges(hood.graph)[1]
    bureau = G.nodes["清远市经济和信息化局"]
    assert bureau["type"] == "Agency" and bureau["label"].startswith("清远市经济和信息化局")
    assert bureau["collective"] is False and bureau["aliases"] == "市经济和信息化局"
    task = G.nodes[f"{PLANS['qingyuan']}:task-1"]
    assert task["number"] == 1 and isinstance(task["span_start"], int)


def test_gexf_round_trip(hood):
    G = nx.read_gexf(io.BytesIO(ex.generate_gexf(hood.graph)["graph.gexf"]))
    assert set(G.nodes) == set(hood.graph.nodes)
    assert G.number_of_edges() == hood.graph.number_of_edges()
    assert G.nodes["清远市经济和信息化局"]["type"] == "Agency"
    assert G.nodes["清远市经济和信息化局"]["label"].startswith("清远市经济和信息化局")  # Gephi's Label column


def test_gephi_csv_columns(hood):
    files = ex.generate_csv_gephi(hood.graph, bom=True)
    assert files["nodes.csv"].startswith("\ufeff".encode())
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"].decode("utf-8-sig"))))
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"].decode("utf-8-sig"))))
    assert {"Id", "Label", "type"} <= set(nodes[0]) and {"Source", "Target", "Type", "Weight", "Label"} <= set(edges[0])
    assert {r["Id"] for r in nodes} == set(hood.graph.nodes) and len(edges) == hood.graph.number_of_edges()


NEO4J_HEADER = re.compile(r"^(\w+)?(:ID\((\w+)\)|:START_ID\((\w+)\)|:END_ID\((\w+)\)|:LABEL|:TYPE|:(int|long|float|double|boolean|string)(\[\])?)?$")


def test_neo4j_admin_csv_headers_are_valid_and_ids_resolve(hood):
    files = ex.generate_csv_neo4j(hood.graph)
    ids = {}
    for name, data in files.items():
        if not name.endswith(".csv"):
            continue
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        header = rows[0]
        for h in header:
            assert NEO4J_HEADER.match(h), (name, h)
        if name.startswith("nodes_"):
            space = re.match(r"id:ID\((\w+)\)", header[0]).group(1)
            assert header[1] == ":LABEL" and name == f"nodes_{space}.csv"
            ids[space] = {r[0] for r in rows[1:]}
    for name, data in files.items():
        if name.startswith("rels_"):
            rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
            a, b = (re.match(r":(?:START|END)_ID\((\w+)\)", h).group(1) for h in rows[0][:2])
            assert all(r[0] in ids[a] and r[1] in ids[b] for r in rows[1:]), name
    assert "--array-delimiter=';'" in files["import.sh"].decode()


def test_cypher_script_recreates_the_subgraph_in_an_empty_store(hood, empty_store):
    script = ex.generate_cypher(hood.graph)["graph.cypher"].decode("utf-8")
    empty_store.write_plan([(s, {}) for s in ex.statements(script)])
    back = ex.select(empty_store, everything=True).graph
    assert ids_and_edges(back) == ids_and_edges(hood.graph)
    task1 = f"{PLANS['qingyuan']}:task-1"
    assert back.nodes[task1]["text"] == hood.graph.nodes[task1]["text"]  # quotes, newlines, brackets survive


def test_cypher_literals_escape_quotes_and_backslashes():
    assert ex.cypher_literal("a'b\\c\nd") == "'a\\'b\\\\c\\nd'"
    assert ex.cypher_literal(["x", True, None, 1.5]) == "['x', true, null, 1.5]"


def test_json_node_link_and_cytoscape(hood):
    data = json.loads(ex.generate_json(hood.graph)["graph.json"])
    G = nx.node_link_graph(data, edges="links")
    assert ids_and_edges(G) == ids_and_edges(hood.graph)
    cy = json.loads(ex.generate_cytoscape(hood.graph)["cytoscape.json"])
    nodes, edges = cy["elements"]["nodes"], cy["elements"]["edges"]
    assert {n["data"]["id"] for n in nodes} == set(hood.graph.nodes)
    node_ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in node_ids and e["data"]["target"] in node_ids and e["data"]["id"] for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)


def test_bundle_has_manifest_provenance_and_citation(store, hood):
    files = ex.bundle(store, hood, "graphml")
    manifest = json.loads(files["manifest.json"])
    assert manifest["cypher"] and manifest["params"]["node"] == "清远市经济和信息化局"
    assert [p["id"] for p in manifest["plans"]] == [PLANS["qingyuan"]] and len(manifest["plans"][0]["sha256"]) == 64
    assert manifest["counts"] == {"nodes": hood.graph.number_of_nodes(), "relationships": hood.graph.number_of_edges()}
    prov = list(csv.DictReader(io.StringIO(files["provenance.csv"].decode())))
    leads = [r for r in prov if r["relationship"] == "LEADS"]
    assert len(leads) == 10 and all("牵头单位" in r["quote"] and r["plan"] == PLANS["qingyuan"] for r in leads)
    cff = files["CITATION.cff"].decode()
    assert cff.startswith("cff-version: 1.2.0") and "type: dataset" in cff and PLANS["qingyuan"][:8] not in cff[:10]
    z = zipfile.ZipFile(io.BytesIO(ex.to_zip(files)))
    assert set(z.namelist()) == set(files)


def test_plan_export_holds_the_plans_facts(store, seeds):
    sel = ex.select(store, plan=PLANS["zhejiang"])
    rec = seeds["zhejiang"]
    assert sum(k == "LEADS" for *_, k in sel.graph.edges(keys=True)) == sum(r.role == "lead" for r in rec.roles)
    assert sum(k == "INCLUDES" for *_, k in sel.graph.edges(keys=True)) == len(rec.projects)


def test_cli_export_to_a_folder_and_a_zip(tmp_path, monkeypatch, store, capsys):
    monkeypatch.setenv("PLANGRAPH_DB", store.where)
    out = tmp_path / "ranking"
    assert graph_main(["export", "--preset", "neighbourhood", "--param", "node=云计算", "--format", "gexf", "--out", str(out)]) == 0
    assert {"graph.gexf", "manifest.json", "provenance.csv", "CITATION.cff"} <= {p.name for p in out.iterdir()}
    assert graph_main(["export", "--all", "--format", "csv-neo4j", "--out", str(tmp_path / "all.zip")]) == 0
    names = zipfile.ZipFile(tmp_path / "all.zip").namelist()
    assert "nodes_Agency.csv" in names and "rels_LEADS_Agency_Project.csv" in names
    assert graph_main(["export", "--node", "no-such", "--format", "json", "--out", str(tmp_path / "x")]) == 1
    assert "no node" in capsys.readouterr().err
    assert graph_main(["export", "--query", "MATCH (n) DETACH DELETE n", "--format", "json", "--out", str(tmp_path / "y")]) == 1
