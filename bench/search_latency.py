"""The search box's answer times on a built store, in a process of its own (so its memory is not
the loader's): python bench/search_latency.py FOLDER [--sample N]. Prints one JSON object."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import percentile  # noqa: E402
from graph.ask import Asker  # noqa: E402
from graph.store import open_store  # noqa: E402


def questions(sample: int | None) -> list[str]:
    qs = [q["q"] for f in ("questions.json", "questions_holdout.json")
          for q in json.loads((ROOT / "tests" / f).read_text(encoding="utf-8"))]
    return qs if not sample or sample >= len(qs) else qs[:: max(1, len(qs) // sample)][:sample]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--sample", type=int, default=0, help="every n-th question, this many (0: all)")
    args = ap.parse_args()
    store = open_store(args.folder)
    t = time.perf_counter()
    asker = Asker(store)
    asker.ask("预热 warm-up")
    ready = time.perf_counter() - t
    ms = sorted(asker.ask(q).ms for q in questions(args.sample))
    store.close()
    print(json.dumps({"questions": len(ms), "ready_s": ready, "median_ms": statistics.median(ms), "p95_ms": percentile(ms, 0.95),
                      "max_ms": ms[-1]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
