"""Figures for papers: print size, the CJK face, labels beside (never on) nodes, edge styles,
layouts and language — checked on the seeds in the real embedded store."""

from __future__ import annotations

import colorsys
import io
import itertools
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from matplotlib.colors import to_rgb
from matplotlib.patches import ArrowStyle
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from graph import export as ex
from graph import figures as fg
from graph.__main__ import main as graph_main

from .conftest import PLANS, ROOT, app_on

ZJ_AGENCY = "浙江省经济和信息化委员会"
CM = 72 / 2.54


@pytest.fixture(scope="module")
def qingyuan_hood(store):
    return ex.select(store, node="清远市经济和信息化局", depth=1)


@pytest.fixture(scope="module")
def zj_hood(store):
    return ex.select(store, node=ZJ_AGENCY, depth=1)


@pytest.fixture(scope="module")
def zj_plan(store):
    return ex.select(store, plan=PLANS["zhejiang"])


@pytest.fixture(scope="module")
def workload(store):
    """What the workload page exports: agencies and the tasks they lead or support, in one plan."""
    from ui.export_panel import WORKLOAD_QUERY

    return ex.select(store, query=WORKLOAD_QUERY, what="agency–task graph (workload filters)",
                     params={"province": "", "plan": PLANS["qingyuan"], "include_collective": True})


def drawn(sel, lang="zh", width="one"):
    return fg.draw(sel.graph, lang, fg.title_for(sel.what, sel.graph, lang), width, fg.focus_of(sel))


def pdf_fonts(pdf: bytes):
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return page, [f.get_object() for f in page["/Resources"]["/Font"].values()]


def test_pdf_embeds_the_simplified_chinese_face_and_carries_the_chinese_names(qingyuan_hood):
    page, fonts = pdf_fonts(fg.figure_for(qingyuan_hood, "pdf"))
    embedded = [f for f in fonts if f.get("/DescendantFonts")]
    names = [str(f["/BaseFont"]) for f in embedded]
    # simplified-Chinese glyph forms (the SC face), not the JP face a .ttc collection opens with
    assert any("CJK" in n and ("CJKsc" in n or "SC" in n) for n in names), names
    descriptor = embedded[0]["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
    assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # the glyphs travel with the file
    text = page.extract_text().replace("\n", "")
    assert "的一度邻域" in text
    labels = [t.get_text().replace("\n", "") for t in drawn(qingyuan_hood).labels.values()]
    assert "清远市经济和信息化局" in labels and all(label in text for label in labels)


def test_png_is_300_dpi_at_one_column_and_svg_text_is_paths(qingyuan_hood):
    png = fg.figure_for(qingyuan_hood, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width_px = int.from_bytes(png[16:20], "big")
    assert abs(width_px - 8.5 / 2.54 * 300) <= 2
    svg = ET.fromstring(fg.figure_for(qingyuan_hood, "svg", lang="en"))
    assert svg.tag.endswith("svg") and len(svg.findall(".//{http://www.w3.org/2000/svg}path")) > 50
    assert svg.attrib["width"] == f"{8.5 * CM:g}pt" or abs(float(svg.attrib["width"][:-2]) - 8.5 * CM) < 0.5


def disc_hits(disc, box):
    cx, cy, r = disc
    x0, y0, x1, y1 = box
    nearest = (min(max(cx, x0), x1), min(max(cy, y0), y1))
    return (cx - nearest[0]) ** 2 + (cy - nearest[1]) ** 2 < r * r


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(("which", "width"), [("zj_hood", "one"), ("zj_hood", "two"), ("zj_plan", "two"), ("zj_plan", "one")])
def test_no_label_sits_on_a_node_or_on_another_label(request, which, width):
    d = drawn(request.getfixturevalue(which), width=width)
    geo = fg.geometry(d)
    assert len(geo["labels"]) >= 20
    for (n, box), (m, disc) in itertools.product(geo["labels"].items(), geo["nodes"].items()):
        assert not disc_hits(disc, box), f"label of {n} lies on node {m}"
    for (n, a), (m, b) in itertools.combinations(geo["labels"].items(), 2):
        assert not overlaps(a, b), f"labels of {n} and {m} overlap"
    w, h = geo["size"]
    assert all(b[0] >= 0 and b[2] <= w and b[1] >= 0 and b[3] <= h for b in geo["labels"].values())


@pytest.mark.parametrize(("width", "cm"), [("one", 8.5), ("two", 17.0)])
def test_the_figure_is_printed_at_column_width_with_labels_of_at_least_7_pt(zj_plan, width, cm):
    page, _ = pdf_fonts(fg.figure_for(zj_plan, "pdf", width=width))
    assert abs(float(page.mediabox.width) - cm * CM) < 0.5
    d = drawn(zj_plan, width=width)
    geo = fg.geometry(d)
    assert abs(geo["size"][0] - cm * CM) < 0.5
    assert geo["font_pt"] and min(geo["font_pt"].values()) >= 7
    for t in d.labels.values():  # seven points at print size: a line of text is at least that tall
        assert t.get_window_extent().height * 72 / d.fig.dpi >= 7


def test_when_labels_do_not_fit_the_best_connected_keep_theirs_and_the_caption_counts_the_rest(store):
    sel = ex.select(store, plan=PLANS["anhui"])  # 231 nodes: too many to name at 17 cm
    G = sel.graph
    for lang, words in (("zh", "另有 {} 个未标注"), ("en", "{} left unlabelled")):
        d = drawn(sel, lang, "two")
        left = G.number_of_nodes() - len(d.labels)
        assert left > 0 and d.unlabelled == left and words.format(left) in d.caption
        ranked = sorted(G, key=lambda n: -G.degree(n))
        assert PLANS["anhui"] in d.labels and all(n in d.labels for n in ranked[:5])
        labelled = [G.degree(n) for n in d.labels]
        rest = [G.degree(n) for n in G if n not in d.labels]
        assert sum(labelled) / len(labelled) > 1.5 * sum(rest) / len(rest)


def test_leads_are_solid_supports_dashed_both_with_arrowheads_and_both_in_the_legend(zj_hood):
    for lang, names in (("zh", ("牵头", "配合")), ("en", ("leads", "supports"))):
        d = drawn(zj_hood, lang)
        styles = {}
        for *_, rel, patch in d.edges:
            assert patch in d.ax.patches
            assert isinstance(patch.get_arrowstyle(), ArrowStyle.CurveFilledB)  # "-|>": a filled head
            styles.setdefault(rel, set()).add(patch.get_linestyle())
        assert styles["LEADS"] == {"-"} and styles["SUPPORTS"] == {"--"}
        assert all(s == {":"} for rel, s in styles.items() if rel not in ("LEADS", "SUPPORTS"))
        legend = {t.get_text(): h for t, h in zip(d.legend.get_texts(), d.legend.legend_handles, strict=True)}
        assert legend[names[0]].get_linestyle() == "-" and legend[names[1]].get_linestyle() == "--"
        assert {"机构", "任务"} <= set(legend) if lang == "zh" else {"agency", "task"} <= set(legend)


def test_a_plan_is_drawn_top_down_with_the_plan_above_its_tasks(zj_plan):
    d = drawn(zj_plan, width="two")
    assert d.layout == "hierarchical"
    nodes = fg.geometry(d)["nodes"]
    G = zj_plan.graph
    tasks = [n for n in G if fg.kind_of(G, n) == "Project"]
    techs = [n for n in G if fg.kind_of(G, n) == "Technology"]
    plan_y = nodes[PLANS["zhejiang"]][1]
    assert all(nodes[t][1] < plan_y for t in tasks)
    assert max(nodes[t][1] for t in techs) < min(nodes[t][1] for t in tasks)


def test_a_neighbourhood_is_radial_with_the_focus_in_the_centre(zj_hood):
    d = drawn(zj_hood)
    assert d.layout == "radial"
    nodes = fg.geometry(d)["nodes"]
    fx, fy, fr = nodes[ZJ_AGENCY]
    others = [(x, y) for n, (x, y, _) in nodes.items() if n != ZJ_AGENCY]
    xs, ys = [x for x, _ in others], [y for _, y in others]
    assert abs(fx - (min(xs) + max(xs)) / 2) < 2 and abs(fy - (min(ys) + max(ys)) / 2) < 2
    assert fr > max(r for n, (_, _, r) in nodes.items() if n != ZJ_AGENCY)  # the focus stands out
    assert min(((x - fx) ** 2 + (y - fy) ** 2) ** 0.5 for x, y in others) > 25


def test_an_agency_task_graph_is_bipartite_with_agencies_in_one_column(workload):
    d = drawn(workload)
    assert d.layout == "bipartite"
    G, nodes = workload.graph, fg.geometry(d)["nodes"]
    agency_x = {round(nodes[n][0], 3) for n in G if fg.kind_of(G, n) == "Agency"}
    task_x = {round(nodes[n][0], 3) for n in G if fg.kind_of(G, n) == "Project"}
    assert len(agency_x) == 1 and len(task_x) == 1 and agency_x.pop() < task_x.pop()


def test_the_same_subgraph_gives_the_same_picture(zj_hood):
    first, second = fg.geometry(drawn(zj_hood)), fg.geometry(drawn(zj_hood))
    assert first == second


def test_titles_and_captions_follow_the_label_language(zj_hood, zj_plan):
    zh, en = drawn(zj_hood, "zh"), drawn(zj_hood, "en")
    assert zh.title == f"{ZJ_AGENCY}的一度邻域" and "个节点" in zh.caption
    assert en.title.startswith("Neighbourhood of Zhejiang Provincial Economy") and "(depth 1)" in en.title
    assert not fg._CJK.search(en.title) and "nodes" in en.caption
    plan_title = zj_plan.graph.nodes[PLANS["zhejiang"]]
    assert drawn(zj_plan, "zh").title == f"规划：{plan_title['title']}"
    assert drawn(zj_plan, "en").title == f"Plan: {plan_title['title_en']}"
    assert fg.title_for("preset agency_tasks", zj_hood.graph, "zh").startswith("预设查询：")
    assert fg.title_for("console query", zj_hood.graph, "zh") == "查询结果"


def test_english_labels_break_only_between_words(zj_plan):
    d = drawn(zj_plan, "en", "one")
    G = zj_plan.graph
    checked = 0
    for n, t in d.labels.items():
        name = fg.node_name(G.nodes[n], n, "en")
        if fg._CJK.search(name):
            continue
        words = name.split()
        shown = t.get_text().replace(fg.ELLIPSIS, "").split()
        assert shown == words[: len(shown)], (name, t.get_text())  # whole words, in order
        checked += "\n" in t.get_text()
    assert checked >= 3  # some English labels really were wrapped


def test_wrapping_keeps_words_and_punctuation_and_cuts_only_after_three_lines():
    def measure(s):  # a monospace stand-in: 7 pt per character
        return 7.0 * len(s)

    assert fg.wrap("Zhejiang Provincial Department of Transport", 84, measure, max_lines=4) == [
        "Zhejiang", "Provincial", "Department", "of Transport"]
    assert fg.wrap("Zhejiang Provincial Department of Transport", 84, measure)[-1] == "Department…"
    assert all(not ln.startswith(("、", "”", "+")) for ln in fg.wrap("加快推进政府服务、城市管理“互联网+”智慧化", 49, measure))
    long = fg.wrap("推进" * 30, 70, measure)
    assert len(long) == 3 and long[-1].endswith(fg.ELLIPSIS) and all(measure(ln) <= 70 for ln in long)
    assert fg.wrap("推进智慧物流", 70, measure) == ["推进智慧物流"]


def grey(colour) -> float:
    r, g, b = to_rgb(colour)
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_node_kinds_differ_in_shape_and_in_grey(zj_plan):
    d = drawn(zj_plan, width="two")
    G = zj_plan.graph
    seen: dict[str, tuple] = {}
    for n, patch in d.nodes.items():
        shape = (type(patch).__name__, getattr(patch, "numvertices", 0), round(getattr(patch, "orientation", 0), 3))
        seen.setdefault(fg.kind_of(G, n), (shape, patch.get_facecolor()))
    shapes = [s for s, _ in seen.values()]
    assert len(set(shapes)) == len(shapes) >= 5  # one shape per kind
    main = [grey(c) for k, (_, c) in seen.items() if k in ("Plan", "Agency", "Project", "Technology", "Indicator")]
    assert min(abs(a - b) for a, b in itertools.combinations(main, 2)) >= 0.1
    # and the Okabe–Ito hues stay apart for the most common colour-blindness too (no two kinds alike)
    hues = [colorsys.rgb_to_hls(*to_rgb(c[:3]))[0] for _, c in seen.values() if grey(c) not in (0.0,)]
    assert len({round(h, 2) for h in hues}) == len(hues)


def test_cli_exports_a_two_column_pdf(tmp_path, monkeypatch, store):
    monkeypatch.setenv("PLANGRAPH_DB", store.where)
    out = tmp_path / "plan"
    assert graph_main(["export", "--plan", PLANS["qingyuan"], "--format", "pdf", "--width", "two", "--out", str(out)]) == 0
    page, _ = pdf_fonts((out / "figure.pdf").read_bytes())
    assert abs(float(page.mediabox.width) - 17 * CM) < 0.5
    assert re.search(r'"figure_width_cm": 17', (out / "manifest.json").read_text())


def test_export_panel_offers_a_width_for_figures_only(tmp_path):
    with app_on(tmp_path / "appgraph"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params.update({"page": "plans", "plan": PLANS["qingyuan"]})
        at.run()
        at.selectbox(key="export_format").set_value("graphml").run()
        assert not [r for r in at.radio if r.key == "export_width"]
        at.selectbox(key="export_format").set_value("pdf").run()
        at.radio(key="export_width").set_value("two").run()
        assert "双栏(17 厘米)" in at.radio(key="export_width").options
        at.button(key="export_prepare").click().run()
        assert not at.exception, [e.value for e in at.exception]
        _, blob, _, _ = at.session_state["export_zip"]
        pdf = zipfile.ZipFile(io.BytesIO(blob)).read("figure.pdf")
        page, _ = pdf_fonts(pdf)
        assert abs(float(page.mediabox.width) - 17 * CM) < 0.5
        from ui import data

        data.store().close()
