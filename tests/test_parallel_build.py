"""Plans read over a pool of worker processes make exactly the graph one process makes."""

from pathlib import Path

from graph.build import build, default_paths
from graph.store import open_store
from loaders.parallel import POOL_MIN_PLANS
from tests.conftest import fingerprint

CORPUS = Path(__file__).parent / "corpus" / "plans"


def test_two_workers_build_the_same_graph_as_one_and_report_a_bad_file(tmp_path):
    bad = tmp_path / "broken-plan.txt"
    bad.write_bytes(b"\x00\x01\x02 binary, not a plan" * 50)
    paths = [*default_paths(), *sorted(CORPUS.glob("*.txt"))[:25], bad]
    assert len(paths) >= POOL_MIN_PLANS  # so the pool, not the in-process path, reads them
    graphs, errors = [], []
    for workers in (1, 2):
        store = open_store(str(tmp_path / f"db{workers}"))
        try:
            summary = build(store, paths, workers=workers)
            graphs.append(fingerprint(store))
            errors.append(summary.errors)
        finally:
            store.close()
    assert graphs[0] == graphs[1] and len(graphs[0]) > 1000
    # The unreadable file is named in the report whichever process read it, and nothing else failed.
    assert len(errors[1]) == 1 and "broken-plan.txt" in errors[1][0] and errors[0] == errors[1]
