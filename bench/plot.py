"""The scale curve for the README: python bench/plot.py [bench/results/latest.json] [--out bench/results/scale.png]

Left: build time and its floor against plans. Right: each preset's p95 against plans, with the
1 s goal. Both axes logarithmic: the slopes show how cost grows.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def plot(results: dict, out: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = results["scales"]
    plans = [r["plans"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2))
    left.plot(plans, [r["build_s"] for r in rows], "o-", label="build (all plans so far)")
    left.plot(plans, [r["added_s"] for r in rows], "s--", label="build (plans added at this step)")
    left.plot(plans, [r["floor_s"] for r in rows], "^:", label="floor: read + one regex pass (added plans)")
    left.plot(plans, [r["add_one_s"] for r in rows], "d-.", label="add one plan")
    left.set(xscale="log", yscale="log", xlabel="plans in the graph", ylabel="seconds", title="Building")
    left.legend(fontsize=7)
    for name in rows[0]["presets"]:
        right.plot(plans, [r["presets"][name]["p95_ms"] for r in rows], marker=".", linewidth=1, label=name)
    right.plot(plans, [r["search"]["p95_ms"] for r in rows], "k--", linewidth=1.5, label="search box (p95)")
    right.axhline(1000, color="red", linewidth=0.8)
    right.text(plans[0], 1100, "goal: 1 s", color="red", fontsize=7)
    right.set(xscale="log", yscale="log", xlabel="plans in the graph", ylabel="p95 ms", title="Presets and search")
    right.legend(fontsize=5.5, ncol=2)
    fig.suptitle(f"PlanGraph on {results['machine']}, {results['workers']} extraction workers, commit {results['commit']}", fontsize=8)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("results", nargs="?", default=str(ROOT / "bench" / "results" / "latest.json"))
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "scale.png"))
    args = ap.parse_args()
    print(plot(json.loads(Path(args.results).read_text(encoding="utf-8")), Path(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
