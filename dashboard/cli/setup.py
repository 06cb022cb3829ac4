"""Commands that set things up: template, demo (sample database), serve (the web app)."""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

from dashboard.auth.accounts import create_user, has_users
from dashboard.cli import Context
from dashboard.demo import DEMO, create_demo_unit_account, seed_demo
from dashboard.i18n import describe
from dashboard.imports import import_files
from dashboard.ingest import ReadOptions
from dashboard.samples import UNIT_TARGET_YEAR
from dashboard.storage import queries


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
            units = [(u.code, u.name_zh, u.parent_code) for u in queries.stored_units(conn).values()]
    Path(args.output).write_bytes(build_template(metrics, units))
    ctx.out(ctx.t("cli.template_written", path=args.output))
    return 0


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    """Import the seeded sample files (a re-run finds them imported already) and set the 2023 targets, acting as
    the built-in ``demo`` admin."""
    from dashboard.samples import sample_files

    result = import_files(ctx.engine, sample_files(), ReadOptions(), DEMO)
    stored = sum(1 for p in result.plans if p.upload_id is not None)
    if result.has_errors:  # e.g. a sample period an admin has locked in this database
        for plan in result.plans:
            for problem in plan.errors:
                ctx.err(describe(problem, ctx.lang, plan.parsed.filename))
        return 2
    set_now, set_now_units = seed_demo(ctx.engine, DEMO)
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
        create_user(ctx.engine, username, display, role, password, None, DEMO)
        ctx.out(ctx.t("demo.account", username=username, password=password, role=ctx.t(f"role.{role}")))
    password = secrets.token_urlsafe(12)  # a unit finance account (多级上报): units 1101 and 1102 submit for review
    username = create_demo_unit_account(ctx.engine, password)
    ctx.out(ctx.t("demo.account", username=username, password=password, role=ctx.t("role.unit_finance")))


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
