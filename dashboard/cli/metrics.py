"""Commands on the configured metrics: ``metrics list`` and ``metrics add`` (an admin's job)."""

from __future__ import annotations

import argparse
import re
from typing import Any

from dashboard.cli import CliError, Context
from dashboard.domain import FigureKind, MetricDef, normalise_text
from dashboard.safe_text import terminal
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing

CODE = re.compile(r"[a-z][a-z0-9_]{1,39}")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("metrics", parents=[common], help="list or add the metrics the workbook carries")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    show = actions.add_parser("list", parents=[common], help="the configured metrics and their header aliases")
    show.set_defaults(handler=cmd_list)
    add = actions.add_parser("add", parents=[common], help="add a metric (its columns become optional in uploads)")
    add.add_argument("--code", required=True, help="e.g. net_profit")
    add.add_argument("--zh", required=True, help="Chinese name, e.g. 净利润")
    add.add_argument("--en", required=True, help="English name, e.g. Net profit")
    for kind in FigureKind:
        add.add_argument(
            f"--{kind.value.replace('_', '-')}-alias",
            action="append",
            default=[],
            dest=kind.value,
            help=f"a header of the {kind.value} column (repeatable)",
        )
    add.add_argument("--required", action="store_true", help="every upload must carry this metric")
    add.add_argument("--user")
    add.set_defaults(handler=cmd_add)


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.engine.connect() as conn:
        metrics = queries.metric_defs(conn)
    for m in metrics:
        names = f"{terminal(m.name_zh)} / {terminal(m.name_en)}"
        ctx.out(f"{terminal(m.code):<14} {names}{'' if m.required else '  (optional)'}")
        for kind, aliases in m.aliases.items():
            ctx.out(f"    {kind.value:<10} {' / '.join(terminal(a) for a in aliases)}")
    return 0


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    if not CODE.fullmatch(args.code):
        raise CliError("cli.bad_metric_code", value=args.code)
    aliases = {kind: tuple(getattr(args, kind.value)) for kind in FigureKind if getattr(args, kind.value)}
    if FigureKind.YTD not in aliases and FigureKind.QUARTER not in aliases:
        raise CliError("cli.metric_needs_alias")
    metric = MetricDef(args.code, args.zh, args.en, aliases, required=args.required)
    with writing(ctx.engine) as conn:
        existing = queries.metric_defs(conn)
        if any(m.code == metric.code for m in existing):
            raise CliError("cli.metric_exists", value=metric.code)
        taken = {normalise_text(a): m.code for m in existing for values in m.aliases.values() for a in values}
        for alias in (a for values in aliases.values() for a in values):
            if normalise_text(alias) in taken:
                raise CliError("cli.alias_taken", value=alias, metric=taken[normalise_text(alias)])
        repository.add_metric(conn, metric, position=len(existing) + 1, by=ctx.user)
    ctx.out(ctx.t("metrics.added", code=metric.code, zh=metric.name_zh, en=metric.name_en))
    return 0
