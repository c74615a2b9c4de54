"""The question suites: questions as researchers type them, with answers computed from the seeds.
Goal: ≥ 90 % right, and every question the graph cannot answer is answered "not understood".

tests/questions.json (144) was written first and the parser was developed against it;
tests/questions_holdout.json (40) was written later by someone who never saw the parser or the
first suite, and scored 72.5 % on first contact before the fixes it prompted (see the issue note)."""

from __future__ import annotations

import json

import pytest

from graph.ask import Asker

from .conftest import ROOT

QUESTIONS = json.loads((ROOT / "tests" / "questions.json").read_text(encoding="utf-8"))
HOLDOUT = json.loads((ROOT / "tests" / "questions_holdout.json").read_text(encoding="utf-8"))


def check(q: dict, a) -> str | None:
    """None when the answer is right, else what is wrong."""
    exp = q["expect"]
    if exp.get("not_understood"):
        return None if not a.understood else f"answered {a.intent} {a.params}"
    if not a.understood:
        return f"not understood ({a.answer})"
    rows = a.rows
    for kind, spec in exp.items():
        if kind == "rows" and len(rows) != spec:
            return f"{len(rows)} rows, expected {spec}"
        if kind == "first":
            for col, val in spec.items():
                if not rows or rows[0].get(col) != val:
                    return f"first {col} = {rows[0].get(col) if rows else None!r}, expected {val!r}"
        if kind == "value":
            got = rows[0].get(spec["column"]) if rows else None
            if got != spec["equals"]:
                return f"{spec['column']} = {got!r}, expected {spec['equals']!r}"
        if kind == "set":
            got = {r.get(spec["column"]) if not isinstance(r.get(spec["column"]), list) else tuple(r[spec["column"]]) for r in rows}
            want = {tuple(v) if isinstance(v, list) else v for v in spec["values"]}
            if got != want:
                return f"{spec['column']} differs: missing {sorted(map(str, want - got))[:3]}, extra {sorted(map(str, got - want))[:3]}"
        if kind == "contains":
            got = {r.get(spec["column"]) for r in rows}
            missing = [v for v in spec["values"] if v not in got]
            if missing:
                return f"{spec['column']} lacks {missing[:3]}"
    return None


@pytest.fixture(scope="module")
def asker(store):
    a = Asker(store)
    a.ask("预热 warm-up")
    return a


@pytest.fixture(scope="module", params=["questions", "holdout"])
def results(request, asker):
    suite = QUESTIONS if request.param == "questions" else HOLDOUT
    return [(q, asker.ask(q["q"])) for q in suite]


def test_suite_is_large_and_mixed():
    assert len(QUESTIONS) + len(HOLDOUT) >= 80
    langs = [q["lang"] for q in QUESTIONS + HOLDOUT]
    assert langs.count("zh") >= 40 and langs.count("en") >= 40
    assert {"paraphrase", "typo", "traditional", "out_of_scope", "hostile"} <= {q["kind"] for q in QUESTIONS + HOLDOUT}


def test_at_least_90_percent_right(results):
    wrong = [(q["id"], q["q"], problem) for q, a in results if (problem := check(q, a))]
    score = 1 - len(wrong) / len(results)
    print(f"\nsearch suite: {len(results) - len(wrong)}/{len(results)} right ({score:.1%})")
    for w in wrong:
        print("  wrong:", *w)
    assert score >= 0.90, wrong


def test_every_unanswerable_question_is_not_understood(results):
    confident = [(q["id"], q["q"], a.intent) for q, a in results if q["expect"].get("not_understood") and a.understood]
    assert confident == []


def test_answers_are_in_the_questions_language_with_the_cypher_shown(results):
    for q, a in results:
        if a.understood:
            assert a.cypher and a.interpretation
            assert (a.lang == "zh") == (q["lang"] == "zh") or q["kind"] in ("hostile", "typo"), q["q"]
