"""The command lines: thin, JSON out, one clear sentence on bad input."""

from __future__ import annotations

import json

from graph.__main__ import main as graph_main
from loaders.__main__ import main as loaders_main

from .conftest import plan_path


def test_extract_prints_the_plans_records_as_json(capsys):
    assert loaders_main(["extract", str(plan_path("qingyuan")), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"plan", "projects", "roles", "agencies", "indicators", "technologies", "warnings"}
    task1 = next(p for p in out["projects"] if p["id"].endswith(":task-1"))
    assert task1["title"] == "实施宽带普及提速工程"
    lead = next(r for r in out["roles"] if r["project"] == task1["id"])
    assert (lead["agency"], lead["role"]) == ("清远市经济和信息化局", "lead")


def test_extract_of_a_binary_file_says_which_file_and_why(tmp_path, capsys):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(bytes(range(256)) * 30)
    assert loaders_main(["extract", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "scan.txt" in err and "[L002]" in err


def test_graph_presets_lists_every_preset(capsys):
    assert graph_main(["presets"]) == 0
    out = capsys.readouterr().out
    assert "agency_ranking" in out and "Agencies ranked by tasks led and supported" in out


def test_build_then_ranking_preset_from_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANGRAPH_DB", str(tmp_path / "db"))
    assert loaders_main(["build"]) == 0
    assert "5 plan(s) loaded" in capsys.readouterr().out
    assert graph_main(["preset", "agency_ranking", "--param", "limit=3", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["agency"] for r in rows][0] == "浙江省经济和信息化委员会"
    assert graph_main(["query", "CREATE (:Hack)"]) == 1
    assert "[G003]" in capsys.readouterr().err
    assert graph_main(["stats"]) == 0
    assert "Agency" in capsys.readouterr().out
