"""The issued gap reports on the pages: the list (newest first), each downloadable again byte for byte (the
SHA-256 checked on the way out), and what changed from the report issued before it for the same scope and
language (``dashboard.reports.issue``). Read afresh on every run: issuing does not change the data version."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.i18n import local_time
from dashboard.reports.issue import Difference, IssuedReport, IssueError, comparison, issued_bytes, path_words
from dashboard.reports.writers import MEDIA_TYPES
from dashboard.status import unit_infos
from dashboard.storage import queries
from dashboard.storage.engine import reading
from dashboard.ui.session import bound_text, engine, lang, text


def issued_section(year: int, scope: str | None, key: str) -> None:
    """The reports issued for ``year`` (and ``scope``; None: every scope), with one of them to download and
    compare with the one before it."""
    st.divider()
    st.markdown(f"**{text('web.issued.title')}**")
    with reading(engine()) as conn:
        found = queries.issued_report_rows(conn, year, scope)
        units = {
            code: u.name_zh if lang() == "zh" else (u.name_en or u.name_zh) for code, u in unit_infos(conn).items()
        }
    if not found:
        st.caption(text("web.issued.none", year=year))
        return
    st.dataframe(_table(found, units), hide_index=True, width="stretch")
    say = bound_text()
    by_id = {r.id: r for r in found}
    chosen = st.selectbox(
        text("web.issued.pick"),
        list(by_id),
        index=None,  # nothing is read (a kept file can be large) until one is picked
        placeholder=text("web.issued.placeholder"),
        key=f"{key}.issued_pick",
        format_func=lambda i: say("web.issued.option", id=i, filename=by_id[i].filename),
    )
    if chosen is None:
        return
    _one(by_id[int(chosen)], units, key)


def _table(found: list[IssuedReport], units: dict[str, str]) -> pd.DataFrame:
    """One row per issued report, every cell text (names and file names are shown, never interpreted)."""
    rows = [
        {
            text("web.issued.col.id"): f"#{r.id}",
            text("web.issued.col.at"): local_time(r.issued_at),
            text("web.issued.col.period"): str(r.period),
            text("web.issued.col.scope"): _scope_name(r.scope, units),
            text("web.issued.col.lang"): r.lang,
            text("web.issued.col.format"): r.format.upper(),
            text("web.issued.col.size"): f"{r.size:,}",
            text("web.issued.col.by"): r.issued_by,
            text("web.issued.col.version"): r.data_version,
            "SHA-256": r.sha256[:16],
            text("web.issued.col.file"): r.filename,
        }
        for r in found
    ]
    return pd.DataFrame(rows, dtype=str)


def _scope_name(scope: str, units: dict[str, str]) -> str:
    return f"{units.get(scope) or scope}（{scope}）" if scope else text("report.group")


def _one(issued: IssuedReport, units: dict[str, str], key: str) -> None:
    """Download one issued report byte for byte, and list what changed from the previous one."""
    try:
        with reading(engine()) as conn:
            data = issued_bytes(conn, issued.id)
            _, previous, found = comparison(conn, issued.id)
            metrics = {m.code: m.name(lang()) for m in queries.metric_defs(conn)}
    except IssueError as exc:
        st.error(text(exc.key, **exc.params))
        return
    st.download_button(
        text("web.issued.download", id=issued.id),
        data=data,
        file_name=issued.filename,
        mime=MEDIA_TYPES.get(issued.format, "application/octet-stream"),
        on_click="ignore",
        key=f"{key}.issued_download",
        icon=":material/download:",
    )
    st.caption(text("web.issued.sha", sha256=issued.sha256))
    if previous is None:
        st.caption(text("web.issued.first"))
        return
    st.caption(
        text(
            "web.issued.compared",
            prev=previous.id,
            period=str(previous.period),
            at=local_time(previous.issued_at),
            by=previous.issued_by,
        )
    )
    if not found:
        st.caption(text("report.no_differences"))
        return
    st.dataframe(_differences(found, units, metrics), hide_index=True, width="stretch")


def _differences(found: list[Difference], units: dict[str, str], metrics: dict[str, str]) -> pd.DataFrame:
    rows = [
        {
            text("web.issued.col.what"): path_words(d.path, units, metrics, lang()),
            text("web.issued.col.change"): text(f"web.issued.kind.{d.kind}"),
            text("web.issued.col.old"): _shown(d.old),
            text("web.issued.col.new"): _shown(d.new),
        }
        for d in found
    ]
    return pd.DataFrame(rows, dtype=str)


def _shown(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
