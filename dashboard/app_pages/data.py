"""Stored data: the periods on file and the upload log (read-only)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.i18n import local_time, t
from dashboard.storage import queries
from dashboard.storage.engine import open_database


@st.cache_resource
def _engine(url: str):  # type: ignore[no-untyped-def]
    return open_database(url)


lang = st.session_state.get("lang", "zh")
st.title(t("page.data", lang))
with _engine(config.get("DATABASE_URL")).connect() as conn:
    periods = queries.stored_periods(conn)
    log = queries.upload_log(conn, limit=200)
    units = queries.stored_units(conn)

cols = st.columns(3)
cols[0].metric(t("data.units", lang), len(units), border=True)
cols[1].metric(t("data.periods", lang), len(periods), border=True)
cols[2].metric(t("data.latest", lang), str(periods[-1]) if periods else "-", border=True)

st.subheader(t("data.log", lang))
if not log:
    st.info(t("history.none", lang))
else:
    frame = pd.DataFrame(log)[
        ["id", "uploaded_at", "action", "outcome", "uploaded_by", "periods", "figure_count", "filename"]
    ]
    frame["uploaded_at"] = [local_time(moment, with_seconds=True) for moment in frame["uploaded_at"]]
    for column in ("action", "outcome"):
        frame[column] = [t(f"data.{column}.{value}", lang) for value in frame[column]]
    frame.columns = [t(f"data.col.{c}", lang) for c in frame.columns]
    st.dataframe(frame, hide_index=True, use_container_width=True)
