"""The year so far: the cumulative path against the target path and last year, and the single quarters.

Both draw a ``MetricSeries`` of the read model (``dashboard.analytics.model``); they compute no figure."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

from dashboard.analytics.engine import MetricFigures
from dashboard.analytics.model import MetricSeries
from dashboard.analytics.series import QuarterPoint
from dashboard.charts import style
from dashboard.i18n import t
from dashboard.i18n.numbers import amount


def cumulative_path(
    series: MetricSeries,
    figures: MetricFigures,
    year: int,
    lang: str,
    level: str,
    label: str | None = None,
    decimals: int = 2,
) -> go.Figure:
    """本年累计 over Q1..Q4 from the read model's series of one metric: the year's actual path up to the as-of
    quarter (deep blue), the target path (grey dashed; linear or shaped like last year), last year's path
    (light grey), and a dotted projection from the as-of point to the full-year projection the pace asks for.
    ``figures`` are the scope's figures (year to date and target, for the subtitle); ``label`` overrides the
    metric's name in the title; ``decimals`` those of the page's view (``i18n.numbers.view_decimals``).
    """
    labels = style.quarter_labels(lang)
    points = series.quarters
    metric = series.metric
    fig = go.Figure()
    scale = (lang, level, decimals)
    _line(fig, labels, series.last_year_ytd, t("chart.year", lang, year=year - 1), scale, style.LAST_YEAR, "solid", 4)
    if series.target_path is not None:
        name = t(f"chart.path.target.{'seasonal' if series.target_path_seasonal else 'linear'}", lang)
        _line(fig, labels, series.target_path, name, scale, style.TARGET, "dash", 2)
    _actual(fig, points, labels, t("chart.year", lang, year=year), scale)
    end = series.projection
    if end is not None and points and points[-1].quarter < 4:
        x = [labels[points[-1].quarter - 1], labels[3]]
        name = t(f"chart.path.projection.{series.projection_kind}", lang)
        _line(fig, x, [points[-1].ytd, end], name, scale, style.PROJECTION, "dot", 3)
    style.quarter_axis(fig, lang)
    fig.update_yaxes(rangemode="tozero")
    title = t("chart.path.title", lang, metric=style.metric_label(metric, lang, label))
    style.finish(fig, title, y_title=style.amount_axis("chart.axis.ytd", lang, level), unified=True)
    subtitle = {"text": _summary(figures, end, scale), "font": {"size": 13, "color": style.MUTED}}
    # A plotly subtitle hangs below its title: anchored at the container's top with room made for both (the
    # shared frame's title sits on the plot, which would put the subtitle inside it).
    fig.update_layout(
        title={"subtitle": subtitle, "yref": "container", "y": 0.98, "yanchor": "top", "automargin": False},
        margin_t=120,
        height=460,
    )
    return fig


def _summary(figures: MetricFigures, end: Decimal | None, scale: tuple[str, str, int]) -> str:
    """The subtitle: year to date, target and full-year projection, in words, one a line (a plotly title does
    not wrap, and a phone is narrow)."""
    lang, level, digits = scale
    text = t(
        "chart.path.summary",
        lang,
        ytd=amount(figures.ytd_actual, lang, level, digits),
        target=amount(figures.effective_target, lang, level, digits),
        projection=amount(end, lang, level, digits),
    )
    return text.replace(" · ", "<br>")


def _line(
    fig: go.Figure,
    x: Sequence[str],
    values: Sequence[Decimal | None],
    name: str,
    scale: tuple[str, str, int],
    colour: str,
    dash: str,
    rank: int,
) -> None:
    """A line with markers; ``scale`` is (lang, level, decimals) and ``rank`` its place in the legend."""
    lang, level, digits = scale
    text = [t("chart.hover.item", lang, name=name, value=amount(v, lang, level, digits)) for v in values]
    fig.add_trace(
        go.Scatter(
            x=list(x),
            y=style.scale_all(values, level, lang),
            name=name,
            mode="lines+markers",
            line={"color": colour, "dash": dash, "width": 2},
            marker={"size": 6},
            legendrank=rank,
            hovertext=text,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )


def _actual(
    fig: go.Figure, points: Sequence[QuarterPoint], labels: Sequence[str], name: str, scale: tuple[str, str, int]
) -> None:
    """The year's actual path, with its year-on-year growth in the hover; ``scale`` is (lang, level, decimals)."""
    lang, level, digits = scale
    hover = [
        t("chart.hover.item", lang, name=name, value=amount(p.ytd, lang, level, digits))
        + f" · {t('chart.hover.yoy', lang, rate=style.signed_rate(p.yoy_growth))}"
        for p in points
    ]
    fig.add_trace(
        go.Scatter(
            x=[labels[p.quarter - 1] for p in points],
            y=style.scale_all([p.ytd for p in points], level, lang),
            name=name,
            mode="lines+markers",
            line={"color": style.ACTUAL, "width": 3},
            marker={"size": 9},
            legendrank=1,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )


def quarterly_bars(
    series: MetricSeries, year: int, lang: str, level: str, decimals: int | None = None, label: str | None = None
) -> go.Figure:
    """单季 of the year up to the as-of quarter (deep blue) beside the same quarters of last year (light grey),
    grouped by quarter, each bar labelled with its amount; the hover gives each quarter's year-on-year growth
    on the single quarter (``QuarterPoint.single_yoy_growth``). ``decimals`` are the page's view's (the labels and
    hover write amounts with them); None picks them from the bars' size (``style.label_decimals``)."""
    now = {p.quarter: p for p in series.quarters}
    before = {p.quarter: p for p in series.last_year}
    values = [p.single_quarter for p in (*now.values(), *before.values())]
    digits = style.label_decimals(values, level, lang) if decimals is None else decimals
    fig = go.Figure()
    for shown, y, colour, with_yoy in ((before, year - 1, style.LAST_YEAR, False), (now, year, style.ACTUAL, True)):
        fig.add_trace(_bars(shown, t("chart.year", lang, year=y), colour, with_yoy, (lang, level, digits)))
    style.quarter_axis(fig, lang)
    fig.update_layout(barmode="group", bargap=0.3, bargroupgap=0.08)
    title = t("chart.bars.title", lang, metric=style.metric_label(series.metric, lang, label))
    return style.finish(fig, title, y_title=style.amount_axis("chart.axis.single", lang, level), unified=True)


def _bars(shown: dict[int, QuarterPoint], name: str, colour: str, with_yoy: bool, form: tuple[str, str, int]) -> go.Bar:
    """One year's single quarters; ``with_yoy`` puts each one's growth on last year in the hover; ``form`` is
    (lang, level, decimals on the bars)."""
    lang, level, digits = form
    points = [shown.get(q) for q in style.QUARTERS]
    values = [None if p is None else p.single_quarter for p in points]
    hover = [_bar_hover(name, p, with_yoy, form) for p in points]
    return go.Bar(
        x=style.quarter_labels(lang),
        y=style.scale_all(values, level, lang),
        name=name,
        marker_color=colour,
        text=[amount(v, lang, level, digits, with_unit=False) if v is not None else "" for v in values],
        textposition="auto",  # inside a bar tall enough for it, else above
        textangle=-90,  # along the bar: a long amount stays legible on a narrow bar
        textfont={"size": 11},
        constraintext="none",
        cliponaxis=False,
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _bar_hover(name: str, point: QuarterPoint | None, with_yoy: bool, form: tuple[str, str, int]) -> str:
    lang, level, digits = form
    value = None if point is None else point.single_quarter
    text = t("chart.hover.item", lang, name=name, value=amount(value, lang, level, max(digits, 2)))
    if with_yoy and point is not None and value is not None:
        text += f" · {t('chart.hover.yoy', lang, rate=style.signed_rate(point.single_yoy_growth))}"
    return text
