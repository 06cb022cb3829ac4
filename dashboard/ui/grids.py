"""How the admin, upload and trends pages show a table so that nothing is cut: ``st.table``, whose cells wrap
(what to do about a problem, a reason, a restatement) and whose columns all fit the page, every row shown; a
long table scrolls inside a fixed height with sticky headers and a visible count of its rows.

Streamlit's grid (``st.dataframe``) cuts a cell at its column's width and hides columns past the page's edge,
which is why these pages do not use it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.ui.session import text

MOST_ROWS = 30  # a table longer than this scrolls inside TALL_PX, and the page says how many rows it has
TALL_PX = 1000


def wrapped_table(frame: pd.DataFrame, most: int = MOST_ROWS) -> None:
    """A table whose long texts wrap, every column on the page; past ``most`` rows it scrolls inside with a
    caption giving the count."""
    if len(frame) <= most:
        st.table(frame, hide_index=True)
        return
    st.table(frame, hide_index=True, height=TALL_PX)
    st.caption(text("web.rows_scroll", count=len(frame)))
