"""Many plans read at once: one process per core, results handed back in the order given.

Extraction is pure Python and holds the GIL, so threads would not help; processes do.
loky starts them by fork + exec: a caller with threads and open connections (the app, a
store client) is never forked, and, unlike multiprocessing's spawn, a caller's script
needs no `if __name__ == "__main__"` guard. Its executor is reused across builds, so the
workers' start-up (imports, the spaCy pipeline) is paid once per process.
A few plans are read in this process: starting workers costs more than it saves.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path

from .errors import LoaderError
from .records import PlanRecords

POOL_MIN_PLANS = 24  # below this, one process reads them faster than starting workers would
IN_FLIGHT_PER_WORKER = 4  # how far reading may run ahead of the writer: memory stays flat


def default_workers() -> int:
    """PLANGRAPH_WORKERS, else one per core."""
    env = os.environ.get("PLANGRAPH_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    return os.cpu_count() or 1


def extract_many(paths: Iterable[Path], overrides: dict | None = None, workers: int | None = None
                 ) -> Iterator[tuple[Path, PlanRecords | LoaderError]]:
    """(path, records) for each plan in order, or (path, the LoaderError) for one that cannot be read."""
    paths = list(paths)
    workers = default_workers() if workers is None else workers
    if workers <= 1 or len(paths) < POOL_MIN_PLANS:
        for path in paths:
            yield path, _extract(path, overrides)
        return
    from loky import get_reusable_executor

    pool = get_reusable_executor(max_workers=workers, initializer=_warm_up)
    pending: deque[tuple[Path, Future]] = deque()
    todo = iter(paths)
    for path in todo:
        pending.append((path, pool.submit(_extract, path, overrides)))
        if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
            break
    try:
        while pending:
            path, future = pending.popleft()
            yield path, future.result()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_extract, nxt, overrides)))
    finally:
        for _, future in pending:  # a caller that stops early leaves no work queued
            future.cancel()


def _extract(path: Path, overrides: dict | None) -> PlanRecords | LoaderError:
    """Runs in a worker: the error is returned, not raised, so it crosses back as it was."""
    from .pipeline import extract_plan

    try:
        return extract_plan(path, overrides)
    except LoaderError as err:
        return err


def _warm_up() -> None:
    """Each worker builds its pipeline and lexicons once, before its first plan."""
    from .nlp import pipeline

    pipeline()
