"""Twenty readers run presets while a plan is added: every read succeeds and sees either the old
graph or the new plan whole, never part of it."""

from __future__ import annotations

import threading
import time

from graph import presets
from graph.build import build

from .conftest import PLANS, plan_path


def test_readers_never_see_half_a_plan(empty_store):
    assert build(empty_store, [plan_path("qingyuan"), plan_path("sichuan")]).ok
    stop = threading.Event()
    seen: list[tuple] = []
    errors: list[Exception] = []

    def reader():
        while not stop.is_set():
            try:
                rows = {r["plan"]: r for r in presets.run(empty_store, "plans_overview")}
                zj = rows.get(PLANS["zhejiang"])
                seen.append(None if zj is None else (zj["projects"], zj["leads"], zj["supports"]))
                ranking = presets.run(empty_store, "agency_ranking", {"province": "浙江省", "limit": 1})
                seen.append(("top", ranking[0]["led"]) if ranking else ("top", 0))
            except Exception as err:  # noqa: BLE001 - any failure is the finding
                errors.append(err)

    threads = [threading.Thread(target=reader) for _ in range(20)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    assert build(empty_store, [plan_path("zhejiang")]).ok
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    plan_states = {s for s in seen if s is None or s[0] != "top"}
    assert plan_states <= {None, (37, 37, 105)} and (37, 37, 105) in plan_states and None in plan_states
    assert {s for s in seen if s and s[0] == "top"} <= {("top", 0), ("top", 20)}
    assert len(seen) > 100
