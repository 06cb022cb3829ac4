"""Sign in (or, on the first run, create the first admin)."""

from __future__ import annotations

import streamlit as st

from dashboard.ui import signin
from dashboard.ui.session import text

st.title(text("app.title"))
if not signin.first_run():
    st.subheader(text("page.signin"))
    if signin.oidc_enabled():
        signin.oidc_button()
    if signin.password_enabled():
        signin.password_form()
    st.caption(text("web.sign_in_help"))
