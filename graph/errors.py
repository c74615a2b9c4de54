"""The one exception family of graph/: ``[G00x] where: what``."""

from __future__ import annotations

CODES = {
    "G001": "the graph store could not be started or reached",
    "G002": "a query failed",
    "G003": "a write was refused: user queries are read-only",
    "G004": "unknown preset or bad preset parameter",
    "G005": "a plan could not be written; the graph is unchanged",
    "G006": "query timed out",
    "G007": "gave up waiting for another process (a writer, or the server's start/stop)",
    "G008": "the store folder cannot be written (disk full, read-only folder)",
    "G009": "too many user queries at once; try again in a moment",
    "G010": "another file's plan already has this id (give replace to load over it)",
}


class GraphError(Exception):
    def __init__(self, code: str, where: str, detail: str):
        self.code, self.where, self.detail = code, where, detail
        super().__init__(f"[{code}] {where}: {detail}")
