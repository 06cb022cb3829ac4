"""Who has reported (报送情况) and the units' reporting range: ``coverage --period 2023Q2 [--json] [--today D]``,
``units list``, ``units stop CODE --from 2023Q3 --reason …``, ``units resume CODE`` and
``units expect CODE [--from 2023Q3]``.

``coverage`` needs ``Action.REVIEW`` (group finance, admins: who chases the units); the ``units`` changes need
``Action.SET_TARGETS`` (admins; see ``dashboard.reporting_range``). Exit 0 done, 2 bad input (nothing stored).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from dashboard.auth.roles import Action
from dashboard.cli import CliError, Context
from dashboard.cli.data import USER_HELP, parse_period
from dashboard.coverage import Coverage, coverage, deadline, local_today
from dashboard.i18n import local_time
from dashboard.i18n.numbers import pad
from dashboard.reporting_range import CoverageError, resume_reporting, set_reporting_from, stop_reporting
from dashboard.safe_text import json_for_terminal, terminal
from dashboard.storage import queries
from dashboard.storage.rows import UnitRow


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("coverage", parents=[common], help="who has reported for a period (报送情况 / 催报)")
    p.add_argument("--period", required=True, help="e.g. 2023Q2")
    p.add_argument("--today", help="judge overdue as of this day, YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true", help="as JSON (times in UTC)")
    p.add_argument("--user", help=USER_HELP)
    p.set_defaults(handler=cmd_coverage)

    u = commands.add_parser("units", parents=[common], help="registered units and their reporting range")
    actions = u.add_subparsers(dest="action", required=True, metavar="ACTION")
    ls = actions.add_parser("list", parents=[common], help="codes, names and reporting range")
    ls.add_argument("--json", action="store_true", help="as JSON")
    ls.set_defaults(handler=cmd_list)
    stop = actions.add_parser("stop", parents=[common], help="a unit no longer reports from a period")
    stop.add_argument("code", help="the unit code, e.g. 1101")
    stop.add_argument("--from", dest="from_period", required=True, help="the first period it does not report")
    stop.add_argument("--reason", required=True, help="why (merged, closed, transferred …)")
    stop.add_argument("--user", help=USER_HELP)
    stop.set_defaults(handler=cmd_stop)
    resume = actions.add_parser("resume", parents=[common], help="expect a stopped unit again")
    resume.add_argument("code", help="the unit code")
    resume.add_argument("--user", help=USER_HELP)
    resume.set_defaults(handler=cmd_resume)
    expect = actions.add_parser("expect", parents=[common], help="expect a unit from a period")
    expect.add_argument("code", help="the unit code")
    expect.add_argument("--from", dest="from_period", help="e.g. 2023Q3 (omit: from its first figure again)")
    expect.add_argument("--user", help=USER_HELP)
    expect.set_defaults(handler=cmd_expect)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise CliError("coverage.cli.bad_today", value=text) from exc


def cmd_coverage(args: argparse.Namespace, ctx: Context) -> int:
    period = parse_period(args.period)
    today = parse_day(args.today) if args.today else local_today()
    ctx.actor.require(Action.REVIEW)
    with ctx.engine.connect() as conn:
        result = coverage(conn, period, today)
    if args.json:
        ctx.out(json_for_terminal(json.dumps(result.as_json(), ensure_ascii=False, indent=2)))
        return 0
    show(ctx, result)
    return 0


def show(ctx: Context, result: Coverage) -> None:
    """The summary, the deadline and one line per expected unit."""
    counts = {"reported": len(result.reported), "expected": len(result.expected), "pending": len(result.pending)}
    missing, overdue = len(result.missing), len(result.overdue)
    ctx.out(ctx.t("coverage.summary", period=str(result.period), missing=missing, overdue=overdue, **counts))
    days = (result.deadline - _quarter_end(result)).days
    ctx.out(ctx.t("coverage.deadline", deadline=result.deadline.isoformat(), days=days))
    if not result.units:
        ctx.out(ctx.t("coverage.none_expected", period=str(result.period)))
        return
    ctx.out(_head(ctx.t("coverage.cli.head"), (8, 30, 14, 17, 14, 8)))
    for u in result.units:
        note = ctx.t("coverage.pending_note", id=u.pending_id) if u.pending_id else u.reason
        cells = [
            pad(terminal(u.code), 8),
            pad(terminal(u.name(ctx.lang))[:14], 30),
            pad(ctx.t(f"coverage.state.{u.state}"), 14),
            pad(local_time(u.at) if u.at else "–", 17),
            pad(terminal(u.by) or "–", 14),
            pad(ctx.t("coverage.overdue") if u.overdue else "", 8),
            terminal(note),
        ]
        ctx.out("  " + " ".join(cells).rstrip())


def _head(words: str, widths: tuple[int, ...]) -> str:
    """A header line whose words (separated by two spaces in the text) stand over their columns."""
    names = words.split("  ")
    cells = [pad(n, w) for n, w in zip(names, widths, strict=False)] + names[len(widths) :]
    return "  " + " ".join(cells)


def _quarter_end(result: Coverage) -> date:
    return deadline(result.period, 0)


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.engine.connect() as conn:
        units = list(queries.stored_units(conn).values())
        firsts = queries.first_figure_periods(conn)
    if args.json:
        rows = [_unit_json(u, firsts) for u in units]
        ctx.out(json_for_terminal(json.dumps(rows, ensure_ascii=False, indent=2)))
        return 0
    if not units:
        ctx.out(ctx.t("units.list.none"))
        return 0
    ctx.out(_head(ctx.t("units.list.head"), (8, 30, 12, 22, 8)))
    for u in units:
        first = firsts.get(u.code)
        start = u.reporting_from or (f"{first} ({ctx.t('units.list.first')})" if first else "–")
        name = u.name_en if ctx.lang == "en" and u.name_en else u.name_zh
        cells = [pad(terminal(u.code), 8), pad(terminal(name)[:14], 30), pad(terminal(u.kind), 12), pad(start, 22)]
        ctx.out("  " + " ".join(cells) + f" {pad(u.stopped_from or '–', 8)} {terminal(u.stop_reason)}".rstrip())
    return 0


def _unit_json(u: UnitRow, firsts: dict[str, Any]) -> dict[str, Any]:
    first = firsts.get(u.code)
    return {
        "code": u.code,
        "name": u.name_zh,
        "name_en": u.name_en,
        "parent": u.parent_code,
        "kind": u.kind,
        "reporting_from": u.reporting_from,
        "first_figure": str(first) if first else None,
        "stopped_from": u.stopped_from,
        "stop_reason": u.stop_reason,
    }


def cmd_stop(args: argparse.Namespace, ctx: Context) -> int:
    unit = _change(lambda: stop_reporting(ctx.engine, args.code, args.from_period, args.reason, ctx.actor))
    ctx.out(ctx.t("coverage.stopped", unit=unit.code, period=unit.stopped_from))
    return 0


def cmd_resume(args: argparse.Namespace, ctx: Context) -> int:
    unit = _change(lambda: resume_reporting(ctx.engine, args.code, ctx.actor))
    ctx.out(ctx.t("coverage.resumed", unit=unit.code))
    return 0


def cmd_expect(args: argparse.Namespace, ctx: Context) -> int:
    unit = _change(lambda: set_reporting_from(ctx.engine, args.code, args.from_period, ctx.actor))
    key = "coverage.reporting_set" if unit.reporting_from else "coverage.reporting_cleared"
    ctx.out(ctx.t(key, unit=unit.code, period=unit.reporting_from))
    return 0


def _change(do: Any) -> UnitRow:
    try:
        unit: UnitRow = do()
    except CoverageError as exc:
        raise CliError(exc.code, **exc.params) from exc
    return unit
