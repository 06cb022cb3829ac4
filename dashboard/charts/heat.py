"""Who is behind when: units × quarters, each cell the completion rate, coloured by its distance from the pace
the read model compares with (序时进度, or last year's seasonal pattern), white on pace.

The cells are bars so that a click selects one (plotly cannot select heat-map cells); each bar's ``customdata``
is its unit code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from dashboard.charts import style
from dashboard.i18n import t
from dashboard.i18n.numbers import COLOUR_SCHEMES, points, rate

HEAT_SPAN = 0.25  # the heat map's colours saturate at ±25 percentage points from the pace
HEAT_TICKS = (-20, -10, 0, 10, 20)  # percentage points on its colour bar


def axis_labels(names: Mapping[str, str], labels: Mapping[str, str] | None, lang: str) -> dict[str, str]:
    """code → the label on the axis: the short label given, else the name cut to fit (names are plain already).

    >>> axis_labels({"a": "甲公司", "b": "乙公司"}, {"a": "甲"}, "zh")
    {'a': '甲', 'b': '乙公司'}
    """
    given = style.plain_names(labels or {})
    return {code: given.get(code) or style.short(name, lang) for code, name in names.items()} | {
        code: label for code, label in given.items() if code not in names
    }


def completion_heatmap(
    completion: Mapping[tuple[str, int], float | None],
    names: Mapping[str, str],
    codes_in_order: Sequence[str],
    quarters: Sequence[int],
    time_progress_by_quarter: Mapping[int, float],
    lang: str,
    limit: int = 30,
    colours: str = "green-good",
    label: str = "",
    progress: Mapping[tuple[str, int], float | None] | None = None,
    pace: str = "linear",
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """Units (rows, in the given order) × quarters (columns): each cell's text is the completion rate ("亏损" /
    "in loss" where the unit has a loss against a positive target), its colour how far it is ahead of (green) or
    behind (red) the pace it is compared with, white on pace. ``progress`` is that distance per cell (the read
    model's ``unit_progress``, under ``pace``: "linear" 序时进度 or "seasonal" 上年季节规律); without it, completion
    less the quarter's time progress. The title says what white means; the column headers give each quarter's
    time progress under the linear pace.

    Cells are bars (one trace per quarter, each bar one unit wide) rather than a plotly heat map, because bars
    can be selected: a click on a cell selects it, and its ``customdata`` is the unit code.
    Only the first ``limit`` units are drawn (the caller passes the most behind first) and the title says so
    with the total count. ``colours`` follows the status colour meaning; ``label`` is the metric's name;
    ``labels`` short unit names for the axis (the hover gives the full name).
    """
    names = style.plain_names(names)  # names are text, never plotly markup
    codes = list(codes_in_order[:limit])
    time = time_progress_by_quarter
    gaps = progress if progress is not None else _against_time(completion, time)
    pace_word = t(f"web.pace.{pace}", lang)
    fig = go.Figure()
    for column, q in enumerate(quarters):
        cells = [(completion.get((c, q)), gaps.get((c, q))) for c in codes]
        fig.add_trace(_column(codes, names, cells, column, _header(q, time, pace, lang), pace_word, lang, colours))
    fig.add_trace(_colour_bar(colours, t("chart.heatmap.pace_colour", lang, pace=pace_word)))
    axis = axis_labels(names, labels, lang)
    ticks = [axis.get(c, c) for c in codes]
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, tickvals=codes, ticktext=ticks)
    headers = [_header(q, time, pace, lang) for q in quarters]
    fig.update_xaxes(side="top", range=[0, len(quarters)], tickvals=[i + 0.5 for i in range(len(quarters))])
    fig.update_xaxes(ticktext=headers, tickangle=0, showgrid=False, zeroline=False, showline=False, fixedrange=True)
    limited = len(codes_in_order) > len(codes)
    key = "chart.heatmap.pace_title_limited" if limited else "chart.heatmap.pace_title"
    title = t(key, lang, limit=len(codes), total=f"{len(codes_in_order):,}", pace=pace_word)
    title = t("chart.titled", lang, metric=label, title=title) if label else title
    style.finish(fig, title, height=min(max(360, 230 + 28 * len(codes)), 1080), legend=False)
    fig.update_layout(margin={"l": 8, "r": 8, "t": 110, "b": 90}, plot_bgcolor="white", barmode="overlay", bargap=0.08)
    # The column headers stand on top of the plot: the title goes to the chart's top edge, above them.
    fig.update_layout(title={"yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 24}, "automargin": False})
    fig.update_layout(clickmode="event+select", uniformtext={"minsize": 9, "mode": "hide"})
    fig.update_yaxes(automargin=True, fixedrange=True)
    return fig


def _against_time(
    completion: Mapping[tuple[str, int], float | None], time: Mapping[int, float]
) -> dict[tuple[str, int], float | None]:
    return {(c, q): None if v is None else v - time[q] for (c, q), v in completion.items()}


def _header(q: int, time: Mapping[int, float], pace: str, lang: str) -> str:
    """A column's header: the quarter, and its time progress under the linear pace (the seasonal pace differs
    from unit to unit: the hover gives each)."""
    quarter = style.quarter_labels(lang)[q - 1]
    return t("chart.heatmap.column_compact", lang, quarter=quarter, time=rate(time[q])) if pace == "linear" else quarter


def _column(
    codes: Sequence[str],
    names: Mapping[str, str],
    cells: Sequence[tuple[float | None, float | None]],
    column: int,
    header: str,
    pace: str,
    lang: str,
    colours: str,
) -> go.Bar:
    """One quarter's cells: a bar per unit from ``column`` to ``column + 1``, coloured by its distance from the
    pace, with the completion rate written on it."""
    quarter = header.split("<br>")[0]
    return go.Bar(
        orientation="h",
        y=list(codes),
        x=[1] * len(codes),
        base=[column] * len(codes),
        name=quarter,
        marker={"color": [_cell_colour(gap, colours) for _, gap in cells], "line": {"color": "white", "width": 1}},
        text=[_cell_text(rate_, lang) for rate_, _ in cells],
        textposition="inside",
        insidetextanchor="middle",
        textfont={"color": style.TEXT_COLOUR},
        customdata=list(codes),
        hovertext=[
            t(
                "chart.heatmap.pace_hover",
                lang,
                unit=names.get(code, code),
                quarter=quarter,
                rate=_cell_text(rate_, lang),
                pace=pace,
                gap=points(gap, lang),
            )
            for code, (rate_, gap) in zip(codes, cells, strict=True)
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )


def _cell_text(completion: float | None, lang: str) -> str:
    """A cell's completion rate; a negative rate (a loss against a positive target) as words, never as −116.5%.

    >>> _cell_text(0.4, "zh"), _cell_text(-1.165, "zh"), _cell_text(None, "en")
    ('40.0%', '亏损', '–')
    """
    if completion is not None and completion < 0:
        return t("completion.in_loss", lang)
    return rate(completion)


MISSING = "#f0f0f0"  # a cell without a rate


def _cell_colour(gap: float | None, colours: str) -> str:
    """A cell's colour: white on pace, softened red behind and green ahead, saturating at ±HEAT_SPAN.

    >>> _cell_colour(0.0, "green-good"), _cell_colour(None, "green-good"), _cell_colour(-1.0, "green-good")
    ('#ffffff', '#f0f0f0', '#e08989')
    """
    if gap is None:
        return MISSING
    scheme = COLOUR_SCHEMES.get(colours, COLOUR_SCHEMES["green-good"])
    end = scheme["green"] if gap > 0 else scheme["red"]
    return _soften(end, 0.55 * min(abs(gap) / HEAT_SPAN, 1.0))


def _colour_bar(colours: str, title: str) -> go.Scatter:
    """An invisible trace that draws the colour bar: points behind (−) and ahead (+) of the pace."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker={
            "color": [0.0],
            "colorscale": _scale(colours),
            "cmin": -HEAT_SPAN,
            "cmax": HEAT_SPAN,
            "showscale": True,
            "colorbar": {  # below the cells, so that they keep the chart's width
                "title": {"text": title, "side": "top"},
                "orientation": "h",
                "x": 0.5,
                "xanchor": "center",
                "y": -0.02,
                "yanchor": "top",
                "len": 0.8,
                "tickvals": [p / 100 for p in HEAT_TICKS],
                "ticktext": [f"{p:+d}" if p else "0" for p in HEAT_TICKS],
                "thickness": 10,
            },
        },
        hoverinfo="skip",
        showlegend=False,
    )


def _scale(colours: str) -> list[list[float | str]]:
    """Behind → on pace → ahead, in softened status colours so that dark text stays readable on every cell."""
    scheme = COLOUR_SCHEMES.get(colours, COLOUR_SCHEMES["green-good"])
    return [[0.0, _soften(scheme["red"])], [0.5, "#ffffff"], [1.0, _soften(scheme["green"])]]


def _soften(colour: str, keep: float = 0.55) -> str:
    """A colour mixed with white.

    >>> _soften("#000000", 0.5)
    '#808080'
    """
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - v) * keep):02x}" for v in rgb)
