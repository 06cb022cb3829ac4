"""Trends: several years side by side, year to date and single quarters, YoY and 环比, restatements marked."""

from __future__ import annotations

import streamlit as st

from dashboard.auth.roles import Action
from dashboard.charts.trends import trend_lines
from dashboard.ui import data
from dashboard.ui.grids import wrapped_table
from dashboard.ui.names import unit_names
from dashboard.ui.sections import CHART
from dashboard.ui.session import bound_text, lang, require, setting, text
from dashboard.ui.tables import trend_table

require(Action.VIEW)
years = data.periods().years()
if not years:
    st.info(text("web.no_data"))
    st.stop()
catalogue = data.catalogue()
names = unit_names(catalogue.units, lang())
st.title(text("page.trends"))
say = bound_text()  # format_func runs outside the script run: fix the language now

left, middle, right = st.columns([2, 3, 3])
metric_names = {m.code: m.name(lang()) for m in catalogue.metrics}
metric = str(
    left.selectbox(text("web.metric"), list(metric_names), key="trends.metric", format_func=lambda c: metric_names[c])
)
scopes = ["", *sorted(catalogue.units)]
scope = middle.selectbox(
    text("web.scope"),
    scopes,
    key="trends.scope",
    format_func=lambda c: say("web.group") if c == "" else f"{names[c]}（{c}）",
)
if "trends.years" not in st.session_state:
    st.session_state["trends.years"] = years[:3]
chosen = right.multiselect(text("web.years"), years, key="trends.years")
kind = (
    st.segmented_control(
        text("web.trend_view"),
        ["ytd", "quarter", "yoy", "qoq"],
        key="trends.view",
        default="ytd",
        format_func=lambda k: say(f"web.trend.{k}"),
    )
    or "ytd"
)
if not chosen:
    st.info(text("web.pick_years"))
    st.stop()

picked = tuple(sorted(chosen))
quarters = data.trend(picked, scope, metric)
level = setting("AMOUNTS_GROUP") if scope == "" else setting("AMOUNTS_UNIT")
st.plotly_chart(trend_lines(quarters, metric, kind, lang(), level), config=CHART)
wrapped_table(trend_table(quarters, lang(), level), "trend")
st.caption(text("web.restated_note"))
