"""Benchmarks: python bench/run.py [--quick] [--out bench/results/latest.json]

Prints one table and writes it as JSON. Reports; never fails on timings.
- build: the five seeds, then seeds + synthetic plans (bench/corpus.py) at 10 / 100 / 1,000
  plans (--quick: 10 / 100): seconds, plans/s, MB/s, peak RSS of this process and of the
  graph server, store size on disk; and the floor for comparison, a pass that only reads and
  segments (jieba) the same texts: build ÷ floor;
- every preset: p50 / p95 latency at each scale;
- ask: median answer time over the question suites;
- app: cold start to the first interactive page in headless Chromium (when installed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import generate  # noqa: E402
from graph import presets  # noqa: E402
from graph.build import build, default_paths  # noqa: E402
from graph.store import open_store  # noqa: E402
from loaders.nlp import pipeline  # noqa: E402
from loaders.read import read_source  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def floor_pass(paths) -> float:
    """Read and segment with jieba only: the least any loader must do."""
    nlp = pipeline()
    t = time.perf_counter()
    for p in paths:
        list(nlp.tokenizer(read_source(p).norm))
    return time.perf_counter() - t


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * (len(xs) - 1) + 0.5))]


def preset_latency(store, repeat: int) -> dict:
    out = {}
    for name in presets.load_all():
        times = timed(lambda name=name: presets.run(store, name), repeat)
        out[name] = {"p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * percentile(times, 0.95)}
    return out


def scale_run(paths: list[Path], tmp: Path, repeat: int) -> dict:
    folder = tmp / f"db-{len(paths)}"
    store = open_store(str(folder))
    size = sum(p.stat().st_size for p in paths)
    floor = floor_pass(paths)
    t = time.perf_counter()
    summary = build(store, paths)
    seconds = time.perf_counter() - t
    assert summary.ok, summary.errors[:3]
    info = store.db.connection.info("memory")
    row = {
        "plans": len(paths), "mb": size / 1e6, "build_s": seconds, "plans_per_s": len(paths) / seconds,
        "mb_per_s": size / 1e6 / seconds, "floor_s": floor, "build_over_floor": seconds / floor,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "server_peak_mb": info.get("used_memory_peak", 0) / 1e6, "store_mb": folder_mb(folder),
        "presets": preset_latency(store, repeat),
    }
    if len(paths) <= 10:
        from graph.ask import Asker

        questions = [q["q"] for f in ("questions.json", "questions_holdout.json")
                     for q in json.loads((ROOT / "tests" / f).read_text(encoding="utf-8"))]
        asker = Asker(store)
        asker.ask("预热 warm-up")
        ms = sorted(asker.ask(q).ms for q in questions)
        row["ask"] = {"questions": len(ms), "median_ms": statistics.median(ms), "p95_ms": percentile(ms, 0.95), "max_ms": ms[-1]}
    store.close()
    shutil.rmtree(folder, ignore_errors=True)
    return row


def app_cold_start(tmp: Path) -> float | None:
    """Seconds from `streamlit run` to the workload chart in headless Chromium, on an empty store."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(chromium):
        return None
    import socket
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PLANGRAPH_DB": str(tmp / "app-db"), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
                             "--server.address", "127.0.0.1", "--server.port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = b.new_page()
            page.goto(f"http://127.0.0.1:{port}")
            page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=120_000)
            took = time.perf_counter() - t0
            b.close()
        return took
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="scales 5, 10 and 100 only (CI)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"))
    args = ap.parse_args()
    scales = [10, 100] if args.quick else [10, 100, 1000]
    pipeline()  # imports and pipeline construction are not part of any timing
    seeds = default_paths()
    results = {
        "machine": f"{platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}",
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip(),
        "scales": [],
    }
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        build_seeds = open_store(str(tmp / "warm"))  # one warm-up build so the first scale is not penalised
        build(build_seeds, seeds)
        build_seeds.close()
        results["scales"].append(scale_run(seeds, tmp, 20))
        synthetic = generate(seeds, max(scales) - len(seeds), tmp / "corpus")
        for n in scales:
            results["scales"].append(scale_run(seeds + synthetic[: n - len(seeds)], tmp, 10 if n <= 100 else 5))
        # First start builds the graph into an empty store; the second finds it built.
        results["app_cold_start_s"] = app_cold_start(tmp)
        results["app_start_built_store_s"] = app_cold_start(tmp)
    print(f"machine: {results['machine']}  commit {results['commit']}")
    print(f"{'plans':>6} {'MB':>6} {'build s':>8} {'plans/s':>8} {'MB/s':>6} {'floor s':>8} {'÷floor':>7} {'RSS MB':>7} {'server MB':>9} {'disk MB':>8}")
    for r in results["scales"]:
        print(f"{r['plans']:>6} {r['mb']:>6.1f} {r['build_s']:>8.2f} {r['plans_per_s']:>8.1f} {r['mb_per_s']:>6.2f} {r['floor_s']:>8.2f} "
              f"{r['build_over_floor']:>7.2f} {r['peak_rss_mb']:>7.0f} {r['server_peak_mb']:>9.1f} {r['store_mb']:>8.1f}")
    names = list(results["scales"][0]["presets"])
    print("\npreset p50 / p95 ms at " + " / ".join(str(r["plans"]) for r in results["scales"]) + " plans")
    for name in names:
        cells = "  ".join(f"{r['presets'][name]['p50_ms']:6.1f}/{r['presets'][name]['p95_ms']:6.1f}" for r in results["scales"])
        print(f"{name:<26} {cells}")
    a = results["scales"][0]["ask"]
    print(f"\nask: {a['questions']} questions, median {a['median_ms']:.1f} ms, p95 {a['p95_ms']:.1f} ms, max {a['max_ms']:.1f} ms")
    if results["app_cold_start_s"]:
        print(f"app: start to the workload chart {results['app_cold_start_s']:.1f} s on an empty store (builds the graph), "
              f"{results['app_start_built_store_s']:.1f} s on a built one")
    else:
        print("app: no chromium")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
