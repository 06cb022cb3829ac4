"""How the admin, upload and trends pages show a table so that nothing is cut: ``st.table``, whose cells wrap
(what to do about a problem, a reason, a restatement) and whose columns all fit the page, every row shown; a
long table scrolls inside a fixed height with sticky headers and a visible count of its rows. On a phone
(narrower than 640 px) each row becomes a card, one "header: value" line per cell, instead of a table wider than
the screen.

Streamlit's grid (``st.dataframe``) cuts a cell at its column's width and hides columns past the page's edge,
which is why these pages do not use it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.ui.session import text
from dashboard.ui.widgets import plain

MOST_ROWS = 30  # a table longer than this scrolls inside TALL_PX, and the page says how many rows it has
TALL_PX = 1000
PHONE_PX = 640  # below this width a table's rows are shown as cards


def wrapped_table(frame: pd.DataFrame, key: str, most: int = MOST_ROWS) -> None:
    """A table whose long texts wrap, every column on the page; past ``most`` rows it scrolls inside with a
    caption giving the count. ``key`` names its container (unique on the page) for the phone layout's style."""
    # st.table draws every cell as Markdown: stored text (file names, reasons, cell values) is escaped so that
    # "~5%~8%" is not struck through and "[x](url)" is no link.
    frame = frame.map(lambda v: plain(v) if isinstance(v, str) else v)
    with st.container(key=f"table-{key}"):
        style_sheet(card_style(f"table-{key}", [str(c) for c in frame.columns]))
        if len(frame) <= most:
            st.table(frame, hide_index=True)
        else:
            st.table(frame, hide_index=True, height=TALL_PX)
            st.caption(text("web.rows_scroll", count=len(frame)))


def style_sheet(css: str) -> None:
    """Put a style sheet on the page. Only CSS built by this package goes here, every text in it quoted by
    ``css_string`` (which escapes ``<``, quotes and backslashes), so nothing in it can close the style element."""
    if "<" in css:
        raise ValueError("a style sheet cannot contain '<'")
    st.html(f"<style>{css}</style>")


def card_style(container: str, headers: list[str]) -> str:
    """CSS that shows a table inside the keyed container as cards on a phone: rows as blocks, the header row
    hidden, each cell preceded by its column's header (``td:nth-child(i)::before``).

    >>> 'td:nth-child(2)::before { content: "文件"' in card_style("table-x", ["级别", "文件"])
    True
    """
    scope = f".st-key-{container}"
    labels = "".join(
        f"{scope} td:nth-child({i})::before {{ content: {css_string(h)}; font-weight: 600; margin-right: 0.5em; }}"
        for i, h in enumerate(headers, start=1)
    )
    return (
        f"@media (max-width: {PHONE_PX}px) {{"
        f"{scope} table, {scope} tbody, {scope} tr {{ display: block !important; width: 100% !important; "
        "min-width: 0 !important; }"
        f"{scope} thead {{ display: none !important; }}"
        f"{scope} tr {{ border-bottom: 1px solid rgba(49, 51, 63, 0.2); padding: 0.25rem 0; }}"
        f"{scope} td {{ display: block !important; width: auto !important; max-width: 100%; box-sizing: border-box; "
        "border: none !important; padding: 0.1rem 0.5rem !important; text-align: left !important; "
        "white-space: normal !important; overflow-wrap: anywhere; }"
        f"{scope} td * {{ display: inline !important; white-space: normal !important; }}"
        f"{labels}}}"
    )


def css_string(value: str) -> str:
    """A CSS string literal: anything but letters, digits and a few marks is escaped, so nothing can close it.

    >>> css_string('a"b')
    '"a\\\\22 b"'
    """
    escaped = "".join(ch if ch.isalnum() or ch in " .•·，。（）" else f"\\{ord(ch):x} " for ch in value)
    return f'"{escaped}"'
