"""Units against each other: who moves the group's change or gap (waterfall), who is behind when (heat map,
``charts.heat``, also importable from here).

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
from dashboard.charts.heat import MISSING as MISSING
from dashboard.charts.heat import axis_labels
from dashboard.charts.heat import completion_heatmap as completion_heatmap
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, rate, view_decimals

LONG_TOTAL = {"zh": 12, "en": 16}  # characters of a total's name that still fit in the title's first line
OTHER, UNATTRIBUTED, TOTAL = "__other__", "__unattributed__", "__total__"  # the waterfall's bars that are not units
NO_PRIOR, UNALLOCATED, UNTARGETED = "__no_prior__", "__unallocated__", "__untargeted__"  # its named remainders


class Remainder(NamedTuple):
    """A waterfall bar that is no unit: a named part of the scope's figure that no unit's amount carries."""

    key: str  # its category, e.g. NO_PRIOR
    label: str  # its name on the axis
    amount: Decimal | None  # None or zero: no bar
    note: str  # what it is, in the hover


def contribution_waterfall(
    contributions: Sequence[Contribution],
    names: Mapping[str, str],
    total_label: str,
    lang: str,
    level: str,
    top: int = 10,
    total: Decimal | None = None,
    remainders: Sequence[Remainder] = (),
    labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """A horizontal waterfall from zero to the total: the ``top`` units by absolute amount (largest rise
    first, largest fall last), the rest summed into one "other units" bar, the named ``remainders``, and the total.

    Units without an amount (None) are left out. Without ``total`` the total bar is the sum of the bars; given the
    scope's figure (its yoy_change, or its gap), the remainders explain the difference (units without last
    year's figure; the target not allocated to units, the year to date of units without a target) and any rest
    still unexplained gets a "not attributed to a unit" bar, so the bars always add up to the total bar.
    ``total_label`` names the total (e.g. "集团同比增减") in the title and on the last bar. Each bar's
    ``customdata`` is its unit code ("" for the bars that are no unit): a click opens that unit. ``labels`` are
    short names for the axis (else the names cut by ``style.short``); the hover gives the full name.
    """
    names = style.plain_names(names)  # names are text, never plotly markup
    bars, rest = _bars(contributions, names, axis_labels(names, labels, lang), top, lang)
    bars += [_named(r.key, style.plain(r.label), r.amount, note=r.note) for r in remainders if r.amount]
    attributed = sum((bar.amount for bar in bars), Decimal(0))
    if total is not None and total != attributed:
        bars.append(_named(UNATTRIBUTED, t("chart.waterfall.unattributed", lang), total - attributed))
    bars.append(_named(TOTAL, total_label, attributed if total is None else total))
    decimals = view_decimals([bar.amount for bar in bars], level, lang)
    fig = go.Figure(_waterfall(bars, lang, level, decimals))
    ticks = {"tickvals": [bar.key for bar in bars], "ticktext": [bar.label for bar in bars]}
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, automargin=True, **ticks)
    fig.update_xaxes(zeroline=True, gridcolor=style.GRID_COLOUR, nticks=4)  # few ticks: half a phone's width is narrow
    long = len(total_label) > LONG_TOTAL.get(lang, 16)  # the total goes on the second line: half a page is narrow
    key = "chart.waterfall." + ("title_long" if long else "title") + ("_top" if rest else "")
    title = t(key, lang, total=total_label, top=top, rest=f"{rest:,}")
    height = min(max(300, 110 + 30 * len(bars)), 520)
    style.finish(fig, title, height=height, legend=False, x_title=style.amount_axis("chart.axis.amount", lang, level))
    fig.update_layout(margin={"l": 8, "r": 72}, clickmode="event+select")  # room for the longest bar's label
    return fig


class _Bar(NamedTuple):
    key: str  # the category: a unit code or one of OTHER, UNATTRIBUTED, TOTAL, a remainder's key
    label: str
    amount: Decimal
    name: str  # for the hover
    share: float | None = None
    note: str = ""
    unit: bool = False  # a unit's own bar (a click opens the unit)


def _named(key: str, name: str, value: Decimal, share: float | None = None, note: str = "") -> _Bar:
    return _Bar(key, name, value, name, share, note)


def _bars(
    contributions: Sequence[Contribution], names: Mapping[str, str], labels: Mapping[str, str], top: int, lang: str
) -> tuple[list[_Bar], int]:
    """The bars of the top units and of "other units"; and how many units the latter sums."""
    known = [(c, c.amount) for c in contributions if c.amount is not None]
    biggest = sorted(known, key=lambda pair: abs(pair[1]), reverse=True)
    shown, rest = sorted(biggest[:top], key=lambda pair: pair[1], reverse=True), biggest[top:]
    bars = [
        _Bar(c.code, labels.get(c.code, c.code), value, names.get(c.code, c.code), c.share, "", True)
        for c, value in shown
    ]
    if rest:
        name = t("chart.waterfall.other", lang, count=f"{len(rest):,}")
        shares = [c.share for c, _ in rest if c.share is not None]
        other = sum((value for _, value in rest), Decimal(0))
        bars.append(_named(OTHER, name, other, sum(shares) if shares else None))
    return bars, len(rest)


def _waterfall(bars: Sequence[_Bar], lang: str, level: str, decimals: int) -> go.Waterfall:
    """The trace: relative bars, then the total (its value given too, so the data can be checked)."""
    values = [bar.amount for bar in bars]
    return go.Waterfall(
        orientation="h",
        y=[bar.key for bar in bars],
        x=style.scale_all(values, level, lang),
        measure=["relative"] * (len(values) - 1) + ["total"],
        text=[_signed_amount(v, lang, level, decimals) for v in values],
        textposition="outside",
        cliponaxis=False,
        customdata=[bar.key if bar.unit else "" for bar in bars],
        hovertext=[_hover(bar, lang, level, decimals) for bar in bars],
        hovertemplate="%{hovertext}<extra></extra>",
        increasing={"marker": {"color": style.INCREASE}},
        decreasing={"marker": {"color": style.DECREASE}},
        totals={"marker": {"color": style.TOTAL}},
        connector={"line": {"color": "#c8c8c8", "width": 1}},
    )


def _hover(bar: _Bar, lang: str, level: str, decimals: int) -> str:
    shown = amount(bar.amount, lang, level, decimals)
    if bar.note:
        return style.hover_lines([bar.name, shown, bar.note])
    if bar.share is None:
        return style.hover_lines([bar.name, shown])
    return t("chart.waterfall.hover", lang, name=bar.name, amount=shown, share=rate(bar.share))


def _signed_amount(value: Decimal, lang: str, level: str, decimals: int = 2) -> str:
    """An amount on a bar, without its unit (the axis says it), signed.

    >>> _signed_amount(Decimal(123_000_000), "zh", "yi"), _signed_amount(Decimal(-5_000_000), "en", "wan")
    ('+1.23', '-5.00')
    """
    text = amount(value, lang, level, decimals, with_unit=False)
    return f"+{text}" if value > 0 else text
