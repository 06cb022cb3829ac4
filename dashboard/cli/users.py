"""``users add|list|password|role|set-units|disable|enable|unlock``: accounts from the server's command line.

The first admin is created here (or on the first-run web page with the setup code)::

    python -m dashboard users add admin --role admin

Passwords are asked twice without echo, or read as one line from standard input with ``--password-stdin``
(for scripts); they are never taken as an argument, which would show in the shell history and process list.
"""

from __future__ import annotations

import argparse
import functools
import getpass
import sys
from typing import Any

from dashboard.auth import accounts
from dashboard.auth.accounts import AccountError
from dashboard.auth.roles import Action
from dashboard.cli import CliError, Context, Handler
from dashboard.i18n import local_time
from dashboard.i18n.numbers import pad
from dashboard.safe_text import terminal


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("users", parents=[common], help="accounts: add, list, password, role, disable, enable")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = _action(actions, common, "add", "create an account (asks for its password twice)", cmd_add)
    add.add_argument("--role", required=True, help="executive, unit_finance, finance or admin")
    add.add_argument("--units", default="", help="unit_finance: the unit codes it reports for, e.g. 1101,1102")
    add.add_argument("--display-name", default="", help="the name shown in the app, e.g. 张伟")
    add.add_argument("--email", help="email address of single sign-on (OpenID Connect)")
    how = add.add_mutually_exclusive_group()
    how.add_argument("--no-password", action="store_true", help="sign-in only through single sign-on")
    how.add_argument("--password-stdin", action="store_true", help="read the password as one line from stdin")
    actions.add_parser("list", parents=[common], help="every account").set_defaults(handler=cmd_list)
    pw = _action(actions, common, "password", "set a new password", cmd_password)
    pw.add_argument("--password-stdin", action="store_true", help="read the password as one line from stdin")
    role = _action(actions, common, "role", "give an account another role", cmd_role)
    role.add_argument("role", metavar="ROLE", help="executive, unit_finance, finance or admin")
    role.add_argument("--units", help="to unit_finance: the unit codes it reports for, e.g. 1101,1102")
    units = _action(actions, common, "set-units", "set the units a unit finance account reports for", cmd_set_units)
    units.add_argument("units", metavar="CODES", help="unit codes, e.g. 1101,1103")
    _action(actions, common, "disable", "disable an account (it can no longer sign in)", cmd_disable)
    _action(actions, common, "enable", "enable a disabled account", cmd_enable)
    _action(actions, common, "unlock", "lift a lock from failed sign-ins (a new password lifts it too)", cmd_unlock)


def _action(actions: Any, common: argparse.ArgumentParser, name: str, summary: str, handler: Handler) -> Any:
    parser = actions.add_parser(name, parents=[common], help=summary)
    parser.add_argument("name", metavar="NAME", help="username")
    parser.add_argument(
        "--user", help="the acting account, whose role is checked (default: DASHBOARD_USER, else the local operator)"
    )
    parser.set_defaults(handler=_account_errors(handler))
    return parser


def _account_errors(handler: Handler) -> Handler:
    """Turn an AccountError into the command line's error: its message, exit code 2."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace, ctx: Context) -> int:
        try:
            return handler(args, ctx)
        except AccountError as exc:
            raise CliError(exc.code, **exc.params) from exc

    return run


def read_password(ctx: Context, username: str, from_stdin: bool) -> str:
    """One line of standard input, or asked twice without echo; empty or different: exit 2, nothing changed."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        try:
            password = getpass.getpass(ctx.t("users.prompt", username=username))
            again = getpass.getpass(ctx.t("users.prompt_again"))
        except (EOFError, KeyboardInterrupt) as exc:
            raise CliError("users.no_password") from exc
        if password != again:
            raise CliError("users.mismatch")
    if not password:
        raise CliError("users.no_password")
    return password


def _existing(ctx: Context, username: str) -> accounts.Account:
    with ctx.engine.connect() as conn:
        account = accounts.get_account(conn, username)
    if account is None:
        raise AccountError("account.unknown", username=username)
    return account


def cmd_add(args: argparse.Namespace, ctx: Context) -> int:
    # Check what can be checked before asking for the password (create_user checks the role again).
    ctx.actor.require(Action.MANAGE_ACCOUNTS)
    name = accounts.normalise_username(args.name)
    accounts.check_role(args.role)
    accounts.normalise_email(args.email)
    with ctx.engine.connect() as conn:
        if accounts.get_account(conn, name) is not None:
            raise AccountError("account.duplicate", username=name)
    password = None if args.no_password else read_password(ctx, name, args.password_stdin)
    account = accounts.create_user(
        ctx.engine, name, args.display_name, args.role, password, args.email, ctx.actor, args.units
    )
    ctx.out(ctx.t("users.added", username=account.username, role=ctx.t(f"role.{account.role}")))
    if account.units:
        ctx.out(ctx.t("users.units_set", username=account.username, units=",".join(sorted(account.units))))
    if not account.has_password:
        ctx.out(ctx.t("users.sso_only"))
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.engine.connect() as conn:
        every = accounts.list_accounts(conn)
    if not every:
        ctx.out(ctx.t("users.none"))
        return 0
    ctx.out(ctx.t("users.head"))
    for a in every:
        ways = [ctx.t("users.by_password")] if a.has_password else []
        if a.email or "@" in a.username:
            ways.append(ctx.t("users.by_sso"))
        cells = [
            pad(terminal(a.username)[:18], 20),
            pad(terminal(a.display_name)[:9], 20),
            pad(ctx.t(f"role.{a.role}"), 10),
            pad(ctx.t("users.active" if a.active else "users.inactive"), 6),
            pad("+".join(ways), 16),
            pad(local_time(a.last_login_at) if a.last_login_at else ctx.t("users.never"), 18),
            a.email or "",
        ]
        if a.units:
            cells.append("  " + ctx.t("users.units", units=",".join(sorted(a.units))))
        ctx.out("".join(cells).rstrip())
    return 0


def cmd_password(args: argparse.Namespace, ctx: Context) -> int:
    ctx.actor.require(Action.MANAGE_ACCOUNTS)  # before asking for the password; set_password checks it again
    account = _existing(ctx, args.name)
    password = read_password(ctx, account.username, args.password_stdin)
    accounts.set_password(ctx.engine, account.username, password, ctx.actor)
    ctx.out(ctx.t("users.password_set", username=account.username))
    return 0


def cmd_role(args: argparse.Namespace, ctx: Context) -> int:
    account = accounts.set_role(ctx.engine, args.name, args.role, ctx.actor, args.units)
    ctx.out(ctx.t("users.role_set", username=account.username, role=ctx.t(f"role.{account.role}")))
    if account.units:
        ctx.out(ctx.t("users.units_set", username=account.username, units=",".join(sorted(account.units))))
    return 0


def cmd_set_units(args: argparse.Namespace, ctx: Context) -> int:
    account = accounts.set_units(ctx.engine, args.name, args.units, ctx.actor)
    ctx.out(ctx.t("users.units_set", username=account.username, units=",".join(sorted(account.units))))
    return 0


def cmd_disable(args: argparse.Namespace, ctx: Context) -> int:
    account = accounts.set_active(ctx.engine, args.name, False, ctx.actor)
    ctx.out(ctx.t("users.disabled", username=account.username))
    return 0


def cmd_enable(args: argparse.Namespace, ctx: Context) -> int:
    account = accounts.set_active(ctx.engine, args.name, True, ctx.actor)
    ctx.out(ctx.t("users.enabled", username=account.username))
    return 0


def cmd_unlock(args: argparse.Namespace, ctx: Context) -> int:
    account = _existing(ctx, args.name)
    had = accounts.unlock_account(ctx.engine, account.username, ctx.actor)
    ctx.out(ctx.t("users.unlocked" if had else "users.not_locked", username=account.username))
    return 0
