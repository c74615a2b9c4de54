"""Figures for papers: a subgraph drawn at a journal's column width, for print.

The figure is made at its physical width (one column 8.5 cm, two columns 17 cm), so point sizes are
print sizes: labels are 7 pt and never smaller. Inside the axes one data unit is one point, which
lets labels be placed beside their nodes with the renderer's own text extents and checked against
every node's disc. Where labels do not fit, the best-connected nodes keep theirs and the caption
says how many were left out.

Layouts (deterministic, no random seed): ``hierarchical`` for a plan (issuer → plan → agencies →
tasks → indicators and technologies, top-down), ``radial`` for one node's neighbourhood (focus in
the centre, rings by distance), ``bipartite`` for an agency–task graph (agencies in one column,
tasks in another).

Node kinds differ in fill lightness and marker shape (Okabe–Ito colours), so a figure survives
grayscale printing and colour-blind readers; LEADS is drawn solid, SUPPORTS dashed, anything else
thin, dotted and grey, all with arrowheads.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .errors import GraphError

WIDTHS_CM = {"one": 8.5, "two": 17.0}
LABEL_PT = 7.0
TITLE_PT = 9.0
MAX_HEIGHT_PT = 23 / 2.54 * 72  # a figure never runs past a page's text block
MARGIN = 3.0  # points around the drawing
GAP = 1.5  # points between a node's disc and its label
PNG_DPI = 300


@dataclass(frozen=True)
class Kind:
    colour: str
    vertices: int  # 0 draws a circle
    orientation: float  # radians, for the polygon
    marker: str  # the same shape as a matplotlib marker, for the legend
    zh: str
    en: str


# Okabe–Ito colours; main kinds are far apart in lightness (Plan 0, Agency .34, Technology .47,
# Project .64, Indicator .84 in grey) and every kind has its own shape.
KINDS = {
    "Plan": Kind("#000000", 5, 0.0, "p", "规划", "plan"),
    "Agency": Kind("#0072B2", 0, 0.0, "o", "机构", "agency"),
    "Project": Kind("#E69F00", 4, math.pi / 4, "s", "任务", "task"),
    "Technology": Kind("#D55E00", 3, 0.0, "^", "技术", "technology"),
    "Indicator": Kind("#F0E442", 4, 0.0, "D", "指标", "indicator"),
    "Province": Kind("#CC79A7", 6, 0.0, "h", "省", "province"),
    "City": Kind("#56B4E9", 8, math.pi / 8, "8", "市", "city"),
}
OTHER_KIND = Kind("#BBBBBB", 0, 0.0, "o", "其他", "other")


@dataclass(frozen=True)
class EdgeStyle:
    linestyle: str
    colour: str
    width: float
    head: float  # arrowhead size in points
    zh: str
    en: str


EDGE_STYLES = {
    "LEADS": EdgeStyle("-", "#000000", 0.8, 4.0, "牵头", "leads"),
    "SUPPORTS": EdgeStyle("--", "#444444", 0.7, 3.6, "配合", "supports"),
    "other": EdgeStyle(":", "#999999", 0.5, 3.0, "其他关系", "other relationship"),
}


def edge_style(rel: str) -> EdgeStyle:
    return EDGE_STYLES.get(rel, EDGE_STYLES["other"])


def kind_of(G, n) -> str:
    return (G.nodes[n].get("labels") or ["Node"])[0]


# ---------------------------------------------------------------- the font


def cjk_font() -> str | None:
    """Path of a simplified-Chinese face: Noto Sans CJK SC from the mplfonts wheel, else Debian's.

    Debian's NotoSansCJK-Regular.ttc is a collection whose first face is JP, the one
    matplotlib would embed (Japanese glyph forms); the SC file comes first."""
    try:
        import importlib.resources

        p = Path(str(importlib.resources.files("mplfonts"))) / "fonts" / "NotoSansCJKsc-Regular.otf"
        if p.exists():
            return str(p)
    except ModuleNotFoundError:
        pass
    for p in ("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc"):
        if Path(p).exists():
            return p
    return None


def _font_families() -> list[str]:
    from matplotlib import font_manager

    font = cjk_font()
    if not font:
        return ["DejaVu Sans"]
    font_manager.fontManager.addfont(font)
    return [font_manager.FontProperties(fname=font).get_name(), "DejaVu Sans"]


# ---------------------------------------------------------------- words


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Chinese wraps between characters, but a Latin run inside it ("4G", "IPv6") stays whole, an
# opening mark stays with what follows and a closing one with what precedes (no line starts "、").
_ZH_TOKEN = re.compile(r"[“‘(（《「]*(?:[A-Za-z0-9][A-Za-z0-9.+\-/%]*|\s+|.)[、,，。;；:：)）」”’》!！?？+]*")
ELLIPSIS = "…"


def node_name(d: dict, node_id: str, lang: str) -> str:
    """What a node is called on a figure: English where the graph has it, a task's number and title."""
    if "Project" in (d.get("labels") or []):
        return f"{d.get('label', '')} {d.get('title', '')}".strip() or node_id
    if lang == "en" and (d.get("name_en") or d.get("title_en")):
        return str(d.get("name_en") or d.get("title_en"))
    return str(d.get("name") or d.get("title") or node_id)


def wrap(text: str, max_pt: float, measure, max_lines: int = 3) -> list[str]:
    """Lines no wider than ``max_pt``: English at word boundaries, Chinese between characters.

    More than ``max_lines`` lines are cut with an ellipsis. A single word wider than the line
    keeps its own line rather than being broken. Lines are evened out, so a label never ends
    in a line of one character."""
    latin = not _CJK.search(text)
    tokens = text.split() if latin else _ZH_TOKEN.findall(text)
    sep = " " if latin else ""
    lines = _greedy(tokens, sep, max_pt, measure)
    if len(lines) > max_lines:
        return [sep.join(ln).strip() for ln in lines[: max_lines - 1]] + [_ellipsize(lines[max_lines - 1], sep, max_pt, measure)]
    lo, hi = 0.0, max_pt
    for _ in range(7):  # the narrowest width that needs no more lines: balanced lines
        mid = (lo + hi) / 2
        if len(_greedy(tokens, sep, mid, measure)) <= len(lines):
            hi = mid
        else:
            lo = mid
    return [sep.join(ln).strip() for ln in _greedy(tokens, sep, hi, measure)]


def _greedy(tokens: list[str], sep: str, max_pt: float, measure) -> list[list[str]]:
    lines: list[list[str]] = [[]]
    for tok in tokens:
        if lines[-1] and measure(sep.join([*lines[-1], tok]).strip()) > max_pt:
            lines.append([] if tok.isspace() else [tok])
        elif not (tok.isspace() and not lines[-1]):
            lines[-1].append(tok)
    return [ln for ln in lines if "".join(ln).strip()]


def _ellipsize(tokens: list[str], sep: str, max_pt: float, measure) -> str:
    tokens = list(tokens)
    while len(tokens) > 1 and measure(sep.join(tokens).strip() + ELLIPSIS) > max_pt:
        tokens.pop()
    return sep.join(tokens).strip() + ELLIPSIS


# ---------------------------------------------------------------- titles and captions


_WHAT = [
    (re.compile(r"neighbourhood of (.+) \(depth (\d)\)$"), "hood"),
    (re.compile(r"plan (.+)$"), "plan"),
    (re.compile(r"preset (.+)$"), "preset"),
    (re.compile(r"search: (.+)$"), "search"),
    (re.compile(r"agency.task graph.*$"), "workload"),
    (re.compile(r"(console )?query$"), "query"),
    (re.compile(r"the whole graph$"), "all"),
]


def title_for(what: str, G, lang: str) -> str:
    """The figure title in the label language; ``what`` is the Selection's English description."""
    for pattern, kind in _WHAT:
        m = pattern.match(what or "")
        if m:
            return _TITLES[kind](m, G, lang)
    return what if lang == "en" else "图谱导出"


def _name(G, node_id: str, lang: str) -> str:
    return node_name(G.nodes[node_id], node_id, lang) if node_id in G else node_id


def _preset_title(name: str, lang: str) -> str:
    from . import presets

    try:
        return presets.get(name).title(lang)
    except Exception:  # an unknown preset still gets a title: its name
        return name


_TITLES = {
    "hood": lambda m, G, lang: (f"{_name(G, m[1], lang)}的{'一二'[int(m[2]) - 1]}度邻域" if lang == "zh"
                                else f"Neighbourhood of {_name(G, m[1], lang)} (depth {m[2]})"),
    "plan": lambda m, G, lang: (f"规划：{_name(G, m[1], lang)}" if lang == "zh" else f"Plan: {_name(G, m[1], lang)}"),
    "preset": lambda m, G, lang: (f"预设查询：{_preset_title(m[1], lang)}" if lang == "zh"
                                  else f"Preset query: {_preset_title(m[1], lang)}"),
    "search": lambda m, G, lang: f"检索：{m[1]}" if lang == "zh" else f"Search: {m[1]}",
    "workload": lambda m, G, lang: "机构–任务关系图(当前筛选)" if lang == "zh" else "Agency–task graph (current filters)",
    "query": lambda m, G, lang: "查询结果" if lang == "zh" else "Query result",
    "all": lambda m, G, lang: "整个图谱" if lang == "zh" else "The whole graph",
}


def caption(G, labelled: int, lang: str) -> str:
    n, m = G.number_of_nodes(), G.number_of_edges()
    left = n - labelled
    if lang == "zh":
        text = f"{n} 个节点，{m} 条关系。"
        return text + (f"按连接数优先标注了 {labelled} 个节点，另有 {left} 个未标注。" if left else "")
    text = f"{n} nodes, {m} relationships."
    return text + (f" Labels on {labelled} nodes, the most connected first; {left} left unlabelled." if left else "")


# ---------------------------------------------------------------- layouts


@dataclass
class Layout:
    """Node centres in points inside the drawing area, and where each label would rather go."""

    name: str
    pos: dict
    height: float
    sides: dict = field(default_factory=dict)  # node → label directions, best first


RADIUS = 3.2  # points; a plan and the focus are drawn larger
# How wide a label may be, as a share of the drawing's width: beside a column or a ring, labels
# have a side to themselves; in the rows of a plan they share it with their neighbours.
LABEL_SHARE = {"hierarchical": 0.19, "bipartite": 0.34, "radial": 0.31}
FOCUS_SHARE = 0.24  # radial: the focus label sits between the two halves of the ring


def choose_layout(G, focus: str | None = None) -> str:
    """hierarchical for a plan, radial for a node's neighbourhood, bipartite for agencies and tasks."""
    if focus in G and kind_of(G, focus) == "Plan":
        return "hierarchical"
    if focus in G:
        return "radial"
    if is_agency_task(G):
        return "bipartite"
    return "hierarchical"


def is_agency_task(G) -> bool:
    kinds = [kind_of(G, n) for n in G]
    core = sum(k in ("Agency", "Project") for k in kinds)
    roles = sum(k in ("LEADS", "SUPPORTS") for *_, k in G.edges(keys=True))
    return ("Agency" in kinds and "Project" in kinds and core >= 0.8 * len(kinds)
            and roles >= 0.5 * G.number_of_edges())


def _task_key(G, n):
    d = G.nodes[n]
    return (str(d.get("plan", "")), d.get("number") if isinstance(d.get("number"), int) else 10**6, str(n))


def _barycentre_order(G, nodes, index: dict) -> list:
    """Nodes sorted by the mean position of their placed neighbours (fewer crossings), then id."""
    U = G.to_undirected(as_view=True)

    def key(n):
        xs = [index[m] for m in U.neighbors(n) if m in index]
        return (sum(xs) / len(xs) if xs else math.inf, str(n))

    return sorted(nodes, key=key)


HIER_LAYER = {"Province": 0, "City": 0, "Plan": 1, "Agency": 2, "Project": 3, "Indicator": 4, "Technology": 4}
LAYER_GAP = 14.0


def hierarchical(G, width: float, focus, sizes: dict) -> Layout:
    """Issuer, plan, agencies, tasks, indicators and technologies in rows, top-down; a long row
    wraps into staggered sub-rows so neighbouring labels can interleave."""
    groups: dict[int, list] = {}
    for n in G:
        groups.setdefault(HIER_LAYER.get(kind_of(G, n), 5), []).append(n)
    tasks = sorted(groups.get(3, []), key=lambda n: _task_key(G, n))
    index = {n: i for i, n in enumerate(tasks)} or {n: i for i, n in enumerate(sorted(G, key=str))}
    tallest = max((h for _, h in sizes.values()), default=10.0)
    rows = [(k, r, row) for k in sorted(groups) for r, row in
            enumerate(_rows(tasks if k == 3 else _barycentre_order(G, groups[k], index), width))]
    # a label above or below a node fits between the rows, unless that would outgrow the page
    gap = tallest + 2 * (RADIUS + GAP) + 2.0
    span = sum(gap for _ in rows[1:]) + LAYER_GAP * (len({k for k, _, _ in rows}) - 1)
    fit = min(1.0, (MAX_HEIGHT_PT * 0.8 - 2 * tallest) / span) if span else 1.0
    pos, y, layer = {}, 0.0, None
    for k, r, row in rows:
        y -= (0 if layer is None else gap * fit + (LAYER_GAP * fit if k != layer else 0))
        layer = k
        step = width / (len(row) + 0.5)
        shift = step / 2 if r % 2 else 0.0  # sub-rows staggered so their labels interleave
        pos.update({n: ((i + 0.5) * step + shift, y) for i, n in enumerate(row)})
    top = tallest + 8.0
    height = -y + 2 * top
    pos = {n: (x, yy + height - top) for n, (x, yy) in pos.items()}
    return Layout("hierarchical", pos, height, {n: _row_sides(G, n, pos) for n in G})


def _row_sides(G, n, pos) -> list[str]:
    """Away from the edges: agencies' labels above them, the bottom rows' below, a lone node's beside."""
    if sum(1 for _, y in pos.values() if y == pos[n][1]) == 1:
        return ["E", "W", "N", "S"]
    first = {"Agency": ["N", "S"], "Project": ["S", "N"]}.get(kind_of(G, n), ["S", "N"])
    return [*first, "SE", "NE", "SW", "NW", "E", "W"]


def _rows(nodes: list, width: float) -> list[list]:
    """Up to three sub-rows give each node room for a label (about 40 pt); a longer layer takes
    as many rows as keep nodes 18 pt apart."""
    if not nodes:
        return []
    cap = max(int(width // 40.0), math.ceil(len(nodes) / 3), 1)
    n_rows = math.ceil(len(nodes) / min(cap, max(int(width // 18.0), 1)))
    per = math.ceil(len(nodes) / n_rows)
    return [nodes[i : i + per] for i in range(0, len(nodes), per)]


def bipartite(G, width: float, focus, sizes: dict) -> Layout:
    """Agencies in the left column, their tasks in the right, each row as tall as its label."""
    agencies = [n for n in G if kind_of(G, n) == "Agency"]
    tasks = sorted((n for n in G if kind_of(G, n) == "Project"), key=lambda n: _task_key(G, n))
    index = {n: i for i, n in enumerate(tasks)}
    left = _barycentre_order(G, agencies, index)
    # other sources (a plan INCLUDES its tasks) go under the agencies, other targets under the tasks
    rest = [n for n in G if n not in index and n not in set(agencies)]
    left += _barycentre_order(G, [n for n in rest if G.out_degree(n) >= G.in_degree(n)], index)
    right = tasks + _barycentre_order(G, [n for n in rest if G.out_degree(n) < G.in_degree(n)], index)
    share = LABEL_SHARE["bipartite"] * width
    xl, xr = share + 8.0, width - share - 8.0
    slots = {n: max(sizes[n][1], 2 * RADIUS + 2) + 2.0 for n in G}
    height = max(sum(slots[n] for n in left), sum(slots[n] for n in right), 20.0) + 12.0
    pos = _column(left, xl, height, slots) | _column(right, xr, height, slots)
    sides = {n: (["W", "NW", "SW"] if n in set(left) else ["E", "NE", "SE"]) for n in pos}
    return Layout("bipartite", pos, height, sides)


def _column(nodes: list, x: float, height: float, slots: dict) -> dict:
    """Stacked top-down; a column shorter than the other is spread over the same height."""
    spare = (height - 12.0 - sum(slots[n] for n in nodes)) / max(len(nodes), 1)
    out, y = {}, height - 6.0
    for n in nodes:
        step = slots[n] + spare
        out[n] = (x, y - step / 2)
        y -= step
    return out


def radial(G, width: float, focus, sizes: dict) -> Layout:
    """The focus in the centre; every other node on the ring of its distance from it. Rings are
    ellipses as tall as the outer ring's labels need: half the ring down the right, half up the left."""
    dist = nx.single_source_shortest_path_length(nx.Graph(G), focus)
    far = max(dist.values(), default=0) + 1
    rings: dict[int, list] = {}
    for n in G:
        rings.setdefault(dist.get(n, far), []).append(n)
    last = max(rings)
    rx = max(sizes[focus][0] / 2 + RADIUS * 1.6 + 6.0, 24.0)
    angle: dict = {focus: 0.0}
    halves = {}
    for k in range(1, last + 1):
        members = _ring_order(G, focus, rings.get(k, []), angle)
        half = math.ceil(len(members) / 2)
        halves[k] = (members[:half], members[half:][::-1])
        angle.update({n: i for i, n in enumerate(members)})
    slots = {n: max(sizes[n][1], 2 * RADIUS + 2) + 1.5 for n in G}
    ry = max([sum(slots[n] for n in side) / 2 for side in halves.get(last, ([], []))] + [rx])
    ry = min(ry, MAX_HEIGHT_PT * 0.42)
    margin = max(slots.values(), default=10.0) / 2 + 4.0
    height = 2 * (ry + margin)
    cx, cy = width / 2, height / 2
    pos = {focus: (cx, cy)}
    for k, (right, left) in halves.items():
        f = k / last
        pos |= _ellipse_side(right, 1, rx * f, ry * f, slots, cx, cy) | _ellipse_side(left, -1, rx * f, ry * f, slots, cx, cy)
    sides = {n: _outward(*pos[n], cx, cy) for n in G}
    sides[focus] = ["S", "N", "SE", "NE", "SW", "NW", "E", "W"]
    return Layout("radial", pos, height, sides)


def _ring_order(G, focus, members: list, placed: dict) -> list:
    """The first ring by kind and role (leads before supports); outer rings follow their parents."""
    U = G.to_undirected(as_view=True)
    order = list(KINDS)

    def key(n):
        parents = [placed[m] for m in U.neighbors(n) if m in placed and m != focus]
        role = 0 if G.has_edge(focus, n, key="LEADS") else 1 if G.has_edge(focus, n, key="SUPPORTS") else 2
        kind = order.index(kind_of(G, n)) if kind_of(G, n) in order else len(order)
        return (sum(parents) / len(parents) if parents else 0.0, kind, role, _task_key(G, n))

    return sorted(members, key=key)


def _ellipse_side(nodes: list, side: int, rx: float, ry: float, slots: dict, cx: float, cy: float) -> dict:
    """Top-down on one side of the ellipse, each node given its label's height."""
    total = sum(slots[n] for n in nodes)
    spare = (2 * ry - total) / max(len(nodes), 1) if total < 2 * ry else 0.0
    scale = min(1.0, 2 * ry / total) if total else 1.0
    out, y = {}, ry
    for n in nodes:
        step = slots[n] * scale + spare
        yy = y - step / 2 if len(nodes) > 1 else 0.0
        out[n] = (cx + side * rx * math.sqrt(max(0.0, 1 - (yy / ry) ** 2)) if ry else cx + side * rx, cy + yy)
        y -= step
    return out


def _outward(x, y, cx, cy) -> list[str]:
    h, d1, d2 = ("E", "NE", "SE") if x >= cx else ("W", "NW", "SW")
    up = y >= cy
    return [h, d1 if up else d2, d2 if up else d1, "N" if up else "S", "S" if up else "N"]


LAYOUTS = {"hierarchical": hierarchical, "radial": radial, "bipartite": bipartite}


# ---------------------------------------------------------------- label placement


def _candidates(x, y, r, w, h, sides: list[str]):
    """Label boxes (x0, y0) beside a node, in order of preference; never over the node's disc."""
    d = r + GAP
    diag = d * math.sqrt(0.5)
    spots = {
        "E": [(x + d, y - h / 2), (x + d, y - h / 2 + h / 3), (x + d, y - h / 2 - h / 3)],
        "W": [(x - d - w, y - h / 2), (x - d - w, y - h / 2 + h / 3), (x - d - w, y - h / 2 - h / 3)],
        "N": [(x - w / 2, y + d)], "S": [(x - w / 2, y - d - h)],
        "NE": [(x + diag, y + diag)], "SE": [(x + diag, y - diag - h)],
        "NW": [(x - diag - w, y + diag)], "SW": [(x - diag - w, y - diag - h)],
    }
    for s in sides:
        yield from ((x0, y0, s) for x0, y0 in spots[s])


def disc_hits_box(cx, cy, r, box, pad: float = 0.0) -> bool:
    x0, y0, x1, y1 = box
    nx_ = min(max(cx, x0 - pad), x1 + pad)
    ny_ = min(max(cy, y0 - pad), y1 + pad)
    return (cx - nx_) ** 2 + (cy - ny_) ** 2 < r * r


def boxes_overlap(a, b, pad: float = 0.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def place_labels(order: list, pos: dict, radii: dict, sizes: dict, sides: dict, bounds) -> dict:
    """Greedy, most important first: the first free spot beside each node, or no label at all."""
    discs = [(*pos[n], radii[n]) for n in pos]
    placed: dict = {}
    for n in order:
        w, h = sizes[n]
        for x0, y0, side in _candidates(*pos[n], radii[n], w, h, sides.get(n, ["E", "W", "N", "S"])):
            box = (x0, y0, x0 + w, y0 + h)
            if _free(box, bounds, discs, placed.values()):
                placed[n] = (box, side)
                break
    return placed


def _free(box, bounds, discs, placed) -> bool:
    if box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]:
        return False
    if any(disc_hits_box(cx, cy, r, box, pad=1.0) for cx, cy, r in discs):
        return False
    return not any(boxes_overlap(box, b, pad=1.0) for b, _ in placed)


# ---------------------------------------------------------------- drawing


@dataclass
class Drawing:
    """A rendered figure and what was placed on it (for saving and for checking)."""

    fig: object
    ax: object
    layout: str
    nodes: dict  # node → its marker patch
    labels: dict  # node → its Text
    edges: list  # (u, v, relationship, FancyArrowPatch)
    legend: object
    title: str
    caption: str
    unlabelled: int
    width_cm: float


def draw(G, lang: str = "zh", title: str = "", width: str = "one", focus: str | None = None,
         layout: str | None = None) -> Drawing:
    """Draw ``G`` at a column width ("one" 8.5 cm or "two" 17 cm); see ``figure`` for the bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    if width not in WIDTHS_CM:
        raise GraphError("G004", "export", f"figure width {width!r}: choose one of {', '.join(WIDTHS_CM)}")
    focus = focus if focus in G else None
    w_pt = WIDTHS_CM[width] / 2.54 * 72
    inner = w_pt - 2 * MARGIN
    fig = Figure(figsize=(w_pt / 72, 4), dpi=72)  # 72 dpi while drawing: one pixel is one point
    renderer = FigureCanvasAgg(fig).get_renderer()
    families = _font_families()
    prop = FontProperties(family=families, size=LABEL_PT)
    name = layout or choose_layout(G, focus)
    if name == "radial" and focus is None:
        focus = max(G, key=lambda n: (G.degree(n), str(n)), default=None)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    texts = _label_texts(ax, G, name, focus, lang, prop, _measurer(renderer, prop), inner)
    sizes = {n: _extent(t, renderer) for n, t in texts.items()}
    lay = LAYOUTS[name](G, inner, focus, sizes) if len(G) else Layout(name, {}, 20.0)
    head, title_text = _title_block(fig, title, families, inner, renderer)
    radii = {n: RADIUS * (1.6 if n == focus or kind_of(G, n) == "Plan" else 1.0) for n in G}
    nodes = {n: _node(ax, G, n, lay.pos[n], radii[n]) for n in G}
    edges = _edges(ax, G, lay.pos, radii)
    placed = place_labels(_importance(G, focus), lay.pos, radii, sizes, lay.sides, (0.0, 0.0, inner, lay.height))
    texts = _keep_placed(texts, placed)
    cap = caption(G, len(texts), lang)
    foot, legend = _legend_and_caption(fig, G, lang, families, inner, cap, renderer)
    height = head + lay.height + foot + 2 * MARGIN
    fig.set_size_inches(w_pt / 72, height / 72)
    ax.set_position([MARGIN / w_pt, (MARGIN + foot) / height, inner / w_pt, lay.height / height])
    ax.set_xlim(0, inner)
    ax.set_ylim(0, lay.height)
    if title_text:
        title_text.set_position((MARGIN / w_pt, 1 - MARGIN / height))
    return Drawing(fig, ax, name, nodes, texts, edges, legend, title, cap, len(G) - len(texts), WIDTHS_CM[width])


def _measurer(renderer, prop):
    cache: dict[str, float] = {}

    def measure(s: str) -> float:
        if s not in cache:
            cache[s] = renderer.get_text_width_height_descent(s, prop, ismath=False)[0]
        return cache[s]

    return measure


def _importance(G, focus) -> list:
    """Who gets a label first: the focus, then by degree; ties by id so the picture is stable."""
    return sorted(G, key=lambda n: (n != focus, -G.degree(n), str(n)))


def _node(ax, G, n, xy, r):
    from matplotlib.patches import Circle, RegularPolygon

    k = KINDS.get(kind_of(G, n), OTHER_KIND)
    style = {"facecolor": k.colour, "edgecolor": "#222222", "linewidth": 0.4, "zorder": 3}
    patch = (Circle(xy, r, **style) if not k.vertices
             else RegularPolygon(xy, k.vertices, radius=r, orientation=k.orientation, **style))
    patch.set_gid(f"node {n}")
    ax.add_patch(patch)
    return patch


def _edges(ax, G, pos, radii) -> list:
    from matplotlib.patches import FancyArrowPatch

    out, seen = [], set()
    rank = {"LEADS": 2, "SUPPORTS": 1}
    for u, v, rel in sorted(G.edges(keys=True), key=lambda e: (rank.get(e[2], 0), str(e[0]), str(e[1]))):
        s = edge_style(rel)
        pair = frozenset((u, v))
        bend = 0.2 if pair in seen else 0.0  # a second edge between the same two nodes curves away
        seen.add(pair)
        patch = FancyArrowPatch(pos[u], pos[v], arrowstyle=f"-|>,head_length={s.head / 10},head_width={s.head / 28}",
                                mutation_scale=10, shrinkA=radii[u] + 0.5, shrinkB=radii[v] + 1.0,
                                connectionstyle=f"arc3,rad={bend}", linestyle=s.linestyle, linewidth=s.width,
                                color=s.colour, zorder=2 if rel in rank else 1)
        patch.set_gid(f"edge {rel}")
        ax.add_patch(patch)
        out.append((u, v, rel, patch))
    return out


def _label_texts(ax, G, layout: str, focus, lang, prop, measure, inner) -> dict:
    """Every node's label, wrapped to the width its layout allows (not yet placed)."""
    # A near-opaque white box keeps a label legible where edges pass (its pad stays inside the
    # placement gap); not a stroked halo, which would turn the PDF's text into outlines.
    box = {"boxstyle": "square,pad=0.07", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
    out = {}
    for n in G:
        share = FOCUS_SHARE if layout == "radial" and n == focus else LABEL_SHARE[layout]
        lines = wrap(node_name(G.nodes[n], n, lang), share * inner, measure)
        out[n] = ax.text(0, 0, "\n".join(lines), fontproperties=prop, ha="left", va="bottom", zorder=4,
                         linespacing=1.1, bbox=box)
    return out


def _keep_placed(texts: dict, placed: dict) -> dict:
    align = {"E": "left", "NE": "left", "SE": "left", "W": "right", "NW": "right", "SW": "right"}
    kept = {}
    for n, t in texts.items():
        if n not in placed:
            t.remove()
            continue
        (x0, y0, *_), side = placed[n]
        t.set_position((x0, y0))
        t.set_multialignment(align.get(side, "center"))
        kept[n] = t
    return kept


def _extent(text, renderer) -> tuple[float, float]:
    bb = text.get_window_extent(renderer)
    return bb.width, bb.height


def _title_block(fig, title: str, families, inner: float, renderer):
    """The title and its height in points; it moves to the top once the figure's height is known."""
    from matplotlib.font_manager import FontProperties

    if not title:
        return 0.0, None
    prop = FontProperties(family=families, size=TITLE_PT)
    lines = wrap(title, inner, _measurer(renderer, prop), 3)
    t = fig.text(0, 1, "\n".join(lines), fontproperties=prop, ha="left", va="top")
    return t.get_window_extent(renderer).height + 4.0, t


def _legend_and_caption(fig, G, lang, families, inner, cap, renderer):
    """Legend (node kinds and edge styles present) above the caption, both anchored to the bottom."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=families, size=LABEL_PT)
    lines = wrap(cap, inner, _measurer(renderer, prop), 6)
    text = fig.text(MARGIN / 72, MARGIN / 72, "\n".join(lines), fontproperties=prop, ha="left", va="bottom",
                    transform=fig.dpi_scale_trans, color="#333333")
    cap_h = text.get_window_extent(renderer).height
    handles = _legend_handles(G, lang)
    anchor = {"loc": "lower left", "bbox_to_anchor": (MARGIN / 72, (MARGIN + cap_h + 2) / 72),
              "bbox_transform": fig.dpi_scale_trans, "prop": prop, "frameon": False, "borderaxespad": 0,
              "borderpad": 0.2, "handlelength": 2.2, "columnspacing": 1.0, "handletextpad": 0.4}
    ncol = len(handles)
    while ncol > 1:
        trial = fig.legend(handles=handles, ncol=ncol, **anchor)
        fits = trial.get_window_extent(renderer).width <= inner
        trial.remove()
        if fits:
            break
        ncol -= 1
    rows = math.ceil(len(handles) / max(ncol, 1))
    legend = fig.legend(handles=handles, ncol=max(1, math.ceil(len(handles) / max(rows, 1))), **anchor)
    leg_h = legend.get_window_extent(renderer).height if handles else 0.0
    return cap_h + leg_h + 6.0, legend


def _legend_handles(G, lang) -> list:
    from matplotlib.lines import Line2D

    kinds = sorted({kind_of(G, n) for n in G}, key=lambda k: list(KINDS).index(k) if k in KINDS else 99)
    handles = []
    for k in kinds:
        s = KINDS.get(k, OTHER_KIND)
        handles.append(Line2D([], [], linestyle="none", marker=s.marker, markersize=5, markerfacecolor=s.colour,
                              markeredgecolor="#222222", markeredgewidth=0.4, label=s.zh if lang == "zh" else s.en))
    rels = {k for *_, k in G.edges(keys=True)}
    for key in ("LEADS", "SUPPORTS", "other"):
        if key in rels or (key == "other" and rels - {"LEADS", "SUPPORTS"}):
            s = EDGE_STYLES[key]
            handles.append(Line2D([0, 1], [0, 0], linestyle=s.linestyle, color=s.colour, linewidth=s.width,
                                  label=s.zh if lang == "zh" else s.en))
    return handles


# ---------------------------------------------------------------- bytes and checks


def figure(G, fmt: str, lang: str = "zh", title: str = "", width: str = "one", focus: str | None = None) -> bytes:
    """The figure as SVG, PDF (CJK face embedded as a subset) or PNG (300 dpi), at the column width."""
    import matplotlib

    rc = {"pdf.fonttype": 42, "ps.fonttype": 42, "svg.fonttype": "path"}
    with matplotlib.rc_context(rc):
        d = draw(G, lang, title, width, focus)
        buf = io.BytesIO()
        d.fig.savefig(buf, format=fmt, dpi=PNG_DPI if fmt == "png" else 72,
                      metadata={"Creator": "PlanGraph"} if fmt == "pdf" else None)
    return buf.getvalue()


def figure_for(sel, fmt: str, lang: str = "zh", width: str = "one") -> bytes:
    """A Selection's figure: its title in the label language, its node or plan as the focus."""
    return figure(sel.graph, fmt, lang, title_for(sel.what, sel.graph, lang), width, focus_of(sel))


def focus_of(sel) -> str | None:
    """The node a figure centres on: the neighbourhood's node, a preset's agency, the exported plan.

    A plan given as a filter (the workload's) is no focus: that graph is about agencies and tasks."""
    params = sel.params or {}
    keys = ("node", "agency", "plan") if (sel.what or "").startswith("plan ") else ("node", "agency")
    return next((params[k] for k in keys if params.get(k) in sel.graph), None)


def geometry(d: Drawing) -> dict:
    """What was placed, in points from the figure's lower left, measured from the drawn artists.

    ``nodes``: node → (x, y, r) of its disc; ``labels``: node → (x0, y0, x1, y1) of its text;
    ``size``: the figure's (width, height); ``font_pt``: node → label size in points."""
    d.fig.canvas.draw()  # label boxes are laid out at draw time
    renderer = d.fig.canvas.get_renderer()
    to_pt = 72 / d.fig.dpi
    nodes = {}
    for n, p in d.nodes.items():
        cx, cy = p.center if hasattr(p, "center") else p.xy
        (x, y), (x2, _) = d.ax.transData.transform([(cx, cy), (cx + p.radius, cy)])
        nodes[n] = (x * to_pt, y * to_pt, (x2 - x) * to_pt)
    labels = {n: tuple(v * to_pt for v in _label_extent(t, renderer)) for n, t in d.labels.items()}
    return {"nodes": nodes, "labels": labels, "size": tuple(d.fig.get_size_inches() * 72),
            "font_pt": {n: t.get_fontsize() for n, t in d.labels.items()}}


def _label_extent(text, renderer) -> tuple:
    """The text and the white box behind it, whichever reaches further."""
    from matplotlib.transforms import Bbox

    boxes = [text.get_window_extent(renderer)]
    if text.get_bbox_patch() is not None:
        boxes.append(text.get_bbox_patch().get_window_extent(renderer))
    return tuple(Bbox.union(boxes).extents)
