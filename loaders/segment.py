"""Stage 2: normalised text → blocks (headings, paragraphs, table cells) with section paths.

Plans number their headings 一、 / (一) / 1. / (1); programme boxes start with
专栏N and annexes with 附件. Web copies put every table cell on its own line,
so short lines between a recognised table header and the next heading are
read back into rows here (see ``tables``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CN_NUM = "一二三四五六七八九十"
_HEADINGS = [
    # (level, pattern): the marker is group 1, the rest of the line group 2
    (1, re.compile(rf"^([{CN_NUM}]+、)\s*(.*)$")),
    (2, re.compile(rf"^(\([{CN_NUM}]+\))\s*(.*)$")),
    (3, re.compile(r"^(\d{1,3}[.、])(?!(?!(?:19|20)\d\d\s*年)[\d%])\s*(\S.*)$")),  # "1.2021年底前,…" is item 1
    (4, re.compile(r"^(\(\d{1,2}\))\s*(\S.*)$")),
    (4, re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*(\S.*)$")),
    # "第一章 总体要求", "第二部分 重点任务": a part of the plan, like 一、
    (1, re.compile(rf"^(第[{CN_NUM}]+(?:章|部分|篇))\s*(.*)$")),
]
_BOX = re.compile(rf"^(专栏\s*[{CN_NUM}\d]+)\s*(.*)$")
_ANNEX = re.compile(r"^(附件)\s*[:\d.]*\s*(.*)$")
LEVEL_BOX = 5
LEVEL_ANNEX = 0


@dataclass
class Block:
    start: int
    end: int
    text: str  # normalised text of the line, stripped
    level: int | None = None  # heading level, LEVEL_BOX, LEVEL_ANNEX, or None for a paragraph
    marker: str = ""
    title: str = ""
    path: list[str] = field(default_factory=list)  # enclosing heading titles

    @property
    def is_heading(self) -> bool:
        return self.level is not None


# A heading marker run into the previous paragraph: web copies that lost their line breaks
# put "。(二)推进…" or "。 3.建设…" mid-line. Only after a sentence end, so "1.5万" never splits.
_INLINE_HEADING = re.compile(
    rf"(?<=[。;!?)”])\s*(?=(?:[{CN_NUM}]+、|\([{CN_NUM}]+\)|\d{{1,3}}[.、](?![\d%])|专栏\s*[{CN_NUM}\d]+)\s*[\u4e00-\u9fff“])"
    # the first item of a list right after its heading's words: "二、重点任务 (一)建设…"
    r"|(?<=[\u4e00-\u9fff])\s+(?=(?:\(一\)|1[.、](?!\d))\s*[\u4e00-\u9fff“])"
)


# A whole table run together on one line: "序号 重点任务 牵头单位 … 1 建设… 2 推进…".
_ONE_LINE_TABLE = re.compile(r"序号\s+[^\n]{0,40}?(?:牵头|责任|配合)(?:单位|部门)[^\n]{0,30}?\s(?=1\s)")


def _table_row_cuts(line: str) -> list[int]:
    """Where the rows of a one-line table start: after its header, at 1, 2, 3 … in turn."""
    m = _ONE_LINE_TABLE.search(line)
    if not m:
        return []
    cuts, pos, n = [m.end()], m.end(), 2
    while True:
        nxt = re.compile(rf"\s{n}\s(?=[\u4e00-\u9fff“])").search(line, pos + 1)
        if not nxt:
            return cuts
        cuts.append(nxt.start() + 1)
        pos, n = nxt.end(), n + 1


def lines(norm: str) -> list[Block]:
    """Non-empty lines as blocks, spans trimmed to the visible text; a line holding
    several numbered items, or a whole table, is cut before each item or row."""
    out = []
    for m in re.finditer(r"[^\n]+", norm):
        inner = [c.end() for c in _INLINE_HEADING.finditer(m.group(0))] + _table_row_cuts(m.group(0))
        cuts = [m.start(), *sorted(m.start() + c for c in inner), m.end()]
        for a, b in zip(cuts, cuts[1:], strict=False):
            raw = norm[a:b]
            stripped = raw.strip(" \r?")
            if "\t" not in stripped.strip("\t"):
                stripped = stripped.strip("\t")  # a tab-separated row keeps its empty edge cells
            if not stripped:
                continue
            start = a + raw.index(stripped)
            out.append(Block(start, start + len(stripped), stripped))
    return out


def title_of(rest: str) -> str:
    """A heading's title: up to the first full stop, or the whole (short) line."""
    head = re.split(r"[。]", rest, maxsplit=1)[0]
    return head.strip() if len(head) <= 60 else head[:60]


def classify(block: Block) -> Block:
    if len(block.text) > 400 and not re.match(r"^([一二三四五六七八九十]+、|\([一二三四五六七八九十]+\)|\d{1,2}[.、])", block.text):
        return block
    m = _BOX.match(block.text)
    if m:
        block.level, block.marker, block.title = LEVEL_BOX, m.group(1).replace(" ", ""), title_of(m.group(2))
        return block
    m = _ANNEX.match(block.text)
    if m and len(block.text) < 40:
        block.level, block.marker, block.title = LEVEL_ANNEX, "附件", title_of(m.group(2)) or "附件"
        return block
    for level, pat in _HEADINGS:
        m = pat.match(block.text)
        if m:
            block.level, block.marker, block.title = level, m.group(1), title_of(m.group(2))
            return block
    return block


_ORDINAL_ITEM = re.compile(rf"^([{CN_NUM}]+是)[,,]?\s*(\S.*)$")


def segment(norm: str) -> list[Block]:
    """Classify every line and give it the path of headings it sits under."""
    blocks = [classify(b) for b in lines(norm)]
    if not any(b.level in (1, 2, 3) for b in blocks):
        # A short text whose items are paragraphs opening "一是…二是…": those are its items.
        for b in blocks:
            m = _ORDINAL_ITEM.match(b.text) if b.level is None else None
            if m:
                b.level, b.marker, b.title = 4, m.group(1), title_of(m.group(2))
    stack: list[tuple[int, str]] = []
    in_annex = False
    for b in blocks:
        if b.level == LEVEL_ANNEX:
            in_annex = True
            stack = [(0, "附件" if not b.title or b.title == "附件" else f"附件 {b.title}")]
            b.path = []
            continue
        if in_annex and b.level in (1, 2, 3, 4):
            # Inside an annex a numbered line is a table cell or a list of annexes, not a heading.
            b.level = None
        if b.level is None:
            b.path = [t for _, t in stack]
            continue
        rank = b.level if b.level != LEVEL_BOX else 4.5
        while stack and _rank(stack[-1][0]) >= rank:
            stack.pop()
        b.path = [t for _, t in stack]
        stack.append((b.level, f"{b.marker}{b.title}"))
    return blocks


def _rank(level: int) -> float:
    return 4.5 if level == LEVEL_BOX else level


# ---------------------------------------------------------------- flattened tables

_VALUE = re.compile(r"^([<>≥≤]?\s*-?\d+(\.\d+)?\s*%?|/|—|-|基本实现|全面实现|实现|全覆盖)$")
_YEAR_CELL = re.compile(r"^(\d{4})\s*年?(底|末|目标|基数|基期)?$")
_MAX_CELL = 90


@dataclass
class Table:
    kind: str  # "indicators" | "allocation"
    header: list[Block]
    rows: list[list[Block]]
    categories: list[str | None]  # per row, the category row above it (indicator tables)
    wrapped: dict[int, list[tuple[int, Block]]] = field(default_factory=dict)  # row → (column, cell) of lines it wraps onto


def find_tables(blocks: list[Block]) -> list[Table]:
    """Tables flattened one cell per line, or one row per line (cells between | or tabs or
    runs of spaces), recognised by their header cells."""
    tables = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
        header = split_cells(b)
        if len(header) >= 3 and _is_allocation_header([h.text for h in header]):
            t, i = _row_table(blocks, i, header)
            tables.append(t)
            continue
        if re.fullmatch(r"指\s*标(名称)?", b.text):
            t, i = _indicator_table(blocks, i)
            tables.append(t)
            continue
        if b.text == "序号":
            t, i = _allocation_table(blocks, i)
            if t:
                tables.append(t)
            continue
        i += 1
    return tables


def _indicator_table(blocks: list[Block], i: int) -> tuple[Table, int]:
    header = [blocks[i]]
    j = i + 1
    while j < len(blocks) and _YEAR_CELL.match(blocks[j].text) and len(header) < 5:
        header.append(blocks[j])
        j += 1
    width = len(header) - 1  # value columns
    rows, cats, category = [], [], None
    while j < len(blocks):
        b = blocks[j]
        if b.is_heading or len(b.text) > _MAX_CELL or width == 0:
            break
        values = blocks[j + 1 : j + 1 + width]
        if len(values) == width and all(_VALUE.match(v.text) for v in values):
            rows.append([b, *values])
            cats.append(category)
            j += 1 + width
        elif _VALUE.match(b.text):
            j += 1  # a stray value cell: skip it rather than invent a row
        else:
            category = b.text
            j += 1
    return Table("indicators", header, rows, cats), j


_CELL_SEP = re.compile(r"\s*\|\s*|\t+|\s{2,}|(?<=[\u4e00-\u9fff\d)])\s(?=[\u4e00-\u9fff\d(])")
_RULE_ROW = re.compile(r"^[|:\-\s]+$")


def split_cells(block: Block) -> list[Block]:
    """One line of a row-per-line table as cell blocks (spans kept); [block] when it has no cells.
    Cells between | or tabs keep their empty neighbours, so a wrapped line stays in its columns."""
    text = block.text
    if "\t" in text and "|" not in text:
        cells, pos = [], 0
        for piece in text.split("\t"):
            lead = len(piece) - len(piece.lstrip())
            cells.append(Block(block.start + pos + lead, block.start + pos + lead + len(piece.strip()), piece.strip()))
            pos += len(piece) + 1
        return cells
    if "|" in text:
        parts = [(m.start(), m.end()) for m in re.finditer(r"[^|]+|(?<=\|)(?=\|)", text.strip("|"))]
        lead = len(text) - len(text.lstrip("|"))
        cells = []
        for a, b in parts:
            raw = text[lead + a : lead + b]
            s = lead + a + len(raw) - len(raw.lstrip())
            cells.append(Block(block.start + s, block.start + s + len(raw.strip()), raw.strip()))
        return cells
    if len(text) > 200:
        return [block]
    cells, pos = [], 0
    for m in _CELL_SEP.finditer(text):
        if m.start() > pos:
            cells.append(Block(block.start + pos, block.start + m.start(), text[pos : m.start()]))
        pos = m.end()
    cells.append(Block(block.start + pos, block.end, text[pos:]))
    return [c for c in cells if c.text] or [block]


def _is_allocation_header(names: list[str]) -> bool:
    short = all(len(n) <= 12 for n in names)
    return short and any(re.search(r"任务|工作|内容|事项|项目|措施", n) for n in names) and any(
        re.search(r"牵头|配合|责任|单位|部门", n) for n in names)


def _row_table(blocks: list[Block], i: int, header: list[Block]) -> tuple[Table, int]:
    """Rows one per line under a header line; category lines ("一、基础设施 | | |") and
    |---| rules skipped; a line with fewer cells continues the row above (a wrapped cell)."""
    width = len(header)
    numbered = bool(re.fullmatch(r"序号|编号|序", header[0].text))
    rows: list[list[Block]] = []
    wrapped: dict[int, list[tuple[int, Block]]] = {}
    j = i + 1
    while j < len(blocks):
        b = blocks[j]
        if _RULE_ROW.match(b.text):
            j += 1
            continue
        cells = split_cells(b)
        filled = [c for c in cells if c.text]
        if rows and numbered and len(cells) == width and not cells[0].text and filled:
            # a wrapped row: its first cell (序号) empty, the rest continues the row above, column by column
            wrapped.setdefault(len(rows) - 1, []).extend((k, c) for k, c in enumerate(cells) if c.text)
        elif len(cells) >= width - 1 and len(filled) >= 2:
            rows.append(cells[:width])
        elif ("|" in b.text or "\t" in b.text) and len(filled) <= 1:
            pass  # a category row
        elif b.is_heading or len(cells) < 2:
            break
        j += 1
    return Table("allocation", header, rows, [None] * len(rows), wrapped), j


def _allocation_table(blocks: list[Block], i: int) -> tuple[Table | None, int]:
    header = [blocks[i]]
    j = i + 1
    while j < len(blocks) and len(blocks[j].text) <= 12 and not blocks[j].text.isdigit() and len(header) < 6:
        header.append(blocks[j])
        j += 1
    names = [h.text for h in header]
    if not any(re.search(r"任务|工作|内容|事项|项目", n) for n in names) or not any(re.search(r"单位|部门", n) for n in names):
        return None, i + 1
    rows = []
    while j < len(blocks) and blocks[j].text.isdigit():
        row = [blocks[j]]
        j += 1
        while j < len(blocks) and not blocks[j].text.isdigit() and not blocks[j].is_heading and len(row) < len(header):
            row.append(blocks[j])
            j += 1
        rows.append(row)
    return Table("allocation", header, rows, [None] * len(rows)), j
