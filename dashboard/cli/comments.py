"""Commands on variance comments (差异说明): ``comment add``, ``comment list`` and ``comment history``.

The texts come from ``--comment``/``--measures``, or from a UTF-8 file (``-`` for standard input). What a person
wrote is printed line by line, indented, with every control character escaped (``safe_text.terminal``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dashboard.cli import CliError, Context
from dashboard.cli.data import USER_HELP, parse_period
from dashboard.comments import MAX_CHARS, CommentError, CommentUnchanged, comment_history, current_comments
from dashboard.comments import save_comment as save
from dashboard.domain import VarianceComment
from dashboard.i18n import local_time
from dashboard.safe_text import json_for_terminal, terminal
from dashboard.status import unit_infos
from dashboard.storage import queries

_MAX_BYTES = MAX_CHARS * 4 + 1024  # a file longer than this holds more than MAX_CHARS characters in any case


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("comment", parents=[common], help="variance comments (差异说明) and measures (措施)")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    a = actions.add_parser("add", parents=[common], help="store a new version of a unit's comment for a period")
    _place(a)
    text = a.add_mutually_exclusive_group()
    text.add_argument("--comment", help="why the unit stands where it does (差异说明)")
    text.add_argument("--comment-file", metavar="FILE", help="read the comment from a UTF-8 file (- = stdin)")
    more = a.add_mutually_exclusive_group()
    more.add_argument("--measures", help="what the unit will do (措施)")
    more.add_argument("--measures-file", metavar="FILE", help="read the measures from a UTF-8 file (- = stdin)")
    a.add_argument("--user", help=USER_HELP)
    a.set_defaults(handler=cmd_add)

    ls = actions.add_parser("list", parents=[common], help="the current comments of a period")
    ls.add_argument("--period", required=True, help="e.g. 2023Q2")
    ls.add_argument("--unit", help="only this unit")
    ls.add_argument("--metric", help="only this metric")
    ls.add_argument("--json", action="store_true", help="as JSON (every field, times in UTC)")
    ls.set_defaults(handler=cmd_list)

    h = actions.add_parser("history", parents=[common], help="every version of one comment, oldest first")
    _place(h)
    h.add_argument("--json", action="store_true", help="as JSON (every field, times in UTC)")
    h.set_defaults(handler=cmd_history)


def _place(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", required=True, help="the unit code, e.g. 1101")
    parser.add_argument("--metric", required=True, help="metric code: revenue, profit, …")
    parser.add_argument("--period", required=True, help="e.g. 2023Q2")


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    if args.comment_file == "-" and args.measures_file == "-":  # standard input can be read once
        raise CliError("cli.bad_argument", prog="dashboard comment add", reason="--comment-file - --measures-file -")
    period = parse_period(args.period)
    comment = _text(args.comment, args.comment_file, "comment")
    measures = _text(args.measures, args.measures_file, "measures")
    try:
        saved = save(ctx.engine, ctx.actor, args.unit, args.metric, period, comment, measures)
    except CommentUnchanged as exc:
        ctx.out(ctx.t(exc.code, **exc.params))
        return 0
    except CommentError as exc:
        raise CliError(exc.code, **exc.params) from exc
    ctx.out(ctx.t("comment.saved", unit=saved.unit_code, metric=saved.metric, period=period, version=saved.version))
    return 0


def _text(given: str | None, path: str | None, field: str) -> str:
    """The text given on the command line, or read from a UTF-8 file or standard input ("-")."""
    if path is None:
        return given or ""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)  # None when stdin was replaced by a text stream
        if stream is not None:
            data = bytes(stream.read(_MAX_BYTES + 1))
        else:
            data = sys.stdin.read(_MAX_BYTES + 1).encode("utf-8", "surrogatepass")
    else:
        if not Path(path).exists():
            raise CliError("cli.no_file", value=path)
        with open(path, "rb") as handle:  # a directory or an unreadable file: OSError, a message from cli.main
            data = handle.read(_MAX_BYTES + 1)
    if len(data) > _MAX_BYTES:
        raise CliError(f"comment.too_long.{field}", chars=f"> {MAX_CHARS}", max=MAX_CHARS)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError("cli.comment_text_bad", path=path) from exc


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    period = parse_period(args.period)
    with ctx.engine.connect() as conn:
        rows = [
            c
            for c in current_comments(conn, period).values()
            if (args.unit is None or c.unit_code == args.unit) and (args.metric is None or c.metric == args.metric)
        ]
        names = _names(conn, ctx.lang)
        metrics = {m.code: m.name(ctx.lang) for m in queries.metric_defs(conn)}
    if args.json:
        return _json(ctx, rows, names)
    if not rows:
        ctx.out(ctx.t("comment.none", period=period))
        return 0
    for row in rows:
        _show(ctx, row, names, metrics)
    return 0


def cmd_history(args: argparse.Namespace, ctx: Context) -> int:
    period = parse_period(args.period)
    with ctx.engine.connect() as conn:
        rows = comment_history(conn, args.unit, args.metric, period)
        names = _names(conn, ctx.lang)
        metrics = {m.code: m.name(ctx.lang) for m in queries.metric_defs(conn)}
    if args.json:
        return _json(ctx, rows, names)
    if not rows:
        ctx.out(ctx.t("comment.none_history", unit=args.unit, metric=args.metric, period=period))
        return 0
    for row in rows:
        _show(ctx, row, names, metrics)
    return 0


def _names(conn: Any, lang: str) -> dict[str, str]:
    """Unit code → its name in the language (the Chinese one when no English name is stored)."""
    return {code: (u.name_zh if lang == "zh" else u.name_en or u.name_zh) for code, u in unit_infos(conn).items()}


def _show(ctx: Context, row: VarianceComment, names: dict[str, str], metrics: dict[str, str]) -> None:
    """A head line, then each line of the comment and of the measures indented (a written line break cannot
    start a line that looks like our own)."""
    ctx.out(
        ctx.t(
            "comment.head",
            unit=row.unit_code,
            name=names.get(row.unit_code, ""),
            metric=metrics.get(row.metric, row.metric),
            period=str(row.period),
            version=row.version,
            by=row.written_by,
            at=local_time(row.written_at),
        )
    )
    for field in ("comment", "measures"):
        value: str = getattr(row, field)
        if value:
            ctx.out(ctx.t(f"comment.label.{field}"))
            for line in value.split("\n"):
                ctx.out("      " + terminal(line))
    ctx.out("")


def _json(ctx: Context, rows: list[VarianceComment], names: dict[str, str]) -> int:
    data = [
        {
            "unit_code": r.unit_code,
            "unit_name": names.get(r.unit_code, ""),
            "metric": r.metric,
            "period": str(r.period),
            "version": r.version,
            "comment": r.comment,
            "measures": r.measures,
            "written_by": r.written_by,
            "written_at": r.written_at.isoformat(),
        }
        for r in rows
    ]
    ctx.out(json_for_terminal(json.dumps(data, ensure_ascii=False, indent=2)))
    return 0
