"""Exports for papers: a subgraph in the format analysts use, with a manifest, a provenance
table and a CITATION.cff, as a zip (app) or a folder (CLI).

Formats are written by networkx or by the format's own conventions:

======================  =====================================================================
graphml, gexf           networkx writers; node ``label`` (display name) and ``type`` (label)
csv-gephi               nodes.csv (Id, Label, type, …), edges.csv (Source, Target, Type, Weight, Label, …)
csv-neo4j               neo4j-admin import: nodes_<Label>.csv (id:ID(<Label>), :LABEL, typed
                        properties) and rels_<TYPE>_<From>_<To>.csv (:START_ID(<From>), :END_ID(<To>), :TYPE)
json                    networkx node-link
cytoscape               Cytoscape.js elements (networkx ``cytoscape_data``)
cypher                  a script of MERGE statements that recreates the subgraph in an empty Neo4j
svg, pdf, png           a figure for papers at one or two columns' width (graph/figures.py), CJK
                        font embedded in PDF (TrueType/Type 42 subset), SVG text as paths
======================  =====================================================================

Lists (aliases) are joined with "|" in GraphML, GEXF and Gephi CSV, and are string arrays
(";"-separated) in the neo4j-admin CSV.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import networkx as nx

from . import figures, presets
from .elements import display_name, graph_from_rows
from .errors import GraphError
from .guard import run_user_query
from .launcher import TIMEOUT_MAX_MS

FORMATS = ("graphml", "gexf", "csv-gephi", "csv-neo4j", "json", "cytoscape", "cypher", "svg", "pdf", "png")
FIGURE_FORMATS = ("svg", "pdf", "png")
WIDTHS = tuple(figures.WIDTHS_CM)  # one or two journal columns
VERSION = "0.1.0"

_PLAN_QUERIES = [
    "MATCH p = (x)-[:ISSUED]->(pl:Plan {id: $plan}) RETURN p",
    "MATCH p = (pl:Plan {id: $plan})-[:INCLUDES]->(:Project) RETURN p",
    "MATCH p = (:Plan {id: $plan})-[:INCLUDES]->(:Project)<-[r:LEADS]-(:Agency) RETURN p",
    "MATCH p = (:Plan {id: $plan})-[:INCLUDES]->(:Project)<-[r:SUPPORTS]-(:Agency) RETURN p",
    "MATCH p = (:Plan {id: $plan})-[:INCLUDES]->(:Project)-[:INVOLVES]->(:Technology) RETURN p",
    "MATCH p = (:Plan {id: $plan})-[:INCLUDES]->(:Project)-[:TARGETS]->(:Indicator) RETURN p",
    "MATCH p = (:Plan {id: $plan})-[:TARGETS]->(:Indicator) RETURN p",
]
_ALL_QUERIES = ["MATCH (n) RETURN n", "MATCH (a)-[r]->(b) RETURN r"]


@dataclass
class Selection:
    """What is exported: the subgraph and how it was obtained."""

    graph: nx.MultiDiGraph
    what: str
    cypher: list[str]
    params: dict = field(default_factory=dict)
    filters: dict = field(default_factory=dict)


# ---------------------------------------------------------------- selecting


def select(store, *, preset: str | None = None, params: dict | None = None, query: str | None = None,
           node: str | None = None, depth: int = 1, plan: str | None = None, everything: bool = False,
           what: str | None = None, filters: dict | None = None) -> Selection:
    """Exactly one of preset / query / node / plan / everything says what to export."""
    params = dict(params or {})
    chosen = [x for x in (preset, query, node, plan, everything or None) if x]
    if len(chosen) != 1:
        raise GraphError("G004", "export", "say what to export: one of --preset, --query, --node, --plan or --all")
    if preset:
        p = presets.get(preset)
        bound = p.bind(params)
        data = presets.run(store, preset, params)
        return Selection(graph_from_rows(data), what or f"preset {preset}", [p.cypher], bound, filters or {})
    if query:
        # a user's Cypher: the guard, a user-query slot, the engine's row cap and time limit
        return Selection(graph_from_rows(run_user_query(store, query, params)), what or "query", [query], params, filters or {})
    if node:
        p = presets.get("neighbourhood")
        bound = p.bind({"node": node, "depth": depth, "limit": 5000})
        data = presets.run(store, "neighbourhood", bound)
        if not data:
            exists = store.query("MATCH (n {id: $id}) RETURN n", {"id": node})
            if not exists:
                raise GraphError("G004", "export", f"no node with id {node!r}")
            data = exists
        return Selection(graph_from_rows(data), what or f"neighbourhood of {node} (depth {depth})", [p.cypher], bound, filters or {})
    if plan:
        rows_ = [r for q in _PLAN_QUERIES for r in store.query(q, {"plan": plan}, limit=1_000_000)]
        if not rows_:
            raise GraphError("G004", "export", f"no plan with id {plan!r}")
        return Selection(graph_from_rows(rows_), what or f"plan {plan}", _PLAN_QUERIES, {"plan": plan}, filters or {})
    # The whole graph is one long read: the engine's longest time limit, not the interactive one.
    rows_ = [r for q in _ALL_QUERIES for r in store.query(q, limit=10_000_000, timeout_ms=TIMEOUT_MAX_MS)]
    return Selection(graph_from_rows(rows_), what or "the whole graph", _ALL_QUERIES, {}, filters or {})


# ---------------------------------------------------------------- flat attributes


def _scalar(v):
    if isinstance(v, (list, tuple)):
        return "|".join(str(x) for x in v)
    return v


def flat(G: nx.MultiDiGraph, lang: str = "zh") -> nx.MultiDiGraph:
    """Only scalar attributes (lists joined), a display ``label`` and the node ``type``."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        labels = d.get("labels") or ["Node"]
        attrs = {k: _scalar(v) for k, v in d.items() if v is not None and k not in ("labels", "label", "type")}
        if d.get("type") is not None:
            attrs["agency_type"] = d["type"]  # "type" is the node's label in Gephi's sense
        if "label" in d and d.get("label") is not None:
            attrs["marker"] = d["label"]  # a project's printed number ("12.") would clash with Label
        H.add_node(n, label=display_name(d, n, lang), type=labels[0], **attrs)
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs = {x: _scalar(y) for x, y in d.items() if y is not None and x not in ("type", "label")}
        H.add_edge(u, v, key=k, label=k, type=k, **attrs)
    return H


# ---------------------------------------------------------------- writers (each returns {filename: bytes})


def generate_graphml(G, lang="zh") -> dict[str, bytes]:
    return {"graph.graphml": "\n".join(nx.generate_graphml(flat(G, lang))).encode("utf-8")}


def generate_gexf(G, lang="zh") -> dict[str, bytes]:
    return {"graph.gexf": "\n".join(nx.generate_gexf(flat(G, lang))).encode("utf-8")}


def _csv(rows: list[list], bom: bool) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def generate_csv_gephi(G, lang="zh", bom=False) -> dict[str, bytes]:
    H = flat(G, lang)
    nkeys = sorted({k for _, d in H.nodes(data=True) for k in d} - {"label", "type"})
    nodes = [["Id", "Label", "type", *nkeys]] + [[n, d["label"], d["type"], *[d.get(k, "") for k in nkeys]] for n, d in H.nodes(data=True)]
    ekeys = sorted({k for *_, d in H.edges(keys=True, data=True) for k in d} - {"label", "type", "weight"})
    edges = [["Source", "Target", "Type", "Weight", "Label", *ekeys]] + [
        [u, v, "Directed", d.get("weight", 1), k, *[d.get(x, "") for x in ekeys]] for u, v, k, d in H.edges(keys=True, data=True)]
    return {"nodes.csv": _csv(nodes, bom), "edges.csv": _csv(edges, bom)}


def _neo4j_type(values: list) -> str:
    vals = [v for v in values if v is not None]
    if vals and all(isinstance(v, bool) for v in vals):
        return ":boolean"
    if vals and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        return ":long"
    if vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        return ":double"
    if vals and all(isinstance(v, list) for v in vals):
        return ":string[]"
    return ""


def _neo4j_cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(str(x) for x in v)
    return str(v)


def generate_csv_neo4j(G, lang="zh", bom=False) -> dict[str, bytes]:
    """neo4j-admin database import files, one ID space per label."""
    out: dict[str, bytes] = {}
    label_of = {n: (d.get("labels") or ["Node"])[0] for n, d in G.nodes(data=True)}
    for label in sorted(set(label_of.values())):
        members = [(n, d) for n, d in G.nodes(data=True) if label_of[n] == label]
        keys = sorted({k for _, d in members for k in d if k not in ("labels", "id")})
        header = [f"id:ID({label})", ":LABEL", *[k + _neo4j_type([d.get(k) for _, d in members]) for k in keys]]
        rows = [[n, label, *[_neo4j_cell(d.get(k)) for k in keys]] for n, d in members]
        out[f"nodes_{label}.csv"] = _csv([header, *rows], bom)
    groups: dict[tuple[str, str, str], list] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        groups.setdefault((k, label_of[u], label_of[v]), []).append((u, v, d))
    for (rel, a, b), edges in sorted(groups.items()):
        keys = sorted({x for *_, d in edges for x in d if x != "type"})
        header = [f":START_ID({a})", f":END_ID({b})", ":TYPE", *[x + _neo4j_type([d.get(x) for *_, d in edges]) for x in keys]]
        rows = [[u, v, rel, *[_neo4j_cell(d.get(x)) for x in keys]] for u, v, d in edges]
        out[f"rels_{rel}_{a}_{b}.csv"] = _csv([header, *rows], bom)
    ids = " ".join(f"--nodes={f}" for f in out if f.startswith("nodes_"))
    rels = " ".join(f"--relationships={f}" for f in out if f.startswith("rels_"))
    out["import.sh"] = (f"#!/bin/sh\n# Into an empty, stopped database:\nneo4j-admin database import full {ids} {rels} "
                        "--array-delimiter=';' neo4j\n").encode()
    return out


def generate_json(G, lang="zh") -> dict[str, bytes]:
    data = nx.node_link_data(G, edges="links")
    return {"graph.json": json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")}


def generate_cytoscape(G, lang="zh") -> dict[str, bytes]:
    H = flat(G, lang)
    data = nx.cytoscape_data(H, name="label", ident="id")
    for e in data["elements"]["edges"]:
        e["data"]["id"] = f"{e['data']['source']}|{e['data'].get('key', e['data'].get('type'))}|{e['data']['target']}"
    return {"cytoscape.json": json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8")}


def cypher_literal(v) -> str:
    """A Cypher literal; strings single-quoted with backslash escapes (Neo4j and FalkorDB read them alike)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(cypher_literal(x) for x in v) + "]"
    s = str(v).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f"'{s}'"


def _map(d: dict) -> str:
    return "{" + ", ".join(f"`{k}`: {cypher_literal(v)}" for k, v in d.items() if v is not None) + "}"


def _ident(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise GraphError("G004", "export", f"label or type {name!r} cannot be written as Cypher")
    return name


def generate_cypher(G, lang="zh") -> dict[str, bytes]:
    label_of = {n: (d.get("labels") or ["Node"])[0] for n, d in G.nodes(data=True)}
    lines = ["// PlanGraph export: recreates the subgraph in an empty Neo4j (cypher-shell -f graph.cypher).",
             "// One statement per line. In Neo4j, create the uniqueness constraints first:"]
    lines += [f"// CREATE CONSTRAINT {lb.lower()}_id IF NOT EXISTS FOR (n:{lb}) REQUIRE n.id IS UNIQUE;" for lb in sorted(set(label_of.values()))]
    for n, d in G.nodes(data=True):
        props = {k: v for k, v in d.items() if k not in ("labels", "id")}
        lines.append(f"MERGE (n:{_ident(label_of[n])} {{id: {cypher_literal(n)}}}) SET n += {_map(props)};")
    for u, v, k, d in G.edges(keys=True, data=True):
        props = {x: y for x, y in d.items() if x != "type"}
        lines.append(f"MATCH (a:{_ident(label_of[u])} {{id: {cypher_literal(u)}}}), (b:{_ident(label_of[v])} {{id: {cypher_literal(v)}}}) "
                     f"MERGE (a)-[r:{_ident(k)}]->(b) SET r += {_map(props)};")
    return {"graph.cypher": ("\n".join(lines) + "\n").encode("utf-8")}


def statements(script: str) -> list[str]:
    """The statements of a generated Cypher script (comments dropped)."""
    return [ln.rstrip().rstrip(";") for ln in script.splitlines() if ln.strip() and not ln.lstrip().startswith("//")]


# ---------------------------------------------------------------- bundle


def data_files(sel: Selection, fmt: str, lang: str = "zh", bom: bool = False, width: str = "one") -> dict[str, bytes]:
    """The export's data files; ``width`` ("one" or "two" columns) applies to figures only."""
    G = sel.graph
    if fmt == "graphml":
        return generate_graphml(G, lang)
    if fmt == "gexf":
        return generate_gexf(G, lang)
    if fmt == "csv-gephi":
        return generate_csv_gephi(G, lang, bom)
    if fmt == "csv-neo4j":
        return generate_csv_neo4j(G, lang, bom)
    if fmt == "json":
        return generate_json(G, lang)
    if fmt == "cytoscape":
        return generate_cytoscape(G, lang)
    if fmt == "cypher":
        return generate_cypher(G, lang)
    if fmt in FIGURE_FORMATS:
        return {f"figure.{fmt}": figures.figure_for(sel, fmt, lang, width)}
    raise GraphError("G004", "export", f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def provenance(store, G) -> list[dict]:
    """Each LEADS / SUPPORTS / TARGETS edge with its plan, section and the quote it was read from."""
    projects = [v for u, v, k in G.edges(keys=True) if k in ("LEADS", "SUPPORTS")] + [u for u, v, k in G.edges(keys=True) if k == "TARGETS"]
    info = {r["id"]: r for r in store.query("MATCH (p:Project) WHERE p.id IN $ids RETURN p.id AS id, p.section AS section, p.plan AS plan",
                                           {"ids": sorted(set(projects))}, limit=1_000_000)} if projects else {}
    indicators = [v for u, v, k in G.edges(keys=True) if k == "TARGETS"]
    quotes = {r["id"]: r for r in store.query("MATCH (i:Indicator) WHERE i.id IN $ids RETURN i.id AS id, i.quote AS quote, i.plan AS plan",
                                             {"ids": sorted(set(indicators))}, limit=1_000_000)} if indicators else {}
    rows = []
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in ("LEADS", "SUPPORTS"):
            p = info.get(v, {})
            rows.append({"relationship": k, "from": u, "to": v, "plan": d.get("plan") or p.get("plan"), "section": p.get("section"),
                         "basis": d.get("basis"), "words": d.get("surface"), "quote": d.get("evidence")})
        elif k == "TARGETS":
            q = quotes.get(v, {})
            rows.append({"relationship": k, "from": u, "to": v, "plan": q.get("plan"), "section": info.get(u, {}).get("section"),
                         "basis": "", "words": "", "quote": q.get("quote")})
    return rows


def _plans(store, G) -> list[dict]:
    ids = {d.get("plan") for _, d in G.nodes(data=True) if d.get("plan")} | {n for n, d in G.nodes(data=True) if "Plan" in (d.get("labels") or [])}
    ids |= {d.get("plan") for *_, d in G.edges(keys=True, data=True) if d.get("plan")}
    rows = store.query("MATCH (p:Plan) RETURN p.id AS id, p.title AS title, p.issuer AS issuer, p.issued AS issued, "
                       "p.source_file AS source_file, p.sha256 AS sha256 ORDER BY id", limit=100_000)
    return [r for r in rows if r["id"] in ids] or rows


def _versions() -> dict:
    out = {"plangraph": VERSION}
    for pkg in ("networkx", "falkordb", "spacy", "matplotlib"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            out[pkg] = metadata.version(pkg)
    return out


def citation(plans: list[dict], when: dt.datetime) -> str:
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this export, please cite the PlanGraph dataset and the source plans listed below."',
        'title: "PlanGraph (规划图谱): a knowledge graph of Chinese government informatization plans (export)"',
        "type: dataset",
        "authors:",
        '  - name: "PlanGraph contributors"',
        f'version: "{VERSION}"',
        f"date-released: {when.date().isoformat()}",
        "keywords:",
        '  - "informatization"',
        '  - "government plans"',
        '  - "knowledge graph"',
        "references:",
    ]
    for p in plans:
        lines += [
            "  - type: report",
            f"    title: {json.dumps(p['title'], ensure_ascii=False)}",
            "    authors:",
            f"      - name: {json.dumps(p.get('issuer') or 'unknown', ensure_ascii=False)}",
            f"    notes: {json.dumps('source file ' + str(p['source_file']) + ', sha256 ' + str(p['sha256']), ensure_ascii=False)}",
        ]
        if p.get("issued") and re.match(r"\d{4}", str(p["issued"])):
            lines.append(f"    year: {str(p['issued'])[:4]}")
    return "\n".join(lines) + "\n"


def bundle(store, sel: Selection, fmt: str, lang: str = "zh", bom: bool = False, when: dt.datetime | None = None,
           width: str = "one") -> dict[str, bytes]:
    """Every file of an export: the data, manifest.json, provenance.csv and CITATION.cff."""
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    files = data_files(sel, fmt, lang, bom, width)
    plans = _plans(store, sel.graph)
    prov = provenance(store, sel.graph)
    cols = ["relationship", "from", "to", "plan", "section", "basis", "words", "quote"]
    files["provenance.csv"] = _csv([cols, *[[r[c] if r[c] is not None else "" for c in cols] for r in prov]], bom)
    files["CITATION.cff"] = citation(plans, when).encode("utf-8")
    manifest = {
        "exported": sel.what, "format": fmt, "language": lang, "files": sorted(files) + ["manifest.json"],
        "cypher": sel.cypher, "params": sel.params, "filters": sel.filters, "time": when.isoformat(),
        "software": _versions(), "counts": {"nodes": sel.graph.number_of_nodes(), "relationships": sel.graph.number_of_edges()},
        "plans": plans,
    }
    if fmt in FIGURE_FORMATS:
        manifest["figure_width_cm"] = figures.WIDTHS_CM[width]
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    return files


def to_zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in sorted(files.items()):
            z.writestr(name, data)
    return buf.getvalue()


def write(files: dict[str, bytes], out: str | Path) -> Path:
    """A folder of files, or a zip when ``out`` ends in .zip."""
    out = Path(out)
    if out.suffix == ".zip":
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(to_zip(files))
        return out
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
    return out
