"""What the rest of the year needs (what-if): a growth rate for the remaining quarters over last year's same
quarters, and the full year, completion and target met that it gives, beside the growth that exactly meets each
target. The figures come from ``dashboard.analytics.whatif`` (pure functions); this module only draws them."""

from __future__ import annotations

from decimal import Decimal

import streamlit as st

from dashboard.analytics.engine import GROUP
from dashboard.analytics.model import ReadModel
from dashboard.analytics.whatif import WhatIf, default_growth, whatif_rows
from dashboard.i18n.numbers import amount, rate, view_decimals
from dashboard.ui.cards import signed
from dashboard.ui.session import lang, text
from dashboard.ui.widgets import plain

TYPED = "whatif.typed"  # session key: the growth typed per growth_key, kept while other scopes are shown
LINE = "  \n"  # a Markdown line break: one short line each, so a phone shows every line whole


def section(model: ReadModel, scale: str) -> None:
    """The what-if panel of a scope's view (Overview: the group; Units: the unit), amounts at ``scale``."""
    with st.container(border=True):
        st.markdown(f"**{text('whatif.title')}**")
        if model.quarter == 4:
            st.info(text("whatif.year_end"))
            return
        rest = text("whatif.rest_one") if model.quarter == 3 else text("whatif.rest", first=model.quarter + 1)
        st.caption(text("whatif.help", rest=rest))
        key = growth_key(model)
        typed: dict[str, float] = st.session_state.setdefault(TYPED, {})
        if key not in st.session_state:  # Streamlit forgets a widget's value once it is not drawn
            st.session_state[key] = typed.get(key, round(default_growth(model) * 100, 1))
        percent = st.number_input(
            text("whatif.growth"), min_value=-100.0, max_value=1000.0, step=1.0, format="%.1f", key=key
        )
        typed[key] = float(percent)
        rows = whatif_rows(model, float(percent) / 100)
        names = {m.code: m.name(lang()) for m in model.metrics}
        for column, row in zip(st.columns(len(rows)), rows, strict=True):
            column.markdown(f"**{plain(names[row.metric])}**{LINE}{LINE.join(lines(row, scale))}")


def growth_key(model: ReadModel) -> str:
    """The growth input's session key: one per page and scope (and year, whose targets give the starting growth),
    so that each unit starts from its own targets' growth floor and keeps what was typed for it."""
    page = "overview" if model.scope == GROUP else "units"
    return f"whatif.growth.{page}.{model.scope or 'group'}.{model.year}"


def lines(row: WhatIf, scale: str) -> list[str]:
    """One metric's what-if as short lines: the full year, the target, completion, met or not by how much (words,
    not colour alone), and the growth that exactly meets the target."""
    language = lang()
    if row.basis == "no_figures":
        return [text("whatif.no_figures")]
    places = view_decimals([row.full_year, row.target], scale, language)

    def money(value: Decimal) -> str:
        return amount(value, language, scale, places)

    if row.full_year is None:
        shown = [text(f"whatif.{row.basis}")]
    else:
        shown = [text("whatif.full_year", amount=money(row.full_year))]
    if row.target is None:
        return [*shown, text("whatif.no_target")] if row.full_year is not None else shown
    shown.append(text("whatif.target", amount=money(row.target)))
    if row.completion is not None:
        shown.append(text("whatif.completion", rate=rate(row.completion)))
    if row.margin is not None:
        word = "whatif.met" if row.met else "whatif.missed"
        shown.append(text(word, amount=money(abs(row.margin))))
    if row.already_met:
        shown.append(text("whatif.already"))
    else:
        growth = signed(rate(row.required_growth))
        shown.append(text("whatif.required", rate="0.0%" if growth == "-0.0%" else growth))
    return shown
