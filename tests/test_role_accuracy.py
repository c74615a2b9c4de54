"""Agency roles against an independent annotation of the seeds (tests/gold/roles.csv).

The annotation was written from the texts by a reader who never saw the extractor.
"""

from __future__ import annotations

from .conftest import PLANS, gold


def triples(seeds):
    return {
        (key, r.project.split(":")[1], r.surface, r.role, r.basis)
        for key, rec in seeds.items() for r in rec.roles
    }


def test_roles_match_the_annotation_with_precision_and_recall_at_least_097(seeds):
    expected = {(g["plan"], g["project"], g["agency"], g["role"], g["basis"]) for g in gold("roles.csv")}
    got = triples(seeds)
    tp = len(expected & got)
    precision, recall = tp / len(got), tp / len(expected)
    assert precision >= 0.97 and recall >= 0.97, {"missed": sorted(expected - got)[:10], "extra": sorted(got - expected)[:10]}


def test_annotation_covers_every_plan():
    assert {g["plan"] for g in gold("roles.csv")} == set(PLANS) - {"henan"}
