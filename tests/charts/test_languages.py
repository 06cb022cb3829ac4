"""Every chart in both languages: English words have no Chinese, Chinese titles are Chinese; one look; and
the charts stay small and fast for a group of 2,000 units."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from decimal import Decimal

import plotly.graph_objects as go
import pytest

from dashboard.analytics.breakdown import yoy_contributions
from dashboard.analytics.engine import MetricFigures
from dashboard.analytics.model import metric_series
from dashboard.analytics.series import History, by_year
from dashboard.charts.progress import completion_bullet
from dashboard.charts.style import FONT_FAMILY, has_cjk
from dashboard.charts.trends import trend_lines
from dashboard.charts.units import completion_heatmap, contribution_waterfall
from dashboard.charts.year import cumulative_path, quarterly_bars
from dashboard.domain import Period
from dashboard.i18n import metric_name

from .conftest import Sample
from .figures import hover_texts, titles

Build = Callable[[Sample, str], go.Figure]


def _bullet(s: Sample, lang: str) -> go.Figure:
    items = [(metric_name(m, lang), s.report.group.metrics[m]) for m in ("revenue", "profit")]
    return completion_bullet(items, s.report.time_progress, lang)


def _path(s: Sample, lang: str) -> go.Figure:
    figures = s.report.group.metrics["revenue"]
    return cumulative_path(s.series("revenue", "seasonal"), figures, 2023, lang, "yi")


def _waterfall(s: Sample, lang: str) -> go.Figure:
    label = "集团同比增减额" if lang == "zh" else "group change on last year"
    return contribution_waterfall(
        yoy_contributions(s.report, "revenue"), {}, label, lang, "yi", top=5, total=Decimal(1)
    )


def _heatmap(s: Sample, lang: str) -> go.Figure:
    completion = {(c, q): 0.2 * q for c in s.members for q in (1, 2)}
    return completion_heatmap(
        completion, {}, s.members, [1, 2], {1: 0.25, 2: 0.5}, lang, limit=10, label=metric_name("revenue", lang)
    )


def _trend(view: str) -> Build:
    def build(s: Sample, lang: str) -> go.Figure:
        return trend_lines(by_year(s.history, s.members, "revenue", [2021, 2022, 2023]), "revenue", view, lang, "yi")

    return build


CHARTS: dict[str, Build] = {
    "bullet": _bullet,
    "path": _path,
    "bars": lambda s, lang: quarterly_bars(s.series("profit"), 2023, lang, "yi"),
    "waterfall": _waterfall,
    "heatmap": _heatmap,
    **{f"trend-{view}": _trend(view) for view in ("ytd", "quarter", "yoy", "qoq")},
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_english_charts_have_no_chinese_words(sample: Sample, name: str) -> None:
    fig = CHARTS[name](sample, "en")
    words = titles(fig)
    assert words and not [w for w in words if has_cjk(w)]
    if name not in ("waterfall", "heatmap"):  # those hovers carry unit names, which are the caller's
        assert not [h for h in hover_texts(fig) if has_cjk(h)]
    assert not any(has_cjk(str(label)) for label in fig.layout.xaxis.categoryarray or ())


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chinese_charts_have_chinese_titles_and_one_look(sample: Sample, name: str) -> None:
    fig = CHARTS[name](sample, "zh")
    assert has_cjk(fig.layout.title.text)
    assert fig.layout.font.family == FONT_FAMILY and "Noto Sans CJK SC" in FONT_FAMILY
    assert 260 <= fig.layout.height <= 950
    assert fig.layout.template.layout.paper_bgcolor == "white"
    if fig.layout.showlegend is not False:
        assert fig.layout.legend.orientation == "h" and fig.layout.legend.yanchor == "bottom"


def big_history(units: int = 2000) -> History:
    rnd = random.Random(11)
    ytd: dict[tuple[str, Period, str], Decimal] = {}
    for i in range(units):
        for year in (2021, 2022, 2023):
            running = Decimal(0)
            for q in (1, 2, 3, 4):
                running += Decimal(rnd.randint(1_000_000, 9_000_000))
                ytd[(f"U{i:04d}", Period(year, q), "revenue")] = running
    return History((2021, 2022, 2023), ytd, {})


def test_two_thousand_units_give_few_marks_quickly() -> None:
    history = big_history()
    members = sorted({k[0] for k in history.ytd})
    figures = MetricFigures(
        effective_target=Decimal(50_000_000_000), ytd_actual=Decimal(1), projection_linear=Decimal(2)
    )
    started = time.perf_counter()  # the series (analytics) and the drawing together
    series = metric_series(history, members, "revenue", Period(2023, 2), figures, "seasonal")
    years = by_year(history, members, "revenue", [2021, 2022, 2023])
    figs = [
        cumulative_path(series, figures, 2023, "zh", "yi"),
        quarterly_bars(series, 2023, "zh", "yi"),
        *(trend_lines(years, "revenue", v, "zh", "yi") for v in ("ytd", "quarter", "yoy", "qoq")),
    ]
    assert time.perf_counter() - started < 5.0
    for fig in figs:
        assert sum(len(t.y) for t in fig.data) <= 16
