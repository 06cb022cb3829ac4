"""Contributions and the completion heat map: bars add up, only the top units are drawn, truncation is said."""

from __future__ import annotations

import random
import time
from decimal import Decimal

import plotly.graph_objects as go
import pytest

from dashboard.analytics.breakdown import Contribution, gap_contributions, ranking, yoy_contributions
from dashboard.analytics.model import build
from dashboard.analytics.series import unit_quarter_completion
from dashboard.charts.style import short
from dashboard.charts.units import (
    MISSING,
    NO_PRIOR,
    OTHER,
    TOTAL,
    UNALLOCATED,
    UNATTRIBUTED,
    UNTARGETED,
    Remainder,
    completion_heatmap,
    contribution_waterfall,
)
from dashboard.i18n.numbers import scaled
from dashboard.ui.breakdown import ranked_lines, waterfall

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
    view = sample.model.by_metric["revenue"]
    change = view.figures.yoy_change
    assert change is not None and view.yoy_remainder
    contributions = yoy_contributions(sample.report, "revenue")
    remainder = Remainder(NO_PRIOR, "无上年同期数的单位", view.yoy_remainder, "说明")
    fig = contribution_waterfall(
        contributions, sample.names, "集团营业收入同比增减额", "zh", "yi", total=change, remainders=[remainder]
    )
    (bars,) = fig.data
    assert list(bars.measure) == ["relative"] * (len(bars.x) - 1) + ["total"]
    assert sum(bars.x[:-1]) == pytest.approx(bars.x[-1])
    assert bars.x[-1] == scaled(change, "yi", "zh")
    # 1202 joined in 2022Q3 and has no 上年同期: its growth is carried by the named remainder, explained in the hover
    assert list(bars.y)[-3:] == [OTHER, NO_PRIOR, TOTAL] and UNATTRIBUTED not in list(bars.y)
    assert labels(fig)[-3:] == ["其他单位（4 家）", "无上年同期数的单位", "集团营业收入同比增减额"]
    assert bars.x[-2] == scaled(change - sum(amounts(contributions), D(0)), "yi", "zh")
    assert bars.hovertext[-2].endswith("说明")
    assert list(bars.customdata)[-3:] == ["", "", ""] and all(c in sample.names for c in list(bars.customdata)[:-3])
    assert fig.layout.title.text == "各单位对集团营业收入同比增减额的贡献<br><sup>前 10 家，其余 4 家合计</sup>"


def test_without_remainders_an_unexplained_rest_still_gets_a_bar(sample: Sample) -> None:
    change = sample.report.group.metrics["revenue"].yoy_change
    fig = contribution_waterfall(
        yoy_contributions(sample.report, "revenue"), sample.names, "合计", "zh", "yi", total=change
    )
    assert list(fig.data[0].y)[-2:] == [UNATTRIBUTED, TOTAL] and labels(fig)[-2] == "未归属到单位的差额"


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


def cells(fig: go.Figure) -> list[go.Bar]:
    """The heat map's columns (one bar trace per quarter; the last trace only draws the colour bar)."""
    return [trace for trace in fig.data if trace.type == "bar"]


def test_heat_map_cells_are_completion_rates_coloured_against_time_progress() -> None:
    completion = {("a", 1): 0.2, ("a", 2): 0.875, ("b", 1): None, ("b", 2): 0.4}
    fig = completion_heatmap(completion, {"a": "甲", "b": "乙"}, ["b", "a"], [1, 2], {1: 0.25, 2: 0.5}, "zh")
    q1, q2 = cells(fig)
    assert list(q1.y) == ["b", "a"] and list(fig.layout.yaxis.ticktext) == ["乙", "甲"]
    assert list(q1.customdata) == ["b", "a"]  # a click on a cell gives its unit
    assert list(q1.text) == ["–", "20.0%"] and list(q2.text) == ["40.0%", "87.5%"]
    assert list(q1.base) == [0, 0] and list(q2.base) == [1, 1] and list(q2.x) == [1, 1]
    assert q1.marker.color[0] == MISSING and q2.marker.color[0] != "#ffffff"  # b at Q2 is 10 points behind
    assert list(fig.layout.xaxis.ticktext) == ["一季度<br>25.0%", "二季度<br>50.0%"]
    assert fig.layout.title.text == "各单位季度完成率<br><sup>颜色：较序时进度（白色＝持平）</sup>"
    assert q2.hovertext[0] == "乙 · 二季度<br>完成率 40.0%<br>较序时进度 -10.0 个百分点"


def test_heat_map_colours_follow_the_pace_given() -> None:
    completion = {("a", 1): 0.2}
    fig = completion_heatmap(
        completion, {"a": "甲"}, ["a"], [1], {1: 0.25}, "zh", progress={("a", 1): 0.0}, pace="seasonal"
    )
    (q1,) = cells(fig)
    assert q1.marker.color[0] == "#ffffff"  # on last year's seasonal pace: white, though 5 points behind q/4
    assert "上年季节规律" in fig.layout.title.text and list(fig.layout.xaxis.ticktext) == ["一季度"]
    assert q1.hovertext[0].endswith("较上年季节规律 0.0 个百分点")


def test_heat_map_writes_a_loss_as_words_never_a_negative_rate() -> None:
    fig = completion_heatmap({("a", 1): -1.165}, {}, ["a"], [1], {1: 0.25}, "zh")
    assert list(cells(fig)[0].text) == ["亏损"]


def test_heat_map_truncates_at_the_limit_and_says_so() -> None:
    codes = [f"U{i:04d}" for i in range(2000)]
    completion = {(c, q): 0.1 * q for c in codes for q in (1, 2, 3)}
    started = time.perf_counter()
    fig = completion_heatmap(completion, {}, codes, [1, 2, 3], {1: 0.25, 2: 0.5, 3: 0.75}, "zh", label="营业收入")
    assert time.perf_counter() - started < 1.0
    assert list(cells(fig)[0].y) == codes[:30] and len(cells(fig)) == 3
    assert fig.layout.title.text.startswith("营业收入：各单位季度完成率：落后最多的 30 家（共 2,000 家）")
    english = completion_heatmap(completion, {}, codes, [1, 2, 3], {1: 0.25, 2: 0.5, 3: 0.75}, "en", limit=15)
    assert "the 15 furthest behind (of 2,000)" in english.layout.title.text
    assert len(cells(english)[0].y) == 15 and english.layout.height < fig.layout.height


def test_heat_map_of_the_sample_with_cascaded_targets(sample: Sample) -> None:
    report = sample.with_unit_targets()
    order = ranking(report, "revenue")
    completion = unit_quarter_completion(sample.history, report, "revenue", order)
    fig = completion_heatmap(completion, sample.names, order, [1, 2], {1: 0.25, 2: 0.5}, "zh")
    q2 = cells(fig)[1]
    assert list(q2.y) == order and list(q2.customdata) == order and len(order) == 15
    rates = {u.code: u.metrics["revenue"].completion_rate for u in report.units}
    assert list(q2.text) == [("–" if rates[c] is None else f"{rates[c] * 100:.1f}%") for c in order]
    assert "共" not in fig.layout.title.text and 360 <= fig.layout.height <= 700


def test_red_good_swaps_the_ends_of_the_colour_scale() -> None:
    data = {("a", 1): 0.3}
    usual = completion_heatmap(data, {}, ["a"], [1], {1: 0.25}, "zh").data[-1].marker.colorscale
    swapped = completion_heatmap(data, {}, ["a"], [1], {1: 0.25}, "zh", colours="red-good").data[-1].marker.colorscale
    assert usual[0][1] == swapped[-1][1] and usual[-1][1] == swapped[0][1]


def test_english_words() -> None:
    fig = contribution_waterfall(many(40), {}, "group change", "en", "yi")
    assert all("其他" not in w for w in titles(fig)) and labels(fig)[10] == "Other units (30)"


@pytest.mark.parametrize("quarter", [1, 2, 3, 4])
def test_every_scopes_waterfall_adds_up_to_its_headline(sample: Sample, quarter: int) -> None:
    """Group, each unit with the units under it, each unit alone: the bars (units, other units and the named
    remainders) add up to the scope's own YoY change and gap, with nothing left unexplained."""
    scopes = [("", False)] + [(code, alone) for code in sample.stored.units for alone in (False, True)]
    for scope, alone in scopes:
        model = build(sample.stored, 2023, quarter, scope, alone=alone)
        for metric in ("revenue", "profit"):
            figures = model.by_metric[metric].figures
            for kind, headline in (("yoy", figures.yoy_change), ("gap", figures.gap)):
                if headline is None:
                    continue
                (bars,) = waterfall(model, metric, kind, "wan", "zh").data
                assert UNATTRIBUTED not in list(bars.y), (scope, alone, metric, kind)
                assert sum(bars.x[:-1]) == pytest.approx(bars.x[-1], abs=1e-6), (scope, alone, metric, kind)
                assert bars.x[-1] == pytest.approx(scaled(headline, "wan", "zh"))


def test_the_total_is_named_for_the_scope(sample: Sample) -> None:
    group = sample.model
    with_children = build(sample.stored, 2023, 2, "1102")
    assert waterfall(group, "revenue", "yoy", "yi", "zh").layout.yaxis.ticktext[-1] == "集团同比增减"
    assert waterfall(group, "revenue", "gap", "yi", "zh").layout.yaxis.ticktext[-1] == "集团目标缺口"
    assert (
        waterfall(with_children, "revenue", "yoy", "wan", "zh").layout.yaxis.ticktext[-1] == "本单位及下属单位同比增减"
    )
    gap = waterfall(group, "profit", "gap", "yi", "zh").data[0]
    assert {UNALLOCATED, UNTARGETED} <= set(gap.y)  # the unit targets exceed the group's; eliminations have none
    assert "未分解到单位的目标" in waterfall(group, "profit", "gap", "yi", "zh").layout.yaxis.ticktext


def test_the_phones_ranked_list_gives_each_light_its_word_and_reason(sample: Sample) -> None:
    lines = ranked_lines(sample.model, "profit", "zh", "green-good").split("\n")
    assert lines[0] == "**落后最多的单位（14 / 14）**" and len(lines) == 15  # eliminations: no target, no light
    assert lines[1] == "- 🔴 红灯·落后 特种车辆：亏损"  # 1104, furthest behind: in loss, not "−116.5 %"
    assert lines[2] == "- 🔴 红灯·落后 进出口贸易：亏损；同比下降"  # 1109 turned to a loss
