"""Issuing gap reports (shared/spec/gap-report.md, "Issuing"): a report that is sent is *issued* — its exact bytes
kept by SHA-256 in ``stored_files`` with who issued it, when, for which period, scope and language, in which
format and from which data version. An issued report can be read back byte for byte (the hash is checked on
the way out) and compared with the report issued before it for the same scope.

Workflow module: ``issue_report`` checks the actor's role itself (``Action.ISSUE_REPORT``: finance and admin)
and owns its transaction. Errors are ``IssueError`` with a text key (dashboard.i18n) and its parameters; nothing
is stored on an error.

"Previous" means the report issued last before this one for the same scope **and the same language**, whatever
its period or format: the format only lays out the same content, but a report's summary may carry texts in its
language (names, the edited narrative), so comparing a Chinese report with an English one would list every such
text as changed. The Chinese reports sent up and the English ones sent elsewhere are two series.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, Engine

from dashboard.auth.roles import Action, Actor
from dashboard.reports.content import GapReport
from dashboard.reports.writers import FORMATS
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing
from dashboard.storage.queries import IssuedReport
from dashboard.storage.repository import NewIssuedReport

__all__ = [
    "Difference",
    "IssueError",
    "IssuedReport",
    "Version",
    "comparison",
    "differences",
    "issue_report",
    "issued_bytes",
    "issued_reports",
    "version_text",
]

Version = tuple[int, int, int]  # queries.data_version


class IssueError(Exception):
    """A report that cannot be issued or read back: ``key`` names the message, ``params`` fill it."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params = key, params


@dataclass(frozen=True, slots=True)
class Difference:
    """One value that differs between two issued reports' summaries.

    ``path`` is the chain of keys in the summary (``("headline", "revenue", "ytd_actual")``,
    ``("units", "U01", "profit", "status")``, ``("comments", "U01|revenue")``); ``kind`` is "changed", "added"
    (only in the newer report) or "removed" (only in the older one), with ``old``/``new`` None where absent.
    """

    path: tuple[str, ...]
    kind: str
    old: Any
    new: Any

    @property
    def section(self) -> str:
        """The summary's top-level key: "headline", "units", "comments", …"""
        return self.path[0] if self.path else ""


def version_text(version: Version) -> str:
    """The stored form of a data version.

    >>> version_text((12, 3, 40))
    '12.3.40'
    """
    return ".".join(str(part) for part in version)


def issue_report(
    engine: Engine, actor: Actor, report: GapReport, fmt: str, data: bytes, *, built_from: Version | None = None
) -> IssuedReport:
    """Keep ``data`` (the report written in ``fmt``) as an issued report; returns the stored record.

    Needs ``Action.ISSUE_REPORT``. One transaction: the bytes go to ``stored_files`` (once per SHA-256), a row to
    ``issued_reports`` with the report's period, scope, language and summary and the current data version, and an
    audit entry ``report_issue``. ``built_from``, when given, is the data version the report was built from: if
    figures, targets or settings changed since, nothing is stored (``issue.stale``: build it again)."""
    actor.require(Action.ISSUE_REPORT)
    if fmt not in FORMATS:
        raise IssueError("issue.bad_format", value=fmt, known=", ".join(FORMATS))
    if not data:
        raise IssueError("issue.empty")
    model = report.model
    digest = hashlib.sha256(data).hexdigest()
    with writing(engine) as conn:
        version = queries.data_version(conn)
        if built_from is not None and tuple(built_from) != version:
            raise IssueError("issue.stale")
        repository.keep_file(conn, digest, data)
        new = NewIssuedReport(
            year=model.year,
            quarter=model.quarter,
            scope=model.scope,
            lang=report.lang,
            format=fmt,
            sha256=digest,
            size=len(data),
            filename=f"{report.filename}.{fmt}",
            data_version=version_text(version),
            summary=_jsonable(report.summary),
            issued_by=actor.username,
        )
        report_id = repository.add_issued_report(conn, new)
        issued = queries.issued_report_row(conn, report_id)
    assert issued is not None
    return issued


def issued_reports(conn: Connection, year: int | None = None, scope: str | None = None) -> list[IssuedReport]:
    """The issued reports, newest first; optionally only of a year and/or a scope ("" = the group)."""
    return queries.issued_report_rows(conn, year, scope)


def issued_report(conn: Connection, report_id: int) -> IssuedReport:
    """One issued report; ``issue.not_found`` when there is none with this id."""
    issued = queries.issued_report_row(conn, report_id)
    if issued is None:
        raise IssueError("issue.not_found", id=report_id)
    return issued


def issued_bytes(conn: Connection, report_id: int) -> bytes:
    """The issued report's file, byte for byte. Its SHA-256 and size are checked against the record; a file that
    does not match is refused (``issue.corrupt``), never handed out."""
    issued = issued_report(conn, report_id)
    content = queries.stored_file(conn, issued.sha256)
    if content is None or len(content) != issued.size or hashlib.sha256(content).hexdigest() != issued.sha256:
        raise IssueError("issue.corrupt", id=report_id, sha256=issued.sha256)
    return content


def comparison(conn: Connection, report_id: int) -> tuple[IssuedReport, IssuedReport | None, list[Difference]]:
    """The issued report, the one issued before it for the same scope and language (None for the first), and
    the differences between their summaries (old → new; empty for the first)."""
    issued = issued_report(conn, report_id)
    previous = queries.previous_issued_row(conn, issued)
    if previous is None:
        return issued, None, []
    return issued, previous, list(diff_summaries(previous.summary, issued.summary))


def differences(conn: Connection, report_id: int) -> list[Difference]:
    """What changed from the report issued before this one for the same scope and language: headline figures,
    statuses per unit and metric, comments added, changed or removed (whatever the summary holds). Empty for
    the first report of its scope."""
    return comparison(conn, report_id)[2]


def diff_summaries(old: Any, new: Any, path: tuple[str, ...] = ()) -> Iterator[Difference]:
    """Every leaf that differs between two JSON values, walking nested dicts key by key; lists and scalars are
    compared whole (numbers by value: 1, 1.0 and "1.00" as Decimal text are equal).

    >>> old = {"headline": {"revenue": {"ytd_actual": "100"}}, "comments": {"U1|revenue": "a"}}
    >>> new = {"headline": {"revenue": {"ytd_actual": "120.0"}}, "comments": {"U2|revenue": "b"}}
    >>> [(d.path, d.kind, d.old, d.new) for d in diff_summaries(old, new)]  # doctest: +NORMALIZE_WHITESPACE
    [(('comments', 'U1|revenue'), 'removed', 'a', None), (('comments', 'U2|revenue'), 'added', None, 'b'),
     (('headline', 'revenue', 'ytd_actual'), 'changed', '100', '120.0')]
    """
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in sorted(set(old) | set(new), key=str):
            here = (*path, str(key))
            if key not in new:
                yield Difference(here, "removed", old[key], None)
            elif key not in old:
                yield Difference(here, "added", None, new[key])
            else:
                yield from diff_summaries(old[key], new[key], here)
    elif not _same(old, new):
        yield Difference(path, "changed", old, new)


def _same(old: Any, new: Any) -> bool:
    if old == new:
        return True
    a, b = _number(old), _number(new)
    return a is not None and b is not None and a == b


def _number(value: Any) -> Decimal | None:
    """A number or numeric text as a Decimal (None for anything else, booleans included)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _jsonable(value: Any) -> Any:
    """The summary as plain JSON data (Decimals as exact text, tuples as lists), so what is stored and what is
    compared later are the same values."""
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def path_words(path: tuple[str, ...], units: Mapping[str, str], metrics: Mapping[str, str], lang: str) -> str:
    """A difference's path for people: metric codes by name, unit codes as "name（code）".

    >>> path_words(("units", "U01", "profit", "status"), {"U01": "一公司"}, {"profit": "利润总额"}, "zh")
    'units / 一公司（U01） / 利润总额 / status'
    """
    words = []
    for part in path:
        if part in metrics:
            words.append(metrics[part])
        elif part in units:
            name = units[part] or part
            words.append(f"{name}（{part}）" if lang == "zh" else f"{name} ({part})")
        else:
            words.append(part)
    return " / ".join(words)
