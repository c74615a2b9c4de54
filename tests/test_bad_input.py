"""Bad input gets a clear message naming the file and the problem, and the graph does not change.

The corpus is generated here, not kept as binary files in git."""

from __future__ import annotations

import io
import os

import pytest

from graph.build import add_upload, build
from loaders import LoaderError
from loaders.read import read_source

from .conftest import PLANS, fingerprint, plan_path

QINGYUAN = plan_path("qingyuan").read_text(encoding="utf-8")


def broken_docx() -> bytes:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph(QINGYUAN[:2000])
    d.save(buf)
    return buf.getvalue()[:3000]  # cut off: the zip's directory is gone


def textless_pdf() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    ax.axis("off")
    buf = io.BytesIO()
    fig.savefig(buf, format="pdf")
    plt.close(fig)
    return buf.getvalue()


CASES = {
    "empty.txt": (lambda: b"", "L003"),
    "spaces.txt": (lambda: b" \n\t\n ", "L003"),
    "binary.txt": (lambda: os.urandom(4000) + b"\x00" * 100, "L002"),
    "truncated.txt": (lambda: QINGYUAN.encode("utf-8")[:1001], "L008"),
    "bom-but-gbk.txt": (lambda: b"\xef\xbb\xbf" + QINGYUAN.encode("gbk"), "L002"),
    "nothing.html": (lambda: b"<html><head><meta charset='utf-8'><script>var a=1;</script></head><body><nav>Home | News</nav>"
                             b"<p>Page not found.</p><footer>(c) 2024</footer></body></html>", "L009"),
    "broken.docx": (broken_docx, "L010"),
    "broken.pdf": (lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%garbage", "L010"),
    "scan.pdf": (textless_pdf, "L009"),
    "table.xlsx": (lambda: b"PK\x03\x04 not a plan format", "L004"),
}


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory):
    from graph.store import open_store

    s = open_store(str(tmp_path_factory.mktemp("badinput")))
    assert build(s, [plan_path("qingyuan"), plan_path("sichuan")]).ok
    yield s
    s.close()


@pytest.mark.parametrize("name", list(CASES))
def test_bad_file_is_refused_by_name_and_nothing_changes(two_plans, tmp_path, name):
    make, code = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    before = fingerprint(two_plans)
    summary = build(two_plans, [path])
    assert not summary.ok and len(summary.errors) == 1
    assert f"[{code}]" in summary.errors[0] and name in summary.errors[0], summary.errors
    assert fingerprint(two_plans) == before
    with pytest.raises(LoaderError) as err:  # the upload path says the same, before storing anything
        add_upload(two_plans, name, path.read_bytes())
    assert err.value.code == code
    assert fingerprint(two_plans) == before


def test_a_50_mb_file_is_refused_without_reading_it(two_plans, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"\n")
    before = fingerprint(two_plans)
    summary = build(two_plans, [path])
    assert "[L005]" in summary.errors[0] and "huge.txt" in summary.errors[0]
    assert fingerprint(two_plans) == before


def test_loading_the_same_plan_twice_changes_nothing(two_plans):
    before = fingerprint(two_plans)
    assert build(two_plans, [plan_path("qingyuan")]).ok
    assert fingerprint(two_plans) == before


def test_two_plans_with_the_same_title_but_different_text_are_two_plans(two_plans, tmp_path):
    a, b = tmp_path / "copy-a.txt", tmp_path / "copy-b.txt"
    a.write_text(QINGYUAN, encoding="utf-8")
    b.write_text(QINGYUAN.replace("(牵头单位:市监察局)", "(牵头单位:市审计局)"), encoding="utf-8")
    overrides = {"jurisdiction": "清远市", "province": "广东省", "title": "同名方案"}
    assert build(two_plans, [a, b], overrides=overrides).ok
    rows = two_plans.query("MATCH (p:Plan {title: '同名方案'}) RETURN p.id AS id, p.sha256 AS sha ORDER BY id")
    assert [r["id"] for r in rows] == ["copy-a", "copy-b"] and rows[0]["sha"] != rows[1]["sha"]
    who = two_plans.query("MATCH (a:Agency)-[:LEADS]->(:Project {id: 'copy-b:task-10'}) RETURN a.id AS a")
    assert who == [{"a": "清远市审计局"}]


def test_read_source_names_the_file_for_unknown_suffixes(tmp_path):
    p = tmp_path / "plan.xlsx"
    p.write_bytes(b"x")
    with pytest.raises(LoaderError, match=r"\[L004\].*plan.xlsx"):
        read_source(p)


def test_uploaded_plan_appears_and_can_be_removed(two_plans):
    before = fingerprint(two_plans)
    text = plan_path("zhejiang").read_text(encoding="utf-8")
    summary = add_upload(two_plans, "zj-upload.txt", text.encode("gb18030"), {"jurisdiction": "浙江省"})
    assert summary.ok and summary.plans[0]["leads"] == 37
    from graph import presets

    ranking = presets.run(two_plans, "agency_ranking", {"province": "浙江省", "limit": 1})
    assert ranking[0]["agency"] == "浙江省经济和信息化委员会" and ranking[0]["led"] == 20
    from graph.build import remove_plan, uploads_dir

    assert (uploads_dir(two_plans) / "zj-upload.txt").exists()
    remove_plan(two_plans, "zj-upload")
    assert not (uploads_dir(two_plans) / "zj-upload.txt").exists()
    assert fingerprint(two_plans) == before
    assert PLANS["qingyuan"] in {r["id"] for r in two_plans.query("MATCH (p:Plan) RETURN p.id AS id")}
