"""多级上报 on the Upload page: a unit finance account submits its checked file for review and sees its
submissions (state, reviewer, time, the reason of a return); group finance picks a submission awaiting review,
sees the same preview of what changes, and confirms it or returns it with a reason."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.auth.roles import Action, Actor
from dashboard.i18n import local_time
from dashboard.imports import BatchResult
from dashboard.ingest import ReadOptions
from dashboard.storage.engine import DatabaseBusy
from dashboard.storage.rows import SubmissionRow
from dashboard.submissions import (
    SubmissionError,
    confirm_submission,
    list_submissions,
    return_submission,
    review_check,
    submit_files,
    upload_ids,
)
from dashboard.ui import upload
from dashboard.ui.grids import wrapped_table
from dashboard.ui.session import bound_text, engine, flash, require, text
from dashboard.ui.widgets import plain

REVIEW_KEY = "submissions.review"  # (submission id, upload.Preview) of the submission being reviewed


def submit(preview: upload.Preview, accepted: frozenset[str]) -> BatchResult | None:
    """Submit what was previewed for review (refused as stale when figures were stored since the check); None
    when the database was busy: nothing was kept."""
    actor = Actor.of(require(Action.SUBMIT))
    try:
        return submit_files(engine(), list(preview.files), preview.options, actor, accepted, preview.state)
    except DatabaseBusy:
        return None


def submitted_message(result: BatchResult | None) -> None:
    """Say what a submission did: busy, stale, blocked, refused, or submitted as #N awaiting review."""
    if result is None or result.stale is not None or result.blocked or result.has_errors:
        upload.stored_message(result)
        return
    ids = ", ".join(f"#{p.submission_id}" for p in result.plans if p.submission_id is not None)
    if ids:
        flash("success", text("web.sub.submitted", ids=ids))
    else:
        flash("info", text("web.nothing_new"))


def submissions_frame(rows: list[SubmissionRow], with_submitter: bool = True) -> pd.DataFrame:
    """The submissions as a table: number, state, file, periods, units, figures, who and when, the reviewer and
    when, and the reason of a return."""
    return pd.DataFrame(
        [
            {
                text("web.sub.col.id"): r.id,
                text("web.sub.col.state"): text(f"state.{r.state}"),
                text("web.sub.col.file"): r.filename,
                text("web.sub.col.periods"): r.periods.replace(",", ", "),
                text("web.sub.col.units"): r.units.replace(",", ", "),
                text("web.sub.col.figures"): r.figure_count,
                **({text("web.sub.col.by"): r.submitted_by} if with_submitter else {}),
                text("web.sub.col.at"): local_time(r.submitted_at),
                text("web.sub.col.reviewer"): r.reviewed_by or "–",
                text("web.sub.col.reviewed_at"): local_time(r.reviewed_at) if r.reviewed_at else "–",
                text("web.sub.col.reason"): r.reason or "–",
            }
            for r in rows
        ]
    )


def own_section() -> None:
    """A unit finance account's submissions, newest first (the reason of each return shown)."""
    actor = Actor.of(require(Action.SUBMIT))
    st.header(text("web.sub.mine"))
    rows = list_submissions(engine(), actor)
    if not rows:
        st.info(text("web.sub.none_mine"))
        return
    returned = [r for r in rows if r.state == "returned"]
    if returned and returned[0].id == rows[0].id:
        latest = returned[0]
        st.warning(
            text("web.sub.returned_notice", id=latest.id, by=plain(latest.reviewed_by), reason=plain(latest.reason))
        )
    wrapped_table(submissions_frame(rows, with_submitter=False), "submissions-mine")


def review_section() -> None:
    """Group finance: the submissions awaiting review, one picked, its preview, and confirm or return."""
    actor = Actor.of(require(Action.REVIEW))
    st.header(text("web.sub.review"))
    pending = list_submissions(engine(), actor, "submitted")
    if not pending:
        st.info(text("web.sub.none_pending"))
    else:
        wrapped_table(submissions_frame(pending), "submissions-pending")
        _review(pending, actor)
    recent = [r for r in list_submissions(engine(), actor) if r.state != "submitted"][:20]
    if recent:
        with st.expander(text("web.sub.recent")):
            wrapped_table(submissions_frame(recent), "submissions-recent")


def _review(pending: list[SubmissionRow], actor: Actor) -> None:
    say = bound_text()  # format_func runs outside the script run: fix the language now
    by_id = {r.id: r for r in pending}
    chosen = int(
        st.selectbox(
            text("web.sub.pick"),
            list(by_id),
            key="submissions.pick",
            format_func=lambda i: say("web.sub.option", id=i, by=by_id[i].submitted_by, file=by_id[i].filename),
        )
    )
    held = st.session_state.get(REVIEW_KEY)
    if held is not None and held[0] != chosen:
        held = None
    if st.button(text("web.sub.check"), key="submissions.check", icon=":material/fact_check:"):
        held = _check(chosen, actor)
    st.session_state[REVIEW_KEY] = held
    if held is None:
        return
    preview: upload.Preview = held[1]
    upload.show_preview(preview, key="review")
    if not preview.result.has_errors:
        accepted = upload.acknowledgement(preview.result, key="review")
        label = text("web.sub.confirm", id=chosen)
        if st.button(
            label, type="primary", key="submissions.confirm", icon=":material/task_alt:", disabled=accepted is None
        ):
            _confirm(chosen, preview, accepted or frozenset(), actor)
    _return_form(chosen, actor)


def _check(submission_id: int, actor: Actor) -> tuple[int, upload.Preview] | None:
    try:
        result = review_check(engine(), submission_id, actor)
    except SubmissionError as exc:
        st.error(text(exc.code, **exc.shown(text)))
        return None
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return None
    preview = upload.Preview((), f"submission-{submission_id}", ReadOptions(), result.state, result)
    return submission_id, preview


def _confirm(submission_id: int, preview: upload.Preview, accepted: frozenset[str], actor: Actor) -> None:
    try:
        result = confirm_submission(engine(), submission_id, actor, accepted, preview.state)
    except SubmissionError as exc:
        st.session_state[REVIEW_KEY] = None
        st.error(text(exc.code, **exc.shown(text)))
        return
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return
    if result.stored:
        st.session_state[REVIEW_KEY] = None
        st.session_state[upload.PREVIEW_KEY] = None  # what was previewed above is stale now
        flash("success", text("web.sub.confirmed", id=submission_id, uploads=upload_ids(result)))
    upload.stored_message(result)


def _return_form(submission_id: int, actor: Actor) -> None:
    with st.form("submissions.return", clear_on_submit=True):
        reason = st.text_area(text("web.sub.reason"), key="submissions.reason", max_chars=2000)
        go = st.form_submit_button(text("web.sub.return", id=submission_id), icon=":material/undo:")
    if not go:
        return
    try:
        row = return_submission(engine(), submission_id, actor, reason)
    except SubmissionError as exc:
        st.error(text(exc.code, **exc.shown(text)))
        return
    except DatabaseBusy:
        st.warning(text("db.busy"))
        return
    st.session_state[REVIEW_KEY] = None
    flash("success", text("web.sub.returned", id=row.id, by=plain(row.submitted_by)))
