"""The completion bullets: bar values, status colours and words, markers, no-target rows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dashboard.analytics.engine import MetricFigures
from dashboard.charts.progress import completion_bullet, status_text
from dashboard.i18n import metric_name, t
from dashboard.i18n.numbers import status_colour

from .conftest import Sample
from .figures import hover_texts, trace


def items(sample: Sample, lang: str) -> list[tuple[str, MetricFigures]]:
    return [(metric_name(m, lang), sample.report.group.metrics[m]) for m in ("revenue", "profit")]


def test_each_bar_is_the_completion_rate_in_its_status_colour(sample: Sample) -> None:
    fig = completion_bullet(items(sample, "zh"), sample.report.time_progress, "zh")
    bar = trace(fig, t("chart.bullet.completion", "zh"))
    group = sample.report.group.metrics
    assert list(bar.y) == ["营业收入", "利润总额"]
    assert list(bar.x) == [group["revenue"].completion_rate, group["profit"].completion_rate]
    assert list(bar.marker.color) == [status_colour(group[m].status) for m in ("revenue", "profit")]
    assert list(trace(fig, t("chart.bullet.full", "zh")).x) == [1.0, 1.0]


def test_the_status_word_and_rate_stand_beside_each_bar(sample: Sample) -> None:
    fig = completion_bullet(items(sample, "zh"), 0.5, "zh")
    beside = {a.y: a.text for a in fig.layout.annotations if a.yref == "y"}
    assert beside["营业收入"].endswith("黄灯·关注  42.0%")  # sample 2023Q2: amber, 42.0 %
    assert beside["利润总额"].endswith("红灯·落后  34.1%")
    english = completion_bullet(items(sample, "en"), 0.5, "en")
    assert {a.text.split("</span> ")[1] for a in english.layout.annotations if a.yref == "y"} == {
        "Amber · watch  42.0%",
        "Red · behind  34.1%",
    }


def test_time_progress_and_full_target_are_marked(sample: Sample) -> None:
    fig = completion_bullet(items(sample, "zh"), 0.5, "zh")
    lines = sorted((s.x0, s.line.dash) for s in fig.layout.shapes)
    assert lines == [(0.5, "dash"), (1.0, None)]
    assert "虚线：序时进度 50.0%" in fig.layout.title.text  # what the dashed line is: under the title
    low, high = fig.layout.xaxis.range
    assert low < 0 and high > 1


def test_a_metric_without_a_target_has_no_bar_and_says_so() -> None:
    rows = [
        ("营业收入", MetricFigures(ytd_actual=Decimal(100))),
        ("利润总额", MetricFigures(completion_rate=1.3, status="green")),
    ]
    fig = completion_bullet(rows, 0.75, "zh")
    bar = trace(fig, "完成率")
    assert list(bar.x) == [None, 1.3] and bar.marker.color[0] == status_colour(None)
    assert [a.text.split("</span> ")[1] for a in fig.layout.annotations if a.yref == "y"] == [
        "未设目标",
        "绿灯·正常  130.0%",
    ]
    assert fig.layout.xaxis.range[1] > 1.3  # an exceeded target stays inside the plot
    assert "目标 –" in hover_texts(fig)[0]


def test_a_loss_gives_a_negative_bar_inside_the_plot() -> None:
    fig = completion_bullet([("利润总额", MetricFigures(completion_rate=-0.2, status="red"))], 0.5, "zh")
    assert fig.layout.xaxis.range[0] < -0.2


def test_the_colour_meaning_follows_the_setting(sample: Sample) -> None:
    fig = completion_bullet(items(sample, "zh"), 0.5, "zh", colours="red-good")
    assert trace(fig, "完成率").marker.color[1] == status_colour("red", "red-good") == "#2e7d32"


def test_hover_gives_amounts_in_the_level(sample: Sample) -> None:
    fig = completion_bullet(items(sample, "zh"), 0.5, "zh", level="wan")
    assert "本年累计 1,615,912.92 万元" in hover_texts(fig)[0]


@pytest.mark.parametrize(("status", "word"), [("green", "绿灯·正常"), ("amber", "黄灯·关注"), ("red", "红灯·落后")])
def test_status_text(status: str, word: str) -> None:
    assert status_text(MetricFigures(completion_rate=0.5, status=status), "zh") == f"{word}  50.0%"


def test_completion_words_replace_a_misleading_rate() -> None:
    """A profit in loss against a positive target: no bar, the words, and no percentage in the hover."""
    in_loss = MetricFigures(completion_rate=-1.165, progress_gap=-1.665, status="red", completion_wording="in_loss")
    fig = completion_bullet([("利润总额", in_loss)], 0.5, "zh")
    assert list(trace(fig, "完成率").x) == [None]
    assert [a.text.split("</span> ")[1] for a in fig.layout.annotations if a.yref == "y"] == ["红灯·落后  亏损"]
    assert "%" not in hover_texts(fig)[0]


def test_the_status_stands_above_each_bullet_and_a_long_title_wraps(sample: Sample) -> None:
    fig = completion_bullet(items(sample, "en"), 0.5, "en")
    words = [a for a in fig.layout.annotations if a.yref == "y"]
    assert {a.x for a in words} == {0.0} and all(a.yshift > 0 for a in words)
    assert fig.layout.margin.r < 50  # no column beside the bullets: a phone has no room for it
    assert "<br>" in fig.layout.title.text


def test_hover_amounts_take_the_views_decimals(sample: Sample) -> None:
    fig = completion_bullet(items(sample, "en"), 0.5, "en", decimals=3)
    assert "Year to date RMB 16.159 bn" in hover_texts(fig)[0]
