"""Variance comments (差异说明) through the workflow, on SQLite and PostgreSQL: versions with who and when, the
previous period's comment across a year boundary, roles, refusals that store nothing, hostile text kept as text."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, func, select

from dashboard.auth.roles import Actor, Forbidden
from dashboard.comments import (
    MAX_CHARS,
    CommentError,
    CommentUnchanged,
    comment_history,
    current_comments,
    previous_comment,
    save_comment,
)
from dashboard.domain import Period
from dashboard.imports import import_files
from dashboard.ingest import ReadOptions
from dashboard.locks import lock_period
from dashboard.storage.tables import audit_log, metadata
from tests.workbooks import flash

Q2 = Period(2023, 2)
FINANCE = Actor("wang", "finance")
ADMIN = Actor("admin", "admin")
EXECUTIVE = Actor("leader", "executive")
HOSTILE = (
    '=HYPERLINK("http://x","y")',
    "<script>alert(1)</script>",
    "{=SUM(A1:A2)}",
    "@SUM(1)",
    "-2+3",
    "营业收入\n下降\t明显",
)


@pytest.fixture
def db(engine: Engine) -> Engine:
    """Units 1001, 1002 and 1099 registered by a 2023Q2 flash report."""
    assert import_files(engine, [("q2.xlsx", flash())], ReadOptions(), ADMIN).stored
    return engine


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in metadata.sorted_tables}


def test_each_save_is_a_new_version_with_who_and_when(db: Engine) -> None:
    before = datetime.now(UTC)
    first = save_comment(db, FINANCE, "1001", "revenue", Q2, "订单推迟", "加快交付")
    second = save_comment(db, ADMIN, "1001", "revenue", Q2, "订单推迟至三季度", "加快交付")
    other = save_comment(db, FINANCE, "1001", "profit", Q2, "", "压降费用")
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert (first.written_by, second.written_by) == ("wang", "admin")
    assert before <= first.written_at <= second.written_at <= datetime.now(UTC)
    with db.connect() as conn:
        history = comment_history(conn, "1001", "revenue", Q2)
        current = current_comments(conn, Q2)
    assert history == [first, second]  # the first version is kept, not overwritten, and reads back equal
    assert current == {("1001", "revenue"): second, ("1001", "profit"): other}
    assert current[("1001", "profit")].comment == "" and current[("1001", "profit")].measures == "压降费用"


def test_a_save_equal_to_the_current_version_stores_nothing(db: Engine) -> None:
    saved = save_comment(db, FINANCE, "1001", "revenue", Q2, "订单推迟", "加快交付")
    before = counts(db)
    with pytest.raises(CommentUnchanged) as caught:
        save_comment(db, ADMIN, "1001", "revenue", Q2, "  订单推迟\r\n", "加快交付")  # the same once cleaned
    assert caught.value.current == saved and caught.value.params == {"version": 1, "by": "wang"}
    assert counts(db) == before


def test_previous_comment_is_the_nearest_earlier_period_across_the_year_boundary(db: Engine) -> None:
    save_comment(db, FINANCE, "1002", "revenue", Period(2022, 3), "三季度", "")
    q4 = save_comment(db, FINANCE, "1002", "revenue", Period(2022, 4), "四季度", "措施一")
    q4b = save_comment(db, FINANCE, "1002", "revenue", Period(2022, 4), "四季度（修订）", "措施一")
    save_comment(db, FINANCE, "1002", "profit", Period(2023, 1), "利润", "")  # another metric does not count
    save_comment(db, FINANCE, "1001", "revenue", Period(2023, 1), "别的单位", "")  # nor another unit
    with db.connect() as conn:
        assert previous_comment(conn, "1002", "revenue", Period(2023, 1)) == q4b
        assert previous_comment(conn, "1002", "revenue", Period(2023, 3)) == q4b  # 2023Q1–Q2 have none
        assert previous_comment(conn, "1002", "revenue", Period(2022, 4)).comment == "三季度"  # type: ignore[union-attr]
        assert previous_comment(conn, "1002", "revenue", Period(2022, 3)) is None
        assert previous_comment(conn, "1002", "profit", Period(2023, 1)) is None
    assert q4.version == 1 and q4b.version == 2


def test_executives_are_refused_and_finance_and_admins_may_write(db: Engine) -> None:
    before = counts(db)
    for nobody in (EXECUTIVE, Actor("x", None), Actor("x", "guest")):
        with pytest.raises(Forbidden):
            save_comment(db, nobody, "1001", "revenue", Q2, "说明", "措施")
    assert counts(db) == before
    assert save_comment(db, FINANCE, "1001", "revenue", Q2, "说明", "措施").version == 1
    assert save_comment(db, ADMIN, "1001", "revenue", Q2, "说明二", "措施").version == 2


REFUSED = [
    ("9999", "revenue", Q2, "说明", "", "comment.unknown_unit"),
    ("", "revenue", Q2, "说明", "", "comment.unknown_unit"),
    ("1001", "ebitda", Q2, "说明", "", "comment.unknown_metric"),
    ("1001", "revenue", Period(1900, 1), "说明", "", "comment.period_range"),
    ("1001", "revenue", Q2, "", "", "comment.empty"),
    ("1001", "revenue", Q2, " \n\t ", "\r\n", "comment.empty"),
    ("1001", "revenue", Q2, "x" * (MAX_CHARS + 1), "", "comment.too_long.comment"),
    ("1001", "revenue", Q2, "ok", "y" * 10_000, "comment.too_long.measures"),
    ("1001", "revenue", Q2, "正常\u202e文字", "", "comment.control.comment"),
    ("1001", "revenue", Q2, "ok", "a\x1b[31mred", "comment.control.measures"),
    ("1001", "revenue", Q2, "a\x00b", "", "comment.control.comment"),
    ("1001", "revenue", Q2, "line\u2028sep", "", "comment.control.comment"),
    ("1001", "revenue", Q2, "\u2066isolate", "", "comment.control.comment"),
    ("1001", "revenue", Q2, "ok", "\udcff undecodable", "comment.control.measures"),
]


@pytest.mark.parametrize(("unit", "metric", "period", "comment", "measures", "code"), REFUSED)
def test_every_refusal_stores_nothing(
    db: Engine, unit: str, metric: str, period: Period, comment: str, measures: str, code: str
) -> None:
    before = counts(db)
    with pytest.raises(CommentError) as caught:
        save_comment(db, FINANCE, unit, metric, period, comment, measures)
    assert caught.value.code == code and not isinstance(caught.value, CommentUnchanged)
    assert counts(db) == before


def test_a_period_without_figures_and_a_locked_period_take_comments(db: Engine) -> None:
    lock_period(db, Q2, ADMIN, "closed")
    assert save_comment(db, FINANCE, "1001", "revenue", Q2, "已锁定期间的说明", "").version == 1
    assert save_comment(db, FINANCE, "1001", "revenue", Period(2023, 3), "尚未报送：审计调整中", "").version == 1


def test_hostile_text_is_stored_exactly_and_a_long_one_up_to_the_bound(db: Engine) -> None:
    for i, hostile in enumerate(HOSTILE):
        save_comment(db, FINANCE, "1001", "revenue", Period(2020, 1 + i % 4), hostile, hostile)
    longest = "差" * MAX_CHARS
    save_comment(db, FINANCE, "1002", "revenue", Q2, longest, longest)
    with db.connect() as conn:
        stored = [
            c.comment
            for p in range(2020, 2021)
            for q in range(1, 5)
            for c in comment_history(conn, "1001", "revenue", Period(p, q))
        ]
        assert sorted(stored) == sorted(HOSTILE)
        assert current_comments(conn, Q2)[("1002", "revenue")].measures == longest


def test_a_save_is_audited_without_its_text(db: Engine) -> None:
    save_comment(db, FINANCE, "1001", "revenue", Q2, "订单推迟", "加快交付")
    with db.connect() as conn:
        actor, details = conn.execute(
            select(audit_log.c.actor, audit_log.c.details).where(audit_log.c.action == "comment")
        ).one()
    assert actor == "wang"
    assert json.loads(details) == {
        "unit": "1001",
        "metric": "revenue",
        "period": "2023Q2",
        "version": 1,
        "comment_chars": 4,
        "measures_chars": 4,
    }
