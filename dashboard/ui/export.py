"""The "导出报告 / Export report" control of the Overview and Units pages (shared/spec/gap-report.md).

Format, language and the page's scope; the file is built only when its button is clicked
(``st.download_button(data=callable)``, Streamlit ≥ 1.52). The PDF is built on request in the page, so that a
missing Chromium is a warning (xlsx and HTML stay offered) and its first pages can be previewed. Finance and
admins (``Action.ISSUE_REPORT``) may edit the drafted narrative and issue the report; everyone sees the issued
reports (``dashboard.ui.issued``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st
from sqlalchemy import Engine

from dashboard.analytics.engine import GROUP
from dashboard.auth.roles import Action, Actor
from dashboard.domain import Period
from dashboard.reports.build import build_from_storage, deferred, write_report
from dashboard.reports.content import GapReport
from dashboard.reports.issue import IssuedReport, IssueError, issue_report
from dashboard.reports.pdf import PdfUnavailable
from dashboard.reports.writers import FORMATS, MEDIA_TYPES
from dashboard.status import StatusUnavailable
from dashboard.storage.engine import DatabaseBusy
from dashboard.ui import data
from dashboard.ui import issued as issued_list
from dashboard.ui.session import account, data_version, engine, lang, text
from dashboard.ui.widgets import plain

T = TypeVar("T")
LANG_WORDS = {"zh": "中文", "en": "English"}
PREVIEW_PAGES = 2


def export_control(year: int, quarter: int, scope: str = GROUP, scope_name: str = "") -> None:
    """The export control for a year as of a quarter and a scope (GROUP, or a unit with the units under it),
    in an expander at the end of the page. ``scope_name`` is shown (default: 集团 / Group)."""
    signed_in = account()
    if signed_in is None:
        return
    key = f"export.{scope or 'group'}"
    with st.expander(text("web.export.title"), icon=":material/download:"):
        shown = plain(scope_name) if scope_name else text("report.group")
        st.caption(text("web.export.scope", scope=shown, period=f"{year}Q{quarter}"))
        admins = data.default_pace()
        if st.session_state.get("view.pace", admins) != admins:  # the viewer compares with another pace on screen
            st.caption(text("web.export.admin_pace", pace=text(f"web.pace.{admins}")))
        left, right = st.columns(2)
        fmt = left.radio(
            text("web.export.format"), FORMATS, horizontal=True, key=f"{key}.format", format_func=str.upper
        )
        report_lang = right.radio(
            text("web.export.lang"),
            tuple(LANG_WORDS),
            index=0 if lang() == "zh" else 1,
            horizontal=True,
            key=f"{key}.lang",
            format_func=LANG_WORDS.__getitem__,
        )
        job = _Job(engine(), year, quarter, scope, report_lang, signed_in.name)
        may_issue = Actor.of(signed_in).may(Action.ISSUE_REPORT)
        if may_issue:
            job.narrative = _narrative_editor(job, key)
        if fmt == "pdf":
            _pdf(job, key)
        else:
            st.download_button(
                text("web.export.download", format=fmt.upper()),
                data=deferred(lambda: job.bytes(fmt), "export"),
                file_name=job.file_name(fmt),
                mime=MEDIA_TYPES[fmt],
                on_click="ignore",
                key=f"{key}.download",
                icon=":material/download:",
            )
        if may_issue:
            _issue(job, Actor.of(signed_in), str(fmt), key)
        issued_list.issued_section(year, None if scope == GROUP else scope, key)


class _Job:
    """What to build: the period, scope, language, who prepares it and the edited narrative paragraphs. Holds
    no Streamlit object, so a download button's callable may run it on another thread."""

    def __init__(self, db: Engine, year: int, quarter: int, scope: str, report_lang: str, prepared_by: str) -> None:
        self.engine, self.year, self.quarter, self.scope = db, year, quarter, scope
        self.lang, self.prepared_by = report_lang, prepared_by
        self.narrative: dict[str, str] = {}

    def build(self) -> tuple[GapReport, tuple[int, int, int]]:
        return build_from_storage(
            self.engine,
            self.year,
            Period(self.year, self.quarter),
            self.scope,
            lang=self.lang,
            prepared_by=self.prepared_by,
            narrative=self.narrative,
        )

    def bytes(self, fmt: str) -> bytes:
        report, _ = self.build()
        return write_report(report, fmt)

    def file_name(self, fmt: str) -> str:
        """A safe name for a file built later: period, scope and the report's kind.

        >>> _Job(None, 2023, 2, "U/01", "en", "").file_name("xlsx")  # type: ignore[arg-type]
        '2023Q2_U_01_gap_report.xlsx'
        """
        scope = re.sub(r"[^\w-]+", "_", self.scope or ("集团" if self.lang == "zh" else "group"))
        kind = "缺口分析" if self.lang == "zh" else "gap_report"
        return f"{self.year}Q{self.quarter}_{scope}_{kind}.{fmt}"


def _narrative_editor(job: _Job, key: str) -> dict[str, str]:
    """For finance and admins, on request: the drafted paragraph of each metric in a text area; returns the
    paragraphs that were edited (metric code → text), which replace the drafted ones in what is built."""
    if not st.toggle(text("web.export.edit"), key=f"{key}.edit"):
        return {}
    version = data_version()
    cache_key = (version, job.year, job.quarter, job.scope, job.lang)
    drafts = st.session_state.get(f"{key}.drafts")
    if not drafts or drafts[0] != cache_key:
        try:
            report, _ = job.build()
        except StatusUnavailable as exc:
            st.warning(text(exc.code, **exc.params))
            return {}
        names = {m.code: m.name(job.lang) for m in report.model.metrics}
        drafts = (cache_key, [(code, names.get(code, code), paragraph) for code, paragraph in report.narrative.items()])
        st.session_state[f"{key}.drafts"] = drafts
    edited = {}
    stamp = "-".join(map(str, version))
    for code, name, drafted in drafts[1]:
        value = st.text_area(plain(name), value=drafted, key=f"{key}.text.{job.lang}.{code}.{stamp}", height=120)
        if value.strip() != drafted.strip():
            edited[code] = value.strip()
    if edited:
        st.caption(text("web.export.edited", count=len(edited)))
    return edited


def _pdf(job: _Job, key: str) -> None:
    """The PDF, built in the page when asked: previewed (its first pages as images) and offered for download; a
    missing Chromium is a warning, the other formats stay offered."""
    slot = f"{key}.pdf"
    wanted = (data_version(), job.year, job.quarter, job.scope, job.lang, tuple(sorted(job.narrative.items())))
    if st.button(text("web.export.build_pdf"), key=f"{key}.build_pdf", icon=":material/picture_as_pdf:"):
        data = _built(lambda: job.bytes("pdf"))
        if data is not None:
            st.session_state[slot] = (wanted, data)
    held = st.session_state.get(slot)
    if not held or held[0] != wanted:
        return
    data = held[1]
    st.download_button(
        text("web.export.download", format="PDF"),
        data=data,
        file_name=job.file_name("pdf"),
        mime=MEDIA_TYPES["pdf"],
        on_click="ignore",
        key=f"{key}.download_pdf",
        icon=":material/download:",
    )
    pages = pdf_preview(data)
    if pages:
        st.image(pages, caption=[text("web.export.page", page=i + 1) for i in range(len(pages))], width=360)
    else:
        st.caption(text("web.export.no_preview"))


def _built(build: Callable[[], T]) -> T | None:
    """Run a build in the page; None after a message when the data, the PDF printer or the database says no."""
    try:
        with st.spinner(text("web.export.building")):
            return build()
    except StatusUnavailable as exc:
        st.warning(text(exc.code, **exc.params))
    except DatabaseBusy:
        st.warning(text("db.busy"))
    except PdfUnavailable as exc:
        st.warning(text(exc.code, **exc.params))
    return None


def _issue(job: _Job, actor: Actor, fmt: str, key: str) -> None:
    """The Issue button: build in the chosen format and language, issue (kept byte for byte), offer the file."""
    st.divider()
    st.caption(text("web.export.issue_help"))
    if not st.button(text("web.export.issue", format=fmt.upper()), key=f"{key}.issue", type="primary"):
        return

    def build_and_issue() -> tuple[bytes, IssuedReport]:
        report, version = job.build()
        data = write_report(report, fmt)
        return data, issue_report(job.engine, actor, report, fmt, data, built_from=version)

    try:
        done = _built(build_and_issue)
    except IssueError as exc:
        st.error(text(exc.key, **exc.params))
        return
    if done is None:
        return
    data, issued = done
    st.success(text("web.export.issued", id=issued.id, sha256=issued.sha256))
    st.download_button(
        text("web.export.download_issued", id=issued.id),
        data=data,
        file_name=issued.filename,
        mime=MEDIA_TYPES[fmt],
        on_click="ignore",
        key=f"{key}.download_issued",
    )


def pdf_preview(data: bytes, pages: int = PREVIEW_PAGES, dpi: int = 60) -> list[bytes]:
    """The first pages of a PDF as PNG images (poppler's ``pdftoppm``); empty when it is not installed or
    fails. Works offline and needs no browser plugin or ``streamlit[pdf]``."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        return []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(data)
        command = [tool, "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), str(source), str(Path(folder) / "p")]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return []
        return [p.read_bytes() for p in sorted(Path(folder).glob("p-*.png"))]
