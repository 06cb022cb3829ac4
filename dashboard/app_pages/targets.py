"""Targets (admin): group and unit targets with a reason and their history; status settings; period locks."""

from __future__ import annotations

import streamlit as st

from dashboard.auth.roles import Action
from dashboard.targets import current_targets
from dashboard.ui import data
from dashboard.ui import targets as page
from dashboard.ui.grids import wrapped_table
from dashboard.ui.names import unit_names
from dashboard.ui.session import engine, lang, require, setting, text
from dashboard.ui.upload import lock_list

require(Action.SET_TARGETS)
st.title(text("page.targets"))
catalogue = data.catalogue()
names = unit_names(catalogue.units, lang())
metric_names = {m.code: m.name(lang()) for m in catalogue.metrics}
periods = data.periods()
years = sorted({*periods.years(), *periods.target_years, *(y + 1 for y in periods.years()[:1])}, reverse=True)
year = st.selectbox(text("web.year"), years, key="targets.year", index=min(1, len(years) - 1) if years else 0)

if year is not None:
    with engine().connect() as conn:
        rows = current_targets(conn, int(year))
    st.subheader(text("web.current_targets", year=year))
    if rows:
        group, units = [r for r in rows if not r.unit_code], [r for r in rows if r.unit_code]
        for label, level, part in (
            ("web.targets_group", setting("AMOUNTS_GROUP"), group),
            ("web.targets_units", setting("AMOUNTS_UNIT"), units),
        ):
            if part:
                st.markdown(f"**{text(label)}**")
                wrapped_table(page.targets_frame(part, names, metric_names, level), label.split(".")[-1])
    else:
        st.info(text("targets.none", year=year))
    st.subheader(text("web.set_target"))
    page.target_form(int(year), names, metric_names)
    with st.expander(text("web.target_history")):
        wrapped_table(page.history_frame(int(year), names, metric_names), "history")

st.header(text("web.settings_head"))
page.settings_form()
st.header(text("web.locks_head"))
locks = lock_list()
if not locks.empty:
    wrapped_table(locks, "locks")
page.locks_form(sorted(periods.stored, reverse=True))
