"""Variance comments (差异说明) and their measures (措施): finance's word on why a unit's metric stands where it
does in a period and what the unit will do about it. Shared by ``comment add|list|history`` on the command line,
the Units page, and the gap report (which receives ``current_comments``).

One comment per unit, metric and period, versioned: each save stores a new version with who and when, never
overwriting an earlier one; the newest version is the current comment. Saving needs ``Action.COMMENT`` (finance,
admin); executives read. Each save is one short write transaction, audited as ``comment``.

What a save is checked against (a refusal is a ``CommentError`` with a text key of dashboard.i18n; nothing is
stored then):

- the unit must be registered and the metric configured: a comment on a code nobody knows would never be shown;
- the period must be a reporting period a workbook may name (``ingest.periods`` MIN_YEAR–MAX_YEAR). It need
  *not* have figures for the unit: a comment may explain why a unit has not reported yet, and finance may write
  it before or after the upload — the report lists unreported units and shows their comment beside them;
- a locked period is allowed: the lock makes its figures final, and comments are what explains final figures
  (they are usually written after the close). The lock still stops every change to the figures;
- at least one of the two texts must say something; each at most ``MAX_CHARS`` characters after line endings
  are made ``\\n`` and the outer blanks are trimmed; line breaks and tabs are kept, every other control
  character, the bidi overrides and the line separators are refused (``safe_text.control_character``): they
  could reverse or hide text on a page, a terminal or in the report; so are lone surrogates (the undecodable
  bytes of a command-line argument), which no database can store;
- a save identical to the current version stores nothing and raises ``CommentUnchanged`` (which carries the
  current version), so that the caller can say so.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine

from dashboard import safe_text
from dashboard.auth.roles import Action, Actor
from dashboard.domain import Period, VarianceComment
from dashboard.ingest.periods import MAX_YEAR, MIN_YEAR
from dashboard.storage import queries, repository
from dashboard.storage.engine import writing

MAX_CHARS = 2000  # per text: a paragraph or two, what fits beside a unit in the report
FIELDS = ("comment", "measures")


class CommentError(Exception):
    """A comment that cannot be stored: ``code`` names the text (dashboard.i18n), ``params`` fill it."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


class CommentUnchanged(CommentError):
    """The save says exactly what the current version says: nothing was stored. ``current`` is that version."""

    def __init__(self, current: VarianceComment) -> None:
        super().__init__("comment.unchanged", version=current.version, by=current.written_by)
        self.current = current


def clean_text(text: str, field: str) -> str:
    """A comment's text as it is stored: line endings made ``\\n``, outer blanks trimmed; refused (CommentError
    ``comment.control.<field>`` / ``comment.too_long.<field>``) with a control character other than a line break
    or a tab, a bidi override, or more than MAX_CHARS characters.

    >>> clean_text("  原因：销量下降\\r\\n\\t措施见下  ", "comment")
    '原因：销量下降\\n\\t措施见下'
    >>> for bad in ("a\\u202eb", "\\udcff", "x" * 2001):
    ...     try:
    ...         clean_text(bad, "measures")
    ...     except CommentError as exc:
    ...         print(exc.code, exc.params)
    comment.control.measures {'char': 'U+202E'}
    comment.control.measures {'char': 'U+DCFF'}
    comment.too_long.measures {'chars': 2001, 'max': 2000}
    """
    try:
        return safe_text.clean_text(text, MAX_CHARS, required=False)
    except safe_text.TextProblem as exc:  # "control" or "too_long"
        raise CommentError(f"comment.{exc.kind}.{field}", **exc.params) from exc


def save_comment(
    engine: Engine,
    actor: Actor,
    unit_code: str,
    metric: str,
    period: Period,
    comment: str,
    measures: str = "",
) -> VarianceComment:
    """Store a new version of the unit's comment and measures on ``metric`` for ``period``; returns it.

    Needs ``Action.COMMENT`` (else ``Forbidden``); refusals are ``CommentError`` (see the module), a save equal to
    the current version raises ``CommentUnchanged``. Nothing is stored in either case."""
    actor.require(Action.COMMENT)
    texts = {"comment": clean_text(comment, "comment"), "measures": clean_text(measures, "measures")}
    if not any(texts.values()):
        raise CommentError("comment.empty")
    if not MIN_YEAR <= period.year <= MAX_YEAR:
        raise CommentError("comment.period_range", period=str(period), min=MIN_YEAR, max=MAX_YEAR)
    code = unit_code.strip()
    with writing(engine) as conn:
        _check_place(conn, code, metric)
        history = queries.comment_versions(conn, period, code, metric)
        if history and (history[-1].comment, history[-1].measures) == (texts["comment"], texts["measures"]):
            raise CommentUnchanged(history[-1])
        return repository.add_variance_comment(
            conn,
            unit_code=code,
            metric=metric,
            period=period,
            comment=texts["comment"],
            measures=texts["measures"],
            written_by=actor.username,
        )


def _check_place(conn: Connection, unit_code: str, metric: str) -> None:
    """Refuse a unit that is not registered or a metric that is not configured."""
    if unit_code not in queries.stored_units(conn):
        raise CommentError("comment.unknown_unit", value=unit_code)
    known = [m.code for m in queries.metric_defs(conn)]
    if metric not in known:
        raise CommentError("comment.unknown_metric", value=metric, known=", ".join(known))


def current_comments(conn: Connection, period: Period) -> dict[tuple[str, str], VarianceComment]:
    """The current (newest) comment of each unit and metric for the period, keyed (unit_code, metric)."""
    return {(c.unit_code, c.metric): c for c in queries.current_comment_rows(conn, period)}


def comment_history(conn: Connection, unit_code: str, metric: str, period: Period) -> list[VarianceComment]:
    """Every version of the unit's comment on the metric for the period, oldest first (the last is current)."""
    return queries.comment_versions(conn, period, unit_code, metric)


def previous_comment(conn: Connection, unit_code: str, metric: str, period: Period) -> VarianceComment | None:
    """The current comment of the nearest earlier period that has one (2023Q1 looks at 2022Q4, then further
    back), shown while this period's is written so that progress on last period's measures can be said."""
    return queries.latest_comment_before(conn, unit_code, metric, period)
