"""The command line: ``python -m dashboard COMMAND`` (also installed as ``dashboard``).

Every command takes ``--db URL`` and ``--lang zh|en``. Exit codes: 0 done, 2 bad input (nothing stored).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard import config
from dashboard.auth.roles import Actor, Forbidden
from dashboard.errors import report_internal
from dashboard.i18n import default_lang, t
from dashboard.safe_text import terminal, terminal_lines
from dashboard.settings_store import setting_problem
from dashboard.storage.engine import DatabaseBusy, open_database

Handler = Callable[[argparse.Namespace, "Context"], int]


class CliError(Exception):
    """A bad argument: ``key`` names the message in dashboard.i18n.text."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


class Context:
    """What every command needs: the language, the user, and the database (opened on first use)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.lang: str = args.lang or default_lang()
        self.url: str = args.db or config.get("DATABASE_URL")
        self._named: str | None = getattr(args, "user", None) or config.get("USER") or None
        self._engine: Engine | None = None
        self._actor: Actor | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = open_database(self.url)
        return self._engine

    @property
    def actor(self) -> Actor:
        """Who acts (dashboard.cli.actor): the account named by --user / DASHBOARD_USER, else the local operator."""
        if self._actor is None:
            from dashboard.cli.actor import UnknownActor, resolve_actor

            try:
                self._actor = resolve_actor(self.engine, self._named)
            except UnknownActor as exc:
                raise CliError("cli.unknown_actor", value=exc.name) from exc
        return self._actor

    def t(self, key: str, **params: Any) -> str:
        """A text in the chosen language; every text parameter (a name, a file name, a reason: text from a file
        or a person) has its control characters escaped for the terminal."""
        return t(key, self.lang, **{k: _shown(v) for k, v in params.items()})

    def out(self, text: str = "") -> None:
        print(terminal_lines(text))

    def err(self, text: str) -> None:
        print(terminal_lines(text), file=sys.stderr)


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors (English only) followed by a line in both languages; exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        shown = terminal(message)
        lines = [t("cli.bad_argument", lang, prog=self.prog, reason=shown) for lang in ("zh", "en")]
        self.exit(2, terminal_lines("\n".join(lines)) + "\n")


def year(text: str) -> int:
    """An argparse type: a reporting year, in the range a workbook's period may name (``ingest.periods``)."""
    from dashboard.ingest.periods import MAX_YEAR, MIN_YEAR

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise argparse.ArgumentTypeError(
            f"“{text}” 不是 {MIN_YEAR}–{MAX_YEAR} 之间的年份 / '{text}' is not a year from {MIN_YEAR} to {MAX_YEAR}"
        )
    return value


def positive_id(text: str) -> int:
    """An argparse type: a record id, 1 to 2⁶³ − 1 (what every database's integer column holds)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"“{text}” 不是有效的编号 / '{text}' is not a valid number (1, 2, 3 …)")
    return value


def build_parser() -> argparse.ArgumentParser:
    from dashboard.cli import audit, comments, coverage, data, metrics, report, setup, status, targets, users

    parser = _Parser(prog="dashboard", description="Annual-target tracking dashboard", parents=[_common(None)])
    # Subcommands take the same options; SUPPRESS keeps a value given before the subcommand from being reset.
    common = _common(argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (data, status, targets, metrics, users, setup, audit, comments, report, coverage):
        module.register(commands, common)
    return parser


def _common(default: Any) -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL (default: DASHBOARD_DATABASE_URL or data/dashboard.db)",
    )
    common.add_argument(
        "--lang", choices=("zh", "en"), default=default, help="language of messages (default: from the environment)"
    )
    return common


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; bad input gets a message in the chosen language and exit code 2, never a traceback; an
    unexpected error is an internal error with a reference to the log (dashboard.errors), exit code 1."""
    args = build_parser().parse_args(argv)
    lang = args.lang or default_lang()
    problems = _settings_problems(args, lang)
    if problems:
        for problem in problems:
            print(terminal_lines(problem), file=sys.stderr)
        return 2
    ctx = Context(args)
    handler: Handler = args.handler
    try:
        return handler(args, ctx)
    except CliError as exc:
        ctx.err(ctx.t(exc.key, **exc.params))
        return 2
    except config.SettingInvalid as exc:
        ctx.err(setting_problem(exc, ctx.lang))
        return 2
    except Forbidden as exc:
        ctx.err(ctx.t(exc.code, action=ctx.t(f"action.{exc.action.value}")))
        return 2
    except DatabaseBusy:
        ctx.err(ctx.t("db.busy"))
        return 2
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        ctx.err(ctx.t("cli.database", url=terminal(_masked(ctx.url)), reason=terminal(reason)))
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a file or directory named on the command line (or in --db) that cannot be used
        where = terminal(str(exc.filename or ""))
        ctx.err(ctx.t("cli.os_error", path=where, reason=terminal(exc.strerror or type(exc).__name__)))
        return 2
    except Exception as exc:  # a programming error: a reference for the log, never a traceback
        ctx.err(ctx.t("cli.internal", ref=report_internal(exc, f"command {args.command}")))
        return 1


def _shown(value: Any) -> Any:
    return terminal(value) if isinstance(value, str) else value


def _settings_problems(args: argparse.Namespace, lang: str) -> list[str]:
    """Start-up check: every setting the environment or secrets.toml gives (except those the arguments give
    instead), and ``--db`` itself; the messages name the setting, the value and what is allowed."""
    skip = tuple(name for name, given in (("DATABASE_URL", args.db), ("USER", getattr(args, "user", None))) if given)
    problems = [setting_problem(p, lang) for p in config.check_all(skip)]
    if args.db and config.validate("DATABASE_URL", args.db) is not None:
        problems.append(t("cli.bad_db", lang, url=terminal(_masked(args.db))))
    return problems


def _masked(url: str) -> str:
    """Hide a password in a URL before printing it."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url
