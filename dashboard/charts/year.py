"""The year so far: the cumulative path against the target path and last year, and the single quarters."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

from dashboard.analytics import formulas as f
from dashboard.analytics.engine import MetricFigures
from dashboard.analytics.series import History, QuarterPoint, quarterly, target_path, ytd_by_quarter
from dashboard.charts import style
from dashboard.i18n import t
from dashboard.i18n.numbers import amount


def cumulative_path(
    history: History,
    members: Sequence[str],
    metric: str,
    figures: MetricFigures,
    year: int,
    quarter: int,
    pace: str,
    lang: str,
    level: str,
    label: str | None = None,
) -> go.Figure:
    """本年累计 over Q1..Q4: the year's actual path up to the as-of ``quarter`` (deep blue), the target path
    (grey dashed; linear or shaped like last year by ``pace``), last year's path (light grey), and a dotted
    projection from the as-of point to the full-year projection at Q4 (``projection_linear`` for a linear
    pace, else ``projection_seasonal`` where defined). ``label`` overrides the metric's name in the title.
    """
    labels = style.quarter_labels(lang)
    last_year = ytd_by_quarter(history, members, metric, year - 1)
    points = [p for p in quarterly(history, members, metric, year) if p.quarter <= quarter]
    fig = go.Figure()
    _line(fig, labels, last_year, t("chart.year", lang, year=year - 1), (lang, level), style.LAST_YEAR, "solid", 4)
    if figures.effective_target is not None:
        path = target_path(figures.effective_target, pace, last_year)
        seasonal = path != target_path(figures.effective_target, "linear")
        name = t(f"chart.path.target.{'seasonal' if seasonal else 'linear'}", lang)
        _line(fig, labels, path, name, (lang, level), style.TARGET, "dash", 2)
    _actual(fig, points, labels, t("chart.year", lang, year=year), lang, level)
    end = _projection(figures, pace)
    if end is not None and points and points[-1].quarter < 4:
        x = [labels[points[-1].quarter - 1], labels[3]]
        name = t(f"chart.path.projection.{end[1]}", lang)
        _line(fig, x, [points[-1].ytd, end[0]], name, (lang, level), style.PROJECTION, "dot", 3)
    style.quarter_axis(fig, lang)
    fig.update_yaxes(rangemode="tozero")
    title = t("chart.path.title", lang, metric=style.metric_label(metric, lang, label))
    style.finish(fig, title, y_title=style.amount_axis("chart.axis.ytd", lang, level), unified=True)
    subtitle = {"text": _summary(figures, end, lang, level), "font": {"size": 13, "color": style.MUTED}}
    fig.update_layout(title_subtitle=subtitle, margin_t=76)
    return fig


def _summary(figures: MetricFigures, end: tuple[Decimal, str] | None, lang: str, level: str) -> str:
    """The subtitle: year to date, target and full-year projection, in words."""
    return t(
        "chart.path.summary",
        lang,
        ytd=amount(figures.ytd_actual, lang, level),
        target=amount(figures.effective_target, lang, level),
        projection=amount(end[0] if end else None, lang, level),
    )


def _projection(figures: MetricFigures, pace: str) -> tuple[Decimal, str] | None:
    """The full-year projection the pace asks for, and which one it is (seasonal falls back to linear)."""
    if pace == "seasonal" and figures.projection_seasonal is not None:
        return figures.projection_seasonal, "seasonal"
    if figures.projection_linear is not None:
        return figures.projection_linear, "linear"
    return None


def _line(
    fig: go.Figure,
    x: Sequence[str],
    values: Sequence[Decimal | None],
    name: str,
    scale: tuple[str, str],
    colour: str,
    dash: str,
    rank: int,
) -> None:
    """A line with markers; ``scale`` is (lang, level) and ``rank`` its place in the legend."""
    lang, level = scale
    text = [t("chart.hover.item", lang, name=name, value=amount(v, lang, level)) for v in values]
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
    fig: go.Figure, points: Sequence[QuarterPoint], labels: Sequence[str], name: str, lang: str, level: str
) -> None:
    """The year's actual path, with its year-on-year growth in the hover."""
    hover = [
        t("chart.hover.item", lang, name=name, value=amount(p.ytd, lang, level))
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
    history: History, members: Sequence[str], metric: str, year: int, lang: str, level: str, label: str | None = None
) -> go.Figure:
    """单季 of the year (deep blue) beside the same quarters of last year (light grey), grouped by quarter,
    each bar labelled with its amount; the hover gives each quarter's year-on-year growth on the single quarter."""
    now = {p.quarter: p.single_quarter for p in quarterly(history, members, metric, year)}
    before = {p.quarter: p.single_quarter for p in quarterly(history, members, metric, year - 1)}
    digits = style.label_decimals([*now.values(), *before.values()], level, lang)
    fig = go.Figure()
    for shown, other, y, colour in ((before, None, year - 1, style.LAST_YEAR), (now, before, year, style.ACTUAL)):
        fig.add_trace(_bars(shown, other, t("chart.year", lang, year=y), colour, (lang, level, digits)))
    style.quarter_axis(fig, lang)
    fig.update_layout(barmode="group", bargap=0.3, bargroupgap=0.08)
    title = t("chart.bars.title", lang, metric=style.metric_label(metric, lang, label))
    return style.finish(fig, title, y_title=style.amount_axis("chart.axis.single", lang, level), unified=True)


def _bars(
    shown: dict[int, Decimal | None],
    other: dict[int, Decimal | None] | None,
    name: str,
    colour: str,
    form: tuple[str, str, int],
) -> go.Bar:
    """One year's single quarters; ``other`` (last year's) gives the growth in the hover; ``form`` is
    (lang, level, decimals on the bars)."""
    lang, level, digits = form
    values = [shown.get(q) for q in style.QUARTERS]
    priors = [other.get(q) for q in style.QUARTERS] if other is not None else [None] * 4
    hover = [_bar_hover(name, v, p, other is not None, lang, level) for v, p in zip(values, priors, strict=True)]
    return go.Bar(
        x=style.quarter_labels(lang),
        y=style.scale_all(values, level, lang),
        name=name,
        marker_color=colour,
        text=[amount(v, lang, level, digits, with_unit=False) if v is not None else "" for v in values],
        textposition="outside",
        cliponaxis=False,
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
    )


def _bar_hover(name: str, value: Decimal | None, prior: Decimal | None, with_yoy: bool, lang: str, level: str) -> str:
    text = t("chart.hover.item", lang, name=name, value=amount(value, lang, level))
    if with_yoy and value is not None:
        text += f" · {t('chart.hover.yoy', lang, rate=style.signed_rate(f.yoy_growth(value, prior)))}"
    return text
