"""The audit log's hash chain on SQLite and PostgreSQL: intact after real changes; an entry edited, deleted or
inserted in SQL is named by ``verify`` and by ``python -m dashboard audit verify``; 0003 chains old entries."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, delete, insert, select, text, update

from dashboard.cli import main
from dashboard.storage import repository
from dashboard.storage.audit_chain import canonical_time, entry_hash, row_hash, verify
from dashboard.storage.engine import MIGRATIONS, make_engine, migrate, writing
from dashboard.storage.tables import audit_log

MOMENT = datetime(2026, 3, 1, 1, 2, 3, 456789, tzinfo=UTC)


def write(engine: Engine, n: int, actor: str = "admin") -> None:
    for i in range(n):
        with writing(engine) as conn:
            repository.audit(conn, actor, "setting", {"name": "STATUS_PACE", "value": f"v{i}", "note": "备注"})


def check(engine: Engine) -> tuple[int, str | None, int | None]:
    with engine.connect() as conn:
        verdict = verify(conn)
    broken = verdict.broken
    return verdict.entries, None if broken is None else broken.problem, None if broken is None else broken.entry_id


def test_an_untouched_chain_is_intact(engine: Engine) -> None:
    assert check(engine) == (0, None, None)
    write(engine, 5)
    assert check(engine) == (5, None, None)
    with engine.connect() as conn:
        rows = conn.execute(select(audit_log).order_by(audit_log.c.id)).mappings().all()
    assert rows[0]["prev_hash"] == "" and all(r["prev_hash"] == p["hash"] for p, r in itertools.pairwise(rows))
    assert all(r["hash"] == row_hash(r) and len(r["hash"]) == 64 for r in rows)


def test_the_same_entry_hashes_the_same_on_both_databases(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repository, "now", lambda: MOMENT)
    with writing(engine) as conn:
        repository.audit(conn, "张伟", "lock", {"period": "2025Q4", "reason": "年报"})
    with engine.connect() as conn:
        row = conn.execute(select(audit_log)).mappings().one()
    assert canonical_time(row["at"]) == "2026-03-01T01:02:03.456789Z"
    # a constant: equal on SQLite and PostgreSQL
    expected = entry_hash(1, MOMENT, "张伟", "lock", '{"period": "2025Q4", "reason": "年报"}', "")
    assert row["hash"] == expected


@pytest.mark.parametrize(
    ("change", "problem", "at"),
    [
        ({"details": '{"name": "STATUS_PACE", "value": "forged"}'}, "audit.edited", 3),
        ({"actor": "someone-else"}, "audit.edited", 3),
        ({"at": datetime(2020, 1, 1, tzinfo=UTC)}, "audit.edited", 3),
        ({"prev_hash": "0" * 64}, "audit.edited", 3),  # the previous hash is hashed too
    ],
)
def test_an_edited_entry_is_named(engine: Engine, change: dict[str, object], problem: str, at: int) -> None:
    write(engine, 5)
    with engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.id == 3).values(**change))
    assert check(engine) == (3, problem, at)


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(engine: Engine) -> None:
    write(engine, 5)
    with engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.id == 3).values(actor="x"))
        row = conn.execute(select(audit_log).where(audit_log.c.id == 3)).mappings().one()
        conn.execute(update(audit_log).where(audit_log.c.id == 3).values(hash=row_hash(row)))
    assert check(engine) == (4, "audit.link", 4)


def test_a_deleted_entry_is_named(engine: Engine) -> None:
    write(engine, 5)
    with engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.id == 2))
    assert check(engine) == (2, "audit.missing", 3)
    with engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.id == 1))
    assert check(engine)[1:] == ("audit.missing", 3)


def test_an_inserted_entry_is_named(engine: Engine) -> None:
    write(engine, 3)
    with engine.begin() as conn:  # appended by hand, with a plausible but made-up hash
        last = conn.execute(select(audit_log.c.hash).where(audit_log.c.id == 3)).scalar_one()
        conn.execute(
            insert(audit_log).values(
                id=4, at=MOMENT, actor="admin", action="lock", details="{}", prev_hash=last, hash="f" * 64
            )
        )
    assert check(engine) == (4, "audit.edited", 4)


def test_audit_outside_a_serialised_write_is_a_programming_error(engine: Engine) -> None:
    with engine.begin() as conn, pytest.raises(RuntimeError, match="writing"):
        repository.audit(conn, "admin", "lock", {})


def test_the_command_verifies_and_names_the_break(
    engine: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write(engine, 4)
    assert main(["--db", db_url, "--lang", "en", "audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("intact, 4 entries.")
    with engine.begin() as conn:
        conn.execute(update(audit_log).where(audit_log.c.id == 2).values(details="{}"))
    assert main(["--db", db_url, "--lang", "en", "audit", "verify"]) == 2
    err = capsys.readouterr().err
    assert "entry #2" in err and "do not match its hash" in err
    assert main(["--db", db_url, "--lang", "zh", "audit", "verify"]) == 2
    assert "第 #2 条" in capsys.readouterr().err


def test_the_command_lists_the_newest_first_with_control_characters_escaped(
    engine: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    write(engine, 3, actor="evil\x1b[31m")
    with writing(engine) as conn:
        repository.audit(conn, "admin", "setting", {"name": "line\nbreak\x1b[2J"})
    assert main(["--db", db_url, "--lang", "en", "audit", "list", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[1].split()[0] == "4" and lines[2].split()[0] == "3"
    assert "\x1b" not in "".join(lines) and "evil" in lines[2]
    with pytest.raises(SystemExit):
        main(["--db", db_url, "audit", "list", "--limit", "0"])


def test_migration_0003_chains_the_existing_entries(db_url: str) -> None:
    engine = make_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.commit()
    with engine.begin() as conn:
        for i in range(3):
            conn.execute(
                text("INSERT INTO audit_log (at, actor, action, details) VALUES (:at, 'admin', 'lock', :d)"),
                {"at": datetime(2025, 1, 1, 8, i, 0, 123456 * i, tzinfo=UTC), "d": f'{{"n": {i}}}'},
            )
    migrate(engine)
    assert check(engine) == (3, None, None)
    write(engine, 2)  # new entries continue the chain
    assert check(engine) == (5, None, None)
    engine.dispose()
