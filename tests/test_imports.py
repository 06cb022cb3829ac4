"""The upload workflow on a real database (SQLite and PostgreSQL): store, version, refuse, revert, lock."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from sqlalchemy import Engine, select, text

from dashboard.auth.roles import Actor
from dashboard.domain import Period
from dashboard.imports import import_files, revert_upload
from dashboard.ingest import ReadOptions
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing
from dashboard.storage.tables import figures, stored_files, uploads
from tests.workbooks import TOTAL, UNITS, flash

OPTIONS = ReadOptions()
ADMIN = Actor("admin", "admin")


def figure_rows(engine: Engine) -> list[tuple[object, ...]]:
    """The figures table, byte for byte as the database returns it."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(figures).order_by(figures.c.id))]


Q2 = Period(2023, 2)


def current(engine: Engine, period: Period = Q2) -> dict[tuple[str, str], Decimal | None]:
    with engine.connect() as conn:
        return {(k[0], k[2]): f.ytd for k, f in queries.current_figures(conn, [period]).items()}


def test_stored_group_sum_equals_written_sum(engine: Engine) -> None:
    result = import_files(engine, [("q2.xlsx", flash())], OPTIONS, Actor("finance", "finance"))
    assert result.stored and result.plans[0].upload_id == 1
    stored = current(engine)
    revenue = sum((v for (_, m), v in stored.items() if m == "revenue" and v is not None), Decimal(0))
    assert revenue == Decimal("31348100")  # 3,134.81 万元 as written in the 合计 row
    assert stored[("1001", "profit")] == Decimal("-123000")


def test_amounts_survive_the_database_to_the_last_digit(engine: Engine) -> None:
    """More digits than a float holds, and more decimals than cents: stored and read back unchanged."""
    rows = [["1001", "集团本部", "123456789012.3456789", 1, "0.000001", 1]]
    import_files(
        engine,
        [("q2.xlsx", flash(rows=rows, meta=[["报告期：2023Q2", "金额单位：元"]]))],
        OPTIONS,
        Actor("f", "finance"),
    )
    stored = current(engine)
    assert stored[("1001", "revenue")] == Decimal("123456789012.3456789")
    assert stored[("1001", "profit")] == Decimal("0.000001")


def test_reimport_of_the_same_file_changes_nothing(engine: Engine) -> None:
    data = flash()  # the same bytes (openpyxl stamps the save time, so a second flash() may differ)
    import_files(engine, [("q2.xlsx", data)], OPTIONS, Actor("finance", "finance"))
    before = figure_rows(engine)
    again = import_files(engine, [("renamed.xlsx", data)], OPTIONS, Actor("someone else", "finance"))
    duplicate = again.plans[0].duplicate_of
    assert duplicate is not None and duplicate.upload is not None and duplicate.upload.id == 1
    assert figure_rows(engine) == before
    with engine.connect() as conn:
        assert conn.execute(select(uploads.c.id)).all() == [(1,)]


def test_original_file_is_kept_by_hash(engine: Engine) -> None:
    data = flash()
    import_files(engine, [("q2.xlsx", data)], OPTIONS, Actor("finance", "finance"))
    with engine.connect() as conn:
        content = conn.execute(
            select(stored_files.c.content).where(stored_files.c.sha256 == hashlib.sha256(data).hexdigest())
        )
        assert content.scalar_one() == data


def test_a_correction_is_a_new_version_and_the_old_one_stays(engine: Engine) -> None:
    import_files(engine, [("q2.xlsx", flash())], OPTIONS, Actor("finance", "finance"))
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    second = import_files(engine, [("q2-fix.xlsx", flash(rows=rows))], OPTIONS, Actor("finance", "finance"))
    plan = second.plans[0]
    assert (plan.count("changed"), plan.count("unchanged")) == (1, 5)
    assert current(engine)[("1002", "revenue")] == Decimal("21002500")
    with engine.connect() as conn:
        versions = queries.figure_history(conn, "1002", Period(2023, 2))
    assert [(f.metric, f.version, f.ytd) for f in versions if f.metric == "revenue"] == [
        ("revenue", 1, Decimal("20002500")),
        ("revenue", 2, Decimal("21002500")),
    ]


def test_revert_makes_an_earlier_upload_current_as_a_new_version(engine: Engine) -> None:
    import_files(engine, [("q2.xlsx", flash())], OPTIONS, Actor("finance", "finance"))
    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    import_files(engine, [("q2-fix.xlsx", flash(rows=rows))], OPTIONS, Actor("finance", "finance"))
    result = revert_upload(engine, 1, ADMIN)
    assert result.upload_id == 3 and result.restored == 1 and not result.problems
    assert current(engine)[("1002", "revenue")] == Decimal("20002500")
    with engine.connect() as conn:
        assert len(queries.figure_history(conn, "1002")) == 5  # nothing deleted
    assert revert_upload(engine, 1, ADMIN).upload_id is None  # already current: nothing to do
    assert [p.code for p in revert_upload(engine, 99, ADMIN).problems] == ["unknown_upload"]


def test_bad_workbook_changes_no_figure_and_is_logged(engine: Engine) -> None:
    import_files(engine, [("q2.xlsx", flash())], OPTIONS, Actor("finance", "finance"))
    before = figure_rows(engine)
    rows = [list(r) for r in UNITS]
    rows[0][2] = "#REF!"
    result = import_files(engine, [("bad.xlsx", flash(rows=rows))], OPTIONS, Actor("finance", "finance"))
    assert not result.stored and result.has_errors
    assert figure_rows(engine) == before
    with engine.connect() as conn:
        log = queries.upload_log(conn)
    assert log[0].outcome == "rejected" and '"cell": "C4"' in log[0].problems
    assert "message_zh" in log[0].problems and "message_en" in log[0].problems


def test_a_batch_is_all_or_nothing(engine: Engine) -> None:
    rows = [list(r) for r in UNITS]
    rows[0][2] = "abc"
    result = import_files(
        engine, [("good.xlsx", flash()), ("bad.xlsx", flash(rows=rows))], OPTIONS, Actor("f", "finance")
    )
    assert not result.stored and all(p.upload_id is None for p in result.plans)
    assert figure_rows(engine) == []


def test_dry_run_stores_nothing(engine: Engine) -> None:
    result = import_files(engine, [("q2.xlsx", flash())], OPTIONS, Actor("f", "finance"), dry_run=True)
    assert not result.stored and result.plans[0].count("new") == 6
    assert figure_rows(engine) == []
    with engine.connect() as conn:
        assert queries.upload_log(conn) == []


def test_single_quarter_figures_become_year_to_date(engine: Engine) -> None:
    import_files(
        engine,
        [("q1.xlsx", flash(title=None, meta=[["报告期：2023Q1", "金额单位：万元"]]))],
        OPTIONS,
        Actor("f", "finance"),
    )
    header = ["单位编码", "单位名称", "营业收入（本季）", "利润总额（本季）"]
    q2 = flash(header=header, rows=[["1001", "集团本部", 100, 1]], title=None)
    result = import_files(engine, [("q2.xlsx", q2)], OPTIONS, Actor("f", "finance"))
    assert result.stored, result.plans[0].problems
    assert current(engine)[("1001", "revenue")] == Decimal("12345600") + Decimal("1000000")
    with engine.connect() as conn:
        figure = queries.current_figures(conn, [Period(2023, 2)])[("1001", Period(2023, 2), "revenue")]
    assert figure.source == "quarter" and figure.source_cell == "快报!C3"


def test_single_quarter_without_the_earlier_quarter_is_an_error(engine: Engine) -> None:
    header = ["单位编码", "单位名称", "营业收入（本季）", "利润总额（本季）"]
    result = import_files(
        engine, [("q2.xlsx", flash(header=header, rows=[["1001", "A", 100, 1]]))], OPTIONS, Actor("f", "finance")
    )
    errors = result.plans[0].errors
    assert [p.code for p in errors] == ["missing_earlier_quarter"] * 2 and errors[0].cell == "C4"
    assert figure_rows(engine) == []


def test_a_batch_q1_then_single_quarter_q2_works(engine: Engine) -> None:
    q1 = flash(title=None, meta=[["报告期：2023Q1", "金额单位：万元"]])
    header = ["单位编码", "单位名称", "营业收入（本季）", "利润总额（本季）"]
    q2 = flash(header=header, rows=[["1001", "集团本部", 100, 1]], title=None)
    assert import_files(engine, [("q1.xlsx", q1), ("q2.xlsx", q2)], OPTIONS, Actor("f", "finance")).stored


def test_restated_prior_year_is_kept_and_flagged(engine: Engine) -> None:
    last_year = flash(
        title=None,
        meta=[["报告期：2022Q2", "金额单位：万元"]],
        rows=[["1002", "精密制造有限公司", 1800, 1, 1, 1]],
    )
    import_files(engine, [("2022q2.xlsx", last_year)], OPTIONS, Actor("f", "finance"))
    result = import_files(engine, [("q2.xlsx", flash())], OPTIONS, Actor("f", "finance"))
    assert result.stored
    restated = [p for p in result.plans[0].problems if p.code == "restated_prior"]
    assert len(restated) == 1 and restated[0].cell == "D5"
    with engine.connect() as conn:
        figure = queries.current_figures(conn, [Period(2023, 2)])[("1002", Period(2023, 2), "revenue")]
    assert figure.prior_ytd == Decimal("19000000")  # as reported with 2023Q2, not the stored 18,000,000


def test_locked_period_refuses_imports_and_reverts(engine: Engine) -> None:
    import_files(engine, [("q2.xlsx", flash())], OPTIONS, Actor("finance", "finance"))
    before = figure_rows(engine)
    with writing(engine) as conn:
        assert repository.lock_period(conn, Period(2023, 2), "admin", "closed")
        assert not repository.lock_period(conn, Period(2023, 2), "admin", "again")
    rows = [list(r) for r in UNITS]
    rows[1][2] = 1
    result = import_files(engine, [("q2-fix.xlsx", flash(rows=[*rows, TOTAL]))], OPTIONS, Actor("finance", "finance"))
    assert [p.code for p in result.plans[0].errors] == ["period_locked"]
    assert [p.code for p in revert_upload(engine, 1, ADMIN).problems] == ["period_locked"]
    assert figure_rows(engine) == before
    with writing(engine) as conn:
        assert repository.unlock_period(conn, Period(2023, 2), "admin", "reopen for correction")
    assert import_files(engine, [("q2-fix.xlsx", flash(rows=rows))], OPTIONS, Actor("finance", "finance")).stored


def test_stale_preview_is_refused(engine: Engine) -> None:
    import_files(engine, [("q2.xlsx", flash())], OPTIONS, Actor("finance", "finance"))
    result = import_files(
        engine,
        [("q3.xlsx", flash(title=None, meta=[["报告期：2023Q3", "金额单位：万元"]]))],
        OPTIONS,
        Actor("finance", "finance"),
        expected_state=0,
    )
    assert result.stale is not None and not result.stored


def test_unit_rename_is_a_warning_and_updates_the_name(engine: Engine) -> None:
    import_files(engine, [("q2.xlsx", flash())], OPTIONS, Actor("finance", "finance"))
    rows = [list(r) for r in UNITS]
    rows[1][1] = "精密制造股份有限公司"
    result = import_files(engine, [("q2b.xlsx", flash(rows=rows))], OPTIONS, Actor("finance", "finance"))
    assert [p.code for p in result.plans[0].warnings] == ["name_changed"]
    with engine.connect() as conn:
        assert queries.stored_units(conn)["1002"].name_zh == "精密制造股份有限公司"


def test_targets_are_versioned_with_who_and_why(engine: Engine) -> None:
    with writing(engine) as conn:
        for amount in (Decimal("38000000000"), Decimal("39000000000")):
            repository.add_target_version(
                conn,
                year=2023,
                metric="revenue",
                unit_code="",
                amount=amount,
                growth_floor=Decimal("0.05"),
                base_amount=None,
                set_by="admin",
                reason="board",
            )
    with engine.connect() as conn:
        assert [r.version for r in queries.target_rows(conn, 2023)] == [1, 2]
        (now,) = queries.current_targets(conn, 2023)
        assert now.amount == Decimal("39000000000") and now.growth_floor == Decimal("0.05")
        assert now.set_by == "admin" and now.reason == "board"
        assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 2


def test_concurrent_imports_from_two_instances_serialise(db_url: str) -> None:
    """Two app instances (two engines) importing at once: both stored, versions 1 and 2, nothing lost."""
    from concurrent.futures import ThreadPoolExecutor

    from dashboard.storage.engine import open_database

    rows = [list(r) for r in UNITS]
    rows[1][2] = 2100.25
    files = [("a.xlsx", flash()), ("b.xlsx", flash(rows=rows))]
    engines = [open_database(db_url), open_database(db_url)]
    with ThreadPoolExecutor(2) as pool:
        results = list(
            pool.map(lambda i: import_files(engines[i], [files[i]], OPTIONS, Actor(f"instance{i}", "finance")), (0, 1))
        )
    assert all(r.stored for r in results)
    with engines[0].connect() as conn:
        versions = sorted(f.version for f in queries.figure_history(conn, "1002") if f.metric == "revenue")
    assert versions == [1, 2]
    for engine in engines:
        engine.dispose()


def test_year_to_date_and_quarter_columns_that_disagree_warn(engine: Engine) -> None:
    import_files(
        engine,
        [("q1.xlsx", flash(title=None, meta=[["报告期：2023Q1", "金额单位：万元"]]))],
        OPTIONS,
        Actor("f", "finance"),
    )
    header = ["单位编码", "单位名称", "营业收入（本年累计）", "营业收入（本季）", "利润总额（本年累计）"]
    q2 = flash(header=header, rows=[["1001", "集团本部", 2000, 700, 5]], title=None)  # 1,234.56 + 700 ≠ 2,000
    result = import_files(engine, [("q2.xlsx", q2)], OPTIONS, Actor("f", "finance"))
    assert result.stored and [p.code for p in result.plans[0].warnings] == ["quarter_ytd_mismatch"]
    assert current(engine)[("1001", "revenue")] == Decimal("20000000")  # year to date wins
