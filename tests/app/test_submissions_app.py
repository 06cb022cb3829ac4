"""多级上报 on the Upload page (AppTest): a unit finance account submits its own units' file for review and sees
its submissions; another unit's row is refused by row; group finance previews, confirms or returns; the
Accounts page sets a unit finance account's units."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from streamlit.testing.v1 import AppTest

from dashboard.auth.roles import Actor
from dashboard.domain import Period
from dashboard.ingest import ReadOptions
from dashboard.storage import queries
from dashboard.storage.engine import open_database
from dashboard.storage.tables import figures, submissions
from dashboard.submissions import confirm_submission, return_submission, submit_files
from dashboard.ui import submissions as ui_submissions
from dashboard.ui.widgets import plain
from tests.workbooks import HEADER, flash

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OWN = [["1101", "衡川机电装备有限公司", 180000, 170000, 6000, 5500]]
OTHER = ["1103", "衡川光电科技有限公司", 1, 1, 1, 1]
UNIT = Actor("unit1101", "unit_finance", frozenset({"1101", "1102"}))
Q1 = Period(2024, 1)


def q1_2024(rows: list[list[object]] = OWN) -> bytes:
    return flash(rows, title="2024年第一季度经营快报", meta=[["报告期：2024Q1", None, "金额单位：万元"]], header=HEADER)


def count(url: str, table: object) -> int:
    with open_database(url).connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def labels(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def submitted(url: str, rows: list[list[object]] = OWN) -> int:
    result = submit_files(open_database(url), [("1101.xlsx", q1_2024(rows))], ReadOptions(), UNIT)
    assert result.stored and result.plans[0].submission_id is not None
    return result.plans[0].submission_id


def test_a_unit_submits_for_review(app: Callable[..., AppTest], db_url: str) -> None:
    before = count(db_url, figures)
    at = app("unit_finance", page="app_pages/upload.py")
    assert any("1101, 1102" in i.value for i in at.info)
    assert "恢复" not in labels(at) and not any(h.value == "上传记录" for h in at.header)
    at.get("file_uploader")[0].set_value(("1101.xlsx", q1_2024(), XLSX))
    click(at.run(), "检查并预览")
    assert not at.error and "确认导入" not in labels(at)
    click(at, "提交审核")
    assert at.success[0].value.startswith("已提交 #1")
    assert count(db_url, figures) == before and count(db_url, submissions) == 1
    mine = at.table[-1].value
    assert mine.iloc[0]["编号"] == 1 and mine.iloc[0]["状态"] == "待审核"
    assert not {"上传记录", "待审核的报送"} & {h.value for h in at.header}
    assert not {"确认报送 #1 并入库", "预览变化"} & labels(at)  # no review of its own submission


def test_another_units_row_is_refused_by_row(app: Callable[..., AppTest], db_url: str) -> None:
    before = count(db_url, figures)
    at = app("unit_finance", page="app_pages/upload.py")
    at.get("file_uploader")[0].set_value(("mixed.xlsx", q1_2024([*OWN, OTHER]), XLSX))
    click(at.run(), "检查并预览")
    problems = at.table[0].value
    row = problems[problems["级别"] == "错误"].iloc[0]
    assert row["单元格"] == plain("5:5") and "1103" in row["问题与处理办法"] and "1101, 1102" in row["问题与处理办法"]
    assert "提交审核" not in labels(at)
    assert count(db_url, figures) == before and count(db_url, submissions) == 0


def test_group_finance_confirms(app: Callable[..., AppTest], db_url: str) -> None:
    number = submitted(db_url)
    at = app("finance", page="app_pages/upload.py")
    assert "待审核的报送" in [h.value for h in at.header]
    click(at, "预览变化")
    changes = next(t.value for t in at.table if "变化" in t.value.columns)
    assert set(changes["变化"]) == {"新增"} and len(changes) == 2
    click(at, f"确认报送 #{number} 并入库")
    assert at.success[0].value.startswith(f"已确认报送 #{number}")
    with open_database(db_url).connect() as conn:
        stored = queries.current_figures(conn, [Q1])
        upload = queries.upload(conn, stored[("1101", Q1, "revenue")].upload_id)
        row = queries.submission_row(conn, number)
    assert stored[("1101", Q1, "revenue")].ytd == 1_800_000_000
    assert upload is not None and upload.uploaded_by == "unit1101" and upload.detail()["confirmed_by"] == "finance"
    assert row is not None and row.state == "confirmed"


def test_group_finance_returns_with_a_reason_the_unit_sees(app: Callable[..., AppTest], db_url: str) -> None:
    number = submitted(db_url)
    at = app("finance", page="app_pages/upload.py")
    click(at, "预览变化")
    click(at, f"退回报送 #{number}")
    assert any("请写明原因" in e.value for e in at.error)
    at.text_area(key="submissions.reason").input("营业收入单位应为万元")
    click(at, f"退回报送 #{number}")
    assert at.success[0].value.startswith(f"已退回报送 #{number}")
    unit = app("unit_finance", page="app_pages/upload.py")
    assert any("营业收入单位应为万元" in w.value for w in unit.warning)
    assert unit.table[-1].value.iloc[0]["状态"] == "已退回"


def test_a_submission_returned_meanwhile_is_not_confirmed(
    app: Callable[..., AppTest], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    number = submitted(db_url)
    before = count(db_url, figures)
    at = app("finance", page="app_pages/upload.py")
    click(at, "预览变化")

    def racing(engine: Engine, submission_id: int, *args: Any) -> Any:  # another reviewer returns it first
        return_submission(engine, submission_id, Actor("wang", "finance"), "请核对")
        return confirm_submission(engine, submission_id, *args)

    monkeypatch.setattr(ui_submissions, "confirm_submission", racing)
    click(at, f"确认报送 #{number} 并入库")
    assert any(f"#{number}" in e.value and "已退回" in e.value for e in at.error), [e.value for e in at.error]
    assert not at.success and count(db_url, figures) == before


def test_in_english(app: Callable[..., AppTest], db_url: str) -> None:
    submitted(db_url)
    unit = app("unit_finance", "en", page="app_pages/upload.py")
    assert any(h.value == "My submissions" for h in unit.header)
    assert unit.table[-1].value.iloc[0]["State"] == "awaiting review"
    at = app("finance", "en", page="app_pages/upload.py")
    assert "Submissions awaiting review" in [h.value for h in at.header]
    click(at, "Preview the changes")
    assert "Confirm #1 and store it" in labels(at) and "Return #1" in labels(at)


def test_the_accounts_page_sets_units(app: Callable[..., AppTest], db_url: str) -> None:
    at = app("admin", page="app_pages/accounts.py")

    def fill() -> None:  # the form is cleared after each submit
        at.text_input(key="accounts.new_username").input("unit1103")
        at.selectbox(key="accounts.new_role").set_value("unit_finance")
        at.text_input(key="accounts.new_password").input("Quarterly-Flash-2023")
        at.text_input(key="accounts.new_again").input("Quarterly-Flash-2023")

    fill()
    click(at, "创建账号")
    assert any("须指定" in e.value for e in at.error)
    fill()
    at.multiselect(key="accounts.new_units").set_value(["1103"])
    click(at, "创建账号")
    assert at.success and at.success[0].value == "已创建账号 unit1103。"
    at.selectbox(key="accounts.pick").set_value("unit1103").run()
    at.multiselect(key="accounts.units.unit1103").set_value(["1103", "1104"])
    click(at, "保存单位")
    with open_database(db_url).connect() as conn:
        account = queries.user_row(conn, "unit1103")
    assert account is not None and account.units == "1103,1104"
