"""Who has reported (报送情况) on the Upload page through the entry file: for finance and admins in zh and en,
not for an executive; the chase list's xlsx opened with openpyxl; the admin's stop form; the Overview's 已报."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime

import openpyxl
import pytest
from sqlalchemy import insert
from streamlit.testing.v1 import AppTest

from dashboard.coverage import contacts, coverage
from dashboard.domain import Period
from dashboard.reports.chase import chase_xlsx
from dashboard.storage import repository
from dashboard.storage.engine import open_database, writing
from dashboard.storage.tables import submissions
from tests.app.conftest import texts

UPLOAD = "app_pages/upload.py"
Q1 = Period(2024, 1)  # the quarter after the sample's newest (2023Q4): nobody has uploaded it yet


def submit(url: str, units: str, state: str, reason: str = "") -> None:
    at = datetime.now(UTC)
    engine = open_database(url)
    with writing(engine) as conn:
        repository.keep_file(conn, "b" * 64, b"file")
        reviewed = {"reviewed_by": "finance", "reviewed_at": at} if state != "submitted" else {}
        values = {"sha256": "b" * 64, "filename": "报送.xlsx", "size": 4, "periods": str(Q1), "units": units}
        conn.execute(
            insert(submissions).values(
                **values, state=state, submitted_by="unit.li", submitted_at=at, reason=reason, **reviewed
            )
        )
    engine.dispose()


def pick(at: AppTest, period: Period) -> AppTest:
    at.selectbox(key="coverage.period").set_value(period).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize(("role", "lang"), [("finance", "zh"), ("admin", "en")])
def test_the_section_for_finance_and_admins(app: Callable[..., AppTest], role: str, lang: str) -> None:
    at = app(role, lang, page=UPLOAD)
    shown = texts(at)
    if lang == "zh":
        assert "报送情况" in shown and "2023Q4 已报 14/14 户 · 待审核 0 · 未报 0（逾期 0）" in shown
    else:
        assert "Who has reported" in shown and "2023Q4: 14/14 units reported" in shown
    table = next(t.value for t in at.table if ("状态" if lang == "zh" else "State") in t.value.columns)
    assert len(table) == 14 and set(table["状态" if lang == "zh" else "State"]) == {
        "已报" if lang == "zh" else "Reported"
    }


def test_every_state_as_a_word_and_the_chase_list(app: Callable[..., AppTest], db_url: str) -> None:
    submit(db_url, "1101", "submitted")
    submit(db_url, "1102", "returned", reason="利润总额与明细表不符")
    at = pick(app("finance", page=UPLOAD), Q1)
    shown = texts(at)
    assert (
        "2024Q1 已报 0/14 户 · 待审核 1 · 未报 13（逾期 13）" in shown
    )  # 1101 awaits review: neither missing nor overdue
    table = next(t.value for t in at.table if {"代码", "状态"} <= set(t.value.columns))  # not the review list
    states = dict(zip(table["代码"], table["状态"], strict=True))
    assert (states["1101"], states["1102"], states["1103"]) == ("待审核", "已退回", "未报")
    assert "利润总额与明细表不符" in set(table["退回原因 / 备注"])
    assert any(b.label == "下载催报清单（Excel）" for b in at.get("download_button"))
    # the bytes the button serves: built by reports.chase from the same coverage
    engine = open_database(db_url)
    with engine.connect() as conn:
        result, who = coverage(conn, Q1, date(2024, 4, 16)), contacts(conn)
    engine.dispose()
    sheet = openpyxl.load_workbook(io.BytesIO(chase_xlsx(result, who, "zh"))).active
    assert sheet is not None and sheet["A1"].value == "2024Q1 催报清单"
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    assert [r[0] for r in rows] == result.missing and "1101" not in result.missing and len(rows) == 13
    returned = next(r for r in rows if r[0] == "1102")
    assert (returned[2], returned[3], returned[4], returned[8]) == (
        "已退回",
        "2024-04-15",
        "逾期",
        "利润总额与明细表不符",
    )


def test_hidden_for_an_executive(app: Callable[..., AppTest]) -> None:
    at = app("executive")
    assert "报送情况" not in texts(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(UPLOAD)  # an executive has no Upload page, where the section lives


def test_the_admin_stops_a_unit_and_the_overview_counts_it(app: Callable[..., AppTest]) -> None:
    at = app("admin", page=UPLOAD)
    at.selectbox(key="coverage.range_unit").set_value("1401")
    assert at.text_input(key="coverage.range_from.2023Q4").value == "2023Q4"  # the period shown
    at.text_input(key="coverage.range_reason").set_value("划转至教育集团")
    next(b for b in at.button if b.label == "停止报送").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    shown = texts(at)
    assert "1401 自 2023Q4 起不再报送。" in shown and "2023Q4 已报 13/13 户" in shown
    assert "划转至教育集团" in shown
    overview = app("finance")
    assert "已报 13/13 户" in texts(overview)


def test_finance_has_no_stop_form_and_a_reason_is_required(app: Callable[..., AppTest]) -> None:
    assert not any(getattr(t, "key", None) == "coverage.range_reason" for t in app("finance", page=UPLOAD).text_input)
    at = app("admin", "en", page=UPLOAD)
    at.selectbox(key="coverage.range_unit").set_value("1401")
    next(b for b in at.button if b.label == "Stop reporting").click().run()
    assert at.error and "Say why" in at.error[0].value


def test_the_admin_expects_a_new_unit_from_its_first_period(app: Callable[..., AppTest], db_url: str) -> None:
    """A unit registered without figures (1501) is not expected until an admin says from when: then it is
    missing for that period and after, not before; an empty period returns to its first figure's period."""
    engine = open_database(db_url)
    with writing(engine) as conn:
        repository.save_units(conn, [repository.NewUnit("1501", "新设公司", "New Co", "", "member")])
    engine.dispose()
    at = pick(app("admin", page=UPLOAD), Q1)
    assert "2024Q1 已报 0/14 户" in texts(at)
    at.selectbox(key="coverage.range_unit").set_value("1501")
    assert at.text_input(key="coverage.range_from.2024Q1").value == "2024Q1"  # the period shown
    next(b for b in at.button if b.label == "自此期间起应报").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    shown = texts(at)
    assert "1501 自 2024Q1 起应报。" in shown and "2024Q1 已报 0/15 户" in shown
    assert "设定了应报起始期间：1501 新设公司（自 2024Q1）" in shown
    table = next(t.value for t in at.table if {"代码", "状态"} <= set(t.value.columns))
    assert dict(zip(table["代码"], table["状态"], strict=True))["1501"] == "未报"
    at = pick(at, Period(2023, 4))
    assert "2023Q4 已报 14/14 户" in texts(at)  # not expected before its first period
    at = pick(at, Q1)
    at.selectbox(key="coverage.range_unit").set_value("1501")
    at.text_input(key="coverage.range_from.2024Q1").set_value(" ")
    next(b for b in at.button if b.label == "自此期间起应报").click().run()
    assert "1501 自其首次数据所在期间起应报。" in texts(at) and "2024Q1 已报 0/14 户" in texts(at)


def test_a_refusal_shows_the_typed_period_escaped(app: Callable[..., AppTest]) -> None:
    at = app("admin", "en", page=UPLOAD)
    at.selectbox(key="coverage.range_unit").set_value("1401")
    at.text_input(key="coverage.range_from.2023Q4").set_value("[x](javascript:alert(1))")
    next(b for b in at.button if b.label == "Expected from this period").click().run()
    assert at.error and "Unrecognised period" in at.error[0].value
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in at.error[0].value  # no link in the Markdown
