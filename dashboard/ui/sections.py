"""The blocks of figures and charts that the Overview and Units pages both show for one entity."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from dashboard.analytics.breakdown import gap_contributions, ranking, yoy_contributions
from dashboard.analytics.engine import Entity, time_progress
from dashboard.analytics.series import unit_quarter_completion
from dashboard.charts.progress import completion_bullet
from dashboard.charts.units import completion_heatmap, contribution_waterfall
from dashboard.charts.year import cumulative_path, quarterly_bars
from dashboard.ui.data import View
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
            headline(m.name(lang()), entity.metrics[m.code], view.report.time_progress, level, view.settings.pace)
    items = [(m.name(lang()), entity.metrics[m.code]) for m in metrics]
    bullet = completion_bullet(items, view.report.time_progress, lang(), setting("STATUS_COLOURS"), level)
    st.plotly_chart(bullet, config=CHART, key=f"chart.bullet.{entity.code}")
    metric = metric_picker({m.code: m.name(lang()) for m in metrics}, key=f"metric.{entity.code or 'group'}")
    left, right = st.columns(2)
    year, quarter = view.report.year, view.report.quarter
    path = cumulative_path(
        view.history, members, metric, entity.metrics[metric], year, quarter, view.settings.pace, lang(), level
    )
    left.plotly_chart(path, config=CHART, key=f"chart.path.{entity.code}")
    bars = quarterly_bars(view.history, members, metric, year, lang(), level)
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
    names = unit_names(view.inputs.units, lang())
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
    contributions = yoy_contributions(report, metric) if kind == "yoy" else gap_contributions(report, metric)
    contributions = [c for c in contributions if codes is None or c.code in codes]
    left, right = st.columns(2)
    waterfall = contribution_waterfall(contributions, names, text(f"web.breakdown.total.{kind}"), lang(), unit_level)
    left.plotly_chart(waterfall, config=CHART, key=f"chart.waterfall.{metric}")
    quarters = list(range(1, report.quarter + 1))
    basis = view.settings.time_basis
    pace = {q: time_progress(report.year, q, basis) for q in quarters}
    completion = unit_quarter_completion(view.history, report, metric, order)
    heat = completion_heatmap(completion, names, order, quarters, pace, lang())
    right.plotly_chart(heat, config=CHART, key=f"chart.heat.{metric}")
    table = units_table(report, metric, names, lang(), unit_level, setting("STATUS_COLOURS"))
    if codes is not None:
        table = table[table.iloc[:, 0].isin(codes)]
    st.dataframe(table, hide_index=True, width="stretch", column_config=_columns(list(table.columns)))


def _columns(headers: Sequence[str]) -> dict[str, Any]:
    """Number formats: amounts with two decimals, rates and gaps with one and a % sign."""
    percent = {text("web.col.completion"), text("web.col.progress_gap")}
    config: dict[str, Any] = {}
    for h in headers[3:]:
        if h == text("web.col.yoy"):
            continue
        if h in percent:
            config[h] = st.column_config.NumberColumn(h, format="%.1f%%")
        else:
            config[h] = st.column_config.NumberColumn(h, format="%.2f")
    return config
