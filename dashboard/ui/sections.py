"""The blocks of figures and charts that the Overview and Units pages both show for one scope.

Everything shown is read from the scope's ``ReadModel``: its figures, series, ranking, contributions,
completion by quarter and unit rows. Nothing here computes a figure.
"""

from __future__ import annotations

from collections.abc import Hashable

import streamlit as st

from dashboard.analytics.model import ReadModel
from dashboard.charts.progress import completion_bullet
from dashboard.charts.year import cumulative_path, quarterly_bars
from dashboard.ui.data import memo
from dashboard.ui.session import lang, setting, text
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
