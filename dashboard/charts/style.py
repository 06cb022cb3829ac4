"""One look for every chart: fonts that render Chinese, a restrained palette, legend below, titles in the language.

Every chart module builds its traces and then calls ``finish`` so that the frame (font, margins, legend,
hover mode, height) is the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import plotly.graph_objects as go

from dashboard.i18n import metric_name, t
from dashboard.i18n.numbers import NOT_SHOWN, rate, scaled, unit_word

FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
TEXT_COLOUR = "#333333"
MUTED = "#666666"  # subtitles and notes
GRID_COLOUR = "#e6e6e6"

ACTUAL = "#1f3a68"  # this year's figures: deep blue
TARGET = "#7f7f7f"  # the target: grey, dashed
LAST_YEAR = "#b8b8b8"  # last year: light grey
PROJECTION = "#4a6fa5"  # the projection: lighter blue, dotted
RESTATED = "#d9822b"  # restated points: an orange open diamond
INCREASE = "#4a78b8"
DECREASE = "#c8743a"
TOTAL = ACTUAL
BAND = "#eceff3"  # the bullet's 0–100 % band
YEAR_COLOURS = ("#1f3a68", "#5b84c4", "#9e9e9e", "#c4c4c4", "#d9d9d9")  # latest year first

QUARTERS = (1, 2, 3, 4)
NAME_WIDTH = {"zh": 14, "en": 26}  # characters of a unit name on an axis
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def quarter_labels(lang: str) -> list[str]:
    """The x-axis labels of Q1..Q4.

    >>> quarter_labels("zh"), quarter_labels("en")
    (['一季度', '二季度', '三季度', '四季度'], ['Q1', 'Q2', 'Q3', 'Q4'])
    """
    return [t(f"chart.q{q}", lang) for q in QUARTERS]


def metric_label(metric: str, lang: str, label: str | None = None) -> str:
    """The name a chart shows for a metric: the one passed in, else the configured default name, else the code;
    as plain text (``plain``).

    >>> metric_label("revenue", "zh"), metric_label("revenue", "en", "Sales <b>")
    ('营业收入', 'Sales &lt;b&gt;')
    """
    return plain(label if label else metric_name(metric, lang))


def plain(text: str) -> str:
    """A name from a workbook or a person as plotly shows it: plotly reads ``<a href>``, ``<b>``, ``<br>`` … in
    every label, title and hover as markup (a unit named ``<a href=…>`` would be a link), and shows the entities
    ``&lt;``, ``&gt;``, ``&amp;`` as the characters; so every name goes through here before it enters a figure.

    >>> plain('<a href="http://x">点我</a> & Co')
    '&lt;a href="http://x"&gt;点我&lt;/a&gt; &amp; Co'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_names(names: Mapping[str, str]) -> dict[str, str]:
    """``plain`` over a code → name mapping."""
    return {code: plain(name) for code, name in names.items()}


def amount_axis(key: str, lang: str, level: str) -> str:
    """An amount axis title with its unit.

    >>> amount_axis("chart.axis.ytd", "zh", "yi"), amount_axis("chart.axis.ytd", "en", "group")
    ('本年累计（亿元）', 'Year to date (RMB bn)')
    """
    return t(key, lang, unit=unit_word(level, lang))


def scale_all(values: Iterable[Decimal | None], level: str, lang: str) -> list[float | None]:
    """Amounts in the display scale for an axis; None stays None (a gap in the line).

    >>> scale_all([Decimal(150_000_000), None], "yi", "zh")
    [1.5, None]
    """
    return [None if v is None else scaled(v, level, lang) for v in values]


def label_decimals(values: Iterable[Decimal | None], level: str, lang: str) -> int:
    """Decimals for amounts written on bars: none once they reach thousands in the display unit, else two.

    >>> label_decimals([Decimal(4_205_772_600), None], "wan", "zh"), label_decimals([Decimal(16e9)], "yi", "zh")
    (0, 2)
    """
    largest = max((abs(scaled(v, level, lang)) for v in values if v is not None), default=0.0)
    return 0 if largest >= 1000 else 2


def short(name: str, lang: str) -> str:
    """A unit name cut for an axis label (the full name stays in the hover): 14 characters in Chinese, 26 in English.

    >>> short("衡川机电装备有限公司衡川机电装备有限公司", "zh"), short("1101", "en")
    ('衡川机电装备有限公司衡川机…', '1101')
    """
    limit = NAME_WIDTH.get(lang, 20)
    return name if len(name) <= limit else name[: limit - 1] + "…"


def has_cjk(text: str) -> bool:
    """Whether a text holds Chinese characters or full-width punctuation.

    >>> has_cjk("营业收入"), has_cjk("Revenue (RMB bn)")
    (True, False)
    """
    return bool(_CJK.search(text))


def year_colour(index: int) -> str:
    """The colour of the ``index``-th year counted back from the latest (0 = latest).

    >>> year_colour(0) == ACTUAL, year_colour(99)
    (True, '#d9d9d9')
    """
    return YEAR_COLOURS[min(index, len(YEAR_COLOURS) - 1)]


def finish(
    fig: go.Figure,
    title: str,
    *,
    height: int = 380,
    y_title: str = "",
    x_title: str = "",
    unified: bool = False,
    legend: bool = True,
) -> go.Figure:
    """Apply the shared frame: font, title at the top left, legend in a row below the plot, light grid."""
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        # Above the plot area, with the top margin grown to hold it (a title of two lines — a subtitle, or a
        # wrapped English title — anchored at the top rose out of the chart's box).
        title={
            "text": title,
            "x": 0.01,
            "xanchor": "left",
            "yref": "paper",
            "y": 1,
            "yanchor": "bottom",
            "pad": {"b": 20},
            "automargin": True,
            "font": {"size": 16},
        },
        height=height,
        margin={"l": 64, "r": 24, "t": 56, "b": 72 if legend else 40},
        showlegend=legend,
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yref": "container", "yanchor": "bottom"},
        hovermode="x unified" if unified else "closest",
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 13}},
        separators=".,",
    )
    fig.update_xaxes(title_text=x_title, showgrid=False, linecolor="#bfbfbf", ticks="")
    fig.update_yaxes(title_text=y_title, gridcolor=GRID_COLOUR, zerolinecolor="#bfbfbf")
    fig.update_xaxes(exponentformat="none", separatethousands=True)  # 1,500,000 rather than 1.5M
    fig.update_yaxes(exponentformat="none", separatethousands=True)
    return fig


def quarter_axis(fig: go.Figure, lang: str) -> None:
    """Show all four quarters on the x axis in order, even where the year has figures for fewer."""
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=quarter_labels(lang), range=[-0.5, 3.5])


def hover_lines(lines: Sequence[str]) -> str:
    """Hover lines joined for plotly.

    >>> hover_lines(["a", "b"])
    'a<br>b'
    """
    return "<br>".join(lines)


def signed_rate(value: float | None) -> str:
    """A growth rate with its sign.

    >>> signed_rate(0.0706), signed_rate(-0.1), signed_rate(None), signed_rate(float("inf"))
    ('+7.1%', '-10.0%', '–', '–')
    """
    text = rate(value)
    return f"+{text}" if value is not None and value > 0 and text != NOT_SHOWN else text
