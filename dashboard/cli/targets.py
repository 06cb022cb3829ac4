"""Commands on targets: ``targets set`` and ``targets show`` (amounts in yuan, growth as a fraction)."""

from __future__ import annotations

import argparse
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from dashboard.analytics.formulas import effective_target
from dashboard.cli import CliError, Context
from dashboard.domain import Period
from dashboard.i18n import local_time
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("targets", parents=[common], help="set or show annual targets")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    s = actions.add_parser("set", parents=[common], help="store a new version of a target")
    s.add_argument("--year", type=int, required=True)
    s.add_argument("--metric", required=True, help="metric code: revenue, profit, …")
    s.add_argument("--unit", default="", help="a unit code for a cascaded unit target (default: the group)")
    s.add_argument("--amount", help="absolute target in yuan, e.g. 38000000000")
    s.add_argument("--growth", help="growth floor on the prior full year: 0.05 or 5%%")
    s.add_argument("--base", help="prior full-year actual in yuan (default: stored Q4 of the year before)")
    s.add_argument("--reason", default="", help="why the target is set or changed (kept in the history)")
    s.add_argument("--user")
    s.set_defaults(handler=cmd_set)
    show = actions.add_parser("show", parents=[common], help="current targets of a year and their history")
    show.add_argument("--year", type=int, required=True)
    show.set_defaults(handler=cmd_show)


def parse_yuan(text: str) -> Decimal:
    """``38,000,000,000`` or ``38000000000`` → Decimal yuan.

    >>> parse_yuan("38,000,000,000")
    Decimal('38000000000')
    """
    try:
        value = Decimal(unicodedata.normalize("NFKC", text).replace(",", "").strip())
    except InvalidOperation as exc:
        raise CliError("cli.bad_amount", value=text) from exc
    if not value.is_finite():
        raise CliError("cli.bad_amount", value=text)
    return value


def parse_growth(text: str) -> Decimal:
    """``0.05`` or ``5%`` → Decimal('0.05'); a bare number above 1 is refused as ambiguous.

    >>> parse_growth("5%"), parse_growth("0.05")
    (Decimal('0.05'), Decimal('0.05'))
    """
    folded = unicodedata.normalize("NFKC", text).strip()
    percent = folded.endswith("%")
    try:
        value = Decimal(folded.rstrip("%").strip())
    except InvalidOperation as exc:
        raise CliError("cli.bad_growth", value=text) from exc
    if not value.is_finite():
        raise CliError("cli.bad_growth", value=text)
    if percent:
        return value / 100
    if abs(value) > 1:
        raise CliError("cli.growth_ambiguous", value=text)
    return value


def cmd_set(args: argparse.Namespace, ctx: Context) -> int:
    if args.amount is None and args.growth is None:
        raise CliError("cli.target_empty")
    amount = parse_yuan(args.amount) if args.amount is not None else None
    growth = parse_growth(args.growth) if args.growth is not None else None
    base = parse_yuan(args.base) if args.base is not None else None
    with writing(ctx.engine) as conn:
        known = [m.code for m in queries.metric_defs(conn)]
        if args.metric not in known:
            raise CliError("cli.unknown_metric", value=args.metric, known=", ".join(known))
        if args.unit and args.unit not in queries.stored_units(conn):
            raise CliError("cli.unknown_unit_code", value=args.unit)
        version = repository.add_target_version(
            conn,
            year=args.year,
            metric=args.metric,
            unit_code=args.unit,
            amount=amount,
            growth_floor=growth,
            base_amount=base,
            set_by=ctx.user,
            reason=args.reason,
        )
    scope = ctx.t("targets.unit", unit=args.unit) if args.unit else ctx.t("targets.group")
    ctx.out(ctx.t("targets.saved", year=args.year, scope=scope, metric=args.metric, version=version))
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.engine.connect() as conn:
        current = queries.current_targets(conn, args.year)
        history = queries.target_rows(conn, args.year)
        last_q4 = queries.current_figures(conn, [Period(args.year - 1, 4)])
    bases: dict[tuple[str, str], Decimal] = {}
    for (unit, _, metric), figure in last_q4.items():
        if figure.ytd is not None:
            for scope in ("", unit):  # the group's base is the sum of its units
                bases[(scope, metric)] = bases.get((scope, metric), Decimal(0)) + figure.ytd
    if not current:
        ctx.out(ctx.t("targets.none", year=args.year))
        return 0
    ctx.out(ctx.t("targets.head"))
    for row in current:
        ctx.out(_line(ctx, row))
    for row in current:
        _effective_line(ctx, row, bases)
    if len(history) > len(current):
        ctx.out(ctx.t("targets.history"))
        for row in history:
            ctx.out(_line(ctx, row))
    return 0


def _line(ctx: Context, row: dict[str, Any]) -> str:
    scope = row["unit_code"] or ctx.t("targets.group")
    amount = f"{row['amount']:,}" if row["amount"] is not None else "-"
    growth = f"{row['growth_floor']:.2%}" if row["growth_floor"] is not None else "-"
    base = f"{row['base_amount']:,}" if row["base_amount"] is not None else "-"
    return (
        f"{scope:<9} {row['metric']:<13} {amount:>22}  {growth:>9}  {base:>22}   v{row['version']:<3} "
        f"{row['set_by'][:10]:<10} {local_time(row['set_at'])}  {row['reason']}"
    )


def _effective_line(ctx: Context, row: dict[str, Any], bases: dict[tuple[str, str], Decimal]) -> None:
    """The effective target (max of the amount and base × (1 + g)) and which part binds."""
    base = row["base_amount"] if row["base_amount"] is not None else bases.get((row["unit_code"], row["metric"]))
    scope = row["unit_code"] or ctx.t("targets.group")
    try:
        value, binding = effective_target(row["amount"], row["growth_floor"], base)
    except ValueError:
        ctx.out(ctx.t("targets.no_base", scope=scope, metric=row["metric"], year=row["year"] - 1))
        return
    ctx.out(
        ctx.t(
            "targets.effective",
            scope=scope,
            metric=row["metric"],
            value=f"{value:,.2f}",
            binding=ctx.t(f"binding.{binding}"),
            base="-" if base is None else f"{base:,.2f}",
        )
    )
