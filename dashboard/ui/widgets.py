"""What the Overview and Units pages share: the period picker, the headline row of one metric, the status badge.

Every number goes through ``dashboard.i18n.numbers``, the same formatting as the command line's ``status``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import streamlit as st

from dashboard.analytics.engine import MetricFigures
from dashboard.i18n.numbers import amount, points, rate, status_colour, unit_word
from dashboard.ui.data import Periods
from dashboard.ui.session import bound_text, setting, text

_BADGE = {"#2e7d32": "green", "#f9a825": "orange", "#c62828": "red"}


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


def status_badge(status: str | None) -> None:
    """The status word in its colour (the colour meaning is a setting); grey without a target."""
    if status is None:
        st.badge(text("status.none"), color="gray")
        return
    colour = _BADGE.get(status_colour(status, setting("STATUS_COLOURS")), "gray")
    st.badge(text(f"light.{status}"), color=colour)  # type: ignore[arg-type]


def signed(text_value: str) -> str:
    """A leading plus on a positive figure, so that the metric's arrow and colour follow the sign.

    >>> signed("5.7%"), signed("-0.9%"), signed("0.0%"), signed("–")
    ('+5.7%', '-0.9%', '0.0%', '–')
    """
    if text_value.startswith(("-", "–", "+")) or not text_value.lstrip("0.,%"):
        return text_value
    return f"+{text_value}"


def headline(name: str, m: MetricFigures, level: str, pace: str) -> None:
    """One metric's block of six cards: YTD and YoY, effective target and what binds, completion against time
    progress, gap and what each remaining quarter needs, the full-year projection, and the growth still needed.
    Values are shown without their unit, which stands in the label, so that they fit a card."""
    lang = str(st.session_state.get("lang", "zh"))
    word = unit_word(level, lang)
    colour: Any = "inverse" if setting("STATUS_COLOURS") == "red-good" else "normal"

    def money(value: Decimal | None) -> str:
        return amount(value, lang, level, with_unit=False)

    title, badge = st.columns([3, 2], vertical_alignment="center")
    title.subheader(plain(name))
    with badge:
        status_badge(m.status)
    st.caption(text("web.in_unit", unit=word))
    top, bottom = st.columns(3), st.columns(3)
    if m.loss_wording:  # 扭亏/减亏/增亏: the amount, not a percentage
        ytd_delta, ytd_note = signed(money(m.yoy_change)), text(f"loss.{m.loss_wording}")
    else:
        ytd_delta, ytd_note = signed(rate(m.yoy_growth)), text("web.yoy_note")
    top[0].metric(
        text("web.ytd"),
        money(m.ytd_actual),
        delta=ytd_delta,
        delta_description=ytd_note,
        delta_color=colour,
        border=True,
    )
    binding = text(f"web.binding.{m.binding}") if m.binding else text("web.no_target")
    top[1].metric(
        text("web.target"),
        money(m.effective_target),
        delta=binding,
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    top[2].metric(
        text("web.completion"),
        rate(m.completion_rate),
        delta=points(m.progress_gap, lang),
        delta_description=text("web.vs_time"),
        delta_color=colour if m.progress_gap is not None else "off",
        border=True,
    )
    bottom[0].metric(
        text("web.gap"),
        money(m.gap),
        delta=text("web.per_quarter", amount=money(m.required_per_quarter)),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    seasonal = pace == "seasonal" and m.projection_seasonal is not None
    projection, other = (
        (m.projection_seasonal, m.projection_linear) if seasonal else (m.projection_linear, m.projection_seasonal)
    )
    bottom[1].metric(
        text("web.projection"),
        money(projection),
        delta=text("web.projection_linear" if seasonal else "web.projection_seasonal", amount=money(other)),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    floor = rate(float(m.growth_floor)) if m.growth_floor is not None else "–"
    bottom[2].metric(
        text("web.required_growth"),
        rate(m.required_growth_rest_of_year),
        delta=text("web.growth_floor", rate=floor),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )


def plain(value: str) -> str:
    r"""Stored text (a unit's name from a workbook) made safe for a Markdown element: no link, image or markup.

    >>> plain("[x](javascript:alert(1)) *b*")
    '\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\*b\\*'
    """
    return "".join(f"\\{ch}" if ch in _MARKDOWN else ch for ch in value)


_MARKDOWN = set("\\`*_{}[]()<>#+-.!|~:$")
