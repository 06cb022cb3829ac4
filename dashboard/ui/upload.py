"""The upload flow's steps: check files (a dry run), show the problems or the preview, store on confirmation.

Checking takes no write lock (``imports.check_files``); the preview remembers the state it was checked at, and
storing it is refused as stale if anything was stored since. "Database busy" is a try-again message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from dashboard import config
from dashboard.auth.roles import Action, Actor
from dashboard.domain import AMOUNT_UNITS, Period
from dashboard.i18n import local_time, metric_name
from dashboard.imports import BatchResult, RevertResult, UploadPlan, check_files, revert_upload, store_checked
from dashboard.ingest import ReadOptions
from dashboard.storage import queries
from dashboard.storage.engine import DatabaseBusy
from dashboard.storage.rows import UploadRow
from dashboard.ui import data
from dashboard.ui.grids import css_string, style_sheet, wrapped_table
from dashboard.ui.names import unit_names
from dashboard.ui.session import allowed, bound_text, engine, flash, lang, require, text
from dashboard.ui.tables import change_counts, changes_table, problems_frame, problems_table
from dashboard.ui.widgets import plain

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


UPLOADER_KEY = "upload-files"  # the container around the file picker: its CSS class is st-key-upload-files


def file_picker() -> list[UploadedFile] | None:
    """The file picker, with Streamlit's own English ("Upload", "50MB per file") in the chosen language: Streamlit
    has no option for these texts, so a style scoped to this picker's container hides them and shows ours."""
    with st.container(key=UPLOADER_KEY):
        if lang() != "en":
            style_sheet(uploader_style(text("web.upload_button"), text("web.upload_limit", mb=_limit_mb())))
        return st.file_uploader(text("web.files"), accept_multiple_files=True, key="upload.files")


def _limit_mb() -> int:
    return max(1, config.upload_max_bytes() // 2**20)


def uploader_style(button: str, limit: str) -> str:
    """CSS that replaces the picker's button label and size note with ``button`` and ``limit`` (quoted for CSS).

    >>> 'content: "选择文件"' in uploader_style("选择文件", "每个文件不超过 50MB")
    True
    """
    scope = f".st-key-{UPLOADER_KEY} [data-testid='stFileUploaderDropzone']"
    return (
        f"{scope} button p {{ font-size: 0 !important; }}"
        f"{scope} button p::after {{ content: {css_string(button)}; font-size: 0.875rem; }}"
        f"{scope} [data-testid='stFileUploaderDropzoneInstructions'] span {{ font-size: 0 !important; }}"
        f"{scope} [data-testid='stFileUploaderDropzoneInstructions'] span::after "
        f"{{ content: {css_string(limit)}; font-size: 0.875rem; }}"
    )


def options_form(periods: list[Period]) -> ReadOptions:
    """Period and amount unit, when the workbook does not say (the file's own statement wins if they agree)."""
    say = bound_text()  # format_func runs outside the script run: fix the language now
    left, right = st.columns(2)
    period = left.selectbox(
        text("web.upload_period"),
        [None, *periods],
        key=f"upload.period.{lang()}",  # per language: the "from the file" label follows a change of language
        format_func=lambda p: say("web.from_file") if p is None else str(p),
    )
    unit = right.selectbox(
        text("web.upload_unit"),
        [None, *AMOUNT_UNITS],
        key=f"upload.unit.{lang()}",
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
    actor = Actor.of(require(Action.SUBMIT))
    try:
        result = check_files(engine(), files, options, actor, log_rejected=True)
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return None
    return Preview(tuple(files), fingerprint(files, options), options, result.state, result)


def show_preview(preview: Preview, key: str = "upload") -> None:
    """The full problem table, or each file's summary and what it changes against what is stored. ``key``:
    what keeps its widgets apart from another preview on the page (a submission under review)."""
    result = preview.result
    bad = sum(1 for p in result.plans if p.errors)
    problems = problems_table(result.plans, lang())
    prefix = "" if key == "upload" else f"{key}-"
    if bad:
        st.error(text("web.rejected", bad=bad, total=len(result.plans)))
        wrapped_table(problems, f"{prefix}problems")
        return
    catalogue = data.catalogue()
    names = unit_names(catalogue.units, lang())
    metric_names = {m.code: metric_name(m.code, lang(), catalogue.metrics) for m in catalogue.metrics}
    for plan in result.plans:
        _plan_summary(plan, names, metric_names, key)
    if not problems.empty:
        stops = result.unacknowledged(frozenset())  # warnings that stop the import until acknowledged
        st.warning(text("web.warnings_need_ack" if stops else "web.warnings", count=len(problems)))
        wrapped_table(problems, f"{prefix}warnings")


def _plan_summary(plan: UploadPlan, names: dict[str, str], metric_names: dict[str, str], key: str = "upload") -> None:
    parsed = plan.parsed
    with st.container(border=True):
        st.markdown(f"**{text('web.file')}** `{parsed.filename.replace('`', '')}`")
        duplicate = plan.duplicate_of
        if duplicate is not None and duplicate.upload is None:
            st.info(text("import.duplicate_in_batch", filename=plain(parsed.filename), first=plain(duplicate.in_batch)))
            return
        if duplicate is not None and duplicate.upload is not None:
            _duplicate_notice(parsed.filename, duplicate.upload, key)
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
        counts = {s: plan.count(s) for s in ("new", "changed", "unchanged")}
        st.caption(text("web.file_counts", counts=change_counts(counts, lang())))
        st.caption(text("web.file_head", sheet=plain(parsed.sheet), row=parsed.header_row))
        if plan.new_unit_codes:
            st.caption(text("web.new_unit_list", codes=", ".join(plan.new_unit_codes)))
        only_changed = not st.toggle(text("web.show_unchanged"), key=f"{key}.unchanged.{parsed.sha256}")
        changes = changes_table(plan, names, metric_names, lang(), only_changed)
        if changes.empty:
            st.caption(text("web.no_changes"))
        else:
            prefix = "" if key == "upload" else f"{key}-"
            wrapped_table(changes, f"{prefix}changes-{parsed.sha256[:16]}")


def _duplicate_notice(filename: str, earlier: UploadRow, key: str = "upload") -> None:
    """A file imported before: who and when, and (for a role that may revert) a button that makes that upload's
    figures current again — the web's way, not the command line's ``revert``."""
    at, by = local_time(earlier.uploaded_at), plain(earlier.uploaded_by)
    notice = text("web.duplicate", filename=plain(filename), at=at, by=by, upload_id=earlier.id)
    st.info(notice, icon=":material/info:")
    if not allowed(Action.REVERT) or key != "upload":
        return
    label = text("web.revert_this", upload_id=earlier.id)
    if st.button(label, key=f"upload.revert_dup.{earlier.sha256}.{earlier.id}", icon=":material/history:"):
        show_revert(earlier.id, Actor.of(require(Action.REVERT)))


def show_revert(upload_id: int, actor: Actor, reason: str = "") -> None:
    """Revert an upload for ``reason`` and say what happened: refused (with the reasons), nothing to do, or done
    (a message after the rerun, so that the page is read afresh)."""
    reverted = revert(upload_id, actor, reason)
    if reverted is None:
        st.warning(text("db.busy"))
    elif reverted.problems:
        st.error(text("web.revert_refused"))
        wrapped_table(problems_frame([("", p) for p in reverted.problems], lang()), f"revert-{upload_id}")
    elif reverted.upload_id is None:
        st.info(text("web.revert_nothing", upload_id=upload_id))
    else:
        st.session_state[PREVIEW_KEY] = None  # what was previewed is stale now
        message = text("web.reverted", upload_id=upload_id, new_id=reverted.upload_id, count=reverted.restored)
        flash("success", message)


def acknowledgement(result: BatchResult, key: str = "upload") -> frozenset[str] | None:
    """For each warning that needs acknowledging by name (``imports.NEEDS_ACKNOWLEDGEMENT``: a figure that
    looks typed in the wrong amount unit), a checkbox naming it; the codes ticked, or None while any is not.
    ``key``: keeps the checkboxes apart from another preview's on the page."""
    needed = sorted(result.unacknowledged(frozenset()))
    ticked = [
        code
        for code in needed
        if st.checkbox(text("web.acknowledge", code=code, name=text(f"ack.{code}")), key=f"{key}.ack.{code}")
    ]
    return frozenset(ticked) if len(ticked) == len(needed) else None


def store(preview: Preview, accepted: frozenset[str] = frozenset()) -> BatchResult | None:
    """Store what was previewed, refused as stale when anything was stored since the check (the write lock is
    held only to write) and while a warning that needs acknowledging is not in ``accepted``. None when the
    database was busy: nothing was stored."""
    actor = Actor.of(require(Action.UPLOAD))
    try:
        return store_checked(engine(), preview.result, actor, accepted)
    except DatabaseBusy:
        return None


def revert(upload_id: int, actor: Actor, reason: str = "") -> RevertResult | None:
    """Revert an upload (``imports.revert_upload`` checks the role); None when the database was busy."""
    try:
        return revert_upload(engine(), upload_id, actor, reason)
    except DatabaseBusy:
        return None


def stored_message(result: BatchResult | None) -> None:
    if result is None:
        st.warning(text("db.busy"))
    elif result.stale is not None:
        st.warning(text("import.stale"))
    elif result.blocked:
        st.warning(text("web.needs_ack", codes=", ".join(sorted(result.blocked))))
    elif result.has_errors:
        st.error(text("web.rejected", bad=sum(1 for p in result.plans if p.errors), total=len(result.plans)))
    else:
        stored = [p for p in result.plans if p.upload_id is not None]
        counts = {s: sum(p.count(s) for p in stored) for s in ("new", "changed", "unchanged")}
        if stored:
            ids = ", ".join(f"#{p.upload_id}" for p in stored)
            flash("success", text("web.stored_counts", ids=ids, counts=change_counts(counts, lang())))
        else:
            flash("info", text("web.nothing_new"))


def can_store(preview: Preview) -> bool:
    """Whether confirming would store anything: no errors, and some file changes what is stored (a batch of
    duplicates or of unchanged figures gets no confirm button)."""
    return not preview.result.has_errors and any(p.changes_anything for p in preview.result.plans)


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
