"""At a thousand plans: one plan replaced while readers query, and every read sees the old plan
or the new one whole, with the counts that go with it — never a mix."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from bench.corpus import generate
from graph import tallies
from graph.build import build, default_paths
from graph.store import open_store

PLANS = 1000

# One read, two views of the same facts: the plan as its counters describe it and as its tasks
# and roles are; and the national counts kept in tallies beside the roles they count.
READ = (
    "MATCH (pl:Plan {id: $plan}) "
    "OPTIONAL MATCH (pl)-[:INCLUDES]->(p:Project) WITH pl, count(p) AS projects "
    "OPTIONAL MATCH (pl)-[:INCLUDES]->(:Project)<-[l:LEADS]-(:Agency) "
    "RETURN pl.title AS title, pl.projects AS kept_projects, projects, pl.leads AS kept_leads, count(l) AS leads"
)
NATIONAL = ("MATCH (t:Tally {kind: 'types'}) WITH sum(t.led) AS kept "
            "MATCH (:Agency)-[l:LEADS]->(:Project) RETURN kept, count(l) AS leads")


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("scale")
    paths = default_paths() + generate(default_paths(), PLANS - 5, tmp / "corpus")
    store = open_store(str(tmp / "db"))
    summary = build(store, paths)
    assert summary.ok, summary.errors[:3]
    yield store, paths, tmp
    store.close()


def test_a_thousand_plans_load_with_counts_that_match_their_facts(big):
    store, paths, _ = big
    assert store.query("MATCH (p:Plan) RETURN count(p) AS n")[0]["n"] == PLANS
    kept, leads = (lambda r: (r["kept"], r["leads"]))(store.query(NATIONAL)[0])
    assert kept == leads > 10 * PLANS
    assert sum(tallies.stored(store).plans.values()) == PLANS


def test_readers_during_a_replace_see_the_old_plan_or_the_new_one_never_a_mix(big):
    store, paths, tmp = big
    target = paths[500]
    other = generate(default_paths(), 1, tmp / "replacement", start=7_777)[0]
    before = store.query(READ, {"plan": target.stem})[0]
    seen, national, errors = [], [], []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                seen.append(tuple(store.query(READ, {"plan": target.stem})[0].values()))
                row = store.query(NATIONAL)[0]
                national.append((row["kept"], row["leads"]))
            except Exception as err:  # noqa: BLE001 - any failure is the finding
                errors.append(err)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    shutil.copy(other, target)
    shutil.copy(other.with_suffix(".toml"), target.with_suffix(".toml"))
    assert build(store, [target]).ok
    time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join()
    after = store.query(READ, {"plan": target.stem})[0]
    assert errors == []
    old, new = tuple(before.values()), tuple(after.values())
    assert old != new and set(seen) <= {old, new} and old in seen and new in seen
    # Each version's counters describe its own facts, and the national counts never lag the roles.
    assert old[1] == old[2] and old[3] == old[4] and new[1] == new[2] and new[3] == new[4]
    assert all(kept == leads for kept, leads in national) and len(national) > 10


def test_the_app_at_a_thousand_plans_finds_agencies_by_typing_and_opens_one(big):
    """Too many agencies to list: typing part of a name offers the matches, busiest first, and
    Open goes to the chosen one; the workload's network comes from the counts kept at load time."""
    from streamlit.testing.v1 import AppTest

    from .conftest import ROOT, app_on

    store, _, tmp = big
    expected = store.query("MATCH (a:Agency) WHERE a.id CONTAINS '玉田县' RETURN a.id AS id ORDER BY a.led + a.supported DESC, id")
    assert expected
    with app_on(tmp / "db"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        # The network section was drawn from the strongest pairs (its caption says how many agencies).
        assert any(c.value.startswith("显示 ") and "个机构" in c.value for c in at.caption)
        next(w for w in at.text_input if w.key == "ranking_open_search").input("玉田县").run()
        box = next(s for s in at.selectbox if s.key == "ranking_open")
        assert [o.split(" (")[0] for o in box.options] == [r["id"] for r in expected][: len(box.options)]
        box.set_value(expected[0]["id"]).run()
        next(b for b in at.button if b.key == "ranking_open_button").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.session_state["node"] == expected[0]["id"]
        # The Plans page finds plans by typing too, and opens one of them.
        at.sidebar.radio(key="page_choice").set_value("plans").run()
        next(w for w in at.text_input if w.key == "plans_find").input("玉田县").run()
        assert not at.exception, [e.value for e in at.exception]
        plans = store.query("MATCH (p:Plan) WHERE p.jurisdiction = '玉田县' RETURN p.title AS title")
        offered = at.selectbox(key="plans_plan").options
        assert plans and all(any(p["title"] in o for o in offered) for p in plans)
        from ui import data

        data.store().close()
