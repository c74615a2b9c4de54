"""Shared fixtures: the five seed plans read once, and real embedded graph stores."""

from __future__ import annotations

import contextlib
import csv
import os
from pathlib import Path

import pytest

from graph.build import build, default_paths
from graph.store import open_store
from loaders import extract_plan

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
PLANS = {
    "anhui": "anhui-2017-informatization-13th-fyp",
    "sichuan": "sichuan-2017-informatization-13th-fyp",
    "qingyuan": "qingyuan-2014-information-consumption-plan",
    "henan": "henan-2016-informatization-work-plan",
    "zhejiang": "zhejiang-2016-informatization-key-points",
}


def plan_path(key: str) -> Path:
    return ROOT / "data" / "plans" / f"{PLANS[key]}.txt"


def gold(name: str) -> list[dict]:
    with (GOLD / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def seeds():
    """plan key → PlanRecords for the five seeds."""
    return {k: extract_plan(plan_path(k)) for k in PLANS}


@pytest.fixture(scope="session")
def store(tmp_path_factory):
    """A real embedded FalkorDB holding the five seeds; shared, never written by tests."""
    s = open_store(str(tmp_path_factory.mktemp("seedgraph")))
    summary = build(s, default_paths())
    assert summary.ok, summary.errors
    yield s
    s.close()


@pytest.fixture
def empty_store(tmp_path):
    """A real embedded FalkorDB of its own, for tests that write."""
    s = open_store(str(tmp_path / "db"))
    yield s
    s.close()


def counts(store) -> tuple[int, int]:
    n = store.query("MATCH (n) RETURN count(n) AS c")[0]["c"]
    r = store.query("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]
    return n, r


def fingerprint(store) -> list:
    """A checksum-like listing of the whole graph: every node's id and labels, every relationship."""
    nodes = store.query("MATCH (n) RETURN labels(n)[0] AS l, n.id AS id ORDER BY l, id", limit=10**6)
    rels = store.query("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b ORDER BY a, t, b", limit=10**6)
    return [(x["l"], x["id"]) for x in nodes] + [(x["a"], x["t"], x["b"]) for x in rels]


@contextlib.contextmanager
def app_on(folder: Path | str):
    """The Streamlit app pointed at a store folder of its own, with its caches empty before and after."""
    import streamlit as st

    old = os.environ.get("PLANGRAPH_DB")
    os.environ["PLANGRAPH_DB"] = str(folder)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        yield Path(folder)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
        if old is None:
            os.environ.pop("PLANGRAPH_DB", None)
        else:
            os.environ["PLANGRAPH_DB"] = old
