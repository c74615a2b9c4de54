"""The app's access to the graph: one store per process, built from data/plans if missing or stale."""

from __future__ import annotations

import contextlib
import hashlib
import os

import streamlit as st

from graph import presets
from graph.build import build, default_paths, uploaded_paths
from graph.store import open_store


def _usable(s) -> bool:
    """Checked each time the cached store is handed out: a store whose server died is started
    again from its files (FalkorStore.healthy); one that cannot be is dropped and opened anew,
    so the app recovers without a restart."""
    healthy = getattr(s, "healthy", None)
    try:
        return healthy() if healthy else True
    except Exception:  # noqa: BLE001 - any failure means: open a new one
        return False


def _release(s) -> None:
    with contextlib.suppress(Exception):
        s.close()


@st.cache_resource(show_spinner=False, validate=_usable, on_release=_release)
def store():
    """One store connection for the whole process, shared by every session and rerun."""
    neo4j_from_secrets()
    return open_store()


def neo4j_from_secrets() -> None:
    """Neo4j credentials may sit in Streamlit secrets ([neo4j] uri, user, password, database);
    they go to the environment the store reads, and are never shown."""
    try:
        section = dict(st.secrets.get("neo4j", {}))
    except Exception:  # noqa: BLE001 - no secrets file is the usual case
        section = {}
    for key in ("uri", "user", "password", "database"):
        if section.get(key):
            os.environ.setdefault(f"NEO4J_{key.upper()}", str(section[key]))


def stale_plans(s) -> list:
    """Seed and uploaded files whose text is not in the graph yet (new, or changed since the last build),
    or was loaded before the store kept counts (graph/tallies.py). Asks about these files only: a
    national graph holds far more plans than a query returns."""
    files = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in default_paths() + uploaded_paths(s)}
    loaded = {r["sha"] for r in s.query("MATCH (p:Plan) WHERE p.sha256 IN $shas AND p.tallied RETURN p.sha256 AS sha",
                                        {"shas": sorted(files)})}
    return [p for sha, p in files.items() if sha not in loaded]


def ensure_built(s, progress) -> int:
    """Build the plans that are missing or stale; ``progress(fraction, text)`` is told as it goes."""
    todo = stale_plans(s)
    if todo:
        build(s, todo, lambda n, total, name: progress(n / total, name))
    return len(todo)


@st.cache_data(ttl=60, show_spinner=False)
def run_preset(name: str, params: tuple) -> list[dict]:
    """Preset results, cached for a minute per parameter set (params as a sorted tuple)."""
    return presets.run(store(), name, dict(params))


@st.cache_data(ttl=60, show_spinner=False)
def query(cypher: str, params: tuple = ()) -> list[dict]:
    return store().query(cypher, dict(params))


def choices() -> dict[str, list]:
    """The short lists of real values for select boxes (plans, agencies and indicators, which run
    to tens of thousands, are chosen with ui/pickers.py)."""
    return {
        "province": [r["v"] for r in query("MATCH (p:Plan) RETURN DISTINCT p.province AS v ORDER BY v")],
        "year": [r["v"] for r in query("MATCH (p:Plan) RETURN DISTINCT p.year AS v ORDER BY v")],
        "technology": [r["v"] for r in query("MATCH (t:Technology)<-[:INVOLVES]-(:Project) RETURN DISTINCT t.id AS v ORDER BY v")],
    }


NODE_FIELDS = ("n.id AS id, labels(n)[0] AS label, coalesce(n.name, n.title) AS name, n.name_en AS name_en, "
               "n.aliases AS aliases, n.title AS title, n.title_en AS title_en")


def node_rows(ids: tuple[str, ...]) -> dict[str, dict]:
    """The node_index() rows of these nodes only (a national graph has too many to index them all)."""
    found = {}
    for label in ("Agency", "Plan", "Technology", "Province", "City", "Project", "Indicator"):
        missing = tuple(i for i in ids if i not in found)
        if not missing:
            break
        for r in query(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN {NODE_FIELDS}", (("ids", missing),)):
            found[r["id"]] = r
    return found


def node_index() -> list[dict]:
    """Every node with the words a user may type to find it: name, aliases, English name."""
    return query(f"MATCH (n) WHERE NOT n:Tally RETURN {NODE_FIELDS} ORDER BY label, id")


# What a type-ahead picker searches, per kind: the label, the value a pick stands for, and its rank
# (agencies with most tasks first, from the counts kept at load time; the rest by id).
FINDABLE = {
    "plan": ("Plan", "n.id", "0"),
    "agency": ("Agency", "n.id", "-(coalesce(n.led, 0) + coalesce(n.supported, 0))"),
    "technology": ("Technology", "n.id", "0"),
    "province": ("Province", "n.id", "0"),
    "indicator": ("Indicator", "n.name", "0"),  # indicators are compared across plans by name
    # Any node one may start exploring from; tasks and indicators (most of a national graph) by their id.
    "node": ("", "n.id", "0"),
}
NODE_LABELS = "n:Agency OR n:Plan OR n:Technology OR n:Province OR n:City"
# A node matches what was typed when its id, name, title or English name or title holds it.
_CONTAINS = ("$q = '' OR toLower(n.id) CONTAINS $q OR toLower(coalesce(n.name, '')) CONTAINS $q "
             "OR toLower(coalesce(n.title, '')) CONTAINS $q OR toLower(coalesce(n.name_en, '')) CONTAINS $q "
             "OR toLower(coalesce(n.title_en, '')) CONTAINS $q")


@st.cache_data(ttl=60, show_spinner=False)
def count(kind: str) -> int:
    label = FINDABLE[kind][0]
    match = f"MATCH (n:{label})" if label else "MATCH (n) WHERE NOT n:Tally"
    return store().query(f"{match} RETURN count(n) AS n")[0]["n"]


@st.cache_data(ttl=60, show_spinner=False)
def find(kind: str, text: str = "", limit: int = 50) -> list[dict]:
    """Up to ``limit`` values of a kind whose node's id, name, title or English name contains the
    text (Latin letters in any case): [{"id", "name"}]. The user's text reaches Cypher as a parameter."""
    label, value, rank = FINDABLE[kind]
    if kind == "node":
        exact = [r for lb in ("Project", "Indicator") for r in store().query(
            f"MATCH (n:{lb} {{id: $id}}) RETURN n.id AS id, coalesce(n.title, n.name, n.id) AS name, 0 AS rank", {"id": text.strip()})]
        return exact + store().query(
            f"MATCH (n) WHERE ({NODE_LABELS}) AND ({_CONTAINS}) "
            "RETURN n.id AS id, coalesce(n.title, n.name, n.id) AS name, 0 AS rank ORDER BY id LIMIT $limit",
            {"q": text.strip().lower(), "limit": int(limit)}, limit=int(limit))
    return store().query(
        f"MATCH (n:{label}) WHERE {_CONTAINS} "
        f"WITH {value} AS id, coalesce(n.title, n.name, n.id) AS name, {rank} AS rank "
        "RETURN DISTINCT id, name, rank ORDER BY rank, id LIMIT $limit",
        {"q": text.strip().lower(), "limit": int(limit)}, limit=int(limit))


def forget() -> None:
    """After the graph changed: every cached answer goes, so each page sees the change at once."""
    for cached in (query, run_preset, count, find):
        cached.clear()
