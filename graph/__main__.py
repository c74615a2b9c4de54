"""python -m graph query|preset|presets|stats|export|ask|server — a thin CLI over the library.

Errors end in one sentence with a code and exit 1; Ctrl-C ends quietly (exit 130); output
piped into a command that stops early (``| head``) ends quietly too."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import sys

from . import presets as preset_lib
from .errors import GraphError
from .guard import check_read_only, run_user_query
from .store import open_store

STATS_NODES = "MATCH (n) RETURN labels(n)[0] AS label, count(n) AS count ORDER BY label"
STATS_RELS = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS count ORDER BY type"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m graph", description="Query the plan graph (read-only).")
    sub = ap.add_subparsers(dest="cmd", required=True)
    q = sub.add_parser("query", help="run a read-only Cypher query")
    q.add_argument("cypher")
    _output_args(q)
    p = sub.add_parser("preset", help="run a preset from cypher/")
    p.add_argument("name")
    _output_args(p)
    sub.add_parser("presets", help="list the presets and their parameters")
    sub.add_parser("stats", help="counts by label and relationship type")
    e = sub.add_parser("export", help="export a subgraph with its manifest, provenance and CITATION.cff")
    what = e.add_mutually_exclusive_group(required=True)
    what.add_argument("--preset")
    what.add_argument("--query")
    what.add_argument("--node")
    what.add_argument("--plan")
    what.add_argument("--all", action="store_true")
    e.add_argument("--param", action="append", default=[], metavar="NAME=VALUE")
    e.add_argument("--depth", type=int, default=1, choices=[1, 2])
    e.add_argument("--format", required=True, choices=["graphml", "gexf", "csv-gephi", "csv-neo4j", "json", "cytoscape", "cypher", "svg", "pdf", "png"])
    e.add_argument("--out", required=True, help="a folder, or a .zip file")
    e.add_argument("--lang", default="zh", choices=["zh", "en"], help="labels in Chinese (default) or English")
    e.add_argument("--bom", action="store_true", help="UTF-8 with BOM in CSV files, for Excel")
    e.add_argument("--width", default="one", choices=["one", "two"],
                   help="figures (svg, pdf, png): one journal column (8.5 cm, default) or two (17 cm)")
    a = sub.add_parser("ask", help="answer a question in Chinese or English")
    a.add_argument("question")
    a.add_argument("--json", action="store_true", help='print {"question", "understood", "intent", "entities", "cypher", "params", "answer", "rows"}')
    sv = sub.add_parser("server", help="the embedded graph server: status, or stop it for every process")
    sv.add_argument("action", choices=["status", "stop"])
    sv.add_argument("--force", action="store_true", help="stop it even while other processes use it")
    sv.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    try:
        rc = _run(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return rc
    except GraphError as err:
        print(err, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (… | head): stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _output_args(p) -> None:
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a query parameter (repeatable)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")


def parse_params(items: list[str]) -> dict:
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            raise GraphError("G004", item, "parameters are written NAME=VALUE")
        out[name.strip()] = value
    return out


def _run(args) -> int:
    if args.cmd == "presets":
        for p in preset_lib.load_all().values():
            params = ", ".join(f"{x.name}={json.dumps(x.default, ensure_ascii=False)}" for x in p.params)
            print(f"{p.name:<26} {p.title_en} | {p.title_zh}" + (f"\n{'':<26} params: {params}" if params else ""))
        return 0
    if args.cmd == "server":
        return _server(args)
    if args.cmd == "query" or (args.cmd == "export" and args.query):
        check_read_only(args.cypher if args.cmd == "query" else args.query)  # before any server starts
    store = open_store()
    try:
        if args.cmd == "ask":
            return _ask(store, args)
        if args.cmd == "export":
            return _export(store, args)
        if args.cmd == "stats":
            from loaders.__main__ import print_table

            nodes, rels = store.query(STATS_NODES), store.query(STATS_RELS)
            print_table(["label", "count"], [[r["label"], r["count"]] for r in nodes])
            print()
            print_table(["relationship", "count"], [[r["type"], r["count"]] for r in rels])
            return 0
        params = parse_params(args.param)
        if args.cmd == "query":
            # CLI values arrive as text; numbers are passed as numbers.
            rows = run_user_query(store, args.cypher, {k: _number_or_text(v) for k, v in params.items()})
        else:
            rows = preset_lib.run(store, args.name, params)
        _print_rows(rows, args)
        return 0
    finally:
        store.close()


def _server(args) -> int:
    from .launcher import EmbeddedServer

    server = EmbeddedServer()
    if args.action == "stop":
        pid = server.shutdown(force=args.force)
        print(f"stopped the graph server (pid {pid}) of {server.folder}" if pid else f"no graph server runs for {server.folder}")
        return 0
    st = server.status()
    if args.json:
        json.dump(st, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not st["pid"]:
        print(f"no graph server runs for {st['folder']}")
    else:
        state = "answering" if st["answering"] else "NOT answering (stop it with: python -m graph server stop --force)"
        print(f"graph server pid {st['pid']} for {st['folder']}: {state}")
        if st["answering"]:
            print(f"  up {st['uptime_s']} s, {st['memory_mb']} MB in memory, append-only file {st['aof_mb']} MB")
    for u in st["users"]:
        print(f"  used by pid {u.get('pid')}: {u.get('command', '?')}")
    return 0


def _export(store, args) -> int:
    from . import export

    params = parse_params(args.param)
    if args.query:
        params = {k: _number_or_text(v) for k, v in params.items()}
    sel = export.select(store, preset=args.preset, params=params, query=args.query, node=args.node, depth=args.depth,
                        plan=args.plan, everything=args.all)
    out = export.write(export.bundle(store, sel, args.format, args.lang, args.bom, width=args.width), args.out)
    print(f"{sel.what}: {sel.graph.number_of_nodes()} nodes, {sel.graph.number_of_edges()} relationships → {out}")
    return 0


def _ask(store, args) -> int:
    from .ask import Asker

    a = Asker(store).ask(args.question)
    if args.json:
        json.dump(a.to_json(), sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
        return 0
    print(a.answer)
    if a.understood:
        print(a.interpretation)
        if a.suggestions:
            print("other candidates: " + " | ".join(a.suggestions))
        print(f"\n{a.cypher}\nparams: {json.dumps(a.params, ensure_ascii=False)}\n")
        _print_rows(a.rows, argparse.Namespace(json=False, csv=False))
    else:
        if a.closest:
            print("closest: " + ", ".join(a.closest))
        print("try: " + " | ".join(a.suggestions))
        for p in a.passages:
            print(f"  [{p['plan']} · {p['section']}] …{p['quote']}…")
    return 0


def _number_or_text(v: str):
    try:
        return int(v)
    except ValueError:
        try:
            return float(v)
        except ValueError:
            return v


def _print_rows(rows: list[dict], args) -> None:
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
        return
    cols = list(rows[0]) if rows else []
    if args.csv:
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        w.writerows([[_cell(r[c]) for c in cols] for r in rows])
        return
    from loaders.__main__ import print_table

    print_table(cols, [[_cell(r[c]) for c in cols] for r in rows])
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def _cell(v) -> str:
    from .elements import cell  # networkx: imported only when a table is printed
    v = cell(v, node=lambda n: f"({':'.join(n['labels'])} {n['id']})", path_sep=" - ")
    return "" if v is None else str(v)


if __name__ == "__main__":
    sys.exit(main())
