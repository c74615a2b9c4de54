"""The same plan as .txt (UTF-8, GBK, UTF-16), .docx and .html gives the same agencies and roles;
a PDF with a text layer is read too. Fixtures are made here from a seed."""

from __future__ import annotations

import io
from html import escape

import pytest

from loaders import extract_source
from loaders.read import source_from_bytes

from .conftest import plan_path

TEXT = plan_path("qingyuan").read_text(encoding="utf-8")
OVERRIDES = {"jurisdiction": "清远市", "province": "广东省"}


def as_docx(text: str) -> bytes:
    import docx

    d = docx.Document()
    lines = text.splitlines()
    for ln in lines[:12]:
        d.add_paragraph(ln)
    # The rest as a one-column table: allocation tables often live in Word tables.
    table = d.add_table(rows=0, cols=1)
    for ln in lines[12:]:
        table.add_row().cells[0].text = ln
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def as_html(text: str) -> bytes:
    # The page claims GBK but is UTF-8: the bytes decide, not the claim.
    body = "".join(f"<p>{escape(ln)}</p>\n" for ln in text.splitlines())
    page = (f"<html><head><meta charset='gbk'><title>清远</title><script>var x = '<p>假</p>';</script></head>"
            f"<body><nav>首页 | 政务公开</nav><div class='content'>{body}</div><footer>版权所有</footer></body></html>")
    return page.encode("utf-8")


VARIANTS = {
    "plan.txt": lambda: TEXT.encode("utf-8"),
    "plan-gbk.txt": lambda: TEXT.encode("gbk"),
    "plan-utf16.txt": lambda: TEXT.encode("utf-16"),
    "plan.docx": lambda: as_docx(TEXT),
    "plan.html": lambda: as_html(TEXT),
}


def roles(rec):
    return sorted((r.project.split(":")[1], r.agency, r.role, r.basis) for r in rec.roles)


@pytest.fixture(scope="module")
def reference():
    return extract_source(source_from_bytes(TEXT.encode("utf-8"), "plan.txt"), OVERRIDES)


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_format_gives_the_same_agencies_and_roles(reference, name):
    rec = extract_source(source_from_bytes(VARIANTS[name](), name), OVERRIDES)
    assert roles(rec) == roles(reference)
    assert sorted(a.id for a in rec.agencies) == sorted(a.id for a in reference.agencies)
    assert len(roles(rec)) == 25
    assert "假" not in rec.projects[0].text  # script text is not plan text


def test_pdf_with_a_text_layer(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    from graph.figures import cjk_font

    font = cjk_font()
    if not font:
        pytest.skip("no CJK font to write the test PDF with")
    font_manager.fontManager.addfont(font)
    family = font_manager.FontProperties(fname=font).get_name()
    lines = ["清远市信息化工作实施方案", "一、主要任务",
             "1.实施宽带普及提速工程。推进光纤到户。(牵头单位:市经济和信息化局)",
             "2.全面推进三网融合工作。发展网络电视。(牵头单位:市经济和信息化局、市文化广电新闻出版局)",
             "3.推进电子监察综合应用能力建设。完善电子纪检监察平台。(牵头单位:市监察局)"]
    with plt.rc_context({"pdf.fonttype": 42, "font.family": [family]}):
        fig = plt.figure(figsize=(8.3, 11.7))
        for i, ln in enumerate(lines):
            fig.text(0.05, 0.95 - i * 0.04, ln, fontsize=9)
        buf = io.BytesIO()
        fig.savefig(buf, format="pdf")
        plt.close(fig)
    rec = extract_source(source_from_bytes(buf.getvalue(), "plan.pdf"), OVERRIDES)
    assert sorted((r.project.split(":")[1], r.surface, r.role) for r in rec.roles) == [
        ("task-1", "市经济和信息化局", "lead"), ("task-2", "市文化广电新闻出版局", "lead"),
        ("task-2", "市经济和信息化局", "lead"), ("task-3", "市监察局", "lead")]
