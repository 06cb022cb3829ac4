"""How the admin and upload pages show a table so that nothing is cut: a grid (``st.dataframe``) tall enough
for every row (or a visible row count when it scrolls), or a table that wraps long text (``st.table``)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.ui.session import text
from dashboard.ui.tables import GRID_ROWS, grid_height


def show_grid(frame: pd.DataFrame, key: str | None = None) -> None:
    """A grid with every row shown; past ``GRID_ROWS`` rows it scrolls inside and a caption gives the count."""
    st.dataframe(frame, hide_index=True, width="stretch", height=grid_height(len(frame)), key=key)
    if len(frame) > GRID_ROWS:
        st.caption(text("web.rows_scroll", count=len(frame), shown=GRID_ROWS))


def wrapped_table(frame: pd.DataFrame) -> None:
    """A table whose long texts wrap (what to do about a problem, a reason) with every row shown: ``st.table``,
    not the grid, which cuts a cell at its column's width."""
    st.table(frame, hide_index=True)
