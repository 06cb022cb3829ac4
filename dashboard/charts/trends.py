"""Several years side by side over Q1..Q4: year to date, single quarters, year-on-year and quarter-on-quarter
growth, with restated comparisons (上年同期 re-reported) marked."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import plotly.graph_objects as go

from dashboard.analytics.series import QuarterPoint
from dashboard.charts import style
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, scaled, view_decimals

VIEWS = ("ytd", "quarter", "yoy", "qoq")
_AMOUNT_AXES = {"ytd": "chart.axis.ytd", "quarter": "chart.axis.single"}
RESTATED_MARKER = {"symbol": "diamond-open", "size": 15, "color": style.RESTATED, "line": {"width": 2.5}}


def trend_lines(
    years: Mapping[int, Sequence[QuarterPoint]],
    metric: str,
    view: str,
    lang: str,
    level: str,
    label: str | None = None,
) -> go.Figure:
    """One line (bars for ``view="quarter"``) per year over Q1..Q4, the latest year in deep blue, earlier
    years in lighter shades. ``years`` maps each year to its quarters (``analytics.series.by_year``); ``view``:
    "ytd" 本年累计, "quarter" 单季, "yoy" 累计同比, "qoq" 单季环比.

    Points whose 上年同期 was restated carry an orange open diamond, a "restated" legend entry and, in the
    hover, the prior-year figure as now reported and as stored. Years without a value in the view are left out.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}, got {view!r}")
    ordered = sorted(years)
    fig = go.Figure()
    marked = False
    for rank, year in enumerate(ordered):
        points = [p for p in years[year] if _value(p, view) is not None]
        if not points:
            continue
        fig.add_trace(_year_trace(points, view, year, style.year_colour(len(ordered) - 1 - rank), lang, level))
        restated = [p for p in points if p.restated]
        if restated:
            fig.add_trace(_restated_trace(restated, view, year, not marked, lang, level))
            marked = True
    if not fig.data:
        fig.add_annotation(text=t("chart.no_data", lang), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False)
    metric_text = style.metric_label(metric, lang, label)
    title = t(f"chart.trend.title.{view}", lang, metric=metric_text, years=_years_text(ordered))
    return _frame(fig, title, view, lang, level)


def _frame(fig: go.Figure, title: str, view: str, lang: str, level: str) -> go.Figure:
    """The shared frame, grouped bars for single quarters, a percentage axis for growth."""
    style.quarter_axis(fig, lang)
    style.finish(fig, title, y_title=_axis_title(view, lang, level), unified=True)
    if view == "quarter":
        fig.update_layout(barmode="group", scattermode="group", bargap=0.25)
    if view in ("yoy", "qoq"):
        fig.update_yaxes(tickformat=".1%", zeroline=True, zerolinewidth=1.5)
    else:
        fig.update_yaxes(rangemode="tozero")
    return fig


def _value(point: QuarterPoint, view: str) -> Decimal | float | None:
    return {
        "ytd": point.ytd,
        "quarter": point.single_quarter,
        "yoy": point.yoy_growth,
        "qoq": point.qoq_growth,
    }[view]


def _y(value: Decimal | float | None, lang: str, level: str) -> float | None:
    """A value on the axis: amounts in the display scale, rates as fractions (the axis shows %)."""
    if value is None:
        return None
    return scaled(value, level, lang) if isinstance(value, Decimal) else value


def _text(value: Decimal | float | None, lang: str, level: str) -> str:
    if isinstance(value, Decimal) or value is None:  # three significant digits at least (RMB 0.990 bn)
        return amount(value, lang, level, view_decimals([value], level, lang))
    return style.signed_rate(value)


def _year_trace(
    points: Sequence[QuarterPoint], view: str, year: int, colour: str, lang: str, level: str
) -> go.Bar | go.Scatter:
    labels = style.quarter_labels(lang)
    name = t("chart.year", lang, year=year)
    values = [_value(p, view) for p in points]
    shared = {
        "x": [labels[p.quarter - 1] for p in points],
        "y": [_y(v, lang, level) for v in values],
        "name": name,
        "hovertext": [t("chart.hover.item", lang, name=name, value=_text(v, lang, level)) for v in values],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "offsetgroup": str(year),
        "legendrank": 100 + year,
    }
    if view == "quarter":
        return go.Bar(marker_color=colour, **shared)
    latest = colour == style.ACTUAL
    line = {"color": colour, "width": 3 if latest else 2}
    return go.Scatter(mode="lines+markers", line=line, marker={"size": 8 if latest else 6}, **shared)


def _restated_trace(
    points: Sequence[QuarterPoint], view: str, year: int, legend: bool, lang: str, level: str
) -> go.Scatter:
    """Orange open diamonds on the year's restated points; one legend entry for all years."""
    labels = style.quarter_labels(lang)
    notes = [
        t(
            "chart.trend.restated_hover",
            lang,
            reported=amount(p.prior_ytd, lang, level, view_decimals([p.prior_ytd], level, lang)),
            stored=amount(p.stored_prior_ytd, lang, level, view_decimals([p.stored_prior_ytd], level, lang)),
        )
        for p in points
    ]
    return go.Scatter(
        x=[labels[p.quarter - 1] for p in points],
        y=[_y(_value(p, view), lang, level) for p in points],
        mode="markers",
        marker=RESTATED_MARKER,
        name=t("chart.trend.restated", lang),
        legendgroup="restated",
        showlegend=legend,
        legendrank=10_000,
        offsetgroup=str(year),
        hovertext=notes,
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _axis_title(view: str, lang: str, level: str) -> str:
    if view in _AMOUNT_AXES:
        return style.amount_axis(_AMOUNT_AXES[view], lang, level)
    return t(f"chart.axis.{view}", lang)


def _years_text(years: Sequence[int]) -> str:
    """2021–2023 for a run of years, else the years listed.

    >>> _years_text([2021, 2022, 2023]), _years_text([2019, 2023]), _years_text([2023]), _years_text([])
    ('2021–2023', '2019, 2023', '2023', '')
    """
    if len(years) > 2 and list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)
