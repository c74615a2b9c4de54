"""Search latency: ``python -m graph ask`` from a cold start (a new process each run, the graph
server already up), and the answer time of a warm ``Asker`` over the question suites.

    .venv/bin/python bench/ask_cold.py [--runs 5] [--db FOLDER]

The graph holds the five seeds and the five development-corpus plans of the blind suite. The
first run after a graph change builds the search cache (dictionary and task index) and is
reported apart. Goals: cold start < 1.5 s, answer < 300 ms. Writes bench/results/ask_cold.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = ["三网融合谁牵头?", "Who leads the smart logistics task in Zhejiang?", "浙江省经信委牵头哪些任务?",
             "浙江省经信委和安徽省经信委谁牵头的任务多?", "2030年的信息化目标是什么"]


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def cold_runs(db: str, runs: int) -> dict:
    env = {**os.environ, "PLANGRAPH_DB": db}
    times = []
    for _ in range(runs):
        for q in QUESTIONS:
            t = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "graph", "ask", q], cwd=ROOT, env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            if done.returncode:
                raise SystemExit(done.stderr)
    first, times = times[0], times[1:]
    return {"first_s": first, "median_s": statistics.median(times), "p95_s": percentile(times, 0.95), "max_s": max(times),
            "runs": len(times)}


def warm_answers(store) -> dict:
    from graph.ask import Asker

    t = time.perf_counter()
    asker = Asker(store)
    ready = time.perf_counter() - t
    qs = []
    for name in ("questions.json", "questions_holdout.json", "questions_blind.json"):
        qs += [q["q"] for q in json.loads((ROOT / "tests" / name).read_text(encoding="utf-8"))]
    asker.ask("预热 warm-up")
    ms = sorted(asker.ask(q).ms for q in qs)
    return {"questions": len(ms), "asker_ready_s": ready, "median_ms": statistics.median(ms), "p95_ms": percentile(ms, 0.95),
            "max_ms": ms[-1]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--db", help="a store folder that already holds the plans (default: build them into a temporary one)")
    args = ap.parse_args()
    from graph.build import build, default_paths
    from graph.store import open_store
    from tests.blind_scoring import SCORED_PLANS

    db = args.db or tempfile.mkdtemp(prefix="ask-cold-")
    store = open_store(db)
    if not args.db:
        paths = default_paths() + [ROOT / "tests" / "corpus" / "plans" / f"{p}.txt" for p in SCORED_PLANS]
        assert build(store, paths).ok
    plans = store.query("MATCH (p:Plan) RETURN count(p) AS n")[0]["n"]
    projects = store.query("MATCH (p:Project) RETURN count(p) AS n")[0]["n"]
    result = {"plans": plans, "projects": projects, "cold": cold_runs(db, args.runs), "warm": warm_answers(store)}
    try:
        result["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        result["commit"] = ""
    store.close()
    c, w = result["cold"], result["warm"]
    print(f"graph: {plans} plans, {projects} tasks (commit {result['commit']})")
    print(f"python -m graph ask, cold: first {c['first_s']:.2f} s (builds the cache), then median {c['median_s']:.2f} s, "
          f"p95 {c['p95_s']:.2f} s, max {c['max_s']:.2f} s over {c['runs']} runs")
    print(f"warm answers: {w['questions']} questions, median {w['median_ms']:.1f} ms, p95 {w['p95_ms']:.1f} ms, "
          f"max {w['max_ms']:.1f} ms (Asker ready in {w['asker_ready_s']:.2f} s)")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "ask_cold.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
