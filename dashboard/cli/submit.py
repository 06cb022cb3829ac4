"""``submissions``: units' submissions awaiting review (多级上报), and ``import`` by a unit finance account.

``submissions [--state S]`` lists them (a unit finance account: its own, with the reviewer and the reason of a
return); ``submissions confirm ID [--accept-warning CODE]`` shows what changes and stores it (group finance);
``submissions return ID --reason TEXT`` sends it back. Registered by ``dashboard.cli.data``.
"""

from __future__ import annotations

import argparse
import functools
from typing import Any

from dashboard.cli import CliError, Context, Handler, positive_id
from dashboard.i18n import local_time
from dashboard.safe_text import terminal
from dashboard.storage.rows import SubmissionRow
from dashboard.submissions import (
    STATES,
    SubmissionError,
    confirm_submission,
    list_submissions,
    return_submission,
    upload_ids,
)

USER_HELP = "the acting account, whose role is checked (default: DASHBOARD_USER, else the local operator)"


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("submissions", parents=[common], help="units' submissions: list, confirm, return")
    p.add_argument("--state", choices=STATES, help="only submissions in this state")
    p.add_argument("--user", help=USER_HELP)
    p.set_defaults(handler=_errors(cmd_list))
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    listed = actions.add_parser("list", parents=[common], help="the submissions, newest first")
    listed.add_argument("--state", choices=STATES, default=argparse.SUPPRESS, help="only those in this state")
    listed.add_argument("--user", default=argparse.SUPPRESS, help=USER_HELP)
    listed.set_defaults(handler=_errors(cmd_list))
    confirm = actions.add_parser("confirm", parents=[common], help="store a submission's figures (review)")
    confirm.add_argument("submission_id", type=positive_id, metavar="ID")
    accept_warning_option(confirm)
    confirm.add_argument("--user", default=argparse.SUPPRESS, help=USER_HELP)
    confirm.set_defaults(handler=_errors(cmd_confirm))
    back = actions.add_parser("return", parents=[common], help="send a submission back to its unit with a reason")
    back.add_argument("submission_id", type=positive_id, metavar="ID")
    back.add_argument("--reason", required=True, help="why: the unit sees it")
    back.add_argument("--user", default=argparse.SUPPRESS, help=USER_HELP)
    back.set_defaults(handler=_errors(cmd_return))


def accept_warning_option(parser: argparse.ArgumentParser) -> None:
    """``--accept-warning CODE`` (repeatable): of ``import`` and of ``submissions confirm``."""
    parser.add_argument(
        "--accept-warning",
        action="append",
        default=[],
        metavar="CODE",
        help="store although the file has this warning, which otherwise stops it (e.g. amount_scale_suspect)",
    )


def _errors(handler: Handler) -> Handler:
    """A SubmissionError becomes the command line's error (its message, exit code 2); a state is shown in words."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace, ctx: Context) -> int:
        try:
            return handler(args, ctx)
        except SubmissionError as exc:
            raise CliError(exc.code, **exc.shown(ctx.t)) from exc

    return run


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    rows = list_submissions(ctx.engine, ctx.actor, getattr(args, "state", None))
    if not rows:
        ctx.out(ctx.t("submissions.none"))
        return 0
    ctx.out(ctx.t("submissions.head"))
    for row in rows:
        ctx.out(line(ctx, row))
        if row.reason:
            ctx.out(ctx.t("submissions.reason", reason=row.reason))
    return 0


def line(ctx: Context, row: SubmissionRow) -> str:
    """One submission: number, state, when, who, periods, units, figures, reviewer and file name."""
    reviewed = f"{terminal(row.reviewed_by)} {local_time(row.reviewed_at)}" if row.reviewed_at else "-"
    upload = f" → #{row.upload_id}" if row.upload_id else ""
    return (
        f"#{row.id:<4} {ctx.t(f'state.{row.state}')}{upload}  {local_time(row.submitted_at)}  "
        f"{terminal(row.submitted_by)}  {row.periods}  {row.units}  {row.figure_count}  {reviewed}  "
        f"{terminal(row.filename)}"
    )


def cmd_confirm(args: argparse.Namespace, ctx: Context) -> int:
    from dashboard.cli.data import report_batch, report_plan

    accepted = frozenset(args.accept_warning)
    result = confirm_submission(ctx.engine, args.submission_id, ctx.actor, accepted)
    for plan in result.plans:
        report_plan(ctx, plan, preview=not result.stored)
    code = report_batch(ctx, result, dry_run=False)
    if code == 0 and result.stored:
        ctx.out(ctx.t("submissions.confirmed", submission_id=args.submission_id, upload=upload_ids(result)))
    return code


def cmd_return(args: argparse.Namespace, ctx: Context) -> int:
    row = return_submission(ctx.engine, args.submission_id, ctx.actor, args.reason)
    ctx.out(ctx.t("submissions.returned", submission_id=row.id, by=row.submitted_by))
    return 0


def submit(ctx: Context, files: list[tuple[str, bytes]], options: Any, accepted: frozenset[str], dry_run: bool) -> int:
    """``import`` by an account that may submit but not upload (unit finance): its files become submissions."""
    from dashboard.cli.data import report_batch, report_plan
    from dashboard.imports import check_files
    from dashboard.submissions import submit_files

    if dry_run:
        result = check_files(ctx.engine, files, options, ctx.actor)
    else:
        result = submit_files(ctx.engine, files, options, ctx.actor, accepted)
    for plan in result.plans:
        report_plan(ctx, plan, preview=True)
        if plan.submission_id is not None:
            ctx.out(ctx.t("submissions.submitted", submission_id=plan.submission_id, filename=plan.parsed.filename))
    code = report_batch(ctx, result, dry_run)
    if code == 0 and not dry_run and not any(p.submission_id for p in result.plans):
        ctx.out(ctx.t("submissions.nothing"))
    return code
