"""Variance comments on the pages: finance writes one on the Units page with last period's shown above the form,
sees it with who and when and its versions; executives read it and get no form; the units tables mark it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth.roles import Actor
from dashboard.comments import save_comment
from dashboard.domain import Period
from dashboard.storage.engine import open_database, writing
from dashboard.storage.repository import NewUnit, save_units
from tests.app.conftest import texts

UNITS = "app_pages/units.py"
FINANCE = Actor("finance", "finance")


def seed(db_url: str, unit: str, period: Period, comment: str, measures: str = "") -> None:
    engine = open_database(db_url)
    save_comment(engine, FINANCE, unit, "revenue", period, comment, measures)
    engine.dispose()


def shown_period(at: AppTest) -> Period:
    return Period(int(at.session_state["view.year"]), int(at.session_state["view.quarter"]))


def open_unit(app: Callable[..., AppTest], role: str, unit: str, lang: str = "zh") -> AppTest:
    at = app(role, lang, page=UNITS)
    at.selectbox(key="units.code").set_value(unit).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_finance_writes_a_comment_seeing_last_periods(app: Callable[..., AppTest], db_url: str) -> None:
    at = open_unit(app, "finance", "1101")
    period = shown_period(at)
    earlier = Period(period.year - 1, 4) if period.quarter == 1 else Period(period.year, period.quarter - 1)
    seed(db_url, "1101", earlier, "上期：订单推迟", "上期措施：加快交付")
    at = open_unit(app, "finance", "1101")
    shown = texts(at)
    assert "上期措施：加快交付" in shown and "尚无差异说明" in shown
    key = f"comments.1101.revenue.{period}"
    at.text_area(key=f"{key}.comment").input("本期：交付恢复，收入回升")
    at.text_area(key=f"{key}.measures").input("继续跟踪回款")
    next(b for b in at.button if b.label == "保存差异说明").click().run()
    assert not at.exception and at.success[0].value == "已保存差异说明，第 1 版。"
    shown = texts(at)
    assert "本期：交付恢复，收入回升" in shown and "第 1 版 · finance ·" in shown
    assert any("版本记录（1 版）" in e.label for e in at.expander)
    next(b for b in at.button if b.label == "保存差异说明").click().run()  # the same again: nothing stored
    assert at.info and "未做任何更改" in at.info[-1].value


def test_a_refused_comment_says_why_and_stores_nothing(app: Callable[..., AppTest], db_url: str) -> None:
    at = open_unit(app, "finance", "1101", "en")
    key = f"comments.1101.revenue.{shown_period(at)}"
    at.text_area(key=f"{key}.comment").input("a\u202eb")
    next(b for b in at.button if b.label == "Save the comment").click().run()
    assert at.error and "U+202E" in at.error[0].value and not at.success
    assert "No comment for" in texts(at)


def test_executives_read_comments_and_get_no_form(app: Callable[..., AppTest], db_url: str) -> None:
    at = open_unit(app, "executive", "1101")
    seed(db_url, "1101", shown_period(at), '<script>alert(1)</script>\n=HYPERLINK("http://x","y")', "[点我](http://x)")
    at = open_unit(app, "executive", "1101")
    assert not at.text_area and not [b for b in at.button if b.label == "保存差异说明"]
    shown = texts(at)
    assert "\\<script\\>alert\\(1\\)\\</script\\>  \n\\=HYPERLINK" in shown  # escaped, the line break kept
    assert "\\[点我\\]\\(http\\:" in shown and "第 1 版 · finance ·" in shown


@pytest.mark.parametrize("page", [None, UNITS])
def test_the_units_tables_mark_units_with_a_comment(app: Callable[..., AppTest], db_url: str, page: str | None) -> None:
    at = app("executive")
    seed(db_url, "1201", shown_period(at), "铸件订单推迟到下季度交付，收入确认相应延后，全年目标不变")
    at = app("executive", page=page)
    if page is not None:
        at.selectbox(key="units.code").set_value("1102").run()
        at.toggle(key="units.with_children").set_value(True).run()
    table = at.dataframe[-1].value
    marks = dict(zip(table["编码"], table["差异说明"], strict=True))
    assert list(table.columns).index("差异说明") == list(table.columns).index("状态") + 1
    assert marks["1201"] == "💬 铸件订单推迟到下季度交付，收入确…"
    assert all(v == "" for code, v in marks.items() if code != "1201")


def test_a_unit_without_figures_takes_a_comment_on_a_metric_picked_there(
    app: Callable[..., AppTest], db_url: str
) -> None:
    engine = open_database(db_url)
    with writing(engine) as conn:
        save_units(conn, [NewUnit("1999", "新设公司", "New Co", "", "member")])
    engine.dispose()
    at = open_unit(app, "finance", "1999")
    assert "尚无差异说明" in texts(at)
    at.segmented_control(key="comments.metric.1999").set_value("profit").run()
    key = f"comments.1999.profit.{shown_period(at)}"
    at.text_area(key=f"{key}.comment").input("新设公司，本季尚未报送快报")
    next(b for b in at.button if b.label == "保存差异说明").click().run()
    assert not at.exception and at.success[0].value == "已保存差异说明，第 1 版。"
    assert "新设公司，本季尚未报送快报" in texts(at)
