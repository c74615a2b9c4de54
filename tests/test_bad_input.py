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


def zip_bomb_docx() -> bytes:
    """A real .docx with one more part: 8 MB of zeros stored in a few kilobytes."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(as_docx_bytes()), "r") as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/media/image1.png", b"\0" * (8 * 1024 * 1024))
    return buf.getvalue()


def as_docx_bytes() -> bytes:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph(QINGYUAN[:2000])
    d.save(buf)
    return buf.getvalue()


def deep_html(depth: int) -> bytes:
    words = "清远市经济和信息化局负责推进信息消费" * 160  # about 3,000 Chinese characters
    return f"<html><body>{'<div>' * depth}<p>{words}</p>{'</div>' * depth}</body></html>".encode()


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
    "bomb.docx": (zip_bomb_docx, "L012"),
    "deep.html": (lambda: deep_html(10_000), "L013"),
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


def test_a_docx_whose_text_unpacks_past_the_limit_is_refused_before_parsing(monkeypatch):
    import zipfile

    from loaders import formats

    monkeypatch.setattr(formats, "ZIP_MAX_XML", 2 * 1024 * 1024)  # the real limit is 50 MB; same check
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(as_docx_bytes()), "r") as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = body.replace(b"</w:body>", b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 80_000 + b"</w:body>")
            dst.writestr(item, body)
    with pytest.raises(LoaderError) as err:
        formats.docx_text(buf.getvalue(), "long.docx")
    assert err.value.code == "L012" and "word/document.xml" in err.value.detail


def test_the_deep_page_message_says_why_and_a_page_1500_levels_deep_is_read(tmp_path):
    from loaders.read import source_from_bytes

    with pytest.raises(LoaderError) as err:
        source_from_bytes(deep_html(10_000), "deep.html")
    assert "nested more than 2,048 levels" in err.value.detail and "no words" not in err.value.detail
    assert "清远市经济和信息化局" in source_from_bytes(deep_html(1500), "deep.html").text


@pytest.mark.parametrize(("name", "fine"), [
    ("plan\x00.txt", False), ("a" * 300 + ".txt", False), ("规划" * 40 + ".txt", False), (".hidden.txt", False),
    ("", False), ("../../etc/plan.txt", True), ("C:\\Users\\me\\plan.docx", True), ("江西 2018.docx", True),
])
def test_upload_names_are_sanitised_or_refused_in_one_sentence(name, fine):
    from loaders.formats import check_name

    if fine:
        assert "/" not in check_name(name) and "\\" not in check_name(name)
        return
    with pytest.raises(LoaderError) as err:
        check_name(name)
    assert err.value.code == "L011" and "\x00" not in str(err.value)


def test_a_file_whose_name_maps_to_another_files_plan_refuses_naming_both(empty_store):
    from graph.build import default_paths

    assert build(empty_store, default_paths()).ok
    before = fingerprint(empty_store)
    text = (default_paths()[0]).read_bytes()  # any plan text will do
    summary = add_upload(empty_store, "anhui 2017 informatization 13th fyp.txt", text)
    assert not summary.ok and "[G010]" in summary.errors[0]
    assert "anhui 2017 informatization 13th fyp.txt" in summary.errors[0] and "anhui-2017-informatization-13th-fyp.txt" in summary.errors[0]
    assert fingerprint(empty_store) == before
    # said on purpose, it replaces that plan
    assert add_upload(empty_store, "anhui 2017 informatization 13th fyp.txt", text, replace=True).ok
    row = empty_store.query("MATCH (p:Plan {id: 'anhui-2017-informatization-13th-fyp'}) RETURN p.source_file AS f")
    assert row == [{"f": "anhui 2017 informatization 13th fyp.txt"}]
