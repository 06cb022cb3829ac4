"""The gap report on the command line (shared/spec/gap-report.md):

``report --year 2023 [--as-of 2023Q2] [--unit CODE] --format xlsx|html|pdf|csv [--lang zh|en] -o FILE
[--issue --user NAME]`` builds the report from the read model and writes it (atomically: a temporary file in
the same directory, then renamed; ``-o -`` writes csv or html to standard output); with ``--issue`` it is also
issued (kept byte for byte, ``dashboard.reports.issue``). ``report list``, ``report get ID -o FILE`` and
``report diff ID`` show, fetch and compare the issued reports. The report's language is ``--lang``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from dashboard.analytics.engine import GROUP
from dashboard.auth.roles import Action, Actor
from dashboard.cli import CliError, Context, positive_id, year
from dashboard.cli.data import USER_HELP, parse_period
from dashboard.domain import Period
from dashboard.i18n import local_time, metric_name
from dashboard.reports.build import build_from_storage, write_report
from dashboard.reports.issue import (
    Difference,
    IssuedReport,
    IssueError,
    Version,
    comparison,
    issue_report,
    issued_bytes,
    issued_reports,
    path_words,
)
from dashboard.reports.pdf import PdfUnavailable
from dashboard.reports.writers import FORMATS
from dashboard.safe_text import json_for_terminal, terminal
from dashboard.status import StatusUnavailable, unit_infos
from dashboard.storage import queries
from dashboard.storage.engine import reading

TEXT_FORMATS = ("csv", "html")  # what ``-o -`` may write to standard output


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("report", parents=[common], help="the gap report: build, issue, list, get, diff")
    p.add_argument("--year", type=year, help="the report's year")
    p.add_argument("--as-of", help="the quarter (default: the latest of the year with figures), e.g. 2023Q2")
    p.add_argument("--unit", default=GROUP, help="a unit code: the unit and the units under it (default: the group)")
    p.add_argument("--format", choices=FORMATS, help="xlsx, html, pdf or csv (default: from the -o file name)")
    p.add_argument("-o", "--output", metavar="FILE", help="the file to write; - for standard output (csv, html)")
    p.add_argument("--issue", action="store_true", help="also issue the report: keep its exact bytes, listed")
    p.add_argument("--user", help=USER_HELP)
    p.set_defaults(handler=cmd_build)
    actions = p.add_subparsers(dest="action", required=False, metavar="ACTION")
    listing = actions.add_parser("list", parents=[common], help="the issued reports, newest first")
    listing.add_argument("--year", type=year)
    listing.add_argument("--unit", default=None, help="only this scope (a unit code; '' for the group)")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_list)
    get = actions.add_parser("get", parents=[common], help="an issued report's file, byte for byte")
    get.add_argument("report_id", type=positive_id, metavar="ID")
    get.add_argument("-o", "--output", metavar="FILE", required=True)
    get.set_defaults(handler=cmd_get)
    diff = actions.add_parser("diff", parents=[common], help="what changed from the previous issued report")
    diff.add_argument("report_id", type=positive_id, metavar="ID")
    diff.add_argument("--json", action="store_true")
    diff.set_defaults(handler=cmd_diff)


def cmd_build(args: argparse.Namespace, ctx: Context) -> int:
    if args.year is None:
        raise CliError("report.need_year")
    if not args.output:
        raise CliError("report.need_output")
    fmt = args.format or _format_of(args.output)
    target = _target(args.output, fmt)
    actor = ctx.actor if args.issue or args.user else None
    if args.issue:
        assert actor is not None
        actor.require(Action.ISSUE_REPORT)  # refused before the (slow) build
    as_of = parse_period(args.as_of) if args.as_of else None
    report, version = _build(ctx, args.year, as_of, args.unit, _prepared_by(ctx, actor))
    data = _write_format(ctx, report, fmt)
    if data is None:
        return 2
    issued = None
    if args.issue:  # issued first: a refused issue leaves no file that looks issued; an issued one can be fetched
        assert actor is not None
        try:
            issued = issue_report(ctx.engine, actor, report, fmt, data, built_from=version)
        except IssueError as exc:
            raise CliError(exc.key, **exc.params) from exc
    _save(ctx, target, data)
    if target is not None:
        ctx.out(ctx.t("report.written", path=str(target), size=len(data), format=fmt))
    if issued is not None:
        (ctx.err if target is None else ctx.out)(_issued_line(ctx, issued))
    return 0


def _build(ctx: Context, year_: int, as_of: Period | None, scope: str, prepared_by: str) -> tuple[Any, Version]:
    """The report from one consistent read (``reports.build``), with the data version it was built from."""
    try:
        return build_from_storage(ctx.engine, year_, as_of, scope, lang=ctx.lang, prepared_by=prepared_by)
    except StatusUnavailable as exc:
        raise CliError(exc.code, **exc.params) from exc


def _write_format(ctx: Context, report: Any, fmt: str) -> bytes | None:
    """The report's bytes in ``fmt``; None (after the zh/en message) when the PDF cannot be made here."""
    try:
        return write_report(report, fmt)
    except PdfUnavailable as exc:
        ctx.err(ctx.t(exc.code, **exc.params))
        return None


def _prepared_by(ctx: Context, actor: Actor | None) -> str:
    """The acting account's display name (or username); without --user, the operator's login."""
    if actor is None or actor.username.startswith("system"):
        try:
            return getpass.getuser()
        except Exception:
            return "system"
    from dashboard.auth.accounts import get_account

    with ctx.engine.connect() as conn:
        account = get_account(conn, actor.username)
    return account.name if account is not None else actor.username


def _format_of(output: str) -> str:
    suffix = Path(output).suffix.lower().lstrip(".")
    if output == "-" or suffix not in FORMATS:
        raise CliError("report.need_format")
    return suffix


def _target(output: str, fmt: str) -> Path | None:
    """The file to write, checked before anything is built; None for standard output."""
    if output == "-":
        if fmt not in TEXT_FORMATS:
            raise CliError("report.binary_stdout", format=fmt)
        return None
    path = Path(output)
    if path.is_dir():
        raise CliError("report.is_dir", path=output)
    if not path.parent.is_dir():
        raise CliError("report.no_dir", path=str(path.parent))
    return path


def _save(ctx: Context, target: Path | None, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all: a temporary file beside it, synced, then renamed over
    it. None writes to standard output."""
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _scope(ctx: Context, scope: str) -> str:
    return terminal(scope) if scope else ctx.t("report.group")


def _issued_line(ctx: Context, issued: IssuedReport) -> str:
    return ctx.t(
        "report.issued",
        id=issued.id,
        period=str(issued.period),
        scope=_scope(ctx, issued.scope),
        language=issued.lang,
        format=issued.format,
        sha256=issued.sha256,
        version=issued.data_version,
    )


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    with reading(ctx.engine) as conn:
        found = issued_reports(conn, args.year, args.unit)
    if args.json:
        ctx.out(json_for_terminal(json.dumps([_as_json(r) for r in found], ensure_ascii=False, indent=2)))
        return 0
    if not found:
        ctx.out(ctx.t("report.none"))
        return 0
    ctx.out(ctx.t("report.list_head"))
    for r in found:
        ctx.out(
            f"{r.id:<5} {local_time(r.issued_at):<17} {r.period!s:<7} {_scope(ctx, r.scope)[:10]:<11} {r.lang:<4} "
            f"{r.format:<5} {r.size:>10,}  {r.sha256[:12]:<13} {terminal(r.issued_by)[:10]:<11} {terminal(r.filename)}"
        )
    return 0


def _as_json(r: IssuedReport) -> dict[str, Any]:
    at = r.issued_at.isoformat() if r.issued_at.tzinfo else r.issued_at.isoformat() + "Z"
    return {
        "id": r.id,
        "year": r.year,
        "quarter": r.quarter,
        "scope": r.scope,
        "lang": r.lang,
        "format": r.format,
        "filename": r.filename,
        "size": r.size,
        "sha256": r.sha256,
        "data_version": r.data_version,
        "issued_by": r.issued_by,
        "issued_at": at,
    }


def cmd_get(args: argparse.Namespace, ctx: Context) -> int:
    with reading(ctx.engine) as conn:
        try:
            data = issued_bytes(conn, args.report_id)
        except IssueError as exc:
            raise CliError(exc.key, **exc.params) from exc
    target = None if args.output == "-" else _target(args.output, "")
    _save(ctx, target, data)
    if target is not None:
        ctx.out(ctx.t("report.got", id=args.report_id, path=str(target), size=len(data)))
    return 0


def cmd_diff(args: argparse.Namespace, ctx: Context) -> int:
    with reading(ctx.engine) as conn:
        try:
            issued, previous, found = comparison(conn, args.report_id)
        except IssueError as exc:
            raise CliError(exc.key, **exc.params) from exc
        names = {code: u.name_zh if ctx.lang == "zh" else u.name_en for code, u in unit_infos(conn).items()}
        metrics = queries.metric_defs(conn)
    if args.json:
        shown = {
            "id": issued.id,
            "previous": None if previous is None else previous.id,
            "differences": [{"path": list(d.path), "kind": d.kind, "old": d.old, "new": d.new} for d in found],
        }
        ctx.out(json_for_terminal(json.dumps(shown, ensure_ascii=False, indent=2, default=str)))
        return 0
    if previous is None:
        ctx.out(ctx.t("report.first", id=issued.id, scope=_scope(ctx, issued.scope), language=issued.lang))
        return 0
    ctx.out(
        ctx.t(
            "report.compared",
            id=issued.id,
            period=str(issued.period),
            at=local_time(issued.issued_at),
            by=issued.issued_by,
            prev=previous.id,
            prev_period=str(previous.period),
            prev_at=local_time(previous.issued_at),
            prev_by=previous.issued_by,
        )
    )
    if not found:
        ctx.out(ctx.t("report.no_differences"))
    for d in found:
        ctx.out(_difference_line(ctx, d, names, metrics))
    return 0


def _difference_line(ctx: Context, d: Difference, names: dict[str, str], metrics: Any) -> str:
    """One difference: its path with unit and metric codes named, and the old and new values."""
    metric_names = {m.code: metric_name(m.code, ctx.lang, metrics) for m in metrics}
    path = path_words(d.path, names, metric_names, ctx.lang)
    return ctx.t(f"report.diff_{d.kind}", path=path, old=_value(d.old), new=_value(d.new))


def _value(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
