"""Contributions and the completion heat map: bars add up, only the top units are drawn, truncation is said."""

from __future__ import annotations

import random
import time
from decimal import Decimal

import plotly.graph_objects as go
import pytest

from dashboard.analytics.breakdown import Contribution, gap_contributions, ranking, yoy_contributions
from dashboard.analytics.series import unit_quarter_completion
from dashboard.charts.style import short
from dashboard.charts.units import OTHER, TOTAL, UNATTRIBUTED, completion_heatmap, contribution_waterfall
from dashboard.i18n.numbers import scaled

from .conftest import Sample
from .figures import titles

D = Decimal


def amounts(rows: list[Contribution]) -> list[Decimal]:
    return [c.amount for c in rows if c.amount is not None]


def labels(fig: go.Figure) -> list[str]:
    """The waterfall's bar labels, top to bottom (its categories are unit codes)."""
    return list(fig.layout.yaxis.ticktext)


def many(count: int, seed: int = 7) -> list[Contribution]:
    rnd = random.Random(seed)
    return [Contribution(f"U{i:04d}", D(rnd.randint(-50_000_000, 80_000_000)), None) for i in range(count)]


def test_the_bars_add_up_to_the_group_change_on_the_sample(sample: Sample) -> None:
    change = sample.report.group.metrics["revenue"].yoy_change
    assert change is not None
    contributions = yoy_contributions(sample.report, "revenue")
    fig = contribution_waterfall(contributions, sample.names, "集团营业收入同比增减额", "zh", "yi", total=change)
    (bars,) = fig.data
    assert list(bars.measure) == ["relative"] * (len(bars.x) - 1) + ["total"]
    assert sum(bars.x[:-1]) == pytest.approx(bars.x[-1])
    assert bars.x[-1] == scaled(change, "yi", "zh")
    # 1202 joined in 2022Q3 and has no 上年同期: its growth is not attributed to a unit, and is said so
    assert list(bars.y)[-3:] == [OTHER, UNATTRIBUTED, TOTAL]
    assert labels(fig)[-3:] == ["其他单位（4 家）", "未归属到单位的差额", "集团营业收入同比增减额"]
    assert bars.x[-2] == scaled(change - sum(amounts(contributions), D(0)), "yi", "zh")
    assert fig.layout.title.text == "各单位对集团营业收入同比增减额的贡献<br><sup>前 10 家，其余 4 家合计</sup>"


def test_the_top_units_by_absolute_amount_largest_rise_first(sample: Sample) -> None:
    contributions = yoy_contributions(sample.report, "revenue")
    fig = contribution_waterfall(contributions, sample.names, "total", "en", "yi", top=3)
    (bars,) = fig.data
    known = [(c.code, c.amount) for c in contributions if c.amount is not None]
    top = sorted(sorted(known, key=lambda pair: abs(pair[1]), reverse=True)[:3], key=lambda pair: -pair[1])
    assert list(bars.y[:3]) == [code for code, _ in top]
    assert labels(fig)[:3] == [short(sample.names[code], "en") for code, _ in top]
    assert list(bars.x[:3]) == [scaled(value, "yi", "en") for _, value in top]
    assert labels(fig)[3] == f"Other units ({len(known) - 3})"
    assert sum(bars.x[:-1]) == pytest.approx(bars.x[-1])
    assert bars.text[0].startswith("+") and "RMB" not in bars.text[0]  # the axis carries the unit
    assert fig.layout.xaxis.title.text == "Amount (RMB bn)"


def test_two_thousand_units_draw_twelve_bars_quickly() -> None:
    contributions = many(2000)
    started = time.perf_counter()
    fig = contribution_waterfall(contributions, {}, "集团合计", "zh", "wan", top=10)
    assert time.perf_counter() - started < 1.0
    (bars,) = fig.data
    assert len(bars.x) == 12 and labels(fig)[10] == "其他单位（1,990 家）"
    assert sum(bars.x[:-1]) == pytest.approx(bars.x[-1])
    assert bars.x[-1] == pytest.approx(scaled(sum(amounts(contributions), D(0)), "wan", "zh"))
    assert "其余 1,990 家合计" in fig.layout.title.text and fig.layout.height <= 520


def test_units_without_an_amount_are_left_out_and_few_units_need_no_other_bar() -> None:
    rows = [
        Contribution("a", D(300_000_000), 0.75),
        Contribution("b", None, None),
        Contribution("c", D(100_000_000), 0.25),
    ]
    fig = contribution_waterfall(rows, {"a": "甲公司", "c": "丙公司"}, "合计", "zh", "yi")
    (bars,) = fig.data
    assert list(bars.y) == ["a", "c", TOTAL] and list(bars.x) == [3.0, 1.0, 4.0]
    assert labels(fig) == ["甲公司", "丙公司", "合计"]
    assert fig.layout.title.text == "各单位对合计的贡献"
    assert "占比 75.0%" in bars.hovertext[0]


def test_two_units_with_the_same_name_keep_their_own_bars() -> None:
    rows = [Contribution("a", D(200_000_000), None), Contribution("b", D(100_000_000), None)]
    fig = contribution_waterfall(rows, {"a": "分公司", "b": "分公司"}, "合计", "zh", "yi")
    assert list(fig.data[0].y) == ["a", "b", TOTAL] and labels(fig) == ["分公司", "分公司", "合计"]


def test_gap_contributions_with_unit_targets(sample: Sample) -> None:
    report = sample.with_unit_targets()
    fig = contribution_waterfall(gap_contributions(report, "revenue"), sample.names, "缺口", "zh", "wan")
    (bars,) = fig.data
    assert len(bars.x) == 12 and sum(bars.x[:-1]) == pytest.approx(bars.x[-1])
    expected = sum((u.metrics["revenue"].gap or D(0) for u in report.units), D(0))
    assert bars.x[-1] == pytest.approx(scaled(expected, "wan", "zh"))


def test_heat_map_cells_are_completion_rates_coloured_against_time_progress() -> None:
    completion = {("a", 1): 0.2, ("a", 2): 0.875, ("b", 1): None, ("b", 2): 0.4}
    fig = completion_heatmap(completion, {"a": "甲", "b": "乙"}, ["b", "a"], [1, 2], {1: 0.25, 2: 0.5}, "zh")
    (cells,) = fig.data
    assert list(cells.y) == ["b", "a"] and list(fig.layout.yaxis.ticktext) == ["乙", "甲"]
    assert [list(r) for r in cells.customdata] == [[None, 0.4], [0.2, 0.875]]
    assert [list(r) for r in cells.text] == [["–", "40.0%"], ["20.0%", "87.5%"]]
    assert cells.z[0][0] is None and cells.z[1][1] == pytest.approx(0.375) and cells.z[0][1] == pytest.approx(-0.1)
    assert cells.zmid == 0 and list(cells.x) == ["一季度<br>序时 25.0%", "二季度<br>序时 50.0%"]
    assert fig.layout.title.text == "各单位季度完成率"
    assert cells.hovertext[0][1] == "乙 · 二季度<br>完成率 40.0%<br>序时进度 50.0%（-10.0 个百分点）"


def test_heat_map_truncates_at_the_limit_and_says_so() -> None:
    codes = [f"U{i:04d}" for i in range(2000)]
    completion = {(c, q): 0.1 * q for c in codes for q in (1, 2, 3)}
    started = time.perf_counter()
    fig = completion_heatmap(completion, {}, codes, [1, 2, 3], {1: 0.25, 2: 0.5, 3: 0.75}, "zh", label="营业收入")
    assert time.perf_counter() - started < 1.0
    (cells,) = fig.data
    assert list(cells.y) == codes[:30] and len(cells.z) == 30
    assert fig.layout.title.text == "营业收入：各单位季度完成率：落后最多的 30 家（共 2,000 家）"
    english = completion_heatmap(completion, {}, codes, [1, 2, 3], {1: 0.25, 2: 0.5, 3: 0.75}, "en", limit=15)
    assert "the 15 furthest behind (of 2,000)" in english.layout.title.text
    assert len(english.data[0].y) == 15 and english.layout.height < fig.layout.height


def test_heat_map_of_the_sample_with_cascaded_targets(sample: Sample) -> None:
    report = sample.with_unit_targets()
    order = ranking(report, "revenue")
    completion = unit_quarter_completion(sample.history, report, "revenue", order)
    fig = completion_heatmap(completion, sample.names, order, [1, 2], {1: 0.25, 2: 0.5}, "zh")
    (cells,) = fig.data
    assert list(cells.y) == order and len(order) == 15
    rates = {u.code: u.metrics["revenue"].completion_rate for u in report.units}
    assert [row[1] for row in cells.customdata] == [rates[c] for c in order]
    expected = [None if (r := rates[c]) is None else pytest.approx(r - 0.5) for c in order]  # no rate: no colour
    assert [row[1] for row in cells.z] == expected
    assert "共" not in fig.layout.title.text and 320 <= fig.layout.height <= 560


def test_red_good_swaps_the_ends_of_the_colour_scale() -> None:
    cells = {("a", 1): 0.3}
    usual = completion_heatmap(cells, {}, ["a"], [1], {1: 0.25}, "zh").data[0].colorscale
    swapped = completion_heatmap(cells, {}, ["a"], [1], {1: 0.25}, "zh", colours="red-good").data[0].colorscale
    assert usual[0][1] == swapped[-1][1] and usual[-1][1] == swapped[0][1]


def test_english_words() -> None:
    fig = contribution_waterfall(many(40), {}, "group change", "en", "yi")
    assert all("其他" not in w for w in titles(fig)) and labels(fig)[10] == "Other units (30)"
