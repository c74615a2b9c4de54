"""python -m loaders extract FILE [--json] | check FILE | build [PATH ...] | remove PLAN_ID | score FOLDER"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import LoaderError
from .pipeline import extract_plan


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m loaders", description="Read plans into records, or load them into the graph.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract", help="print one plan's records without touching any store")
    ex.add_argument("file")
    ex.add_argument("--json", action="store_true", help="print the records as JSON (default: a short summary)")
    ck = sub.add_parser("check", help="read one plan and say how much of it was read (tasks, roles, passages not read)")
    ck.add_argument("file")
    ck.add_argument("--jurisdiction", help="e.g. 江西省 or 杭州市, when the text does not say")
    ck.add_argument("--province", help="the province of a city's plan")
    bd = sub.add_parser("build", help="load plans (default: all of data/plans) into the configured store")
    bd.add_argument("paths", nargs="*", help="files (.txt in any encoding, .docx, .pdf with a text layer, .html) or folders of them")
    bd.add_argument("--report", action="store_true", help="print each plan's extraction report")
    bd.add_argument("--replace", action="store_true", help="load a file even when its plan id is another file's plan (that plan is replaced)")
    bd.add_argument("--jurisdiction", help="e.g. 江西省 or 杭州市, when the text does not say")
    bd.add_argument("--province", help="the province of a city's plan")
    bd.add_argument("--title")
    bd.add_argument("--year", type=int, help="year the plan was issued")
    sc = sub.add_parser("score", help="score role extraction against a hand annotation (plans/<id>.txt + gold/<id>.csv)")
    sc.add_argument("folder", help="a corpus folder, e.g. tests/corpus")
    sc.add_argument("--plans", action="store_true", help="one line per plan")
    sc.add_argument("--errors", action="store_true", help="list every missed and extra role")
    sc.add_argument("--real", action="store_true", help="only plans whose meta/<id>.toml does not say made_up = true")
    rm = sub.add_parser("remove", help="remove a plan's facts (agencies other plans use stay)")
    rm.add_argument("plan_id")
    args = ap.parse_args(argv)
    try:
        if args.cmd == "extract":
            code = _extract(args)
        elif args.cmd == "check":
            code = _check(args)
        elif args.cmd == "remove":
            code = _remove(args)
        elif args.cmd == "score":
            code = _score(args)
        else:
            code = _build(args)
        sys.stdout.flush()
        return code
    except LoaderError as err:
        print(err, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of our output went away (| head): end quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


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


def _check(args) -> int:
    from .report import format_report

    overrides = {k: v for k, v in {"jurisdiction": args.jurisdiction, "province": args.province}.items() if v}
    print(format_report(extract_plan(args.file, overrides or None)))
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
        overrides = {k: v for k, v in {"jurisdiction": args.jurisdiction, "province": args.province, "title": args.title,
                                        "issued": str(args.year) if args.year else None}.items() if v}
        paths = plan_files(args.paths) if args.paths else None
        if paths == []:
            print(f"no plan files (.txt, .docx, .pdf, .html) under {' '.join(args.paths)}", file=sys.stderr)
            return 1
        summary = build(store, paths, progress, overrides or None, replace=args.replace)
    except GraphError as err:
        print(f"\n{err}", file=sys.stderr)
        return 1
    print(file=sys.stderr)
    cols = ["plan", "projects", "tasks_with_lead", "leads", "supports", "not_read", "agencies", "indicators", "warnings"]
    print_table(cols, [[row[c] for c in cols] for row in summary.plans])
    print(f"{len(summary.plans)} plan(s) loaded into {store.backend} in {summary.seconds:.2f} s")
    if args.report:
        for text in summary.reports:
            print()
            print(text)
    for w in summary.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in summary.errors:
        print(f"error: {e}", file=sys.stderr)
    store.close()
    return 0 if summary.ok else 1


def _score(args) -> int:
    from .evaluate import score_corpus

    only = None
    if args.real:
        import tomllib

        metas = Path(args.folder, "meta").glob("*.toml")
        only = [m.stem for m in metas if not tomllib.loads(m.read_text(encoding="utf-8")).get("made_up")]
    total, per_plan = score_corpus(args.folder, only=only)
    if args.plans:
        rows = [[k, s.tp, s.fp, s.fn, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"] for k, s in per_plan.items()]
        print_table(["plan", "tp", "fp", "fn", "precision", "recall", "f1"], rows)
        print()
    conv = sorted(total.by_convention.items(), key=lambda kv: (len(kv[0]), kv[0]))
    print_table(["convention", "found", "annotated", "recall"], [[k, a, b, f"{a / b:.3f}"] for k, (a, b) in conv])
    print()
    print(f"{len(per_plan)} plans, {total.tp + total.fn} annotated roles: precision {total.precision:.3f}, "
          f"recall {total.recall:.3f}, F1 {total.f1:.3f}")
    if args.errors:
        for m in total.missed:
            print("missed", *m, sep="\t")
        for x in total.extra:
            print("extra ", *x, sep="\t")
    return 0


def _remove(args) -> int:
    from graph.build import remove_plan
    from graph.errors import GraphError
    from graph.store import open_store

    try:
        store = open_store()
        found = store.query("MATCH (p:Plan {id: $id}) RETURN p.id AS id", {"id": args.plan_id})
        if not found:
            print(f"no plan with id {args.plan_id!r}", file=sys.stderr)
            return 1
        remove_plan(store, args.plan_id)
    except GraphError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"removed {args.plan_id}")
    store.close()
    return 0


def plan_files(paths: list[str]) -> list[Path]:
    """Files as given, and every plan file under a folder (sorted, hidden files skipped)."""
    from .formats import SUFFIXES

    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                          and not any(part.startswith(".") for part in f.relative_to(p).parts))
        else:
            out.append(p)
    return out


def print_table(cols: list[str], rows: list[list]) -> None:
    widths = [max(len(str(c)), *(len(str(r[i])) for r in rows)) if rows else len(str(c)) for i, c in enumerate(cols)]
    print("  ".join(str(c).ljust(w) for c, w in zip(cols, widths, strict=True)))
    for r in rows:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)))


if __name__ == "__main__":
    sys.exit(main())
