"""Migration 0002 (accounts and settings) upgrades a database already in use, and downgrades cleanly."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import insert, inspect, select, text
from sqlalchemy.exc import IntegrityError

from dashboard.storage.engine import MIGRATIONS, make_engine, migrate
from dashboard.storage.tables import app_settings, users


def to(engine: object, revision: str, downgrade: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:  # type: ignore[attr-defined]
        config.attributes["connection"] = conn
        (command.downgrade if downgrade else command.upgrade)(config, revision)
        conn.commit()


def test_upgrade_from_0001_and_back(db_url: str) -> None:
    engine = make_engine(db_url)
    to(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO period_locks VALUES (2023, 1, 'admin', CURRENT_TIMESTAMP, '')"))
    migrate(engine)
    at = datetime.now(UTC)
    row = {"username": "admin", "role": "admin", "created_at": at, "updated_at": at}
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM period_locks")).scalar_one() == 1
        conn.execute(insert(users).values(**row))
        conn.execute(insert(app_settings).values(name="STATUS_PACE", value="seasonal", updated_by="a", updated_at=at))
        stored = conn.execute(select(users)).mappings().one()
    assert stored["active"] is True and stored["display_name"] == "" and stored["password_hash"] is None
    for duplicate in ({**row, "username": "admin"}, {**row, "username": "b", "email": "x@y.z"}):
        with pytest.raises(IntegrityError), engine.begin() as conn:
            if "email" in duplicate:
                conn.execute(insert(users).values(**{**row, "username": "a", "email": "x@y.z"}))
            conn.execute(insert(users).values(**duplicate))
    with engine.begin() as conn:  # several accounts without email are fine
        conn.execute(insert(users).values(**{**row, "username": "c"}))
        conn.execute(insert(users).values(**{**row, "username": "d"}))
    to(engine, "0001", downgrade=True)
    names = set(inspect(engine).get_table_names())
    assert "users" not in names and "app_settings" not in names and "period_locks" in names
    engine.dispose()
