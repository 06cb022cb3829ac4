"""The upload flow's steps: check files (a dry run), show the problems or the preview, store on confirmation.

Checking takes no write lock (``imports.check_files``); the preview remembers the state it was checked at, and
storing it is refused as stale if anything was stored since. "Database busy" is a try-again message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.auth.roles import Action, Actor
from dashboard.domain import AMOUNT_UNITS, Period
from dashboard.i18n import local_time, metric_name
from dashboard.imports import BatchResult, RevertResult, UploadPlan, check_files, revert_upload, store_checked
from dashboard.ingest import ReadOptions
from dashboard.storage import queries
from dashboard.storage.engine import DatabaseBusy
from dashboard.ui import data
from dashboard.ui.names import unit_names
from dashboard.ui.session import bound_text, engine, flash, lang, require, text
from dashboard.ui.tables import changes_table, problems_table

PREVIEW_KEY = "upload.preview"


@dataclass(frozen=True)
class Preview:
    files: tuple[tuple[str, bytes], ...]
    fingerprint: str  # of the files and options: a changed selection needs a new check
    options: ReadOptions
    state: int  # queries.stored_state when checked (the state token)
    result: BatchResult


def fingerprint(files: list[tuple[str, bytes]], options: ReadOptions) -> str:
    digest = hashlib.sha256(repr((options.period, options.amount_unit)).encode())
    for name, content in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
    return digest.hexdigest()


def options_form(periods: list[Period]) -> ReadOptions:
    """Period and amount unit, when the workbook does not say (the file's own statement wins if they agree)."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    left, right = st.columns(2)
    period = left.selectbox(
        text("web.upload_period"),
        [None, *periods],
        key="upload.period",
        format_func=lambda p: say("web.from_file") if p is None else str(p),
    )
    unit = right.selectbox(
        text("web.upload_unit"),
        [None, *AMOUNT_UNITS],
        key="upload.unit",
        format_func=lambda u: (
            say("web.from_file")
            if u is None
            else (AMOUNT_UNITS[u].name_zh if lang() == "zh" else AMOUNT_UNITS[u].name_en)
        ),
    )
    return ReadOptions(
        period=period, amount_unit=AMOUNT_UNITS[unit] if unit else None, max_bytes=config.upload_max_bytes()
    )


def check(files: list[tuple[str, bytes]], options: ReadOptions) -> Preview | None:
    """A dry run of the import (no write lock); files with errors are recorded in the upload log as rejected
    attempts. None, with a try-again message, when the database was too busy to record them."""
    actor = Actor.of(require(Action.UPLOAD))
    try:
        result = check_files(engine(), files, options, actor, log_rejected=True)
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return None
    return Preview(tuple(files), fingerprint(files, options), options, result.state, result)


def show_preview(preview: Preview) -> None:
    """The full problem table, or each file's summary and what it changes against what is stored."""
    result = preview.result
    bad = sum(1 for p in result.plans if p.errors)
    problems = problems_table(result.plans, lang())
    if bad:
        st.error(text("web.rejected", bad=bad, total=len(result.plans)))
        st.dataframe(problems, hide_index=True, width="stretch")
        return
    catalogue = data.catalogue()
    names = unit_names(catalogue.units, lang())
    metric_names = {m.code: metric_name(m.code, lang(), catalogue.metrics) for m in catalogue.metrics}
    for plan in result.plans:
        _plan_summary(plan, names, metric_names)
    if not problems.empty:
        st.warning(text("web.warnings", count=len(problems)))
        st.dataframe(problems, hide_index=True, width="stretch")


def _plan_summary(plan: UploadPlan, names: dict[str, str], metric_names: dict[str, str]) -> None:
    parsed = plan.parsed
    with st.container(border=True):
        st.markdown(f"**{text('web.file')}** `{parsed.filename.replace('`', '')}`")
        duplicate = plan.duplicate_of
        if duplicate is not None and duplicate.upload is None:
            st.info(text("import.duplicate_in_batch", filename=parsed.filename, first=duplicate.in_batch))
            return
        if duplicate is not None and duplicate.upload is not None:
            d = duplicate.upload
            st.info(
                text(
                    "import.duplicate",
                    filename=parsed.filename,
                    at=local_time(d.uploaded_at),
                    by=d.uploaded_by,
                    upload_id=d.id,
                )
            )
            return
        cols = st.columns(5)
        cols[0].metric(text("web.periods"), ", ".join(str(p) for p in parsed.periods))
        cols[1].metric(
            text("web.units_count"),
            len(plan.units),
            delta=text("web.new_units", count=len(plan.new_unit_codes)) if plan.new_unit_codes else None,
            delta_arrow="off",
        )
        cols[2].metric(text("web.change.new"), plan.count("new"))
        cols[3].metric(text("web.change.changed"), plan.count("changed"))
        cols[4].metric(text("web.change.unchanged"), plan.count("unchanged"))
        st.caption(text("web.file_head", sheet=parsed.sheet, row=parsed.header_row))
        if plan.new_unit_codes:
            st.caption(text("web.new_unit_list", codes=", ".join(plan.new_unit_codes)))
        only_changed = not st.toggle(text("web.show_unchanged"), key=f"upload.unchanged.{parsed.sha256}")
        changes = changes_table(plan, names, metric_names, lang(), only_changed)
        if changes.empty:
            st.caption(text("web.no_changes"))
        else:
            st.dataframe(changes, hide_index=True, width="stretch")


def store(preview: Preview) -> BatchResult | None:
    """Store what was previewed, refused as stale when anything was stored since the check (the write lock is
    held only to write). None when the database was busy: nothing was stored."""
    actor = Actor.of(require(Action.UPLOAD))
    try:
        return store_checked(engine(), preview.result, actor)
    except DatabaseBusy:
        return None


def revert(upload_id: int, actor: Actor) -> RevertResult | None:
    """Revert an upload (``imports.revert_upload`` checks the role); None when the database was busy."""
    try:
        return revert_upload(engine(), upload_id, actor)
    except DatabaseBusy:
        return None


def stored_message(result: BatchResult | None) -> None:
    if result is None:
        st.warning(text("db.busy"))
    elif result.stale is not None:
        st.warning(text("import.stale"))
    elif result.has_errors:
        st.error(text("web.rejected", bad=sum(1 for p in result.plans if p.errors), total=len(result.plans)))
    else:
        ids = [p.upload_id for p in result.plans if p.upload_id is not None]
        figures = sum(len(p.figures) for p in result.plans if p.upload_id is not None)
        if ids:
            flash("success", text("web.stored", ids=", ".join(f"#{i}" for i in ids), figures=figures))
        else:
            flash("info", text("web.nothing_new"))


def lock_list() -> pd.DataFrame:
    with engine().connect() as conn:
        locks = queries.locks(conn)
    return pd.DataFrame(
        [
            {
                text("web.col.period"): str(p),
                text("web.col.locked_by"): lock.locked_by,
                text("web.col.locked_at"): local_time(lock.locked_at),
                text("web.col.reason"): lock.reason,
            }
            for p, lock in sorted(locks.items())
        ]
    )
