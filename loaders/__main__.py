"""python -m loaders extract FILE [--json] | build [PATH ...]"""

from __future__ import annotations

import argparse
import json
import sys

from .errors import LoaderError
from .pipeline import extract_plan


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m loaders", description="Read plans into records, or load them into the graph.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract", help="print one plan's records without touching any store")
    ex.add_argument("file")
    ex.add_argument("--json", action="store_true", help="print the records as JSON (default: a short summary)")
    bd = sub.add_parser("build", help="load plans (default: all of data/plans) into the configured store")
    bd.add_argument("paths", nargs="*")
    args = ap.parse_args(argv)
    try:
        if args.cmd == "extract":
            return _extract(args)
        return _build(args)
    except LoaderError as err:
        print(err, file=sys.stderr)
        return 1


def _extract(args) -> int:
    rec = extract_plan(args.file)
    if args.json:
        json.dump(rec.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    from graph.build import plan_summary

    for k, v in plan_summary(rec).items():
        print(f"{k:>14}  {v}")
    for w in rec.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return 0


def _build(args) -> int:
    from graph.build import build
    from graph.errors import GraphError
    from graph.store import open_store

    def progress(n, total, name):
        bar = "#" * (20 * n // total)
        print(f"\r[{bar:<20}] {n}/{total} {name[:50]:<50}", end="", file=sys.stderr, flush=True)

    try:
        store = open_store()
        summary = build(store, args.paths or None, progress)
    except GraphError as err:
        print(f"\n{err}", file=sys.stderr)
        return 1
    print(file=sys.stderr)
    cols = ["plan", "projects", "agencies", "leads", "supports", "indicators", "technologies", "warnings"]
    print_table(cols, [[row[c] for c in cols] for row in summary.plans])
    print(f"{len(summary.plans)} plan(s) loaded into {store.backend} in {summary.seconds:.2f} s")
    for w in summary.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in summary.errors:
        print(f"error: {e}", file=sys.stderr)
    store.close()
    return 0 if summary.ok else 1


def print_table(cols: list[str], rows: list[list]) -> None:
    widths = [max(len(str(c)), *(len(str(r[i])) for r in rows)) if rows else len(str(c)) for i, c in enumerate(cols)]
    print("  ".join(str(c).ljust(w) for c, w in zip(cols, widths, strict=True)))
    for r in rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)))


if __name__ == "__main__":
    sys.exit(main())
