"""Commands on figures: import, history, revert, lock, unlock."""

from __future__ import annotations

import argparse
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from dashboard import config
from dashboard.auth.roles import Action
from dashboard.cli import CliError, Context, positive_id, submit
from dashboard.domain import EXACT, AmountUnit, Period, amount_unit_from_text
from dashboard.i18n import describe, local_time, metric_name
from dashboard.imports import BatchResult, UploadPlan, import_files, revert_upload
from dashboard.ingest import ReadOptions
from dashboard.lineage import Lineage, Version, how_text, lineages
from dashboard.locks import lock_period, unlock_period
from dashboard.safe_text import terminal
from dashboard.storage import queries

MAX_CHANGE_LINES = 40
USER_HELP = "the acting account, whose role is checked (default: DASHBOARD_USER, else the local operator)"


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("import", parents=[common], help="check and store flash-report workbooks")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--period", help="the period, when the file does not state it (e.g. 2023Q2)")
    p.add_argument("--amount-unit", help="the amount unit, when the file does not state it (元/千元/万元/百万元/亿元)")
    p.add_argument("--user", help=USER_HELP)
    p.add_argument("--dry-run", action="store_true", help="check and preview only; store nothing")
    submit.accept_warning_option(p)
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser("history", parents=[common], help="the upload log, or a unit's figure versions")
    p.add_argument("--period", help="only uploads touching this period (e.g. 2023Q2)")
    p.add_argument("--unit", help="show every version of this unit's figures")
    p.set_defaults(handler=cmd_history)

    p = commands.add_parser("revert", parents=[common], help="make an earlier upload's figures current again")
    p.add_argument("upload_id", type=positive_id, metavar="UPLOAD_ID")
    p.add_argument("--reason", default="", help="why (kept with the revert; each figure's lineage shows it)")
    p.add_argument("--user", help=USER_HELP)
    p.set_defaults(handler=cmd_revert)

    submit.register(commands, common)  # issue 11: units' submissions (多级上报)

    for name, handler in (("lock", cmd_lock), ("unlock", cmd_unlock)):
        p = commands.add_parser(name, parents=[common], help=f"{name} a closed period")
        p.add_argument("period", metavar="PERIOD")
        p.add_argument("--reason", default="")
        p.add_argument("--user", help=USER_HELP)
        p.set_defaults(handler=handler)


def parse_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise CliError("cli.bad_period", value=text) from exc


def parse_amount_unit(text: str) -> AmountUnit:
    unit = amount_unit_from_text(text)
    if unit is None:
        raise CliError("cli.bad_unit", value=text)
    return unit


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    files = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            raise CliError("cli.no_file", value=name)
        files.append((path.name, path.read_bytes()))
    options = ReadOptions(
        period=parse_period(args.period) if args.period else None,
        amount_unit=parse_amount_unit(args.amount_unit) if args.amount_unit else None,
        max_bytes=config.upload_max_bytes(),
    )
    accepted = frozenset(args.accept_warning)
    if not ctx.actor.may(Action.UPLOAD) and ctx.actor.may(Action.SUBMIT):  # unit finance: a submission for review
        return submit.submit(ctx, files, options, accepted, args.dry_run)
    result = import_files(ctx.engine, files, options, ctx.actor, dry_run=args.dry_run, accepted=accepted)
    for plan in result.plans:
        report_plan(ctx, plan, preview=args.dry_run)
    return report_batch(ctx, result, args.dry_run)


def report_batch(ctx: Context, result: BatchResult, dry_run: bool) -> int:
    if result.stale is not None:
        ctx.err(ctx.t("import.stale"))
        return 2
    bad = sum(1 for p in result.plans if p.errors)
    if bad:
        ctx.err(ctx.t("import.rejected", bad=bad, total=len(result.plans)))
        return 2
    if result.blocked:
        codes = sorted(result.blocked)
        flags = " ".join(f"--accept-warning {c}" for c in codes)
        ctx.err(ctx.t("import.needs_ack", codes=", ".join(codes), flags=flags))
        return 2
    if dry_run:
        ctx.out(ctx.t("import.dry_run"))
    return 0


def report_plan(ctx: Context, plan: UploadPlan, preview: bool) -> None:
    parsed = plan.parsed
    duplicate = plan.duplicate_of
    if duplicate is not None and duplicate.upload is None:
        ctx.out(ctx.t("import.duplicate_in_batch", filename=parsed.filename, first=duplicate.in_batch))
        return
    if duplicate is not None and duplicate.upload is not None:
        d = duplicate.upload
        at = local_time(d.uploaded_at)
        ctx.out(ctx.t("import.duplicate", filename=parsed.filename, at=at, by=d.uploaded_by, upload_id=d.id))
        return
    for problem in parsed.problems:
        line = describe(problem, ctx.lang, parsed.filename)
        (ctx.err if problem.is_error else ctx.out)(terminal(line))
    if plan.errors:
        return
    periods = ",".join(str(p) for p in parsed.periods)
    if preview or plan.upload_id is None:
        _preview(ctx, plan, periods)
    else:
        ctx.out(
            ctx.t(
                "import.stored",
                upload_id=plan.upload_id,
                units=len(plan.units),
                figures=len(plan.figures),
                periods=periods,
            )
        )


def _preview(ctx: Context, plan: UploadPlan, periods: str) -> None:
    parsed = plan.parsed
    ctx.out(
        ctx.t(
            "import.file_head",
            filename=parsed.filename,
            sheet=parsed.sheet,
            row=parsed.header_row,
            periods=periods,
        )
    )
    new = (
        ctx.t("import.new_units", count=len(plan.new_unit_codes), codes=", ".join(plan.new_unit_codes))
        if plan.new_unit_codes
        else ""
    )
    ctx.out(ctx.t("import.units", count=len(plan.units), new=new))
    counts = {s: plan.count(s) for s in ("new", "changed", "unchanged")}
    ctx.out(ctx.t("import.figures", count=len(plan.figures), **counts))
    ctx.out(ctx.t("import.sums"))
    sums: dict[tuple[Period, str], Decimal] = defaultdict(Decimal)
    for f in plan.figures:
        if f.ytd is not None:
            sums[(f.period, f.metric)] = EXACT.add(sums[(f.period, f.metric)], f.ytd)
    for (period, metric), total in sorted(sums.items()):
        ctx.out(f"    {period}  {metric_name(metric, ctx.lang):<18} {total:>24,}")
    changed = [c for c in plan.changes if c.status == "changed"]
    if changed:
        ctx.out(ctx.t("import.changes"))
        for c in changed[:MAX_CHANGE_LINES]:
            ctx.out(
                ctx.t(
                    "change.line",
                    period=c.period,
                    unit=c.unit_code,
                    metric=metric_name(c.metric, ctx.lang),
                    old=_amount(c.old_ytd),
                    new=_amount(c.new_ytd),
                    old_prior=_amount(c.old_prior),
                    new_prior=_amount(c.new_prior),
                )
            )
        if len(changed) > MAX_CHANGE_LINES:
            ctx.out(ctx.t("import.more", count=len(changed) - MAX_CHANGE_LINES))


def _amount(value: Decimal | None) -> str:
    return "-" if value is None else f"{value:,}"


def cmd_history(args: argparse.Namespace, ctx: Context) -> int:
    period = parse_period(args.period) if args.period else None
    with ctx.engine.connect() as conn:
        if args.unit:
            return _unit_history(ctx, conn, args.unit, period)
        log = queries.upload_log(conn, period)
    if not log:
        ctx.out(ctx.t("history.none"))
        return 0
    ctx.out(ctx.t("history.head"))
    for u in log:
        ctx.out(
            f"{u.id:<5} {local_time(u.uploaded_at, with_seconds=True)}   {u.action:<8} {u.outcome:<8} "
            f"{terminal(u.uploaded_by)[:12]:<13} {u.periods[:15]:<15} {u.figure_count:>5}  "
            f"{terminal(u.filename)}"
        )
    return 0


def _unit_history(ctx: Context, conn: Any, unit: str, period: Period | None) -> int:
    """Every version of the unit's figures (* = current) with where it came from: how (imported, converted from a
    single quarter, restored and why), sheet!cell, the file, who and when."""
    if unit not in queries.stored_units(conn):
        raise CliError("cli.unknown_unit_code", value=unit)
    years = [period.year] if period else sorted({f.period.year for f in queries.figure_history(conn, unit)})
    ctx.out(ctx.t("history.versions", unit=unit))
    for year in years:
        found = lineages(queries.figure_versions(conn, unit, year, period=period))
        for key in sorted(found, key=lambda k: (k[0], k[1])):
            for v in reversed(found[key].versions):  # oldest first, as before
                _version_lines(ctx, found[key], v)
    return 0


def _version_lines(ctx: Context, lineage: Lineage, v: Version) -> None:
    ctx.out(
        ctx.t(
            "history.version_line",
            mark="*" if v.current else " ",
            period=lineage.period,
            metric=metric_name(lineage.metric, ctx.lang),
            version=v.version,
            ytd=_amount(v.ytd),
            prior=_amount(v.prior_ytd),
            upload=v.upload.upload_id,
            cell=terminal(v.cell) or ctx.t("lineage.no_cell"),
        )
    )
    ctx.out(
        ctx.t(
            "lineage.cli.source",
            how=terminal(how_text(v.how, v.upload, ctx.lang)),
            file=terminal(v.upload.filename),
            by=terminal(v.upload.uploaded_by),
            at=local_time(v.upload.uploaded_at, with_seconds=True),
        )
    )


def cmd_revert(args: argparse.Namespace, ctx: Context) -> int:
    result = revert_upload(ctx.engine, args.upload_id, ctx.actor, args.reason)
    for problem in result.problems:
        ctx.err(describe(problem, ctx.lang))
    if result.problems:
        return 2
    if result.upload_id is None:
        ctx.out(ctx.t("revert.nothing", source=args.upload_id))
    else:
        ctx.out(ctx.t("revert.done", source=args.upload_id, count=result.restored, upload_id=result.upload_id))
    return 0


def cmd_lock(args: argparse.Namespace, ctx: Context) -> int:
    period = parse_period(args.period)
    done = lock_period(ctx.engine, period, ctx.actor, args.reason)
    ctx.out(ctx.t("lock.done" if done else "lock.already", period=period))
    return 0


def cmd_unlock(args: argparse.Namespace, ctx: Context) -> int:
    period = parse_period(args.period)
    done = unlock_period(ctx.engine, period, ctx.actor, args.reason)
    ctx.out(ctx.t("unlock.done" if done else "unlock.not_locked", period=period))
    return 0
