"""Units: one member unit (or a unit and the units under it) with the same figures and charts as the group."""

from __future__ import annotations

import streamlit as st

from dashboard.analytics.model import descendants
from dashboard.auth.roles import Action
from dashboard.status import StatusUnavailable
from dashboard.ui import breakdown, comments, data, drill, lineage, sections, whatif
from dashboard.ui.export import export_control
from dashboard.ui.names import unit_names
from dashboard.ui.session import lang, require, setting, text
from dashboard.ui.tables import brand, table_name
from dashboard.ui.widgets import pace_picker, period_picker, plain

PICKER_CHARS = 34  # about 300 px at the picker's font: fits a phone's width with the code

require(Action.VIEW)
# A click that opened this page (or one made on it: its callback has pointed the picker already) is done: left
# pending, it would send the next visit to the Overview back here.
st.session_state.pop(drill.OPEN_KEY, None)
picked = period_picker(data.periods())
if picked is None:
    st.info(text("web.no_data"))
    st.stop()
year, quarter = picked
st.page_link("app_pages/overview.py", label=text("web.back_to_overview"), icon=":material/arrow_back:")
try:
    group = data.view(year, quarter)  # the same checks and messages as the Overview, before a unit is picked
except StatusUnavailable as exc:
    st.warning(text(exc.code, **exc.params))
    st.stop()

units = group.units  # a unit opened from another page (drill-down) comes in st.session_state["units.code"]
names = unit_names(units, lang())
codes = sorted(units)
if st.session_state.get("units.code") not in codes:
    st.session_state["units.code"] = codes[0]
# The picker's line cannot wrap: the name without the group's brand and legal form, then the code (a phone is
# 390 px wide); the title below gives the full name.
common = brand(list(names.values()))
labels = {c: f"{table_name(names[c], lang(), common, limit=PICKER_CHARS)}（{c}）" for c in codes}
code = st.selectbox(text("web.pick_unit"), codes, key="units.code", format_func=lambda c: labels[c])
under = descendants(units, code)
with_children = len(under) > 1 and st.toggle(text("web.with_children", count=len(under) - 1), key="units.with_children")
st.title(plain(names[code]) + (text("web.and_children") if with_children else ""))
head = st.container()  # the unit's place and the provenance line, once the model is known
pace = pace_picker()
model = data.view(year, quarter, code, alone=not with_children, pace=pace)  # a one-member scope when alone
parent = units[code].parent_code
with head:
    st.caption(
        text(
            "web.unit_caption",
            code=code,
            kind=text(f"kind.{units[code].kind}"),
            parent=plain(names.get(parent, parent)) if parent else "–",
        )
    )
    sections.provenance(model)
if all(m.ytd_actual is None for m in model.entity.metrics.values()):
    st.info(text("web.unit_no_figures", year=year, as_of=str(model.as_of)))
    comments.unreported_panel(code, {m.code: m.name(lang()) for m in model.metrics}, model.as_of)
    st.stop()
sections.lights_rule(model)
metric = sections.figures(model, setting("AMOUNTS_UNIT"))
metric_names = {m.code: m.name(lang()) for m in model.metrics}
whatif.section(model, setting("AMOUNTS_UNIT"))
comments.comment_panel(code, metric, metric_names.get(metric, metric), model.as_of)  # 差异说明 (issue 9)
lineage.section(model, code, metric)  # 数据来源: each version of the unit's figures, back to its cell
if with_children:
    st.header(text("web.children_head"))
    breakdown.units_breakdown(model, metric, setting("AMOUNTS_UNIT"))
# The report's scope is a unit with the units under it (gap-report.md), whatever the page shows: its name says so.
export_control(year, quarter, scope=code, scope_name=names[code] + (text("web.and_children") if len(under) > 1 else ""))
