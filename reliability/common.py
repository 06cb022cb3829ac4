"""What the reliability trials share: a scratch database, distinct workbooks, imports in subprocesses, and the
checks that every stored upload is whole, the database is consistent and every original file is kept."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from dashboard.storage.engine import open_database
from dashboard.storage.tables import figures, stored_files, uploads

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = os.environ.get("DASHBOARD_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
HEADER = [
    "单位编码",
    "单位名称",
    "营业收入（本年累计）",
    "营业收入（上年同期）",
    "利润总额（本年累计）",
    "利润总额（上年同期）",
]


@contextmanager
def scratch_database(backend: str) -> Iterator[str]:
    """A new empty database (SQLite file or PostgreSQL database), migrated, removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="reliability-") as tmp:
            url = f"sqlite:///{tmp}/trials.db"
            open_database(url).dispose()
            yield url
        return
    name = f"dash_reliability_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"
    try:
        open_database(url).dispose()
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def workbook_csv(trial: int, rows: int, stream: int = 0) -> bytes:
    """A distinct valid CSV (its figures depend on ``trial`` and ``stream``) of ``rows`` units for one quarter."""
    year = 2000 + (trial % 20)
    quarter = 1 + (stream % 4)
    lines = [f"报告期：{year}Q{quarter}", "金额单位：万元", ",".join(HEADER)]
    for i in range(rows):
        base = (trial * 7919 + i * 31 + stream * 104729) % 100_000
        lines.append(f"U{stream}{i:05d},单位{stream}-{i},{base}.25,{base // 2},{base % 977}.5,{base % 13}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def start_import(url: str, path: Path) -> subprocess.Popen[bytes]:
    """``python -m dashboard import`` in its own process, as the local operator (stdout and stderr piped)."""
    argv = [sys.executable, "-m", "dashboard", "import", str(path), "--db", url, "--lang", "en"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def integrity_failures(url: str) -> list[str]:
    """Every way the database could be left broken: a half-imported upload (figure rows ≠ figure_count),
    figures of an upload that is not a stored import, an original file missing or not matching its SHA-256,
    and the engine's own check (SQLite integrity_check and foreign_key_check; PostgreSQL constraint queries)."""
    engine = open_database(url)
    failures: list[str] = []
    try:
        with engine.connect() as conn:
            counts = dict(conn.execute(select(figures.c.upload_id, func.count()).group_by(figures.c.upload_id)).all())
            rows = conn.execute(select(uploads.c.id, uploads.c.outcome, uploads.c.sha256, uploads.c.figure_count)).all()
            kept = {
                sha: hashlib.sha256(content).hexdigest()
                for sha, content in conn.execute(select(stored_files.c.sha256, stored_files.c.content))
            }
            known = {r.id for r in rows}
            for r in rows:
                if r.outcome == "stored" and counts.get(r.id, 0) != r.figure_count:
                    failures.append(f"upload {r.id}: {counts.get(r.id, 0)} figure rows, figure_count {r.figure_count}")
                if r.outcome != "stored" and counts.get(r.id, 0):
                    failures.append(f"upload {r.id} ({r.outcome}) has {counts[r.id]} figure rows")
                if r.outcome == "stored" and r.sha256 and kept.get(r.sha256) != r.sha256:
                    failures.append(f"upload {r.id}: original {r.sha256[:12]} missing or altered")
            failures += [f"figures of unknown upload {u}" for u in counts if u not in known]
            failures += _engine_checks(conn, engine.dialect.name)
    finally:
        engine.dispose()
    return failures


def _engine_checks(conn: object, dialect: str) -> list[str]:
    run = conn.exec_driver_sql  # type: ignore[attr-defined]
    if dialect == "sqlite":
        result = [r[0] for r in run("PRAGMA integrity_check").all()]
        fk = run("PRAGMA foreign_key_check").all()
        return ([] if result == ["ok"] else [f"integrity_check: {result[:3]}"]) + [f"foreign key: {r}" for r in fk]
    queries = {
        "duplicate figure versions": "SELECT count(*) FROM (SELECT 1 FROM figures GROUP BY unit_code, year, quarter,"
        " metric, version HAVING count(*) > 1) d",
        "figures without unit": "SELECT count(*) FROM figures f LEFT JOIN units u ON u.code = f.unit_code"
        " WHERE u.code IS NULL",
        "figures without upload": "SELECT count(*) FROM figures f LEFT JOIN uploads u ON u.id = f.upload_id"
        " WHERE u.id IS NULL",
        "unvalidated constraints": "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
        " WHERE n.nspname = 'public' AND NOT c.convalidated",
        "invalid indexes": "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND NOT i.indisvalid",
    }
    return [f"{name}: {n}" for name, sql in queries.items() if (n := run(sql).scalar_one())]


def stored_uploads(url: str) -> int:
    engine = open_database(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).where(uploads.c.outcome == "stored")).scalar_one())
    finally:
        engine.dispose()
