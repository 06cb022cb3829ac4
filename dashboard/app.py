"""Streamlit entry file: page config, sign-in, language, navigation by role — nothing else.

Run with ``python -m dashboard serve`` (or ``make run``). Each page checks the role again for what it shows and
for every action it takes (dashboard.ui.session.require).
"""

from __future__ import annotations

import streamlit as st

from dashboard import config
from dashboard.auth.roles import Action, Forbidden, can
from dashboard.errors import report_internal
from dashboard.i18n import LANGS, t
from dashboard.settings_store import setting_problem
from dashboard.storage.engine import DatabaseBusy
from dashboard.ui import session
from dashboard.ui.signin import oidc_sign_in

st.set_page_config(page_title="经营目标看板 / Target dashboard", page_icon="📊", layout="wide")
STYLE = """<style>
[data-testid="stMetricValue"] { font-size: 1.65rem; }
[data-testid="stMetricDelta"] { font-size: 0.8rem; }
[data-testid="stMainBlockContainer"] { padding-top: 4rem; }
.kpi-block { margin: 0.25rem 0 0.75rem; }
.kpi-head { display: flex; flex-wrap: wrap; align-items: center; gap: 0.3rem 0.75rem; margin-bottom: 0.4rem; }
.kpi-metric { font-size: 1.3rem; font-weight: 600; }
.kpi-badge { display: inline-flex; flex-wrap: wrap; align-items: baseline; gap: 0 0.4rem; padding: 0.1rem 0.6rem;
  border: 1px solid; border-radius: 1rem; font-size: 0.85rem; line-height: 1.5; }
.kpi-reason { color: #555; }
.kpi-reason::before { content: "· "; }
.kpi-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(8rem, 40%), 1fr)); gap: 0.5rem; }
.kpi-card { container-type: inline-size; min-width: 0; padding: 0.55rem 0.7rem; border-radius: 0.5rem;
  border: 1px solid rgba(49, 51, 63, 0.2); }
.kpi-label { font-size: 0.85rem; color: #555; line-height: 1.3; overflow-wrap: anywhere; }
.kpi-value { font-size: min(1.6rem, calc(100cqi / var(--w, 4))); font-weight: 600; white-space: nowrap;
  line-height: 1.35; font-variant-numeric: tabular-nums; }
.kpi-second { font-size: min(1.25rem, calc(100cqi / var(--w, 4))); margin-top: 0.15rem; }
.kpi-note { font-size: 0.8rem; color: #555; line-height: 1.3; white-space: normal; overflow-wrap: anywhere; }
@media (max-width: 640px) { [data-testid="stHeading"] h1 { font-size: 1.75rem; } }
</style>"""

# (script, url path, title key, icon, the action a role needs to see the page)
PAGES = (
    ("app_pages/overview.py", "overview", "page.overview", ":material/dashboard:", Action.VIEW),
    ("app_pages/units.py", "units", "page.units", ":material/account_tree:", Action.VIEW),
    ("app_pages/trends.py", "trends", "page.trends", ":material/show_chart:", Action.VIEW),
    ("app_pages/upload.py", "upload", "page.upload", ":material/upload_file:", Action.SUBMIT),
    ("app_pages/targets.py", "targets", "page.targets", ":material/flag:", Action.SET_TARGETS),
    ("app_pages/accounts.py", "accounts", "page.accounts", ":material/manage_accounts:", Action.MANAGE_ACCOUNTS),
)

# Settings from the environment or secrets.toml are checked before anything else: a wrong one stops the app with
# a page that names it (in both languages: the language setting may be the wrong one).
if problems := config.check_all():
    st.title(" / ".join(t("setting.error_page", lang) for lang in LANGS))
    for problem in problems:
        st.error("\n\n".join(setting_problem(problem, lang) for lang in LANGS))
    st.stop()

# Our own static style (no user or file text): the headline cards (ui/cards.py) wrap and shrink to fit any width.
st.html(STYLE)
session.begin_run()
session.keep_language()
st.sidebar.radio(
    session.text("app.language"),
    LANGS,
    key=session.LANG_KEY,
    horizontal=True,
    format_func=lambda code: {"zh": "中文", "en": "English"}[code],
)


def _run() -> None:
    """Who is signed in, the pages their role may see, and the page asked for."""
    account = session.account() or oidc_sign_in()
    if account is None:
        pages = [st.Page("app_pages/signin.py", title=session.text("page.signin"), icon=":material/login:")]
    else:
        pages = [
            st.Page(script, title=session.text(title), icon=icon, url_path=url)
            for script, url, title, icon, action in PAGES
            if can(account.role, action)
        ]
        st.sidebar.caption(
            session.text(
                "web.signed_in_as",
                name=account.display_name or account.username,
                role=session.text(f"role.{account.role}"),
            )
        )
        if st.sidebar.button(session.text("web.sign_out"), icon=":material/logout:"):
            session.sign_out()
            st.rerun()
    session.show_flash()
    st.navigation(pages).run()


try:
    _run()
except DatabaseBusy:  # another user's write held the database past the writer's wait: nothing was changed
    st.warning(session.text("db.busy"))
except Forbidden as exc:  # the role changed under a running session: the workflow refused, nothing was changed
    st.error(session.text(exc.code, action=session.text(f"action.{exc.action.value}")))
except Exception as exc:  # a programming error: a reference for the log, never a traceback on the page
    st.error(session.text("web.internal", ref=report_internal(exc, "web page")))
