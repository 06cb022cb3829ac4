"""The blocks of figures and charts that the Overview and Units pages both show for one entity."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st
from plotly.graph_objects import Figure

from dashboard.analytics.breakdown import gap_contributions, ranking, yoy_contributions
from dashboard.analytics.engine import Entity, time_progress
from dashboard.analytics.series import unit_quarter_completion
from dashboard.charts.progress import completion_bullet
from dashboard.charts.units import completion_heatmap, contribution_waterfall
from dashboard.charts.year import cumulative_path, quarterly_bars
from dashboard.ui import comments
from dashboard.ui.data import View, memo
from dashboard.ui.names import unit_names
from dashboard.ui.session import bound_text, lang, setting, text
from dashboard.ui.tables import units_table
from dashboard.ui.widgets import headline

CHART = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def figures(view: View, entity: Entity, members: Sequence[str], level: str) -> str:
    """The headline row of each metric, the completion bullets, and one metric's year path and quarters;
    returns the metric picked for the charts."""
    metrics = view.inputs.metrics
    for block, m in zip(st.columns(len(metrics), gap="large"), metrics, strict=True):
        with block:
            headline(m.name(lang()), entity.metrics[m.code], level, view.settings.pace)
    items = [(m.name(lang()), entity.metrics[m.code]) for m in metrics]
    year, quarter, language, scheme = view.report.year, view.report.quarter, lang(), setting("STATUS_COLOURS")
    scope = (year, quarter, entity.code, tuple(members), language, level)
    bullet = memo(
        ("bullet", *scope, scheme), lambda: completion_bullet(items, view.report.time_progress, language, scheme, level)
    )
    st.plotly_chart(bullet, config=CHART, key=f"chart.bullet.{entity.code}")
    metric = metric_picker({m.code: m.name(lang()) for m in metrics}, key=f"metric.{entity.code or 'group'}")
    left, right = st.columns(2)
    pace = view.settings.pace
    path = memo(
        ("path", *scope, metric, pace),
        lambda: cumulative_path(
            view.history, members, metric, entity.metrics[metric], year, quarter, pace, language, level
        ),
    )
    left.plotly_chart(path, config=CHART, key=f"chart.path.{entity.code}")
    bars = memo(("bars", *scope, metric), lambda: quarterly_bars(view.history, members, metric, year, language, level))
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


def units_breakdown(view: View, metric: str, codes: Sequence[str] | None = None) -> None:
    """Who moves the figure: the units' contributions (waterfall), completion by quarter (heat map), and the
    red/amber/green list, most behind first."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    report = view.report
    unit_level = setting("AMOUNTS_UNIT")
    order = [c for c in ranking(report, metric) if codes is None or c in codes]
    has_unit_targets = any(u.metrics[metric].effective_target is not None for u in report.units)
    kinds = ["yoy", "gap"] if has_unit_targets else ["yoy"]
    key = f"breakdown.kind.{metric}"
    if st.session_state.get(key) not in kinds:
        st.session_state[key] = kinds[0]
    kind = (
        st.segmented_control(text("web.breakdown"), kinds, key=key, format_func=lambda k: say(f"web.breakdown.{k}"))
        or kinds[0]
    )
    language, scheme = lang(), setting("STATUS_COLOURS")
    scope = (report.year, report.quarter, metric, None if codes is None else tuple(codes), language, unit_level)
    left, right = st.columns(2)
    waterfall = memo(("waterfall", *scope, kind), lambda: _waterfall(view, metric, kind, codes, unit_level))
    left.plotly_chart(waterfall, config=CHART, key=f"chart.waterfall.{metric}")
    heat = memo(("heat", *scope), lambda: _heat_map(view, metric, order))
    right.plotly_chart(heat, config=CHART, key=f"chart.heat.{metric}")
    table = memo(("units", *scope, scheme), lambda: _units(view, metric, codes, unit_level, scheme))
    table = comments.mark_units(table, view.as_of, metric)  # 差异说明 column (issue 9)
    config = {**_columns(list(table.columns)), **comments.column_config()}
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)


def _waterfall(view: View, metric: str, kind: str, codes: Sequence[str] | None, level: str) -> Figure:
    report = view.report
    contributions = yoy_contributions(report, metric) if kind == "yoy" else gap_contributions(report, metric)
    contributions = [c for c in contributions if codes is None or c.code in codes]
    names = unit_names(view.inputs.units, lang())
    # The group's YoY change also holds units without last year's figure: the chart shows that remainder.
    total = report.group.metrics[metric].yoy_change if kind == "yoy" and codes is None else None
    return contribution_waterfall(contributions, names, text(f"web.breakdown.total.{kind}"), lang(), level, total=total)


def _heat_map(view: View, metric: str, order: Sequence[str]) -> Figure:
    report = view.report
    quarters = list(range(1, report.quarter + 1))
    pace = {q: time_progress(report.year, q, view.settings.time_basis) for q in quarters}
    completion = unit_quarter_completion(view.history, report, metric, order)
    return completion_heatmap(completion, unit_names(view.inputs.units, lang()), order, quarters, pace, lang())


def _units(view: View, metric: str, codes: Sequence[str] | None, level: str, scheme: str) -> pd.DataFrame:
    table = units_table(view.report, metric, unit_names(view.inputs.units, lang()), lang(), level, scheme)
    return table if codes is None else table[table.iloc[:, 0].isin(codes)]


def _columns(headers: Sequence[str]) -> dict[str, Any]:
    """Completion as a percentage and the gap to time progress in points, one decimal (numbers, so they sort)."""
    return {
        text("web.col.completion"): st.column_config.NumberColumn(text("web.col.completion"), format="%.1f%%"),
        text("web.col.progress_gap"): st.column_config.NumberColumn(text("web.col.progress_gap"), format="%+.1f"),
    }
