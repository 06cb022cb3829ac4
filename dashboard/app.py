"""Streamlit entry file: page config, language, navigation — nothing else.

Run with ``python -m dashboard serve`` (or ``make run``). Sign-in and the role-based pages arrive with the
web-application issue; for now the app shows what is stored.
"""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import LANGS, default_lang, t

st.set_page_config(page_title="经营目标看板 / Target dashboard", page_icon="📊", layout="wide")

if "lang" not in st.session_state:
    st.session_state["lang"] = default_lang()
st.sidebar.radio(
    t("app.language", st.session_state["lang"]),
    LANGS,
    key="lang",
    horizontal=True,
    format_func=lambda code: {"zh": "中文", "en": "English"}[code],
)
lang = st.session_state["lang"]

pages = [st.Page("app_pages/data.py", title=t("page.data", lang), icon="🗂️", url_path="data", default=True)]
st.navigation(pages).run()
