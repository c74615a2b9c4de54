"""Parameters inlined into a write by graph/falkor_params.py come back from the engine unchanged."""

import pytest

from graph.falkor_params import header

VALUES = [
    "浙江省经济和信息化委员会",
    'a "quoted" word',
    "back\\slash and \\n not a newline",
    "line one\nline two\r\n\ttabbed",
    "bell \x07 and form feed \x0c and NUL-free control \x1f",
    "",
    "{not: a map} `ticks` $dollar",
    0, -7, 26000.0, 0.25, 1e-05, 1.5e16,
    True, False, None,
    ["a", 1, None, ["nested", "list"]],
    {"name": "市大数据局", "aliases": ["大数据局", 'q"'], "collective": False, "span_start": 12},
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_a_value_round_trips_through_the_engine(store, value):
    """What the loader writes (texts with quotes, newlines, backslashes) is what readers get back."""
    res = store.graph.query(header({"v": value}) + "RETURN $v AS v", None).result_set
    assert res[0][0] == value


def test_plan_writes_read_back_their_texts_and_quotes(store, seeds):
    """The seeds' task texts and role quotes, written through the header, are the loader's to the character."""
    for rec in seeds.values():
        texts = {r["id"]: r["text"] for r in store.query("MATCH (p:Project {plan: $plan}) RETURN p.id AS id, p.text AS text",
                                                        {"plan": rec.plan.id}, limit=10**5)}
        assert texts == {p.id: p.text for p in rec.projects}
        quotes = store.query("MATCH (:Agency)-[r:LEADS]->(:Project {plan: $plan}) RETURN r.evidence AS q", {"plan": rec.plan.id}, limit=10**5)
        assert sorted(q["q"] for q in quotes) == sorted(r.evidence for r in rec.roles if r.role == "lead")
