"""Upload (finance): the template, a file check with every problem or a preview of the changes, confirmation,
and the upload history with revert. Locked periods are refused with the lock's details.

A unit finance account (SUBMIT without UPLOAD) checks its own units' file the same way and submits it for
review, then sees its submissions; it gets no history of others' uploads and no revert. Group finance (REVIEW)
reviews the submissions awaiting it: the same preview, then confirm or return with a reason."""

from __future__ import annotations

import streamlit as st

from dashboard.auth.roles import Action, Actor
from dashboard.ingest.template import build_template
from dashboard.storage import queries
from dashboard.ui import coverage, data, submissions, upload
from dashboard.ui.grids import wrapped_table
from dashboard.ui.session import allowed, engine, lang, require, text
from dashboard.ui.tables import upload_log_table

account = require(Action.SUBMIT)
uploads = allowed(Action.UPLOAD)  # group finance; a unit finance account submits for review instead
own = Actor.of(account)
st.title(text("page.upload"))
catalogue = data.catalogue()
template_units = [(c, u.name_zh, u.parent_code) for c, u in catalogue.units.items() if own.covers(c)]

st.download_button(
    text("web.template"),
    data=lambda: build_template(catalogue.metrics, template_units),
    file_name="快报模板.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
st.caption(text("web.template_help"))
if own.scoped:
    st.info(text("web.sub.intro", units=", ".join(sorted(own.units)) or "–"))

uploaded = upload.file_picker()
options = upload.options_form(sorted(data.periods().stored, reverse=True)[:12])
files = [(f.name, f.getvalue()) for f in uploaded or []]
preview: upload.Preview | None = st.session_state.get(upload.PREVIEW_KEY)
if preview is not None and preview.fingerprint != upload.fingerprint(files, options):
    preview = None  # the selection changed since the check
if files and st.button(text("web.check"), type="primary", icon=":material/fact_check:"):
    preview = upload.check(files, options)
st.session_state[upload.PREVIEW_KEY] = preview

if preview is not None:
    upload.show_preview(preview)
    if upload.can_store(preview) and not uploads:
        accepted = upload.acknowledgement(preview.result)
        if st.button(text("web.sub.submit"), type="primary", icon=":material/send:", disabled=accepted is None):
            result = submissions.submit(preview, accepted or frozenset())
            st.session_state[upload.PREVIEW_KEY] = None
            submissions.submitted_message(result)
    elif upload.can_store(preview):
        accepted = upload.acknowledgement(preview.result)
        if st.button(text("web.confirm"), type="primary", icon=":material/save:", disabled=accepted is None):
            result = upload.store(preview, accepted or frozenset())
            st.session_state[upload.PREVIEW_KEY] = None
            upload.stored_message(result)
    elif not preview.result.has_errors and any(p.duplicate_of is None for p in preview.result.plans):
        st.info(text("web.nothing_to_store"))  # every figure unchanged: no confirm button for a no-op

if not uploads:
    submissions.own_section()  # a unit's own submissions: no history of others' uploads, no revert
    st.stop()
if allowed(Action.REVIEW):
    submissions.review_section()
coverage.section()  # 报送情况: who has reported for a period, the chase list
st.header(text("web.history"))
locks = upload.lock_list()
if not locks.empty:
    st.caption(text("web.locked_periods"))
    wrapped_table(locks, "locks")
with engine().connect() as conn:
    log = queries.upload_log(conn, limit=200)
if not log:
    st.info(text("history.none"))
else:
    wrapped_table(upload_log_table(log, lang()), "log")
    revertible = [r.id for r in log if r.outcome == "stored" and r.action == "import"]
    if allowed(Action.REVERT) and revertible:
        with st.form("upload.revert"):
            chosen = st.selectbox(
                text("web.revert_pick"),
                revertible,
                key="upload.revert_id",
                format_func=lambda i: f"#{i} {next(r.filename for r in log if r.id == i)}",
            )
            reason = st.text_input(text("web.revert_reason"), key="upload.revert_reason", max_chars=500)
            go = st.form_submit_button(text("web.revert"), icon=":material/history:")
        if go:
            upload.show_revert(int(chosen), Actor.of(require(Action.REVERT)), reason.strip())
