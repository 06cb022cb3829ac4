"""Accounts (admin): who may sign in, with which role; create, change role, reset password, disable."""

from __future__ import annotations

import streamlit as st

from dashboard.auth.accounts import list_accounts
from dashboard.auth.roles import Action
from dashboard.ui import accounts as page
from dashboard.ui.grids import wrapped_table
from dashboard.ui.session import engine, require, text

require(Action.MANAGE_ACCOUNTS)
st.title(text("page.accounts"))
page.create_form()
st.subheader(text("web.change_account"))
with engine().connect() as conn:
    accounts = list_accounts(conn)
page.change_form(accounts)
st.subheader(text("web.accounts_list"))
wrapped_table(page.accounts_frame(accounts), "accounts")
st.caption(text("web.roles_help"))
