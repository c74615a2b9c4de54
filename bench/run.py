"""Benchmarks: python bench/run.py [--quick] [--out bench/results/latest.json]

Reports, never fails on timings. Library calls only; records the input size and commit.
Today: loader time for the seeds (after imports) against a read+segment floor, build
time into a fresh embedded store, and p50/p95 latency of every preset.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import presets  # noqa: E402
from graph.build import build, default_paths  # noqa: E402
from graph.store import open_store  # noqa: E402
from loaders import extract_plan  # noqa: E402
from loaders.nlp import pipeline  # noqa: E402
from loaders.read import read_source  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def floor_pass(paths) -> None:
    """Read and segment with jieba only: the least any loader must do."""
    nlp = pipeline()
    for p in paths:
        list(nlp.tokenizer(read_source(p).norm))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (CI)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"))
    args = ap.parse_args()
    n = 3 if args.quick else 10
    paths = default_paths()
    size = sum(p.stat().st_size for p in paths)
    pipeline()  # imports and pipeline construction are not part of the loader's time
    load = timed(lambda: [extract_plan(p) for p in paths], n)
    floor = timed(lambda: floor_pass(paths), n)
    results = {
        "machine": f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}".strip(),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip(),
        "seeds": {"plans": len(paths), "bytes": size},
        "load_seconds_median": statistics.median(load),
        "floor_seconds_median": statistics.median(floor),
        "load_over_floor": statistics.median(load) / statistics.median(floor),
    }
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "db"))
        results["build_seconds"] = [round(build(store, paths).seconds, 3) for _ in range(2)]
        lat = {}
        for name in presets.load_all():
            times = sorted(timed(lambda name=name: presets.run(store, name), max(n * 3, 10)))
            lat[name] = {"p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))]}
        results["presets"] = lat
        from graph.ask import Asker

        questions = json.loads((ROOT / "tests" / "questions.json").read_text(encoding="utf-8"))
        asker = Asker(store)
        asker.ask("预热 warm-up")
        ask_ms = sorted(asker.ask(q["q"]).ms for q in questions)
        results["ask"] = {"questions": len(ask_ms), "median_ms": statistics.median(ask_ms), "p95_ms": ask_ms[int(0.95 * (len(ask_ms) - 1))], "max_ms": ask_ms[-1]}
        store.close()
    print(f"machine: {results['machine']}  commit {results['commit']}")
    print(f"seeds: {len(paths)} plans, {size:,} bytes")
    print(f"load (after imports): median {results['load_seconds_median']:.3f} s; read+segment floor {results['floor_seconds_median']:.3f} s; ratio {results['load_over_floor']:.2f}")
    print(f"build into a fresh store (first, second run): {results['build_seconds']} s")
    print(f"{'preset':<26} {'p50 ms':>8} {'p95 ms':>8}")
    for k, v in lat.items():
        print(f"{k:<26} {v['p50_ms']:8.1f} {v['p95_ms']:8.1f}")
    a = results["ask"]
    print(f"ask: {a['questions']} questions, median {a['median_ms']:.1f} ms, p95 {a['p95_ms']:.1f} ms, max {a['max_ms']:.1f} ms")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
