"""Charts of counts: one bar per row, every bar named.

Altair hides axis labels that would overlap and cuts long ones with "…"; here every label is
kept (``labelOverlap=False``), long names wrap over lines, and the chart is as tall as its rows
need. Charts render as SVG, so each label is text a browser (and a test) can read.
"""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd

from .i18n import TEXT, t

LINE_CHARS = {"cjk": 16, "latin": 40}
MAX_LINES = 3
LINE_PX = 15


def wrap_label(text: str) -> list[str]:
    """A long name as lines: Chinese every 16 characters, other text between words at ~40
    characters; past three lines the last ends in "…" (the bar's tooltip has the full name).

    >>> wrap_label("Zhejiang Provincial Economy and Information Technology Commission")
    ['Zhejiang Provincial Economy and', 'Information Technology Commission']
    """
    lines = _lines(str(text))
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], lines[MAX_LINES - 1].rstrip() + " …"]
    return lines


def _lines(text: str) -> list[str]:
    if re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"[A-Za-z]{3}", text):
        n = LINE_CHARS["cjk"]
        return [text[i : i + n] for i in range(0, len(text), n)] or [""]
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > LINE_CHARS["latin"]:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines or [""]


def count_chart(rows: list[dict], lang: str, label_col: str, stack=("led", "supported"), full_col: str | None = None):
    """A horizontal stacked bar per row, in the rows' order; long labels read best on the y axis.
    The tooltip names the row by ``full_col`` where given (e.g. English and Chinese names)."""
    present = [c for c in stack if c in rows[0]]
    if not present:
        return None
    wrapped = {r[label_col]: "\n".join(wrap_label(r[label_col])) for r in rows}
    measures = [t(c, lang) if c in TEXT else c for c in present]
    long = [{"label": wrapped[r[label_col]], "name": str(r.get(full_col or label_col) or r[label_col]), "measure": m, "value": r[c]}
            for r in rows for c, m in zip(present, measures, strict=True)]
    lines = max(len(w.split("\n")) for w in wrapped.values())
    axis = alt.Axis(labelLimit=0, labelOverlap=False, labelFontSize=12, labelExpr="split(datum.label, '\\n')",
                    labelLineHeight=LINE_PX)
    return (
        alt.Chart(pd.DataFrame(long))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=list(dict.fromkeys(wrapped[r[label_col]] for r in rows)), title=None, axis=axis),
            x=alt.X("value:Q", stack="zero", title=t("count", lang)),
            color=alt.Color("measure:N", title=None, sort=measures),
            order=alt.Order("measure_order:Q"),
            tooltip=[alt.Tooltip("name:N", title=t("name", lang)), alt.Tooltip("measure:N", title=" "),
                     alt.Tooltip("value:Q", title=t("count", lang))],
        )
        .transform_calculate(measure_order=f"indexof({json.dumps(measures)}, datum.measure)")
        .properties(height=alt.Step(LINE_PX * lines + 8), usermeta={"embedOptions": {"renderer": "svg"}})
    )
