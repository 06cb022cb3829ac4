"""The migrations build exactly the schema the code declares, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, insert, text

from dashboard.storage.engine import migrate, normalise_url
from dashboard.storage.queries import metric_defs
from dashboard.storage.tables import metadata, targets


def test_migrations_match_the_tables(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_migrating_twice_is_harmless(engine: Engine) -> None:
    migrate(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0005"


def test_default_metrics_are_seeded(engine: Engine) -> None:
    with engine.connect() as conn:
        metrics = metric_defs(conn)
    assert [m.code for m in metrics] == ["revenue", "profit"]
    assert "营业收入（本年累计）" in metrics[0].aliases["ytd"]


def test_floats_are_refused_as_amounts(engine: Engine) -> None:
    with engine.begin() as conn, pytest.raises(Exception, match="Decimal"):
        conn.execute(
            insert(targets).values(
                year=2023,
                metric="revenue",
                unit_code="",
                version=1,
                amount=0.1,
                set_by="x",
                set_at=text("CURRENT_TIMESTAMP"),
            )
        )


def test_sqlite_runs_in_wal_mode(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


def test_postgres_urls_use_psycopg3() -> None:
    assert normalise_url("postgresql://u@h:5432/db").startswith("postgresql+psycopg://")


def test_exact_decimal_round_trip(engine: Engine) -> None:
    from dashboard.storage import queries, repository
    from dashboard.storage.engine import writing

    value = Decimal("98765432109876.123456789")
    with writing(engine) as conn:
        repository.add_target_version(
            conn,
            year=2023,
            metric="profit",
            unit_code="",
            amount=value,
            growth_floor=Decimal("0.05"),
            base_amount=None,
            set_by="t",
            reason="",
        )
    with engine.connect() as conn:
        assert queries.current_targets(conn, 2023)[0].amount == value
