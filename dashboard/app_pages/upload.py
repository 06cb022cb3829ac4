"""Upload (finance): the template, a file check with every problem or a preview of the changes, confirmation,
and the upload history with revert. Locked periods are refused with the lock's details."""

from __future__ import annotations

import streamlit as st

from dashboard.auth.roles import Action, Actor
from dashboard.ingest.template import build_template
from dashboard.storage import queries
from dashboard.ui import coverage, data, upload
from dashboard.ui.grids import wrapped_table
from dashboard.ui.session import allowed, engine, lang, require, text
from dashboard.ui.tables import upload_log_table

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
    if upload.can_store(preview):
        accepted = upload.acknowledgement(preview.result)
        if st.button(text("web.confirm"), type="primary", icon=":material/save:", disabled=accepted is None):
            result = upload.store(preview, accepted or frozenset())
            st.session_state[upload.PREVIEW_KEY] = None
            upload.stored_message(result)
    elif not preview.result.has_errors and any(p.duplicate_of is None for p in preview.result.plans):
        st.info(text("web.nothing_to_store"))  # every figure unchanged: no confirm button for a no-op

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
            go = st.form_submit_button(text("web.revert"), icon=":material/history:")
        if go:
            upload.show_revert(int(chosen), Actor.of(require(Action.REVERT)))
