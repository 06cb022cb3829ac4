"""Bullets: each metric's completion rate against the 100 % target and the time progress (序时进度)."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from dashboard.analytics.engine import MetricFigures
from dashboard.charts import style
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, points, rate, status_colour


def completion_bullet(
    items: Sequence[tuple[str, MetricFigures]],
    time_progress: float,
    lang: str,
    colours: str = "green-good",
    level: str = "group",
    decimals: int = 2,
) -> go.Figure:
    """One horizontal bullet per metric, in the given order from the top.

    A light band runs to 100 % of the target; the completion rate is a bar in the status colour; a dashed
    line marks the time progress and a solid one 100 %. The status word and the rate stand just above each
    bullet (not in a column beside it, which a phone has no room for), so the status never rests on colour
    alone. A metric without a target shows
    no bar and the word for "no target"; one whose rate would mislead (in loss, a 减亏 target) shows no bar and
    its completion words (``MetricFigures.completion_wording``). ``level`` and ``decimals`` write the amounts in
    the hover as the page's view does.
    """
    items = [(style.plain(label), figures) for label, figures in items]  # metric names are text, not markup
    labels = [label for label, _ in items]
    rates = [shown_rate(figures) for _, figures in items]
    fig = go.Figure(_bars(items, lang, colours, (level, decimals)))
    for label, figures in items:
        dot = f'<span style="color:{status_colour(figures.status, colours)}">●</span>'
        fig.add_annotation(
            text=f"{dot} {status_text(figures, lang)}",
            x=0.0,
            xref="paper",
            xanchor="left",
            y=label,
            yref="y",
            yshift=34,
            showarrow=False,
            bgcolor="rgba(255, 255, 255, 0.85)",  # readable where the time-progress line crosses it
            align="left",
            font={"size": 13},
        )
    _markers(fig, time_progress, lang)
    known = [r for r in rates if r is not None]
    low, high = min([0.0, *known]), max([1.0, time_progress, *known])
    fig.update_xaxes(range=[low - 0.02, high + 0.08], tickformat=".0%", zeroline=False)
    fig.update_yaxes(autorange="reversed", showgrid=False)
    # What the dashed line is stands under the title (a label on the line met the status words above the bars
    # and the chart's right edge on a phone).
    note = t("chart.bullet.time_note", lang, rate=rate(time_progress))
    muted = f"font-size:12px;color:{style.MUTED}"
    title = f'{wrapped(t("chart.bullet.title", lang))}<br><span style="{muted}">{note}</span>'
    style.finish(fig, title, height=max(280, 150 + 80 * len(labels)), legend=False)
    fig.update_layout(barmode="overlay", margin={"r": 24, "t": 40})  # the title's automargin adds its lines
    return fig


def wrapped(title: str, width: int = 34) -> str:
    """A long title of words broken into lines of about ``width`` characters (a plotly title does not wrap, and
    a phone is narrow); Chinese titles are short and stay as they are.

    >>> wrapped("Completion of the year's targets against time progress")
    "Completion of the year's targets<br>against time progress"
    >>> wrapped("目标完成率与序时进度")
    '目标完成率与序时进度'
    """
    lines: list[str] = []
    for word in title.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "<br>".join(lines)


def shown_rate(figures: MetricFigures) -> float | None:
    """The completion rate a bullet draws: none where words replace it.

    >>> shown_rate(MetricFigures(completion_rate=-1.2, completion_wording="in_loss")), shown_rate(MetricFigures(
    ...     completion_rate=0.4))
    (None, 0.4)
    """
    return None if figures.completion_wording else figures.completion_rate


def _bars(items: Sequence[tuple[str, MetricFigures]], lang: str, colours: str, scale: tuple[str, int]) -> list[go.Bar]:
    """The light 0–100 % band, and the completion bar in the status colour over it; ``scale`` is (level,
    decimals) of the amounts in the hover."""
    labels = [label for label, _ in items]
    band = go.Bar(
        y=labels,
        x=[1.0] * len(labels),
        orientation="h",
        width=0.5,
        marker_color=style.BAND,
        name=t("chart.bullet.full", lang),
        hoverinfo="skip",
        showlegend=False,
    )
    completion = go.Bar(
        y=labels,
        x=[shown_rate(figures) for _, figures in items],
        orientation="h",
        width=0.28,
        marker_color=[status_colour(figures.status, colours) for _, figures in items],
        name=t("chart.bullet.completion", lang),
        showlegend=False,
        hovertext=[_hover(label, figures, lang, scale) for label, figures in items],
        hovertemplate="%{hovertext}<extra></extra>",
    )
    return [band, completion]


def status_text(figures: MetricFigures, lang: str) -> str:
    """The word and rate beside a bullet: ``黄灯·关注  42.0%``, or the word for no target.

    >>> status_text(MetricFigures(completion_rate=0.42, status="amber"), "zh")
    '黄灯·关注  42.0%'
    >>> status_text(MetricFigures(), "en")
    'No target'
    >>> status_text(MetricFigures(completion_rate=-1.165, status="red", completion_wording="in_loss"), "zh")
    '红灯·落后  亏损'
    """
    word = t(f"status.{figures.status or 'none'}", lang)
    if figures.completion_wording:
        return t("chart.bullet.label", lang, status=word, rate=t(f"completion.{figures.completion_wording}", lang))
    if figures.completion_rate is None:
        return word
    return t("chart.bullet.label", lang, status=word, rate=rate(figures.completion_rate))


def _hover(label: str, figures: MetricFigures, lang: str, scale: tuple[str, int]) -> str:
    level, digits = scale
    words = figures.completion_wording
    return t(
        "chart.bullet.hover",
        lang,
        metric=label,
        ytd=amount(figures.ytd_actual, lang, level, digits),
        target=amount(figures.effective_target, lang, level, digits),
        rate=t(f"completion.{words}", lang) if words else rate(figures.completion_rate),
        gap="–" if words else points(figures.progress_gap, lang),
    )


def _markers(fig: go.Figure, time_progress: float, lang: str) -> None:
    """The time-progress line (dashed; the title's second line says what it is) and the 100 % line."""
    fig.add_vline(x=time_progress, line={"color": style.TEXT_COLOUR, "width": 2, "dash": "dash"})
    fig.add_vline(x=1.0, line={"color": style.TARGET, "width": 1.5})
