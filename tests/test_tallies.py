"""The counts kept at load time (graph/tallies.py) always equal what the facts say, through
loads, replacements and removals — the national-scale presets read them instead of the facts."""

import shutil
from pathlib import Path

from graph import tallies
from graph.build import build, default_paths, remove_plan

CORPUS = Path(__file__).parent / "corpus" / "plans"


def same(a: tallies.Contribution, b: tallies.Contribution) -> None:
    for name in ("roles", "types", "pairs", "techs", "plans"):
        x = {k: v for k, v in getattr(a, name).items() if v}
        y = {k: v for k, v in getattr(b, name).items() if v}
        assert x == y, f"{name}: {set(x.items()) ^ set(y.items())}"


def test_counts_follow_loads_replacements_and_removals(empty_store, tmp_path):
    seeds = default_paths()
    corpus = sorted(CORPUS.glob("*.txt"))[:6]
    assert build(empty_store, [*seeds, *corpus]).ok
    same(tallies.stored(empty_store), tallies.recount(empty_store))
    # A plan's file changes under the same name: its counts are replaced, not added.
    moving = tmp_path / "moving-plan.txt"
    shutil.copy(seeds[0], moving)
    assert build(empty_store, [moving]).ok
    shutil.copy(seeds[1], moving)
    assert build(empty_store, [moving]).ok
    same(tallies.stored(empty_store), tallies.recount(empty_store))
    # Removing plans takes their counts out, down to nothing left over.
    remove_plan(empty_store, "moving-plan")
    remove_plan(empty_store, corpus[0].stem)
    same(tallies.stored(empty_store), tallies.recount(empty_store))
    for p in [*seeds, *corpus[1:]]:
        remove_plan(empty_store, p.stem)
    assert empty_store.query("MATCH (t:Tally) RETURN count(t) AS n")[0]["n"] == 0


def test_agency_counts_are_the_roles_in_the_graph(store):
    """On the seeds: every agency's led / supported is the number of its LEADS / SUPPORTS edges."""
    rows = store.query("MATCH (a:Agency) OPTIONAL MATCH (a)-[l:LEADS]->() WITH a, count(l) AS led "
                       "OPTIONAL MATCH (a)-[s:SUPPORTS]->() RETURN a.id AS id, a.led AS kept_led, led, "
                       "a.supported AS kept_supported, count(s) AS supported", limit=10**5)
    assert rows and all(r["kept_led"] == r["led"] and r["kept_supported"] == r["supported"] for r in rows)
    assert any(r["led"] > 10 for r in rows)


def test_tallies_are_met_by_no_traversal(store):
    """Counts are nodes of their own: a neighbourhood, a path or an export never reaches them."""
    assert store.query("MATCH (t:Tally) RETURN count(t) AS n")[0]["n"] > 100
    assert store.query("MATCH (t:Tally)-[r]-() RETURN count(r) AS n")[0]["n"] == 0


def test_periods_are_five_year_plans():
    assert [tallies.period_of(y) for y in (2006, 2010, 2011, 2016, 2020, 2021, 2025, 2026, None)] == [
        "2006-2010", "2006-2010", "2011-2015", "2016-2020", "2016-2020", "2021-2025", "2021-2025", "2026-2030", ""]


def test_presets_reading_counts_give_whole_numbers(store):
    """Counts read from tallies are integers, as counted ones were (no 20.0 in a table or export)."""
    from graph import presets

    for name, columns in (("agency_ranking", ("led", "supported", "total")), ("agency_types", ("led", "supported", "total")),
                          ("co_responsibility", ("shared_tasks",)), ("technologies_by_province", ("tasks",)),
                          ("agency_types_by_period", ("led", "supported", "plans")), ("plans_overview", ("projects", "leads"))):
        rows = presets.run(store, name)
        assert rows and all(type(r[c]) is int for r in rows for c in columns), name
