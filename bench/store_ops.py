"""The embedded store's own costs: python bench/store_ops.py [--plans 200]

- one plan loaded and removed again, on a graph of the seeds and on a graph of N plans: a write
  costs what the plan costs, not what the graph holds;
- the append-only file after N plans, a clean stop (it is compacted first), a cold start that
  finds the compacted file, and a start after the server was killed (it replays the tail);
- a whole build of N plans.
Library calls only; prints one table.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402
from graph.build import build, default_paths, remove_plan  # noqa: E402
from graph.store import open_store  # noqa: E402


def cycle_ms(store, path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        build(store, [path])
        remove_plan(store, path.stem)
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


def started_in(folder: Path) -> float:
    t = time.perf_counter()
    s = open_store(str(folder))
    s.query("MATCH (p:Plan) RETURN count(p) AS n")
    took = time.perf_counter() - t
    s.close()
    return took


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--plans", type=int, default=200)
    args = ap.parse_args()
    seeds = default_paths()
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        corpus = generate(seeds, args.plans - len(seeds), tmp / "corpus")
        extra = generate(seeds, 1, tmp / "extra")[0].rename(tmp / "extra" / "probe-plan.txt")
        folder = tmp / "db"
        s = open_store(str(folder))
        build(s, seeds)
        small = cycle_ms(s, extra, 10)
        t = time.perf_counter()
        assert build(s, corpus).ok
        built = time.perf_counter() - t
        large = cycle_ms(s, extra, 10)
        aof_mb = s.db.connection.info("persistence")["aof_current_size"] / 1e6
        t = time.perf_counter()
        s.close()
        stop = time.perf_counter() - t
        cold = started_in(folder)
        # A crash: the server killed after some writes, so the next start replays the tail.
        s = open_store(str(folder))
        for _ in range(20):
            build(s, [extra])
            remove_plan(s, extra.stem)
        pid = s.server.pid()
        tail_mb = (s.db.connection.info("persistence")["aof_current_size"] - s.db.connection.info("persistence")["aof_base_size"]) / 1e6
        os.kill(pid, signal.SIGKILL)
        while s.server.is_ours(pid):
            time.sleep(0.01)
        t = time.perf_counter()
        s.query("MATCH (p:Plan) RETURN count(p) AS n")  # the store starts its server again
        after_kill = time.perf_counter() - t
        s.close()
    print(f"load + remove one plan: {small:.0f} ms on the {len(seeds)} seeds, {large:.0f} ms on {args.plans} plans")
    print(f"build of {len(corpus)} plans: {built:.1f} s; append-only file {aof_mb:.1f} MB; clean stop {stop:.2f} s")
    print(f"start on a cleanly stopped store of {args.plans} plans: {cold:.2f} s; "
          f"after SIGKILL with a {tail_mb:.1f} MB tail to replay: {after_kill:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
