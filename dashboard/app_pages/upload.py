"""Upload (finance): the template, a file check with every problem or a preview of the changes, confirmation,
and the upload history with revert. Locked periods are refused with the lock's details."""

from __future__ import annotations

import streamlit as st

from dashboard.auth.roles import Action, Actor
from dashboard.ingest.template import build_template
from dashboard.storage import queries
from dashboard.ui import data, upload
from dashboard.ui.session import allowed, engine, flash, lang, require, text
from dashboard.ui.tables import problems_frame, upload_log_table

require(Action.UPLOAD)
st.title(text("page.upload"))
catalogue = data.catalogue()

st.download_button(
    text("web.template"),
    data=lambda: build_template(catalogue.metrics, [(c, u.name_zh, u.parent_code) for c, u in catalogue.units.items()]),
    file_name="快报模板.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
st.caption(text("web.template_help"))

uploaded = st.file_uploader(text("web.files"), accept_multiple_files=True, key="upload.files")
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
    if not preview.result.has_errors and st.button(text("web.confirm"), type="primary", icon=":material/save:"):
        result = upload.store(preview)
        st.session_state[upload.PREVIEW_KEY] = None
        upload.stored_message(result)

st.header(text("web.history"))
locks = upload.lock_list()
if not locks.empty:
    st.caption(text("web.locked_periods"))
    st.dataframe(locks, hide_index=True, width="stretch")
with engine().connect() as conn:
    log = queries.upload_log(conn, limit=200)
if not log:
    st.info(text("history.none"))
else:
    st.dataframe(upload_log_table(log, lang()), hide_index=True, width="stretch")
    revertible = [r.id for r in log if r.outcome == "stored" and r.action == "import"]
    if allowed(Action.REVERT) and revertible:
        with st.form("upload.revert"):
            chosen = st.selectbox(
                text("web.revert_pick"),
                revertible,
                key="upload.revert_id",
                format_func=lambda i: f"#{i} {next(r.filename for r in log if r.id == i)}",
            )
            go = st.form_submit_button(text("web.revert"), icon=":material/history:")
        if go:
            reverted = upload.revert(int(chosen), Actor.of(require(Action.REVERT)))
            if reverted is None:
                st.warning(text("db.busy"))
            elif reverted.problems:
                st.error(text("web.revert_refused"))
                st.dataframe(problems_frame([("", p) for p in reverted.problems], lang()), hide_index=True)
            elif reverted.upload_id is None:
                st.info(text("web.revert_nothing", upload_id=chosen))
            else:
                flash(
                    "success",
                    text("web.reverted", upload_id=chosen, new_id=reverted.upload_id, count=reverted.restored),
                )
