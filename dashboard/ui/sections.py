"""The blocks of figures and charts that the Overview and Units pages both show for one scope, and the lines
that say what the page shows: the provenance line (period, upload, units reported) and the lights' rule.

Everything shown is read from the scope's ``ReadModel``: its figures, series, ranking, contributions,
completion by quarter and unit rows. Nothing here computes a figure.
"""

from __future__ import annotations

from collections.abc import Hashable

import streamlit as st

from dashboard.analytics.engine import GROUP
from dashboard.analytics.model import ReadModel, UploadRef
from dashboard.charts.progress import completion_bullet
from dashboard.charts.year import cumulative_path, quarterly_bars
from dashboard.coverage import Coverage, coverage, local_today
from dashboard.i18n import local_time
from dashboard.i18n.numbers import rate, unit_word
from dashboard.ui.cards import metric_decimals
from dashboard.ui.data import memo
from dashboard.ui.lights import legend_text
from dashboard.ui.session import engine, lang, setting, text
from dashboard.ui.widgets import headline, plain

CHART = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def scope_key(model: ReadModel) -> tuple[Hashable, ...]:
    """What tells one model's charts from another's in the shared chart cache: year, quarter, scope, how many
    members (a unit alone or with the units under it) and the pace."""
    return model.year, model.quarter, model.scope, len(model.members), model.settings.pace


def figures(model: ReadModel, level: str) -> str:
    """The headline cards of each metric (one metric a row), the completion bullets, and one metric's year path
    and quarters; returns the metric picked for the charts. Every amount is in ``level``, said once."""
    metrics, entity, language = model.metrics, model.entity, lang()
    st.caption(text("web.in_unit", unit=unit_word(level, language)))
    for m in metrics:
        headline(m.name(language), entity.metrics[m.code], level, model.settings.pace)
    items = [(m.name(language), entity.metrics[m.code]) for m in metrics]
    scheme = setting("STATUS_COLOURS")
    scope = (*scope_key(model), language, level)
    digits = max(metric_decimals(f, level, language) for _, f in items)
    bullet = memo(
        ("bullet", *scope, scheme),
        lambda: completion_bullet(items, model.time_progress, language, scheme, level, decimals=digits),
    )
    st.plotly_chart(bullet, config=CHART, key=f"chart.bullet.{entity.code}")
    metric = metric_picker({m.code: m.name(language) for m in metrics}, key=f"metric.{entity.code or 'group'}")
    view = model.by_metric[metric]
    places = metric_decimals(view.figures, level, language)
    left, right = st.columns(2)  # side by side on a wide screen, stacked on a phone
    path = memo(
        ("path", *scope, metric),
        lambda: cumulative_path(view.series, view.figures, model.year, language, level, decimals=places),
    )
    left.plotly_chart(path, config=CHART, key=f"chart.path.{entity.code}")
    bars = memo(("bars", *scope, metric), lambda: quarterly_bars(view.series, model.year, language, level, places))
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


def provenance(model: ReadModel) -> None:
    """Under the title: the period shown and its time progress, the latest upload behind its figures, and how
    many of the scope's expected units have reported for it (``dashboard.coverage``: enterprises only, from their
    first period until they stop reporting; eliminations rows are summed but are no unit that reports)."""
    period = text(f"web.quarter.{model.quarter}")
    scoped = reported_of(model)
    counted, reported = len(scoped.expected), len(scoped.reported)
    if model.scope == GROUP:
        scope = text("web.provenance.group")
    else:
        scope = text("web.provenance.children" if len(model.members) > 1 else "web.provenance.unit")
    upload = latest_upload(model)
    counts = {
        "period": f"{model.year} {period}",
        "progress": rate(model.time_progress),
        "scope": scope,
        "reported": reported,
        "total": counted,
    }
    if upload is None:
        st.caption(text("web.provenance.none", **counts))
        return
    when = local_time(upload.uploaded_at)
    st.caption(text("web.provenance", upload=upload.id, time=when, who=plain(upload.uploaded_by), **counts))


def reported_of(model: ReadModel) -> Coverage:
    """Who has reported for the model's period among its scope's units (computed once per data version and day)."""
    today = local_today()

    def build() -> Coverage:
        with engine().connect() as conn:
            return coverage(conn, model.as_of, today)

    return memo(("coverage", model.year, model.quarter, today), build).within(model.members)


def latest_upload(model: ReadModel) -> UploadRef | None:
    """The newest upload with figures of the period shown, else the newest of the year (None without any)."""
    shown = str(model.as_of)
    return next(
        (u for u in model.uploads if shown in u.periods.split(",")), model.uploads[0] if model.uploads else None
    )


def lights_rule(model: ReadModel) -> None:
    """The status rule in words, under the chosen pace and colour meaning, shown (not folded) by the headline."""
    st.caption(legend_text(model.settings, lang(), setting("STATUS_COLOURS")))
