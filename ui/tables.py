"""Rows → tables, with column headers in the user's language."""

from __future__ import annotations

import pandas as pd

from graph.elements import cell

from .i18n import TEXT, t

COUNT_COLUMNS = ("led", "supported", "total", "tasks", "shared_tasks", "count", "projects", "leads", "supports", "indicators")


def frame(rows: list[dict], lang: str) -> pd.DataFrame:
    """Plain cells (nodes and paths as their ids) and translated headers where we have them."""
    df = pd.DataFrame([{k: cell(v) for k, v in r.items()} for r in rows])
    return df.rename(columns={c: t(c, lang) for c in df.columns if c in TEXT})
