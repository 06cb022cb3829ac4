"""The blocks of figures and charts that the Overview and Units pages both show for one scope.

Everything shown is read from the scope's ``ReadModel``: its figures, series, ranking, contributions,
completion by quarter and unit rows. Nothing here computes a figure.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import pandas as pd
import streamlit as st
from plotly.graph_objects import Figure

from dashboard.analytics.model import ReadModel
from dashboard.charts.progress import completion_bullet
from dashboard.charts.units import completion_heatmap, contribution_waterfall
from dashboard.charts.year import cumulative_path, quarterly_bars
from dashboard.ui import comments
from dashboard.ui.data import memo
from dashboard.ui.names import unit_names
from dashboard.ui.session import bound_text, lang, setting, text
from dashboard.ui.tables import units_table
from dashboard.ui.widgets import headline

CHART = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def scope_key(model: ReadModel) -> tuple[Hashable, ...]:
    """What tells one model's charts from another's in the shared chart cache: year, quarter, scope, how many
    members (a unit alone or with the units under it) and the pace."""
    return model.year, model.quarter, model.scope, len(model.members), model.settings.pace


def figures(model: ReadModel, level: str) -> str:
    """The headline row of each metric, the completion bullets, and one metric's year path and quarters;
    returns the metric picked for the charts."""
    metrics, entity = model.metrics, model.entity
    for block, m in zip(st.columns(len(metrics), gap="large"), metrics, strict=True):
        with block:
            headline(m.name(lang()), entity.metrics[m.code], level, model.settings.pace)
    items = [(m.name(lang()), entity.metrics[m.code]) for m in metrics]
    language, scheme = lang(), setting("STATUS_COLOURS")
    scope = (*scope_key(model), language, level)
    bullet = memo(
        ("bullet", *scope, scheme), lambda: completion_bullet(items, model.time_progress, language, scheme, level)
    )
    st.plotly_chart(bullet, config=CHART, key=f"chart.bullet.{entity.code}")
    metric = metric_picker({m.code: m.name(lang()) for m in metrics}, key=f"metric.{entity.code or 'group'}")
    view = model.by_metric[metric]
    left, right = st.columns(2)
    path = memo(
        ("path", *scope, metric), lambda: cumulative_path(view.series, view.figures, model.year, language, level)
    )
    left.plotly_chart(path, config=CHART, key=f"chart.path.{entity.code}")
    bars = memo(("bars", *scope, metric), lambda: quarterly_bars(view.series, model.year, language, level))
    right.plotly_chart(bars, config=CHART, key=f"chart.bars.{entity.code}")
    return metric


def metric_picker(names: dict[str, str], key: str) -> str:
    """Which metric the charts below show (one at a time keeps the page quick)."""
    codes = list(names)
    if st.session_state.get(key) not in codes:
        st.session_state[key] = codes[0]
    chosen = st.segmented_control(
        text("web.metric"), codes, key=key, format_func=lambda c: names.get(c, c), label_visibility="collapsed"
    )
    return str(chosen or codes[0])


def units_breakdown(model: ReadModel, metric: str) -> None:
    """Who moves the scope's figure: its member units' contributions (waterfall), completion by quarter (heat
    map), and the red/amber/green list, most behind first."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    unit_level = setting("AMOUNTS_UNIT")
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
