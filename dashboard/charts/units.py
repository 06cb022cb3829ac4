"""Units against each other: who moves the group's change or gap (waterfall), who is behind when (heat map).

Both stay fast and readable with thousands of units: the waterfall draws the top contributors and one
"other units" bar, the heat map the first ``limit`` units in the caller's order (most behind first).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

import plotly.graph_objects as go

from dashboard.analytics.breakdown import Contribution
from dashboard.charts import style
from dashboard.i18n import t
from dashboard.i18n.numbers import COLOUR_SCHEMES, amount, points, rate

HEAT_SPAN = 0.25  # the heat map's colours saturate at ±25 percentage points from time progress
HEAT_TICKS = (-20, -10, 0, 10, 20)  # percentage points on its colour bar
OTHER, UNATTRIBUTED, TOTAL = "__other__", "__unattributed__", "__total__"  # the waterfall's bars that are not units


def contribution_waterfall(
    contributions: Sequence[Contribution],
    names: Mapping[str, str],
    total_label: str,
    lang: str,
    level: str,
    top: int = 10,
    total: Decimal | None = None,
) -> go.Figure:
    """A horizontal waterfall from zero to the total: the ``top`` units by absolute amount (largest rise
    first, largest fall last), the rest summed into one "other units" bar, and the total bar.

    Units without an amount (None) are left out. Without ``total`` the total bar is the sum of the units;
    given the group's figure (e.g. its yoy_change, which also counts units that have no prior-year figure),
    a "not attributed to a unit" bar carries the difference, so the bars always add up to the total bar.
    ``total_label`` names the total (e.g. "集团同比增减额") in the title and on the last bar.
    """
    names = style.plain_names(names)  # names are text, never plotly markup
    bars, rest = _bars(contributions, names, top, lang, level)
    attributed = sum((bar.amount for bar in bars), Decimal(0))
    if total is not None and total != attributed:
        bars.append(_named(UNATTRIBUTED, t("chart.waterfall.unattributed", lang), total - attributed, lang, level))
    bars.append(_named(TOTAL, total_label, attributed if total is None else total, lang, level))
    fig = go.Figure(_waterfall(bars, lang, level))
    ticks = {"tickvals": [bar.key for bar in bars], "ticktext": [bar.label for bar in bars]}
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, automargin=True, **ticks)
    fig.update_xaxes(zeroline=True, gridcolor=style.GRID_COLOUR)
    title = (
        t("chart.waterfall.title_top", lang, total=total_label, top=top, rest=f"{rest:,}")
        if rest
        else t("chart.waterfall.title", lang, total=total_label)
    )
    height = min(max(300, 110 + 30 * len(bars)), 520)
    style.finish(fig, title, height=height, legend=False, x_title=style.amount_axis("chart.axis.amount", lang, level))
    fig.update_layout(margin={"l": 8, "r": 96})  # room for the label of the longest bar
    return fig


class _Bar(NamedTuple):
    key: str  # the category: a unit code or one of OTHER, UNATTRIBUTED, TOTAL (two units may share a label)
    label: str
    amount: Decimal
    hover: str


def _named(key: str, name: str, value: Decimal, lang: str, level: str, share: float | None = None) -> _Bar:
    return _Bar(key, name, value, _hover(name, value, share, lang, level))


def _bars(
    contributions: Sequence[Contribution], names: Mapping[str, str], top: int, lang: str, level: str
) -> tuple[list[_Bar], int]:
    """The bars of the top units and of "other units"; and how many units the latter sums."""
    known = [(c, c.amount) for c in contributions if c.amount is not None]
    biggest = sorted(known, key=lambda pair: abs(pair[1]), reverse=True)
    shown, rest = sorted(biggest[:top], key=lambda pair: pair[1], reverse=True), biggest[top:]
    bars = [
        _Bar(
            c.code,
            style.short(names.get(c.code, c.code), lang),
            value,
            _hover(names.get(c.code, c.code), value, c.share, lang, level),
        )
        for c, value in shown
    ]
    if rest:
        name = t("chart.waterfall.other", lang, count=f"{len(rest):,}")
        shares = [c.share for c, _ in rest if c.share is not None]
        other = sum((value for _, value in rest), Decimal(0))
        bars.append(_named(OTHER, name, other, lang, level, sum(shares) if shares else None))
    return bars, len(rest)


def _waterfall(bars: Sequence[_Bar], lang: str, level: str) -> go.Waterfall:
    """The trace: relative bars, then the total (its value given too, so the data can be checked)."""
    values = [bar.amount for bar in bars]
    return go.Waterfall(
        orientation="h",
        y=[bar.key for bar in bars],
        x=style.scale_all(values, level, lang),
        measure=["relative"] * (len(values) - 1) + ["total"],
        text=[_signed_amount(v, lang, level, style.label_decimals(values, level, lang)) for v in values],
        textposition="outside",
        cliponaxis=False,
        hovertext=[bar.hover for bar in bars],
        hovertemplate="%{hovertext}<extra></extra>",
        increasing={"marker": {"color": style.INCREASE}},
        decreasing={"marker": {"color": style.DECREASE}},
        totals={"marker": {"color": style.TOTAL}},
        connector={"line": {"color": "#c8c8c8", "width": 1}},
    )


def _hover(name: str, value: Decimal | None, share: float | None, lang: str, level: str) -> str:
    return t("chart.waterfall.hover", lang, name=name, amount=amount(value, lang, level), share=rate(share))


def _signed_amount(value: Decimal, lang: str, level: str, decimals: int = 2) -> str:
    """An amount on a bar, without its unit (the axis says it), signed.

    >>> _signed_amount(Decimal(123_000_000), "zh", "yi"), _signed_amount(Decimal(-5_000_000), "en", "wan")
    ('+1.23', '-5.00')
    """
    text = amount(value, lang, level, decimals, with_unit=False)
    return f"+{text}" if value > 0 else text


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
) -> go.Figure:
    """Units (rows, in the given order) × quarters (columns): each cell's text is the completion rate, its
    colour how far it is ahead of (green) or behind (red) that quarter's time progress, white on pace; the
    column headers give each quarter's time progress.

    Only the first ``limit`` units are drawn (the caller passes the most behind first) and the title says
    so with the total count. ``colours`` follows the status colour meaning; ``label`` is the metric's name.
    Rows are keyed by unit code (two units may share a shortened name) and labelled with the names.
    """
    names = style.plain_names(names)  # names are text, never plotly markup
    codes = list(codes_in_order[:limit])
    grid = [[completion.get((c, q)) for q in quarters] for c in codes]
    fig = go.Figure(_heat_trace(codes, names, grid, quarters, time_progress_by_quarter, lang, colours))
    ticks = [style.short(names.get(c, c), lang) for c in codes]
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, tickvals=codes, ticktext=ticks)
    fig.update_xaxes(side="top", type="category")
    title = (
        t("chart.heatmap.title_limited", lang, limit=len(codes), total=f"{len(codes_in_order):,}")
        if len(codes_in_order) > len(codes)
        else t("chart.heatmap.title", lang)
    )
    title = t("chart.titled", lang, metric=label, title=title) if label else title
    style.finish(fig, title, height=min(max(320, 130 + 26 * len(codes)), 950), legend=False)
    fig.update_layout(margin={"l": 8, "t": 96, "b": 24}, plot_bgcolor="white")
    fig.update_yaxes(automargin=True)
    return fig


def _heat_trace(
    codes: Sequence[str],
    names: Mapping[str, str],
    grid: Sequence[Sequence[float | None]],
    quarters: Sequence[int],
    time: Mapping[int, float],
    lang: str,
    colours: str,
) -> go.Heatmap:
    """Colour = completion − time progress (clamped at ±HEAT_SPAN), text = completion, data = completion."""
    labels = style.quarter_labels(lang)
    return go.Heatmap(
        x=[t("chart.heatmap.column", lang, quarter=labels[q - 1], time=rate(time[q])) for q in quarters],
        y=list(codes),
        z=[[None if v is None else v - time[q] for v, q in zip(row, quarters, strict=True)] for row in grid],
        customdata=grid,
        text=[[rate(v) for v in row] for row in grid],
        texttemplate="%{text}",
        zmid=0,
        zmin=-HEAT_SPAN,
        zmax=HEAT_SPAN,
        colorscale=_scale(colours),
        xgap=2,
        ygap=2,
        hovertext=_heat_hover(codes, names, grid, quarters, time, lang),
        hovertemplate="%{hovertext}<extra></extra>",
        colorbar={
            "title": {"text": t("chart.heatmap.colour", lang), "side": "right"},
            "tickvals": [p / 100 for p in HEAT_TICKS],
            "ticktext": [f"{p:+d}" if p else "0" for p in HEAT_TICKS],
            "thickness": 12,
        },
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


def _heat_hover(
    codes: Sequence[str],
    names: Mapping[str, str],
    rows: Sequence[Sequence[float | None]],
    quarters: Sequence[int],
    time: Mapping[int, float],
    lang: str,
) -> list[list[str]]:
    labels = style.quarter_labels(lang)
    return [
        [
            t(
                "chart.heatmap.hover",
                lang,
                unit=names.get(code, code),
                quarter=labels[q - 1],
                rate=rate(v),
                time=rate(time[q]),
                gap=points(None if v is None else v - time[q], lang),
            )
            for v, q in zip(row, quarters, strict=True)
        ]
        for code, row in zip(codes, rows, strict=True)
    ]
