"""Build a gap report from storage, the same way for the command line and the pages: one consistent read of the
read model, the report options from the settings and this period's variance comments, then
``reports.model.build_report``; the data version read in the same transaction goes with it, so that issuing can
refuse a report whose data changed since (``reports.issue``, ``issue.stale``).

A PDF that cannot be made here raises ``reports.pdf.PdfUnavailable`` (its ``code`` and ``params`` are the zh/en
message); callers catch it and offer the other formats.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from sqlalchemy import Engine

from dashboard.analytics.engine import GROUP
from dashboard.comments import current_comments
from dashboard.domain import Period
from dashboard.lineage import load_upload_notes
from dashboard.reports.content import GapReport
from dashboard.reports.model import build_report, options_from_settings
from dashboard.storage import queries
from dashboard.storage.engine import reading

Version = tuple[int, int, int]


def build_from_storage(
    engine: Engine,
    year: int,
    as_of: Period | None,
    scope: str = GROUP,
    *,
    lang: str,
    prepared_by: str,
    narrative: Mapping[str, str] | None = None,
) -> tuple[GapReport, Version]:
    """The report for a year as of a quarter (default: the latest with figures) and a scope, in ``lang``, with
    ``narrative`` (metric code → an edited paragraph) replacing the drafted paragraphs it names; and the data
    version it was built from. Raises ``status.StatusUnavailable`` like ``status --json``."""
    from dashboard import status

    with reading(engine) as conn:
        version = queries.data_version(conn)
        model = status.load_model(conn, year, as_of, scope)
        comments = current_comments(conn, model.as_of)
        sources = load_upload_notes(conn, [u.id for u in model.uploads])
        options = options_from_settings(conn, lang, prepared_by)
    if narrative:
        options = dataclasses.replace(options, narrative=dict(narrative))
    return build_report(model, options, comments, sources), version


def write_report(report: GapReport, fmt: str) -> bytes:
    """The report's file in ``fmt`` (``reports.writers.write``); the PDF writer may raise ``PdfUnavailable``."""
    from dashboard.reports.writers import write

    return write(report, fmt)


def deferred(build: Callable[[], bytes], where: str) -> Callable[[], bytes]:
    """``build`` for ``st.download_button(data=…)``, which calls it on another thread when the button is clicked:
    an unexpected error is logged with a reference (dashboard.errors) before it propagates, so the log has it."""

    def run() -> bytes:
        try:
            return build()
        except Exception as exc:
            from dashboard.errors import report_internal

            report_internal(exc, where)
            raise

    return run
