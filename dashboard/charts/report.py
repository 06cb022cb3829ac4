"""The gap report's charts: the overview's charts for a read model, as plotly Figures (no Streamlit)."""

from __future__ import annotations

from dashboard.analytics.model import ReadModel
from dashboard.charts.progress import completion_bullet
from dashboard.charts.units import completion_heatmap, contribution_waterfall
from dashboard.charts.year import cumulative_path, quarterly_bars
from dashboard.i18n import t
from dashboard.reports.content import Chart


def report_charts(model: ReadModel, lang: str, level: str, colours: str = "green-good") -> tuple[Chart, ...]:
    """Completion against time progress for every metric, then per metric: the year's path against the target
    path and last year, the single quarters, the units' contributions to the year-on-year change, and the
    units × quarters completion heat map (the last two only when the scope has more than one unit).
    ``level`` is the amounts' display level or scale ("group", "unit", "yi", "wan")."""
    names = {c: (u.name_en or u.name_zh) if lang == "en" else u.name_zh for c, u in model.units.items()}
    items = [(m.name(lang), model.entity.metrics[m.code]) for m in model.metrics]
    charts = [Chart("bullet", "", completion_bullet(items, model.time_progress, lang, colours, level))]
    for m in model.metrics:
        view = model.by_metric[m.code]
        path = cumulative_path(view.series, view.figures, model.year, lang, level)
        charts.append(Chart(f"path.{m.code}", "", path))
        charts.append(Chart(f"bars.{m.code}", "", quarterly_bars(view.series, model.year, lang, level)))
        if len(model.unit_rows) > 1:
            total = view.figures.yoy_change
            label = t("web.breakdown.total.yoy", lang)
            waterfall = contribution_waterfall(view.yoy_contributions, names, label, lang, level, total=total)
            charts.append(Chart(f"waterfall.{m.code}", "", waterfall))
            quarters = list(model.pace_by_quarter)
            heat = completion_heatmap(
                view.unit_completion, names, view.ranking, quarters, model.pace_by_quarter, lang, colours=colours
            )
            charts.append(Chart(f"heat.{m.code}", "", heat))
    return tuple(charts)
