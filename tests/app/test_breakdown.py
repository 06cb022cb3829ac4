"""The units breakdown on the Overview and the Units page: the table shows every unit with the reason of its light
and loss words instead of negative rates, the targets reconcile on screen, and a click on a unit opens its page."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.ui.drill import OPEN_KEY
from tests.app.conftest import texts

UNITS = "app_pages/units.py"


def units_table(at: AppTest) -> pd.DataFrame:
    """The breakdown's table (the one with the reason column)."""
    wide, phone = [d for d in at.dataframe if "原因" in d.value.columns or "Why" in d.value.columns]
    assert phone.value.equals(wide.value)  # the same rows, fewer columns shown on a phone
    return wide.value


def at_q2(app: Callable[..., AppTest], metric: str = "revenue", lang: str = "zh") -> AppTest:
    at = app("executive", lang)
    at.sidebar.selectbox(key="view.quarter").set_value(2).run()
    if metric != "revenue":
        at.segmented_control(key="metric.group").set_value(metric).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_table_has_every_unit_with_the_reason_of_its_light(app: Callable[..., AppTest]) -> None:
    table = units_table(at_q2(app))
    assert len(table) == 15 and list(table.columns)[:5] == ["编码", "单位", "状态", "差异说明", "原因"]
    reasons = dict(zip(table["编码"], table["原因"], strict=True))
    assert reasons["1401"] == "同比下降"  # red at 101.3 % completion: the screen now says why
    assert re.fullmatch(r"落后序时 \d+\.\d 个百分点", reasons["1109"])
    assert reasons["1901"] == ""  # eliminations: no target, no light
    assert table["单位"].str.len().max() <= 9 and not table["单位"].str.contains("有限公司").any()


def test_loss_making_units_show_words_not_negative_rates(app: Callable[..., AppTest]) -> None:
    table = units_table(at_q2(app, "profit")).set_index("编码")
    assert table.loc["1104", "同比"] == "减亏" and table.loc["1108", "同比"] == "扭亏"
    assert table.loc["1109", "同比"] == "由盈转亏"
    for code in ("1104", "1109"):  # in loss against a positive target: no completion rate, the words say so
        assert math.isnan(table.loc[code, "完成率"]) and table.loc[code, "原因"].startswith("亏损")
    rates = table["完成率"].dropna()
    assert (rates >= 0).all() and not table["同比"].str.contains(r"-\d{3}").any()


def test_english_table_and_the_targets_line(app: Callable[..., AppTest]) -> None:
    at = at_q2(app, lang="en")
    table = units_table(at)
    assert list(table.columns) == ["Code", "Unit", "Status", "Comment", "Why", "YTD", "Done", "YoY", "Gap"]
    assert "Amounts in RMB bn. Click a unit to open its page." in [c.value for c in at.caption]
    assert "Unit targets total" in texts(at) and "more than the group target" in texts(at)


def test_the_unit_targets_against_the_group_target(app: Callable[..., AppTest]) -> None:
    at = at_q2(app)
    assert "单位目标合计超出集团目标 21.60 亿元" in texts(at)
    assert "「无上年同期数的单位」：本期有数、上年同期无数的单位" in texts(
        at
    )  # the remainder bar, said under the chart
    at.segmented_control(key="breakdown.kind.revenue").set_value("gap").run()
    assert "「未分解到单位的目标」" in texts(at) and "「无单位目标的单位已完成」" in texts(at)


def test_a_click_on_a_unit_opens_its_page_with_the_units_under_it(app: Callable[..., AppTest]) -> None:
    at = at_q2(app)
    at.session_state[OPEN_KEY] = "1102"  # what the table's, the heat map's and the waterfall's callbacks ask for
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="units.code").value == "1102"
    assert at.toggle(key="units.with_children").value is True
    assert "含下属单位" in at.title[0].value
    titles = json.dumps([json.loads(c.proto.spec)["layout"] for c in at.get("plotly_chart")], ensure_ascii=False)
    assert "本单位及下属单位同比增减" in titles and "集团同比增减" not in titles


def test_a_click_on_a_unit_without_units_under_it(app: Callable[..., AppTest]) -> None:
    at = at_q2(app)
    at.session_state[OPEN_KEY] = "1401"
    at.run()
    assert not at.exception and at.selectbox(key="units.code").value == "1401"
    assert "衡川机电职业技术学院" in at.title[0].value


def test_the_units_page_opens_another_unit_from_its_breakdown(app: Callable[..., AppTest]) -> None:
    at = app("executive", page=UNITS)
    at.selectbox(key="units.code").set_value("1102").run()
    at.toggle(key="units.with_children").set_value(True).run()
    assert len(units_table(at)) == 2
    at.session_state[OPEN_KEY] = "1201"  # the callback has pointed the picker at it (before the run)
    at.session_state["units.code"] = "1201"
    at.run()
    assert not at.exception and at.selectbox(key="units.code").value == "1201"
