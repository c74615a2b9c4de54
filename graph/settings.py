"""Every setting in one table: name, default, help. The stores read them here; the README's
"Stores" table and a docs test read the same table."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    secret: bool = False


SETTINGS = [
    Setting("PLANGRAPH_DB", "var/graph", "folder of the embedded FalkorDB (one server per folder, reused by the app, CLI and tests)"),
    Setting("PLANGRAPH_GRAPH", "plangraph", "name of the graph inside FalkorDB"),
    Setting("FALKORDB_URL", "", "an external FalkorDB, e.g. redis://host:6379, instead of the embedded one"),
    Setting("NEO4J_URI", "", "Neo4j 5 through the official driver, e.g. neo4j://host:7687 (takes precedence)"),
    Setting("NEO4J_USER", "neo4j", "Neo4j user"),
    Setting("NEO4J_PASSWORD", "", "Neo4j password (environment or Streamlit secrets only; never shown)", secret=True),
    Setting("NEO4J_DATABASE", "", "Neo4j database (empty: the server's default)"),
    Setting("PLANGRAPH_WORKERS", "", "processes reading plans in a build (empty: one per core; 1: in the building process)"),
]
_BY_NAME = {s.name: s for s in SETTINGS}


def value(name: str) -> str:
    """The setting from the environment, else its default."""
    return os.environ.get(name) or _BY_NAME[name].default


def markdown_table() -> str:
    rows = ["| setting | default | effect |", "|---|---|---|"]
    rows += [f"| `{s.name}` | {('`' + s.default + '`') if s.default else '—'} | {s.help} |" for s in SETTINGS]
    return "\n".join(rows)
