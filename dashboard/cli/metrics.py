"""Commands on the configured metrics: ``metrics list`` and ``metrics add`` (an admin's job)."""

from __future__ import annotations

import argparse
from typing import Any

from dashboard.cli import CliError, Context
from dashboard.domain import FigureKind, MetricDef
from dashboard.metrics import MetricError, add_metric
from dashboard.safe_text import terminal
from dashboard.storage import queries


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
    add.add_argument("--user", help="the acting account (default: DASHBOARD_USER, else the local operator)")
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
    aliases = {kind: tuple(getattr(args, kind.value)) for kind in FigureKind if getattr(args, kind.value)}
    metric = MetricDef(args.code, args.zh, args.en, aliases, required=args.required)
    try:
        add_metric(ctx.engine, metric, ctx.actor)
    except MetricError as exc:
        raise CliError(exc.key, **exc.params) from exc
    ctx.out(ctx.t("metrics.added", code=metric.code, zh=metric.name_zh, en=metric.name_en))
    return 0
