"""Commands that set things up: template, demo (sample database), serve (the web app)."""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from dashboard.auth.accounts import create_user, has_users
from dashboard.cli import Context
from dashboard.i18n import describe
from dashboard.imports import import_files
from dashboard.ingest import ReadOptions
from dashboard.samples import SAMPLE_UNIT_TARGETS, SAMPLE_UNITS, UNIT_TARGET_REASON, UNIT_TARGET_YEAR
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing
from dashboard.storage.repository import NewUnit


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("template", parents=[common], help="write the blank flash-report template (.xlsx)")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument("--with-units", action="store_true", help="prefill the units registered in the database")
    p.set_defaults(handler=cmd_template)
    p = commands.add_parser("demo", parents=[common], help="create a database from the sample data (idempotent)")
    p.set_defaults(handler=cmd_demo)
    p = commands.add_parser("serve", parents=[common], help="start the web app")
    p.add_argument("--port", type=int, default=8501)
    p.add_argument("--demo", action="store_true", help="load the sample data first (same as the demo command)")
    p.set_defaults(handler=cmd_serve)


def cmd_template(args: argparse.Namespace, ctx: Context) -> int:
    from dashboard.ingest.template import build_template

    units = None
    with ctx.engine.connect() as conn:
        metrics = queries.metric_defs(conn)
        if args.with_units:
            units = [(u["code"], u["name_zh"], u["parent_code"]) for u in queries.stored_units(conn).values()]
    Path(args.output).write_bytes(build_template(metrics, units))
    ctx.out(ctx.t("cli.template_written", path=args.output))
    return 0


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    """Import the seeded sample files (a re-run finds them imported already) and set the 2023 targets."""
    from dashboard.samples import SAMPLE_TARGETS, sample_files

    result = import_files(ctx.engine, sample_files(), ReadOptions(), "demo")
    stored = sum(1 for p in result.plans if p.upload_id is not None)
    if result.has_errors:  # e.g. a sample period an admin has locked in this database
        for plan in result.plans:
            for problem in plan.errors:
                ctx.err(describe(problem, ctx.lang, plan.parsed.filename))
        return 2
    with writing(ctx.engine) as conn:
        current = {(r["year"], r["metric"], r["unit_code"]) for r in queries.current_targets(conn)}
        set_now = []
        for target in SAMPLE_TARGETS:
            if (target.year, target.metric, "") not in current:
                repository.add_target_version(
                    conn,
                    year=target.year,
                    metric=target.metric,
                    unit_code="",
                    amount=target.amount,
                    growth_floor=target.growth_floor,
                    base_amount=None,
                    set_by="demo",
                    reason=target.reason,
                )
                set_now.append(target)
        set_now_units = _sample_unit_targets(conn, current)
        _sample_english_names(conn)
    ctx.out(ctx.t("demo.done", url=ctx.url, stored=stored, skipped=len(result.plans) - stored))
    for target in set_now:
        ctx.out(
            ctx.t(
                "demo.targets",
                year=target.year,
                what=f"{target.metric} {target.amount:,} / {target.growth_floor:.0%}",
            )
        )
    if set_now_units:
        ctx.out(ctx.t("demo.unit_targets", year=UNIT_TARGET_YEAR, count=set_now_units))
    _demo_accounts(ctx)
    return 0


DEMO_ACCOUNTS = (
    ("admin", "演示管理员", "admin"),
    ("finance", "演示财务", "finance"),
    ("leader", "演示领导", "executive"),
)


def _demo_accounts(ctx: Context) -> None:
    """On a database without accounts, one account per role with a random password, printed once: there is no
    default password. With accounts already there, say how to sign in or reset a password."""
    with ctx.engine.connect() as conn:
        if has_users(conn):
            ctx.out(ctx.t("demo.accounts_exist"))
            return
    ctx.out(ctx.t("demo.accounts_head"))
    for username, display, role in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(12)
        create_user(ctx.engine, username, display, role, password, None, by="demo")
        ctx.out(ctx.t("demo.account", username=username, password=password, role=ctx.t(f"role.{role}")))


def _sample_english_names(conn: Connection) -> None:
    """The sample files carry Chinese names only; give the sample units their English names where none is set."""
    stored = queries.stored_units(conn)
    missing = [u for u in SAMPLE_UNITS if u.code in stored and not stored[u.code]["name_en"]]
    repository.save_units(
        conn,
        [
            NewUnit(u.code, stored[u.code]["name_zh"], u.name_en, stored[u.code]["parent_code"], stored[u.code]["kind"])
            for u in missing
        ],
    )


def _sample_unit_targets(conn: Connection, current: set[tuple[int, str, str]]) -> int:
    """The sample year's targets cascaded to the units, where none is set; how many were set."""
    count = 0
    for code, amounts in SAMPLE_UNIT_TARGETS.items():
        for metric, amount in zip(("revenue", "profit"), amounts, strict=True):
            if (UNIT_TARGET_YEAR, metric, code) in current:
                continue
            repository.add_target_version(
                conn,
                year=UNIT_TARGET_YEAR,
                metric=metric,
                unit_code=code,
                amount=Decimal(amount) * 10_000,
                growth_floor=None,
                base_amount=None,
                set_by="demo",
                reason=UNIT_TARGET_REASON,
            )
            count += 1
    return count


def cmd_serve(args: argparse.Namespace, ctx: Context) -> int:
    if args.demo:
        cmd_demo(args, ctx)
    app = Path(__file__).resolve().parent.parent / "app.py"
    env = {**os.environ, "DASHBOARD_DATABASE_URL": ctx.url, "DASHBOARD_LANG": ctx.lang}
    ctx.out(ctx.t("serve.start", port=args.port, url=ctx.url))
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(args.port)]
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0
