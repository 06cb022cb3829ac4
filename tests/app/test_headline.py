"""The headline cards, the viewer's pace, the provenance line and the page shell of Overview and Units (issue 10),
through the entry file on the demo database, compared with the read model."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.analytics.engine import GROUP, MetricFigures
from dashboard.analytics.model import ReadModel
from dashboard.domain import Period
from dashboard.i18n import t
from dashboard.i18n.numbers import amount, points, rate
from dashboard.status import load_model, status_settings
from dashboard.storage.engine import open_database
from dashboard.ui.cards import metric_decimals, signed
from tests.app.conftest import KpiBlock, kpi_blocks

CJK = re.compile(r"[\u4e00-\u9fff]")
UNITS = "app_pages/units.py"


def model(db_url: str, quarter: int, scope: str = GROUP, alone: bool = True, pace: str | None = None) -> ReadModel:
    """The read model the page should show, built from the database directly (not through the page's cache)."""
    with open_database(db_url).connect() as conn:
        settings = status_settings(conn)
        if pace is not None:
            settings = dataclasses.replace(settings, pace=pace)
        group = load_model(conn, 2023, Period(2023, quarter), settings=settings)
        if scope == GROUP:
            return group
        from dashboard.analytics.model import rescope
        from dashboard.status import load_stored

        return rescope(load_stored(conn, 2023), group, scope, alone)


def expected_values(m: MetricFigures, level: str, lang: str, pace: str = "linear") -> list[str]:
    """What the six cards' values should read, from the figures."""
    places = metric_decimals(m, level, lang)

    def money(value: object) -> str:
        return amount(value, lang, level, places, with_unit=False)  # type: ignore[arg-type]

    completion = t(f"completion.{m.completion_wording}", lang) if m.completion_wording else rate(m.completion_rate)
    first = m.projection_seasonal if pace == "seasonal" else m.projection_linear
    return [
        money(m.ytd_actual),
        money(m.effective_target),
        completion,
        money(m.gap),
        money(first),
        t("kpi.exceeded", "zh") if m.gap is not None and m.gap <= 0 else rate(m.required_growth_rest_of_year),
    ]


def block(at: AppTest, name: str) -> KpiBlock:
    return next(b for b in kpi_blocks(at) if b.name == name)


def at_quarter(at: AppTest, quarter: int) -> AppTest:
    return at.sidebar.selectbox(key="view.quarter").set_value(quarter).run()


def open_unit(at: AppTest, code: str) -> AppTest:
    at.selectbox(key="units.code").set_value(code).run()
    if at.get("toggle"):
        at.toggle(key="units.with_children").set_value(False).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("quarter", [2, 4])
def test_the_group_cards_are_the_models_figures(app: Callable[..., AppTest], db_url: str, quarter: int) -> None:
    at = at_quarter(app("executive"), quarter)
    group = model(db_url, quarter)
    blocks = kpi_blocks(at)
    assert [b.name for b in blocks] == ["营业收入", "利润总额"]
    for b, metric in zip(blocks, ("revenue", "profit"), strict=True):
        m = group.entity.metrics[metric]
        assert [c.value for c in b.cards] == expected_values(m, "group", "zh"), (quarter, metric)
        assert b.cards[0].note == f"同比 {signed(rate(m.yoy_growth))}"
        assert b.cards[2].note == f"较序时进度 {points(m.progress_gap, 'zh')}"
        projection = b.cards[4]
        assert projection.notes == ["按序时", "按上年季节规律"]
        assert projection.values[1] == amount(
            m.projection_seasonal, "zh", "group", metric_decimals(m, "group", "zh"), with_unit=False
        )
    assert "金额单位：亿元" in [c.value for c in at.main.caption]


def test_at_mid_year_both_projections_show_and_the_seasonal_one_is_above_target(app: Callable[..., AppTest]) -> None:
    revenue = block(at_quarter(app("executive"), 2), "营业收入")
    projection = revenue.cards[4]
    assert projection.label == "全年预计"
    assert projection.values == ["323.18", "391.86"]  # the 323.18 亿 (straight line) and 391.86 亿


def test_a_units_cards_are_its_figures_in_wan(app: Callable[..., AppTest], db_url: str) -> None:
    at = open_unit(at_quarter(app("executive", page=UNITS), 2), "1101")
    unit = model(db_url, 2, "1101")
    for metric, name in (("revenue", "营业收入"), ("profit", "利润总额")):
        m = unit.entity.metrics[metric]
        assert [c.value for c in block(at, name).cards] == expected_values(m, "unit", "zh"), metric
    assert "金额单位：万元" in [c.value for c in at.main.caption]


@pytest.mark.parametrize(("code", "words"), [("1104", "减亏"), ("1108", "扭亏"), ("1109", "由盈转亏")])
def test_loss_words_instead_of_growth_rates(app: Callable[..., AppTest], db_url: str, code: str, words: str) -> None:
    at = open_unit(at_quarter(app("executive", page=UNITS), 2), code)
    m = model(db_url, 2, code).entity.metrics["profit"]
    ytd = block(at, "利润总额").cards[0]
    places = metric_decimals(m, "unit", "zh")
    assert ytd.note == f"{words} {signed(amount(m.yoy_change, 'zh', 'unit', places, with_unit=False))}"
    assert "%" not in ytd.note


@pytest.mark.parametrize("code", ["1104", "1109"])
def test_no_negative_completion_percentage(app: Callable[..., AppTest], code: str) -> None:
    at = open_unit(at_quarter(app("executive", page=UNITS), 2), code)
    completion = block(at, "利润总额").cards[2]
    assert completion.value == "亏损" and completion.note == "不以百分比计完成率"
    for b in kpi_blocks(at):
        assert not re.search(r"-\d[\d.,]*%", b.cards[2].value), (code, b.name, b.cards[2].value)


def test_every_unit_shows_no_negative_percentage_in_either_language(app: Callable[..., AppTest]) -> None:
    at = at_quarter(app("executive", page=UNITS), 2)
    for lang in ("zh", "en"):
        at.sidebar.radio(key="lang").set_value(lang).run()
        for code in ("1000", "1101", "1104", "1108", "1109", "1201", "1301", "1401", "1901"):
            open_unit(at, code)
            for b in kpi_blocks(at):
                assert not re.search(r"-\d[\d.,]*%", b.cards[2].value), (lang, code, b.name)
                if lang == "en":
                    assert not CJK.search(b.badge + " ".join(c.text() for c in b.cards)), (code, b.name)


def test_the_badge_gives_the_light_and_its_reason(app: Callable[..., AppTest]) -> None:
    at = open_unit(at_quarter(app("executive", page=UNITS), 2), "1401")
    assert "红灯·落后" in block(at, "营业收入").badge and "同比下降" in block(at, "营业收入").badge
    assert "红灯·落后：同比下降，或落后序时进度超过 10.0 个百分点" in " ".join(c.value for c in at.main.caption)


def test_the_pace_switch_changes_a_units_light_and_is_kept_across_pages(
    app: Callable[..., AppTest], db_url: str
) -> None:
    at = open_unit(at_quarter(app("executive", page=UNITS), 2), "1101")
    assert model(db_url, 2, "1101").entity.metrics["revenue"].status == "amber"
    assert model(db_url, 2, "1101", pace="seasonal").entity.metrics["revenue"].status == "green"
    assert block(at, "营业收入").badge.strip().startswith("● 黄灯·关注")
    assert at.session_state["view.pace"] == "linear"
    at.segmented_control(key="view.pace").set_value("seasonal").run()
    revenue = block(at, "营业收入")
    assert revenue.badge.strip().startswith("● 绿灯·正常")
    assert revenue.cards[2].note.startswith("较上年同期进度")
    assert revenue.cards[4].notes == ["按上年季节规律", "按序时"]  # the chosen pace's projection first
    m = model(db_url, 2, "1101", pace="seasonal").entity.metrics["revenue"]
    assert [c.value for c in revenue.cards] == expected_values(m, "unit", "zh", "seasonal")
    at.switch_page("app_pages/overview.py").run()
    assert at.session_state["view.pace"] == "seasonal"
    assert "进度比较基准：上年季节规律" in " ".join(c.value for c in at.main.caption)


def test_the_provenance_line(app: Callable[..., AppTest], db_url: str) -> None:
    at = at_quarter(app("executive"), 2)
    group = model(db_url, 2)
    upload = next(u for u in group.uploads if "2023Q2" in u.periods.split(","))
    line = at.main.caption[0].value
    assert line.startswith("2023 二季度（半年） · 序时进度 50.0% · ")
    assert f"数据来源：第 {upload.id} 次上传，" in line and f"，{upload.uploaded_by} · " in line
    assert line.endswith("已报 14/14 户")  # 15 registered units, of which one is the eliminations row
    at = open_unit(at.switch_page(UNITS).run(), "1102")
    at.toggle(key="units.with_children").set_value(True).run()
    captions = " ".join(c.value for c in at.main.caption)
    assert "本单位及下属单位已报 2/2 户" in captions and "集团" not in captions


def test_english_group_profit_keeps_three_significant_digits(app: Callable[..., AppTest], db_url: str) -> None:
    at = at_quarter(app("executive", "en"), 2)
    profit = model(db_url, 2).entity.metrics["profit"]
    cards = block(at, "Total profit").cards
    assert cards[1].value == amount(profit.effective_target, "en", "group", 3, with_unit=False) == "0.980"
    assert "Amounts in RMB bn" in [c.value for c in at.main.caption]


def test_a_unit_opened_from_another_page(app: Callable[..., AppTest]) -> None:
    """The drill-down: another page sets the unit and switches to the Units page, which opens it."""
    at = app("executive")
    at.session_state["units.code"] = "1109"
    at.session_state["units.with_children"] = False
    at.switch_page(UNITS).run()
    assert not at.exception
    assert at.title[0].value.startswith("衡川进出口贸易有限公司")
    assert at.get("page_link")  # the way back to the Overview


def test_a_loss_making_units_light_gives_the_loss_not_a_meaningless_gap(app: Callable[..., AppTest]) -> None:
    at = open_unit(at_quarter(app("executive", page=UNITS), 2), "1104")
    badge = block(at, "利润总额").badge
    assert "红灯·落后" in badge and "亏损" in badge and "百分点" not in badge


def test_under_the_seasonal_pace_the_reason_speaks_of_last_years_pace(app: Callable[..., AppTest]) -> None:
    at = open_unit(at_quarter(app("executive", page=UNITS), 2), "1103")
    at.segmented_control(key="view.pace").set_value("seasonal").run()
    assert "黄灯·关注" in block(at, "营业收入").badge and "落后上年同期进度" in block(at, "营业收入").badge
    assert "序时" not in block(at, "营业收入").badge
    open_unit(at, "1107")
    assert "绿灯·正常" in block(at, "营业收入").badge and "达到上年同期进度" in block(at, "营业收入").badge
