"""Several years side by side: values per view, restated points marked, years without values left out."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dashboard.analytics.series import History, by_year, quarterly
from dashboard.charts.style import ACTUAL
from dashboard.charts.trends import trend_lines
from dashboard.domain import Period
from dashboard.i18n.numbers import scaled

from .conftest import Sample
from .figures import hover_texts, trace

YEARS = [2021, 2022, 2023]


@pytest.mark.parametrize("view", ["ytd", "quarter"])
def test_amount_views_plot_the_scaled_figures_of_every_year(sample: Sample, view: str) -> None:
    fig = trend_lines(by_year(sample.history, sample.members, "revenue", YEARS), "revenue", view, "zh", "yi")
    for year in YEARS:
        points = quarterly(sample.history, sample.members, "revenue", year)
        values = [p.ytd if view == "ytd" else p.single_quarter for p in points]
        line = trace(fig, f"{year} 年")
        assert list(line.y) == [scaled(v, "yi", "zh") for v in values if v is not None]
        assert list(line.x) == ["一季度", "二季度", "三季度", "四季度"]
    assert trace(fig, "2023 年").line.color == ACTUAL if view == "ytd" else trace(fig, "2023 年").marker.color == ACTUAL
    assert (fig.data[0].type == "bar") is (view == "quarter")


def test_growth_views_are_fractions_and_years_without_a_base_are_left_out(sample: Sample) -> None:
    yoy = trend_lines(by_year(sample.history, sample.members, "revenue", YEARS), "revenue", "yoy", "zh", "yi")
    names = [t.name for t in yoy.data if t.showlegend is not False]
    assert names == ["2022 年", "2023 年", "已重述（上年同期口径调整）"]  # 2021 has no 上年同期
    expected = [p.yoy_growth for p in quarterly(sample.history, sample.members, "revenue", 2023)]
    assert list(trace(yoy, "2023 年").y) == expected and yoy.layout.yaxis.tickformat == ".1%"
    qoq = trend_lines(by_year(sample.history, sample.members, "revenue", YEARS), "revenue", "qoq", "en", "yi")
    assert list(trace(qoq, "2022").x) == ["Q2", "Q3", "Q4"]  # no 环比 for Q1
    assert qoq.layout.yaxis.title.text == "Quarter-on-quarter growth"


@pytest.mark.parametrize("view", ["ytd", "quarter", "yoy", "qoq"])
def test_the_restated_2023q2_point_is_marked(sample: Sample, view: str) -> None:
    fig = trend_lines(by_year(sample.history, sample.members, "revenue", YEARS), "revenue", view, "zh", "yi")
    marks = [t for t in fig.data if t.legendgroup == "restated"]
    assert len(marks) == 1 and list(marks[0].x) == ["二季度"] and marks[0].showlegend
    assert marks[0].marker.symbol == "diamond-open" and marks[0].offsetgroup == "2023"
    line = trace(fig, "2023 年")
    assert marks[0].y[0] == line.y[list(line.x).index("二季度")]
    (note,) = [h for h in hover_texts(fig) if "已重述" in h]
    assert note.startswith("已重述：上年同期按本期口径 150.93 亿元，原存 151.61 亿元")


def test_one_legend_entry_for_restatements_in_several_years() -> None:
    P = Period
    ytd = {("a", P(y, q), "r"): Decimal(100 * q + y) for y in (2021, 2022, 2023) for q in (1, 2)}
    reported = {("a", P(2022, 1), "r"): Decimal(90), ("a", P(2023, 2), "r"): Decimal(150)}
    fig = trend_lines(by_year(History((2021, 2022, 2023), ytd, reported), ["a"], "r", YEARS), "r", "ytd", "en", "yi")
    marks = [t for t in fig.data if t.legendgroup == "restated"]
    assert [m.offsetgroup for m in marks] == ["2022", "2023"] and [m.showlegend for m in marks] == [True, False]
    assert marks[0].name == "Restated (prior year re-reported)"


def test_no_figures_says_so_and_a_bad_view_is_refused(sample: Sample) -> None:
    fig = trend_lines(by_year(sample.history, sample.members, "revenue", [2030]), "revenue", "ytd", "zh", "yi")
    assert not fig.data and fig.layout.annotations[0].text == "暂无数据"
    with pytest.raises(ValueError, match="view must be one of"):
        trend_lines(by_year(sample.history, sample.members, "revenue", YEARS), "revenue", "monthly", "zh", "yi")


def test_the_title_names_the_metric_and_the_years(sample: Sample) -> None:
    fig = trend_lines(by_year(sample.history, sample.members, "profit", YEARS), "profit", "ytd", "zh", "yi")
    assert fig.layout.title.text == "利润总额：本年累计，2021–2023"
    assert fig.layout.yaxis.title.text == "本年累计（亿元）" and fig.layout.hovermode == "x unified"
    custom = trend_lines(
        by_year(sample.history, sample.members, "profit", [2023, 2021]), "profit", "yoy", "en", "yi", label="EBT"
    )
    assert custom.layout.title.text == "EBT: year-on-year growth, 2021, 2023"
