"""Open the database: SQLite (WAL, a file under data/) by default, or any PostgreSQL URL; migrate it to head."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

MIGRATIONS = Path(__file__).parent / "migrations"
_WRITE_LOCK_KEY = 7_203_118  # PostgreSQL advisory lock that serialises writers across instances
WRITE_WAIT_SECONDS = 10.0  # how long a writer waits for another writer before "busy, try again"


class DatabaseBusy(Exception):
    """Another writer held the write lock for longer than ``WRITE_WAIT_SECONDS``: nothing was written; the
    command line and the pages say "busy, try again" (text ``db.busy``)."""


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and pick the psycopg 3 driver.

    >>> normalise_url("postgres://u@h/db"), normalise_url("sqlite:///data/x.db")
    ('postgresql+psycopg://u@h/db', 'sqlite:///data/x.db')
    """
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str) -> Engine:
    """An engine for the URL, with SQLite set up for WAL, foreign keys and explicit transactions."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": WRITE_WAIT_SECONDS})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (pysqlite's own is unreliable)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writer") else "BEGIN")

    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        conn.commit()


def open_database(url: str) -> Engine:
    """The engine for ``url`` with its schema migrated to head."""
    engine = make_engine(url)
    migrate(engine)
    return engine


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read-only transaction that sees a single consistent state and takes no write lock: a deferred
    BEGIN on SQLite (a WAL snapshot from the first read), REPEATABLE READ READ ONLY on PostgreSQL."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conn.begin() as transaction:
            yield conn
            transaction.rollback()


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, serialised against other writers (BEGIN IMMEDIATE / advisory lock). A writer
    waits at most ``WRITE_WAIT_SECONDS`` for another one, then raises ``DatabaseBusy`` with nothing written."""
    with engine.connect() as conn:
        conn = conn.execution_options(writer=True)
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    _advisory_lock(conn, time.monotonic() + WRITE_WAIT_SECONDS)
                yield conn
        except OperationalError as exc:
            if _is_busy(exc):
                raise DatabaseBusy(str(exc.orig)) from exc
            raise


def _advisory_lock(conn: Connection, deadline: float) -> None:
    """Take the writers' advisory lock for this transaction, polling until the deadline (never blocking
    indefinitely behind a writer that hangs)."""
    delay = 0.005
    while not conn.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK_KEY}).scalar_one():
        if time.monotonic() >= deadline:
            raise DatabaseBusy("write lock held by another writer")
        time.sleep(delay)
        delay = min(delay * 2, 0.1)


def _is_busy(exc: OperationalError) -> bool:
    """SQLite's "database is locked" / "busy" after its timeout; PostgreSQL's lock timeout."""
    message = str(exc.orig).lower()
    return "database is locked" in message or "database is busy" in message or "lock timeout" in message
