"""Locks in the store folder that die with their holder.

Every lock here is an ``flock`` on a file in the store folder: the kernel drops it when the
holding process exits, however it exits (SIGKILL included), so no lock outlives its writer and
nothing has to expire. Four kinds:

- :class:`WriteLock` — one writer at a time per store (builds, uploads, removals). A waiting
  writer says who holds it and since when.
- :class:`ReadWriteLock` — reads share it, each write query takes it alone, so the engine never
  runs a read while a write runs (see notes/operations.md: FalkorDB crashes under concurrent
  reads and writes). A gate in front of it keeps a stream of readers from starving a writer.
- :class:`Slots` — at most *n* user queries (console, ``python -m graph query``) at once across
  processes, so heavy ones cannot take every server thread.
- :func:`hold` — a plain exclusive lock with a deadline (the launcher's start/stop lock).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with WriteLock(folder).held(what="a doctest"):
    ...     WriteLock(folder).holder()["what"]
    'a doctest'
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import GraphError

POLL_S = 0.05
TELL_EVERY_S = 10.0


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as err:
        raise folder_error(path.parent, err) from err


def folder_error(folder: Path, err: OSError) -> GraphError:
    """One sentence for the ways a store folder cannot be used."""
    if err.errno == errno.ENOSPC or err.errno == errno.EDQUOT:
        return GraphError("G008", str(folder), "the disk is full; free some space and run again (the graph is unchanged)")
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return GraphError("G008", str(folder), f"the store folder is not writable ({os.strerror(err.errno)}); "
                                               "choose another folder with PLANGRAPH_DB")
    return GraphError("G001", str(folder), f"the store folder cannot be used ({os.strerror(err.errno or 0)})")


def _try(fd: int, mode: int) -> bool:
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def hold(path: Path, timeout_s: float, what: str) -> Iterator[None]:
    """An exclusive lock on ``path`` for the block; G007 after ``timeout_s`` of waiting."""
    fd = _open(path)
    try:
        deadline = time.monotonic() + timeout_s
        while not _try(fd, fcntl.LOCK_EX):
            if time.monotonic() > deadline:
                raise GraphError("G007", str(path.parent), f"waited {timeout_s:.0f} s for {what}; another process holds it")
            time.sleep(POLL_S)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _describe() -> dict:
    argv = " ".join([Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:]])
    return {"pid": os.getpid(), "command": argv[:200], "since": time.time()}


class WriteLock:
    """One writer per store. Not re-entrant across threads: a second writer in the same process
    waits like any other (each ``held()`` opens its own descriptor)."""

    def __init__(self, folder: Path, name: str = "write.lock"):
        self.path = Path(folder) / name

    def holder(self) -> dict | None:
        """Who holds the lock now (pid, command, since), or None when it is free."""
        fd = _open(self.path)
        try:
            if _try(fd, fcntl.LOCK_SH):
                return None
            with contextlib.suppress(OSError, ValueError):
                return json.loads(os.pread(fd, 4096, 0).decode() or "null")
            return {}
        finally:
            os.close(fd)

    @contextlib.contextmanager
    def held(self, timeout_s: float = 3600.0, tell: Callable[[str], None] | None = None, what: str = "") -> Iterator[None]:
        fd = _open(self.path)
        try:
            self._wait(fd, timeout_s, tell or _stderr)
            info = _describe() | ({"what": what} if what else {})
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
                os.pwrite(fd, json.dumps(info, ensure_ascii=False).encode(), 0)
            try:
                yield
            finally:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
        finally:
            os.close(fd)

    def _wait(self, fd: int, timeout_s: float, tell: Callable[[str], None]) -> None:
        start = time.monotonic()
        told = -TELL_EVERY_S
        while not _try(fd, fcntl.LOCK_EX):
            waited = time.monotonic() - start
            if waited >= timeout_s:
                raise GraphError("G007", str(self.path.parent), f"gave up after {waited:.0f} s waiting for {self._who()} to finish writing")
            if waited - told >= TELL_EVERY_S and waited >= 0.5:
                tell(f"waiting for {self._who()} to finish writing to {self.path.parent} ({waited:.0f} s so far)")
                told = waited
            time.sleep(POLL_S)

    def _who(self) -> str:
        h = self.holder() or {}
        if not h.get("pid"):
            return "another writer"
        since = time.strftime("%H:%M:%S", time.localtime(h.get("since", time.time())))
        return f"process {h['pid']} ({h.get('command', '?')}, writing since {since})"


def _stderr(msg: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(msg, file=sys.stderr, flush=True)


_WRITING = threading.local()  # folders whose write side this thread holds


def _writing() -> set:
    if not hasattr(_WRITING, "folders"):
        _WRITING.folders = set()
    return _WRITING.folders


class ReadWriteLock:
    """Shared for reads, exclusive for writes, across threads and processes.

    Each acquisition opens its own descriptor, so threads of one process exclude each other
    like processes do. A thread that holds the write side reads without locking again."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.gate = self.folder / "gate.lock"
        self.path = self.folder / "rw.lock"

    @contextlib.contextmanager
    def read(self, timeout_s: float = 3600.0) -> Iterator[None]:
        if self.folder in _writing():
            yield
            return
        gate, fd = _open(self.gate), _open(self.path)
        try:
            self._take(gate, fcntl.LOCK_SH, timeout_s, "a write in progress")
            try:
                self._take(fd, fcntl.LOCK_SH, timeout_s, "a write in progress")
            finally:
                os.close(gate)
                gate = -1
            yield
        finally:
            if gate >= 0:
                os.close(gate)
            os.close(fd)

    def acquire_write(self, timeout_s: float = 600.0) -> tuple[int, int] | None:
        """Take the write side; None if this thread holds it already. Give the result to release()."""
        if self.folder in _writing():
            return None
        gate, fd = _open(self.gate), _open(self.path)
        try:
            self._take(gate, fcntl.LOCK_EX, timeout_s, "readers to finish")
            self._take(fd, fcntl.LOCK_EX, timeout_s, "readers to finish")
        except BaseException:
            os.close(fd)
            os.close(gate)
            raise
        _writing().add(self.folder)
        return gate, fd

    def release(self, held: tuple[int, int] | None) -> None:
        if held is None:
            return
        _writing().discard(self.folder)
        for fd in held:
            os.close(fd)

    @contextlib.contextmanager
    def write(self, timeout_s: float = 600.0) -> Iterator[None]:
        held = self.acquire_write(timeout_s)
        try:
            yield
        finally:
            self.release(held)

    def _take(self, fd: int, mode: int, timeout_s: float, what: str) -> None:
        if _try(fd, mode):
            return
        deadline = time.monotonic() + timeout_s
        delay = 0.001
        while not _try(fd, mode):
            if time.monotonic() > deadline:
                raise GraphError("G007", str(self.folder), f"waited {timeout_s:.0f} s for {what}")
            time.sleep(delay)
            delay = min(delay * 2, POLL_S)


class Slots:
    """At most ``n`` holders at once across processes (one lock file per slot)."""

    def __init__(self, folder: Path, n: int, name: str = "user-query"):
        self.paths = [Path(folder) / f"{name}-{i}.lock" for i in range(max(1, n))]

    @contextlib.contextmanager
    def slot(self, timeout_s: float) -> Iterator[None]:
        fds = [_open(p) for p in self.paths]
        try:
            deadline = time.monotonic() + timeout_s
            while True:
                got = next((fd for fd in fds if _try(fd, fcntl.LOCK_EX)), None)
                if got is not None:
                    break
                if time.monotonic() > deadline:
                    raise GraphError("G009", "query", f"the server is busy with {len(fds)} other user "
                                     f"quer{'y' if len(fds) == 1 else 'ies'}; try again in a moment")
                time.sleep(POLL_S)
            yield
        finally:
            for fd in fds:
                os.close(fd)
