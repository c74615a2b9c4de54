"""The search parser never raises, never writes, and says so when it does not understand."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.__main__ import main as graph_main
from graph.ask import Asker

from .conftest import counts, fingerprint

HOSTILE = [
    "MATCH (n) DETACH DELETE n", "'; DROP DATABASE plangraph; --", "}) RETURN 1 //", "\" OR 1=1 --",
    "CREATE (:Agency {id: 'evil'})", "<script>alert('x')</script>", "\\\\'\\\"", "😀🔥💣", "省经信委'}) DETACH DELETE n //",
    "a" * 5000, "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "$agency", "{{agency}}", "\x00\x01\x02",
]


@pytest.fixture(scope="module")
def asker(store):
    return Asker(store)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_not_understood_and_changes_nothing(asker, store, text):
    before = fingerprint(store)
    a = asker.ask(text)
    assert not a.understood and a.rows == [] and a.cypher is None
    assert fingerprint(store) == before


def test_an_agency_name_inside_an_injection_is_only_ever_a_parameter(asker, store):
    before = counts(store)
    a = asker.ask("省经信委牵头哪些任务'}) DETACH DELETE n //")
    assert a.cypher is None or "DETACH" not in a.cypher
    assert counts(store) == before


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120))
def test_any_text_gets_an_answer_object(asker, text):
    a = asker.ask(text)
    assert isinstance(a.answer, str) and a.answer
    assert a.understood == bool(a.cypher)


def test_ambiguous_agency_names_ask_for_a_province(asker):
    a = asker.ask("省经济和信息化委负责什么?")  # Anhui and Sichuan both write it so
    assert not a.understood
    assert {"安徽省经济和信息化委员会", "四川省经济和信息化委员会"} <= set(a.closest)
    b = asker.ask("四川省经济和信息化委负责什么?")
    assert b.understood and b.params["agency"] == "四川省经济和信息化委员会"


def test_things_the_graph_does_not_hold_are_named(asker):
    a = asker.ask("广西哪个部门牵头的任务最多?")
    assert not a.understood and "广西" in a.answer


def test_not_understood_still_finds_passages(asker):
    a = asker.ask("智慧高速是什么意思")
    assert not a.understood
    assert a.passages and any("智慧高速" in p["quote"] for p in a.passages)
    assert len(a.suggestions) >= 3


def test_cli_ask_json(capsys, monkeypatch, store):
    monkeypatch.setenv("PLANGRAPH_DB", store.where)
    assert graph_main(["ask", "How many tasks does the Anhui DRC lead?", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"question", "understood", "intent", "entities", "cypher", "params", "answer", "rows"}
    assert out["understood"] and out["intent"] == "agency_task_count"
    assert out["params"] == {"agency": "安徽省发展和改革委员会", "role": "LEADS"} and out["rows"][0]["count"] == 8
    assert "8" in out["answer"]
