"""``audit verify`` and ``audit list [--limit N]``: the tamper-evident audit log from the command line.

``verify`` walks the hash chain (dashboard.storage.audit_chain) and prints "intact, N entries" with the newest
hash (exit 0) — keep that hash elsewhere to catch a rewritten tail later — or names the first broken link: the
entry's id and what differs (exit 2).
"""

from __future__ import annotations

import argparse
from typing import Any

from dashboard.cli import Context
from dashboard.i18n import local_time
from dashboard.safe_text import terminal
from dashboard.storage import queries
from dashboard.storage.audit_chain import verify


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("audit", parents=[common], help="the audit log: verify its hash chain, list entries")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser("verify", parents=[common], help="check that no entry was edited, deleted or added")
    check.set_defaults(handler=cmd_verify)
    show = actions.add_parser("list", parents=[common], help="the newest entries first")
    show.add_argument("--limit", type=_positive, default=50, metavar="N", help="how many entries (default 50)")
    show.set_defaults(handler=cmd_list)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= 1_000_000:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 1000000, not {value!r}")
    return number


def cmd_verify(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.engine.connect() as conn:
        verdict = verify(conn)
    if verdict.broken is None:
        ctx.out(ctx.t("audit.intact", count=verdict.entries, hash=verdict.last_hash or "-"))
        return 0
    broken = verdict.broken
    previous = "-" if broken.previous_id is None else f"#{broken.previous_id}"
    ctx.err(ctx.t(broken.problem, id=broken.entry_id, previous=previous))
    ctx.err(ctx.t("audit.broken_hint", id=broken.entry_id))
    return 2


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.engine.connect() as conn:
        rows = queries.audit_entries(conn, args.limit)
    if not rows:
        ctx.out(ctx.t("audit.empty"))
        return 0
    ctx.out(ctx.t("audit.head"))
    for row in rows:
        at = local_time(row.at, with_seconds=True)
        ctx.out(f"{row.id:>7}  {at}  {terminal(row.actor):<20} {terminal(row.action):<18} {terminal(row.details)}")
    return 0
