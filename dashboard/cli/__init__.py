"""The command line: ``python -m dashboard COMMAND`` (also installed as ``dashboard``).

Every command takes ``--db URL`` and ``--lang zh|en``. Exit codes: 0 done, 2 bad input (nothing stored).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard import config
from dashboard.auth.roles import Actor, Forbidden
from dashboard.i18n import default_lang, t
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
        self.user: str = getattr(args, "user", None) or config.get("USER") or _login()
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
        return t(key, self.lang, **params)

    def out(self, text: str = "") -> None:
        print(text)

    def err(self, text: str) -> None:
        print(text, file=sys.stderr)


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "cli"


def build_parser() -> argparse.ArgumentParser:
    from dashboard.cli import data, metrics, setup, status, targets, users

    parser = argparse.ArgumentParser(
        prog="dashboard", description="Annual-target tracking dashboard", parents=[_common(None)]
    )
    # Subcommands take the same options; SUPPRESS keeps a value given before the subcommand from being reset.
    common = _common(argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (data, status, targets, metrics, users, setup):
        module.register(commands, common)
    return parser


def _common(default: Any) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
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
    """Run a command; bad input gets a message in the chosen language and exit code 2, never a traceback."""
    args = build_parser().parse_args(argv)
    ctx = Context(args)
    handler: Handler = args.handler
    try:
        return handler(args, ctx)
    except CliError as exc:
        ctx.err(ctx.t(exc.key, **exc.params))
        return 2
    except Forbidden as exc:
        ctx.err(ctx.t(exc.code, action=ctx.t(f"action.{exc.action.value}")))
        return 2
    except DatabaseBusy:
        ctx.err(ctx.t("db.busy"))
        return 2
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        ctx.err(ctx.t("cli.database", url=_masked(ctx.url), reason=reason))
        return 2
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _masked(url: str) -> str:
    """Hide a password in a URL before printing it."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url
