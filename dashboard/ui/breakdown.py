"""Who moves a scope's figure, shown under its headline on the Overview and Units pages: the member units'
contributions (waterfall), completion by quarter (heat map), and the red/amber/green list, most behind first.

Everything shown is read from the scope's ``ReadModel``. Nothing here computes a figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st
from plotly.graph_objects import Figure

from dashboard.analytics.model import ReadModel
from dashboard.charts.units import completion_heatmap, contribution_waterfall
from dashboard.ui import comments
from dashboard.ui.data import memo
from dashboard.ui.names import unit_names
from dashboard.ui.sections import CHART, scope_key
from dashboard.ui.session import bound_text, lang, setting, text
from dashboard.ui.tables import units_table


def units_breakdown(model: ReadModel, metric: str, level: str) -> None:
    """Who moves the scope's figure: its member units' contributions (waterfall), completion by quarter (heat
    map), and the red/amber/green list, most behind first."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    unit_level = level  # one scale per view: the page's level (AMOUNTS_GROUP on the Overview, AMOUNTS_UNIT on Units)
    has_unit_targets = any(u.metrics[metric].effective_target is not None for u in model.unit_rows)
    kinds = ["yoy", "gap"] if has_unit_targets else ["yoy"]
    key = f"breakdown.kind.{metric}"
    if st.session_state.get(key) not in kinds:
        st.session_state[key] = kinds[0]
    kind = (
        st.segmented_control(text("web.breakdown"), kinds, key=key, format_func=lambda k: say(f"web.breakdown.{k}"))
        or kinds[0]
    )
    language, scheme = lang(), setting("STATUS_COLOURS")
    scope = (*scope_key(model), metric, language, unit_level)
    left, right = st.columns(2)
    waterfall = memo(("waterfall", *scope, kind), lambda: _waterfall(model, metric, kind, unit_level))
    left.plotly_chart(waterfall, config=CHART, key=f"chart.waterfall.{metric}")
    heat = memo(("heat", *scope), lambda: _heat_map(model, metric))
    right.plotly_chart(heat, config=CHART, key=f"chart.heat.{metric}")
    table = memo(("units", *scope, scheme), lambda: _units(model, metric, unit_level, scheme))
    table = comments.mark_units(table, model.as_of, metric)  # 差异说明 column (issue 9)
    config = {**_columns(list(table.columns)), **comments.column_config()}
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)


def _waterfall(model: ReadModel, metric: str, kind: str, level: str) -> Figure:
    view = model.by_metric[metric]
    contributions = view.yoy_contributions if kind == "yoy" else view.gap_contributions
    names = unit_names(model.units, lang())
    # The scope's YoY change also holds units without last year's figure: the chart shows that remainder.
    total = view.figures.yoy_change if kind == "yoy" else None
    return contribution_waterfall(contributions, names, text(f"web.breakdown.total.{kind}"), lang(), level, total=total)


def _heat_map(model: ReadModel, metric: str) -> Figure:
    view = model.by_metric[metric]
    quarters = list(model.pace_by_quarter)
    names = unit_names(model.units, lang())
    return completion_heatmap(view.unit_completion, names, view.ranking, quarters, model.pace_by_quarter, lang())


def _units(model: ReadModel, metric: str, level: str, scheme: str) -> pd.DataFrame:
    return units_table(model, metric, unit_names(model.units, lang()), lang(), level, scheme)


def _columns(headers: Sequence[str]) -> dict[str, Any]:
    """Completion as a percentage and the gap to time progress in points, one decimal (numbers, so they sort)."""
    return {
        text("web.col.completion"): st.column_config.NumberColumn(text("web.col.completion"), format="%.1f%%"),
        text("web.col.progress_gap"): st.column_config.NumberColumn(text("web.col.progress_gap"), format="%+.1f"),
    }
