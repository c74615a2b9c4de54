"""Rows → tables a reader can use: names first, ids last, empty cells empty, task-5 before
task-31, every header and name in the reader's language.

``frame(rows, lang)`` builds the table; ``show(rows, lang, key)`` draws it with long text
columns wide and readable in full below the table. English names come from the graph
(``name_en``, an agency's ``type_en``); a place without one is romanised by the gazetteer.

>>> rows = [{"project": "p:task-31", "title": "乙", "led": None}, {"project": "p:task-5", "title": "甲", "led": 2}]
>>> df = frame(rows, "en", names={})
>>> list(df.columns), list(df["Task id"]), list(df["Led"])
(['Title', 'Led', 'Task id'], ['p:task-5', 'p:task-31'], [2, ''])
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import lru_cache

import pandas as pd
from natsort import natsort_keygen

from .i18n import KINDS, header, t

COUNT_COLUMNS = ("led", "supported", "total", "tasks", "shared_tasks", "count", "projects", "leads", "supports", "indicators")
# Read first: what a row is about. Then the rest as the query gave it, then the ids.
FIRST = ("name", "agency", "agency_a", "agency_b", "partner", "predecessor", "successor", "technology", "node",
         "label", "title")
ID_COLUMNS = frozenset({"id", "project", "indicator", "ids", "sha", "sha256", "source_file", "span_start", "span_end"})
_ID_VALUE = re.compile(r"^[a-z0-9][a-z0-9-]*:[a-z-]+-\d+$")  # zhejiang-2016-…:task-12
# Numbers that are not amounts: never a chart's measure.
NOT_MEASURES = frozenset({"year", "number", "target_year", "baseline_year", "target_value", "target_base", "baseline",
                          "target", "period_start", "period_end", "length", "span_start", "span_end", "community"})
LONG = 40  # characters: a cell longer than this is cut short in a table
_natural = natsort_keygen()


def frame(rows: list[dict], lang: str, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The rows as a table in the reader's language (``names``: Chinese → English, default from the graph)."""
    if not rows:
        return pd.DataFrame()
    if names is None:
        names = english_names() if lang == "en" else {}
    rows = natural_order(rows)
    columns = visible_columns(list(rows[0]), lang)
    listed = {c for c in columns if any(isinstance(r.get(c), list) for r in rows)}
    body = {c: [readable(r.get(c), c, r, lang, names) for r in rows] for c in columns}
    df = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in body.items()})
    df = df[ordered(columns, rows)]
    df = df.apply(_empty_as_blank)
    df.columns = unique([header(shape_of(c, rows), lang, listed=c in listed) for c in df.columns])
    return df


def shape_of(column: str, rows: list[dict]) -> str:
    """A column of paths or nodes is headed by what it holds when its name says nothing (RETURN p)."""
    v = next((r.get(column) for r in rows if r.get(column) is not None), None)
    if header(column, "en") != column or not isinstance(v, dict):
        return column
    if "nodes" in v:
        return "path"
    if "labels" in v:
        return "node"
    if "start" in v:
        return "relationship"
    return column


def _empty_as_blank(col: pd.Series) -> pd.Series:
    """Numbers stay numbers; a column with a gap becomes text, the gap an empty cell."""
    if col.map(lambda v: v == "").any():
        return col
    return col.infer_objects()


def unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} {seen[h]}")
    return out


def visible_columns(columns: list[str], lang: str) -> list[str]:
    """An ``x_en`` column is folded into ``x`` in English and left out in Chinese (name_en stays,
    for a reader who wants to cite the body in English)."""
    out = []
    for c in columns:
        if c.endswith("_en") and c[:-3] in columns:
            continue
        if c == "name_en" and lang == "en":
            continue
        out.append(c)
    return out


def ordered(columns: list[str], rows: list[dict]) -> list[str]:
    ids = [c for c in columns if is_id_column(c, rows)]
    first = [c for c in FIRST if c in columns and c not in ids]
    return first + [c for c in columns if c not in first and c not in ids] + ids


def is_id_column(column: str, rows: list[dict]) -> bool:
    if column in ID_COLUMNS:
        return True
    values = [r.get(column) for r in rows if r.get(column) not in (None, "")]
    return bool(values) and all(isinstance(v, str) and _ID_VALUE.match(v) for v in values)


def natural_order(rows: list[dict]) -> list[dict]:
    """Rows a query ordered by text (ORDER BY plan, project) put task-5 before task-31.

    Only the longest run of leading columns the rows are already sorted by, as text, is
    re-sorted, and stably: an order by counts (a ranking) is never touched.
    """
    columns = list(rows[0])
    for k in range(len(columns), 0, -1):
        prefix = columns[:k]
        if not all(_scalar(r.get(c)) for r in rows for c in prefix):
            continue
        plain = [tuple(_text(r.get(c)) for c in prefix) for r in rows]
        if plain == sorted(plain):
            return sorted(rows, key=lambda r: _natural(tuple(_text(r.get(c)) for c in prefix)))
    return rows


def _scalar(v) -> bool:
    return v is None or isinstance(v, (str, int, float))


def _text(v) -> str:
    return "" if v is None else str(v)


def readable(v, column: str, row: dict, lang: str, names: Mapping[str, str]):
    """One cell: empty for nothing, lists joined, nodes and paths by name, Chinese names in English."""
    if v is None or (isinstance(v, float) and v != v):
        return ""
    if lang == "en" and isinstance(v, str):
        english = row.get("name_en") if column == named_column(row) else row.get(f"{column}_en")
        if english:
            return english_with_chinese(english, v) if column == named_column(row) else english
    if column == "kind" and v in KINDS:
        return KINDS[v][0 if lang == "zh" else 1]
    if isinstance(v, dict) and "labels" in v:
        return node_name(v, lang, names)
    if isinstance(v, dict) and "nodes" in v:
        return " → ".join(node_name(n, lang, names) for n in v["nodes"])
    if isinstance(v, dict) and "type" in v and "start" in v:
        return v["type"]
    if isinstance(v, list):
        parts = [str(readable(x, column, {}, lang, names)) for x in v]
        return ("; " if lang == "en" else "、").join(p for p in parts if p)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, str) and lang == "en":
        return names.get(v, v)
    return v


def named_column(row: dict) -> str | None:
    """The column a row's ``name_en`` is the English of."""
    if "name_en" not in row:
        return None
    return next((c for c in ("agency", "technology", "name", "node") if c in row), None)


def node_name(node: dict, lang: str, names: Mapping[str, str]) -> str:
    props = node.get("properties", {})
    own = props.get("title") or props.get("name") or node["id"]
    if lang != "en":
        return own
    english = props.get("name_en") or props.get("title_en")
    if english:
        return english_with_chinese(english, own, node.get("labels", [""])[0])
    return names.get(node["id"], own)


def english_with_chinese(english: str, chinese: str, label: str = "") -> str:
    """A place reads as its English name; a body or a technology as the English with the
    Chinese original alongside, so a reader of the Chinese sources finds it there."""
    if label in ("Province", "City") or english == chinese:
        return english
    return f"{english} ({chinese})"


def english_names() -> dict[str, str]:
    """Chinese name → what an English table shows for it, from the graph (cached with its queries)."""
    from . import data

    out: dict[str, str] = {}
    for r in data.query("MATCH (n) WHERE n:Agency OR n:Technology RETURN n.id AS id, labels(n)[0] AS label, "
                        "n.name_en AS en"):
        if r["en"]:
            out[r["id"]] = english_with_chinese(r["en"], r["id"], r["label"])
    for r in data.query("MATCH (a:Agency) RETURN DISTINCT a.type AS zh, a.type_en AS en, a.family AS fzh, "
                        "a.family_en AS fen"):
        for zh, en in ((r["zh"], r["en"]), (r["fzh"], r["fen"])):
            if zh and en:
                out.setdefault(zh, en)
    places = data.query("MATCH (n) WHERE n:Province OR n:City RETURN n.id AS id, n.name_en AS en "
                        "UNION MATCH (p:Plan) RETURN p.jurisdiction AS id, '' AS en "
                        "UNION MATCH (a:Agency) RETURN a.jurisdiction AS id, '' AS en")
    for r in places:
        if r["id"]:
            out.setdefault(r["id"], r["en"] or place_en(r["id"]))
    return out


@lru_cache(maxsize=4096)
def place_en(name: str) -> str:
    """A place's English name: data/lexicons/places.csv, else the gazetteer's (toneless pinyin with the
    customary forms: 陕西 Shaanxi, 内蒙古 Inner Mongolia) and the county's kind, else the name as written.

    >>> place_en("浙江省"), place_en("英德市"), place_en("正定县"), place_en("火星")
    ('Zhejiang', 'Yingde', 'Zhengding County', '火星')
    """
    from loaders import gazetteer
    from loaders.lexicons import load

    known = load().places.get(name, {}).get("name_en")
    if known:
        return known
    found = gazetteer.place(name)
    if found is None or found.name != name:
        return name
    return f"{found.name_en} {_COUNTY_KIND.get(found.kind, '')}".strip()


# the words places.csv and the agency catalogue use after a county-level name (a 县级市 takes none)
_COUNTY_KIND = {"县": "County", "自治县": "Autonomous County", "市辖区": "District", "旗": "Banner",
                "自治旗": "Autonomous Banner", "林区": "Forestry District", "特区": "Special District"}


def long_columns(df: pd.DataFrame) -> list[str]:
    """Columns of prose (a title, a quote) that a table cuts short; an id is long but not prose."""
    def prose(v) -> bool:
        return isinstance(v, str) and len(v) > LONG and not _SLUG.match(v)

    return [c for c in df.columns if df[c].map(prose).any()]


_SLUG = re.compile(r"^[\x21-\x7e]+$")


def show(rows: list[dict], lang: str, key: str, container=None, **kwargs):
    """Draw the table: long text columns wide, with a tooltip, and in full in an expander below."""
    import streamlit as st

    box = container or st
    df = rows if isinstance(rows, pd.DataFrame) else frame(rows, lang)
    wide = long_columns(df)
    config = {c: st.column_config.TextColumn(c, width="large", help=t("table_full_text_help", lang)) for c in wide}
    event = box.dataframe(df, hide_index=True, width="stretch", key=key, column_config=config, placeholder="", **kwargs)
    if wide:
        full_text(df, wide, lang, box)
    return event


FULL_TEXT_ROWS = 200


def full_text(df: pd.DataFrame, wide: list[str], lang: str, box) -> None:
    """Every long cell in full, each under the row's first column (its name or title)."""
    head = df.columns[0]
    lines = []
    for _, row in df.head(FULL_TEXT_ROWS).iterrows():
        lead = f"**{row[head]}**"
        cells = " · ".join(f"*{c}*: {row[c]}" for c in wide if c != head and row[c] != "")
        lines.append(f"- {lead} {cells}".rstrip())
    if len(df) > FULL_TEXT_ROWS:
        lines.append(t("table_more_rows", lang, n=FULL_TEXT_ROWS))
    box.expander(t("table_full_text", lang, columns=", ".join(wide))).markdown("\n".join(lines))


def chart_columns(rows: list[dict]) -> tuple[str, tuple[str, ...]] | None:
    """A chart only where it can say something: a text column to name the bars and numeric
    count columns to measure them, chosen from the values' types (a list is neither)."""
    if not rows:
        return None
    columns = list(rows[0])

    def all_of(c, kind):
        return all(isinstance(r.get(c), kind) and not isinstance(r.get(c), bool) for r in rows)

    label = next((c for c in columns if all_of(c, str) and not is_id_column(c, rows)
                  and not any(len(r[c]) > LONG for r in rows)), None)
    measures = [c for c in columns if c not in NOT_MEASURES and all_of(c, (int, float))]
    if label is None or not measures:
        return None
    if "led" in measures and "supported" in measures:
        return label, ("led", "supported")
    return label, (measures[0],)
