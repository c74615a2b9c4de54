"""Benchmarks: python bench/run.py [--quick | --max 20000] [--out bench/results/latest.json]

Prints one table and writes it as JSON (bench/plot.py draws it). Reports; never fails on timings.

- the five seeds in a store of their own; then one store grown from the seeds by synthetic plans
  (bench/corpus.py: every place of the gazetteer × three periods × two kinds, made on the fly) to
  100 / 1,000 / 5,000 / 20,000 plans (--quick: 100; --max caps the scales). At each size:
  - build: seconds for the plans added since the last size, plans/s, MB/s, and build ÷ floor, the
    floor being what any loader must do: read the bytes and make one regular-expression pass;
  - memory: the peak RSS of the loader (this process and its worker processes) and of the graph
    server;
  - every preset with its default parameters: p50 / p95;
  - one plan added to the graph (a new file) and one replaced (its file loaded again): median s;
  - the search box: median and p95 answer time over the question suites (a sample of 40 beyond
    1,000 plans) and the time to get it ready (its dictionary and index), in a process of its own;
- the app: start to the workload chart in headless Chromium, on the largest store.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
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
from graph.build import build, default_paths, remove_plan  # noqa: E402
from graph.store import open_store  # noqa: E402
from loaders.nlp import pipeline  # noqa: E402
from loaders.parallel import default_workers  # noqa: E402

FULL = [100, 1000, 5000, 20000]
QUICK = [100]
_FLOOR = re.compile(r"[^。;\n]+")


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def floor_pass(paths) -> float:
    """Read the bytes and make one regular-expression pass: the least any loader must do."""
    t = time.perf_counter()
    for p in paths:
        sum(1 for _ in _FLOOR.finditer(p.read_bytes().decode("utf-8")))
    return time.perf_counter() - t


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * (len(xs) - 1) + 0.5))]


def peak_mb(pid: int | str) -> float:
    """A process's peak resident set (VmHWM), from /proc."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    m = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(m.group(1)) / 1024 if m else 0.0


def loader_peak_mb() -> float:
    """This process's peak and its worker processes' (they live on between builds, so /proc has them)."""
    me = os.getpid()
    peaks = [resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == me:
            peaks.append(peak_mb(stat.parent.name))
    return max(peaks)


def preset_latency(store, repeat: int) -> dict:
    out = {}
    for name in presets.load_all():
        times = timed(lambda name=name: presets.run(store, name), repeat)
        out[name] = {"p50_ms": 1000 * statistics.median(times), "p95_ms": 1000 * percentile(times, 0.95)}
    return out


def search_latency(folder: Path, plans: int) -> dict:
    """In a process of its own (bench/search_latency.py): its memory is not the loader's. On big
    graphs a sample of the questions (every n-th), since each scale's full suite would take long."""
    sample = [] if plans <= 1000 else ["--sample", "40"]
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "search_latency.py"), str(folder), *sample],
                          capture_output=True, text=True, cwd=ROOT)
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:  # reported, not fatal: the rest of the table still counts
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": last[:300], "questions": 0, "ready_s": float("nan"), "median_ms": float("nan"),
                "p95_ms": float("nan"), "max_ms": float("nan")}
    return json.loads(lines[-1])


def one_plan(store, new: Path, existing: Path, repeat: int = 3) -> dict:
    """A new plan added (and removed again), and an existing plan's file loaded again (a replace)."""
    add, replace = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        assert build(store, [new]).ok
        add.append(time.perf_counter() - t)
        remove_plan(store, new.stem)
        t = time.perf_counter()
        assert build(store, [existing]).ok
        replace.append(time.perf_counter() - t)
    return {"add_one_s": statistics.median(add), "replace_one_s": statistics.median(replace)}


def server_stats(store) -> dict:
    info = store.db.connection.info("memory")
    pid = store.server.pid() if getattr(store, "server", None) else None
    return {"server_peak_mb": max(info.get("used_memory_peak", 0) / 1e6, peak_mb(pid) if pid else 0.0)}


def seeds_row(tmp: Path) -> dict:
    seeds = default_paths()
    store = open_store(str(tmp / "seeds-db"))
    t = time.perf_counter()
    summary = build(store, seeds)
    seconds = time.perf_counter() - t
    assert summary.ok, summary.errors[:3]
    size = sum(p.stat().st_size for p in seeds) / 1e6
    floor = floor_pass(seeds)
    row = {"plans": len(seeds), "mb": size, "build_s": seconds, "added_s": seconds, "plans_per_s": len(seeds) / seconds,
           "mb_per_s": size / seconds, "floor_s": floor, "build_over_floor": seconds / floor, "loader_peak_mb": loader_peak_mb(),
           **server_stats(store), "presets": preset_latency(store, 20), "search": search_latency(tmp / "seeds-db", len(seeds))}
    spare = generate(seeds, 1, tmp / "spare", start=99_999)[0]
    row.update(one_plan(store, spare, seeds[0]))
    store.close()
    return row


def grown_rows(scales: list[int], tmp: Path, repeat: int, partial=None) -> tuple[list[dict], Path]:
    """One store grown scale by scale; each row measures the plans added since the last."""
    seeds = default_paths()
    folder = tmp / "grown-db"
    store = open_store(str(folder))
    build(store, seeds)
    corpus = tmp / "corpus"
    spare = generate(seeds, 1, tmp / "spare", start=99_999)[0]
    rows, have, total_s, total_mb = [], len(seeds), 0.0, sum(p.stat().st_size for p in seeds) / 1e6
    for n in scales:
        paths = generate(seeds, n - have, corpus, start=have - len(seeds))
        size = sum(p.stat().st_size for p in paths) / 1e6
        floor = floor_pass(paths)
        t = time.perf_counter()
        summary = build(store, paths)
        seconds = time.perf_counter() - t
        assert summary.ok, summary.errors[:3]
        total_s += seconds
        total_mb += size
        row = {"plans": n, "mb": total_mb, "build_s": total_s, "added_s": seconds, "plans_per_s": len(paths) / seconds,
               "mb_per_s": size / seconds, "floor_s": floor, "build_over_floor": seconds / floor,
               "loader_peak_mb": loader_peak_mb(), **server_stats(store), "presets": preset_latency(store, repeat)}
        row.update(one_plan(store, spare, paths[len(paths) // 2]))
        row["search"] = search_latency(folder, n)
        rows.append(row)
        print(f"  {n} plans: build {seconds:.1f} s for {len(paths)} plans ({len(paths) / seconds:.1f} plans/s), "
              f"add one {row['add_one_s']:.2f} s, search {row['search'].get('error') or row['search']['median_ms']}", flush=True)
        if partial:
            partial(rows)
        have = n
    store.close()
    return rows, folder


def app_start(db: Path) -> float | None:
    """Seconds from `streamlit run` to the workload chart in headless Chromium, on a built store."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(chromium):
        return None
    import socket
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PLANGRAPH_DB": str(db), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
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
            page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=300_000)
            took = time.perf_counter() - t0
            b.close()
        return took
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def print_table(results: dict) -> None:
    print(f"machine: {results['machine']}  commit {results['commit']}  workers {results['workers']}")
    print(f"{'plans':>6} {'MB':>6} {'build s':>8} {'added s':>8} {'plans/s':>8} {'MB/s':>6} {'÷floor':>7} {'loader MB':>9} "
          f"{'server MB':>9} {'add 1 s':>7} {'repl 1 s':>8} {'ask p50':>7} {'ask p95':>7} {'ask ready s':>11}")
    for r in results["scales"]:
        print(f"{r['plans']:>6} {r['mb']:>6.1f} {r['build_s']:>8.1f} {r['added_s']:>8.1f} {r['plans_per_s']:>8.1f} {r['mb_per_s']:>6.2f} "
              f"{r['build_over_floor']:>7.0f} {r['loader_peak_mb']:>9.0f} {r['server_peak_mb']:>9.0f} {r['add_one_s']:>7.2f} "
              f"{r['replace_one_s']:>8.2f} {r['search']['median_ms']:>7.0f} {r['search']['p95_ms']:>7.0f} "
              f"{r['search']['ready_s']:>11.1f}")
    names = list(results["scales"][0]["presets"])
    print("\npreset p50 / p95 ms at " + " / ".join(str(r["plans"]) for r in results["scales"]) + " plans")
    for name in names:
        cells = "  ".join(f"{r['presets'][name]['p50_ms']:7.0f}/{r['presets'][name]['p95_ms']:7.0f}" for r in results["scales"])
        print(f"{name:<26} {cells}")
    if results.get("app_start_s"):
        print(f"\napp: start to the workload chart {results['app_start_s']:.1f} s on the {results['scales'][-1]['plans']}-plan store")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="the seeds and 100 plans only (CI: under a minute)")
    ap.add_argument("--max", type=int, default=FULL[-1], help="largest scale of the full run")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"))
    args = ap.parse_args()
    scales = QUICK if args.quick else [n for n in FULL if n <= args.max]
    pipeline()  # imports and pipeline construction are not part of any timing
    results = {
        "machine": f"{platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}",
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip(),
        "workers": default_workers(), "scales": [],
    }
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        results["scales"].append(seeds_row(tmp))
        def save(rows):  # each scale is written as it is measured: a long run that fails keeps what it had
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            Path(args.out).write_text(json.dumps({**results, "scales": results["scales"] + rows}, ensure_ascii=False, indent=1))

        rows, db = grown_rows(scales, tmp, 5, save)
        results["scales"] += rows
        results["app_start_s"] = app_start(db)
    print_table(results)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
