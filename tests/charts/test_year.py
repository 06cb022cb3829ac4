"""The year's path and its quarters, on the sample database: the plotted values are the figures."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import plotly.graph_objects as go
import pytest

from dashboard.analytics.model import MetricSeries, build
from dashboard.analytics.series import quarterly, target_path, ytd_by_quarter
from dashboard.charts.year import cumulative_path, quarterly_bars
from dashboard.i18n import t
from dashboard.i18n.numbers import scaled

from .conftest import Sample
from .figures import hover_texts, trace


def yi(value: Decimal | None, lang: str = "zh") -> float:
    assert value is not None
    return scaled(value, "yi", lang)


def known(value: Decimal | None) -> Decimal:
    assert value is not None
    return value


def path(sample: Sample, metric: str = "revenue", pace: str = "linear", lang: str = "zh") -> go.Figure:
    figures = sample.report.group.metrics[metric]
    return cumulative_path(sample.series(metric, pace), figures, 2023, lang, "yi")


@pytest.mark.parametrize("metric", ["revenue", "profit"])
def test_the_actual_path_is_the_scaled_ytd_up_to_the_as_of_quarter(sample: Sample, metric: str) -> None:
    fig = path(sample, metric)
    actual = trace(fig, "2023 年")
    expected = ytd_by_quarter(sample.history, sample.members, metric, 2023)[:2]
    assert list(actual.x) == ["一季度", "二季度"]
    assert list(actual.y) == [scaled(v, "yi", "zh") for v in expected if v is not None]
    assert actual.y[-1] == yi(sample.report.group.metrics[metric].ytd_actual)


def test_target_and_last_year_paths(sample: Sample) -> None:
    fig = path(sample)
    figures = sample.report.group.metrics["revenue"]
    target = trace(fig, "目标路径（按序时）")
    assert list(target.y) == [scaled(v, "yi", "zh") for v in target_path(known(figures.effective_target), "linear")]
    assert target.line.dash == "dash" and target.y[-1] == pytest.approx(384.30000105)
    last = trace(fig, "2022 年")
    stored = ytd_by_quarter(sample.history, sample.members, "revenue", 2022)
    assert list(last.y) == [scaled(v, "yi", "zh") for v in stored if v is not None] and len(last.y) == 4


def test_the_linear_projection_runs_from_the_as_of_point_to_projection_linear(sample: Sample) -> None:
    fig = path(sample)
    projection = trace(fig, "全年预计（按序时）")
    figures = sample.report.group.metrics["revenue"]
    assert list(projection.x) == ["二季度", "四季度"] and projection.line.dash == "dot"
    assert projection.y[0] == trace(fig, "2023 年").y[-1]
    assert projection.y[-1] == yi(figures.projection_linear) == pytest.approx(323.182584)


def test_a_seasonal_pace_shapes_the_target_and_the_projection(sample: Sample) -> None:
    fig = path(sample, pace="seasonal", lang="en")
    figures = sample.report.group.metrics["revenue"]
    last_year = ytd_by_quarter(sample.history, sample.members, "revenue", 2022)
    target = trace(fig, "Target path (last year's seasons)")
    assert list(target.y) == [
        scaled(v, "yi", "en") for v in target_path(known(figures.effective_target), "seasonal", last_year)
    ]
    projection = trace(fig, "Full-year projection (last year's seasons)")
    assert projection.y[-1] == yi(figures.projection_seasonal, "en")
    assert "YTD RMB 16.16 bn" in fig.layout.title.subtitle.text


def test_a_seasonal_pace_without_a_seasonal_projection_draws_the_linear_one(sample: Sample) -> None:
    figures = dataclasses.replace(sample.report.group.metrics["revenue"], projection_seasonal=None)
    series = sample.series("revenue", "seasonal", projection_seasonal=None)
    fig = cumulative_path(series, figures, 2023, "zh", "yi")
    assert trace(fig, "全年预计（按序时）").y[-1] == yi(figures.projection_linear)


def test_no_target_no_target_path_and_no_projection_at_q4(sample: Sample) -> None:
    series = sample.series("profit", "linear", quarter=4, effective_target=None)
    figures = dataclasses.replace(build(sample.stored, 2023, 4).entity.metrics["profit"], effective_target=None)
    fig = cumulative_path(series, figures, 2023, "zh", "yi")
    assert sorted(tr.name for tr in fig.data) == ["2022 年", "2023 年"]
    assert len(trace(fig, "2023 年").y) == 4
    assert "目标 –" in fig.layout.title.subtitle.text


def test_hover_gives_amount_and_growth(sample: Sample) -> None:
    hovers = hover_texts(path(sample))
    assert "2023 年：161.59 亿元 · 同比 +7.1%" in hovers  # the group's 2023Q2, against the restated prior
    assert list(path(sample).layout.xaxis.categoryarray) == ["一季度", "二季度", "三季度", "四季度"]


def test_quarterly_bars_are_single_quarters_beside_last_year(sample: Sample) -> None:
    fig = quarterly_bars(sample.series("revenue"), 2023, "zh", "yi")
    assert fig.layout.barmode == "group"
    now, before = trace(fig, "2023 年"), trace(fig, "2022 年")
    singles = [p.single_quarter for p in quarterly(sample.history, sample.members, "revenue", 2023)]
    assert list(now.y)[:2] == [scaled(v, "yi", "zh") for v in singles[:2] if v is not None]
    assert list(now.y)[2:] == [None, None]  # as of 2023Q2: the later quarters are not drawn
    last = [p.single_quarter for p in quarterly(sample.history, sample.members, "revenue", 2022)]
    assert list(before.y) == [scaled(v, "yi", "zh") for v in last if v is not None]
    q2 = now.hovertext[1]
    growth = float(known(singles[1]) / known(last[1])) - 1
    assert q2.startswith("2023 年：92.55 亿元 · 同比 +") and f"{growth * 100:.1f}%" in q2
    assert now.text[1] == "92.55" and now.marker.color == "#1f3a68"


def test_quarterly_bars_of_a_year_without_figures_are_empty(sample: Sample) -> None:
    empty = MetricSeries((), (), (None,) * 4, None, False, None, None, "revenue")
    fig = quarterly_bars(empty, 2030, "en", "yi")
    assert all(v is None for tr in fig.data for v in tr.y)
    assert fig.layout.yaxis.title.text == t("chart.axis.single", "en", unit="RMB bn")


def test_scaled_amounts_follow_the_level(sample: Sample) -> None:
    figures = sample.report.group.metrics["revenue"]
    fig = cumulative_path(sample.series("revenue"), figures, 2023, "en", "wan")
    assert fig.layout.yaxis.title.text == "Year to date (RMB m)"
    assert trace(fig, "2023").y[-1] == float(Decimal("16159129200") / Decimal(1_000_000))


def test_the_views_decimals_write_the_summary_hover_and_bar_labels(sample: Sample) -> None:
    figures = sample.report.group.metrics["revenue"]
    fig = cumulative_path(sample.series("revenue"), figures, 2023, "en", "yi", decimals=3)
    assert fig.layout.title.subtitle.text.split("<br>")[0] == "YTD RMB 16.159 bn"  # one figure a line
    assert "2023: RMB 16.159 bn" in " ".join(hover_texts(fig))
    bars = quarterly_bars(sample.series("revenue"), 2023, "en", "yi", decimals=3)
    assert trace(bars, "2023").text[1] == "9.255"
    assert quarterly_bars(sample.series("revenue"), 2023, "zh", "wan").data[1].text[1] == "925,456"  # by size: none
