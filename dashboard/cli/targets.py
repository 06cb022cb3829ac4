"""Commands on targets: ``targets set`` and ``targets show`` (amounts in yuan, growth as a fraction)."""

from __future__ import annotations

import argparse
from typing import Any

from dashboard.cli import CliError, Context, year
from dashboard.i18n import local_time
from dashboard.safe_text import terminal
from dashboard.storage import queries
from dashboard.storage.rows import TargetVersionRow
from dashboard.targets import TargetError, TargetRow, current_targets, parse_amount, parse_growth, set_target


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("targets", parents=[common], help="set or show annual targets")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    s = actions.add_parser("set", parents=[common], help="store a new version of a target")
    s.add_argument("--year", type=year, required=True)
    s.add_argument("--metric", required=True, help="metric code: revenue, profit, …")
    s.add_argument("--unit", default="", help="a unit code for a cascaded unit target (default: the group)")
    s.add_argument("--amount", help="absolute target in yuan, e.g. 38000000000")
    s.add_argument("--growth", help="growth floor on the prior full year: 0.05 or 5%%")
    s.add_argument("--base", help="prior full-year actual in yuan (default: stored Q4 of the year before)")
    s.add_argument("--reason", default="", help="why the target is set or changed (kept in the history)")
    s.add_argument(
        "--user", help="the acting account, whose role is checked (default: DASHBOARD_USER, else the local operator)"
    )
    s.set_defaults(handler=cmd_set)
    show = actions.add_parser("show", parents=[common], help="current targets of a year and their history")
    show.add_argument("--year", type=year, required=True)
    show.set_defaults(handler=cmd_show)


def cmd_set(args: argparse.Namespace, ctx: Context) -> int:
    try:
        version = set_target(
            ctx.engine,
            year=args.year,
            metric=args.metric,
            unit_code=args.unit,
            amount=parse_amount(args.amount) if args.amount is not None else None,
            growth_floor=parse_growth(args.growth) if args.growth is not None else None,
            base_amount=parse_amount(args.base) if args.base is not None else None,
            actor=ctx.actor,
            reason=args.reason,
        )
    except TargetError as exc:
        raise CliError(exc.key, **exc.params) from exc
    scope = ctx.t("targets.unit", unit=args.unit) if args.unit else ctx.t("targets.group")
    ctx.out(ctx.t("targets.saved", year=args.year, scope=scope, metric=args.metric, version=version))
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.engine.connect() as conn:
        current = current_targets(conn, args.year)
        history = queries.target_rows(conn, args.year)
    if not current:
        ctx.out(ctx.t("targets.none", year=args.year))
        return 0
    ctx.out(ctx.t("targets.head"))
    for row in history:
        if any(c.unit_code == row.unit_code and c.metric == row.metric and c.version == row.version for c in current):
            ctx.out(_line(ctx, row))
    for target in current:
        _effective_line(ctx, target)
    if len(history) > len(current):
        ctx.out(ctx.t("targets.history"))
        for row in history:
            ctx.out(_line(ctx, row))
    return 0


def _line(ctx: Context, row: TargetVersionRow) -> str:
    scope = terminal(row.unit_code) or ctx.t("targets.group")
    amount = f"{row.amount:,}" if row.amount is not None else "-"
    growth = f"{row.growth_floor:.2%}" if row.growth_floor is not None else "-"
    base = f"{row.base_amount:,}" if row.base_amount is not None else "-"
    return (
        f"{scope:<9} {row.metric:<13} {amount:>22}  {growth:>9}  {base:>22}   v{row.version:<3} "
        f"{terminal(row.set_by)[:10]:<10} {local_time(row.set_at)}  {terminal(row.reason)}"
    )


def _effective_line(ctx: Context, target: TargetRow) -> None:
    """The effective target (max of the amount and base × (1 + g)) and which part binds."""
    scope = target.unit_code or ctx.t("targets.group")
    if target.effective is None:
        ctx.out(ctx.t("targets.no_base", scope=scope, metric=target.metric, year=target.year - 1))
        return
    ctx.out(
        ctx.t(
            "targets.effective",
            scope=scope,
            metric=target.metric,
            value=f"{target.effective:,.2f}",
            binding=ctx.t(f"binding.{target.binding}"),
            base="-" if target.base is None else f"{target.base:,.2f}",
        )
    )
