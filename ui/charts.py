"""Charts of counts: one bar per row, every bar named."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .i18n import TEXT, t


def count_chart(rows: list[dict], lang: str, label_col: str, stack=("led", "supported")):
    """A horizontal stacked bar per row: long Chinese labels read best on the y axis."""
    present = [c for c in stack if c in rows[0]]
    if not present:
        return None
    long = [{"label": r[label_col], "measure": t(c, lang) if c in TEXT else c, "value": r[c]} for r in rows for c in present]
    order = [r[label_col] for r in rows]
    return (
        alt.Chart(pd.DataFrame(long))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("value:Q", stack="zero", title=t("count", lang)),
            color=alt.Color("measure:N", title=None),
            tooltip=["label", "measure", "value"],
        )
        .properties(height=max(120, 22 * len(rows)))
    )
