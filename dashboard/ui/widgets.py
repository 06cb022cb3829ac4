"""What the Overview and Units pages share: the period and pace pickers, and the headline cards of one metric.

Every number goes through ``dashboard.i18n.numbers``, the same formatting as the command line's ``status``.
"""

from __future__ import annotations

import streamlit as st

from dashboard.analytics.engine import MetricFigures
from dashboard.ui import data
from dashboard.ui.cards import Form, headline_html, metric_decimals, signed
from dashboard.ui.data import Periods
from dashboard.ui.session import bound_text, lang, setting, text

__all__ = ["headline", "pace_picker", "period_picker", "plain", "signed"]


def period_picker(periods: Periods) -> tuple[int, int] | None:
    """Year and as-of quarter in the sidebar, shared by Overview and Units; None when nothing is stored."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    years = periods.years()
    if not years:
        return None
    default = periods.default_year()
    # Re-assigning keeps the choice when the reader moves between pages (Streamlit drops a widget's state when
    # another page's script runs without it).
    chosen_year = st.session_state.get("view.year")
    st.session_state["view.year"] = chosen_year if chosen_year in years else default
    year = st.sidebar.selectbox(text("web.year"), years, key="view.year")
    quarters = periods.quarters(year)
    chosen_quarter = st.session_state.get("view.quarter")
    st.session_state["view.quarter"] = chosen_quarter if chosen_quarter in quarters else quarters[-1]
    quarter = st.sidebar.selectbox(
        text("web.as_of"), quarters, key="view.quarter", format_func=lambda q: say(f"web.quarter.{q}")
    )
    return int(year), int(quarter)


def pace_picker() -> str | None:
    """The viewer's choice of what progress is compared with (序时进度 / 上年季节规律), shared by Overview and
    Units in ``st.session_state["view.pace"]``; the admin's setting until the viewer chooses. Returns the pace
    for ``data.view``: None when it is the admin's setting (the model every other view shares)."""
    say = bound_text()
    paces = ["linear", "seasonal"]
    default = data.default_pace()
    chosen = st.session_state.get("view.pace")
    st.session_state["view.pace"] = chosen if chosen in paces else default  # kept across pages
    picked = st.segmented_control(
        text("web.view_pace"), paces, key="view.pace", required=True, format_func=lambda p: say(f"web.pace.{p}")
    )
    return None if picked in (None, default) else str(picked)


def headline(name: str, m: MetricFigures, level: str, pace: str) -> None:
    """One metric's cards (``dashboard.ui.cards``): year to date, target, completion, gap, both projections and
    the growth still needed, with the status badge and its reason; amounts in ``level`` without their unit,
    which the page states once."""
    language = lang()
    form = Form(language, level, metric_decimals(m, level, language), pace, setting("STATUS_COLOURS"))
    st.html(headline_html(name, m, form))


def plain(value: str) -> str:
    r"""Stored text (a unit's name from a workbook) made safe for a Markdown element: no link, image or markup.

    >>> plain("[x](javascript:alert(1)) *b*")
    '\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\*b\\*'
    """
    return "".join(f"\\{ch}" if ch in _MARKDOWN else ch for ch in value)


_MARKDOWN = set("\\`*_{}[]()<>#+-.!|~:$")
