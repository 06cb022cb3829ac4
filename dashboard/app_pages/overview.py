"""Overview (executives): where the group stands against the year's targets, and which units are behind."""

from __future__ import annotations

import streamlit as st

from dashboard.auth.roles import Action
from dashboard.status import StatusUnavailable
from dashboard.ui import breakdown, data, sections, whatif
from dashboard.ui.export import export_control
from dashboard.ui.session import require, setting, text
from dashboard.ui.widgets import pace_picker, period_picker

require(Action.VIEW)
picked = period_picker(data.periods())
if picked is None:
    st.info(text("web.no_data"))
    st.stop()
year, quarter = picked
st.title(text("web.overview_title", year=year))
head = st.container()  # the provenance line, once the model is known
pace = pace_picker()
try:
    model = data.view(year, quarter, pace=pace)
except StatusUnavailable as exc:
    st.warning(text(exc.code, **exc.params))
    st.stop()

with head:
    sections.provenance(model)
sections.lights_rule(model)
metric = sections.figures(model, setting("AMOUNTS_GROUP"))
whatif.section(model, setting("AMOUNTS_GROUP"))
st.header(text("web.units_head"))
breakdown.units_breakdown(model, metric, setting("AMOUNTS_GROUP"))
export_control(year, quarter)
