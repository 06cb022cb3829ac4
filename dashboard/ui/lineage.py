"""Where a figure comes from (数据来源): every stored version of one unit's figure with its upload, who, when, the
file, sheet and cell (``快报!D12``), the reason of a revert, and — for finance and admins — the original file
exactly as uploaded."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pandas as pd
import streamlit as st

from dashboard.analytics.model import ReadModel
from dashboard.auth.roles import Action
from dashboard.domain import Period
from dashboard.i18n import local_time
from dashboard.i18n.numbers import amount, unit_word, view_decimals
from dashboard.lineage import (
    Lineage,
    UnitLineage,
    UploadNote,
    Version,
    how_text,
    load_lineage,
    mime_type,
    original_reader,
)
from dashboard.ui.grids import wrapped_table
from dashboard.ui.names import unit_names
from dashboard.ui.session import allowed, engine, lang, setting, text
from dashboard.ui.widgets import plain

COLUMNS = ("version", "ytd", "prior_ytd", "change", "how", "upload", "source")


def section(model: ReadModel, unit_code: str, metric: str) -> None:
    """The lineage panel of one unit's figures on the Units page (the metric picked above first)."""
    st.subheader(text("web.lineage.head"))
    found = load_lineage(engine(), unit_code, model.year)
    names = {m.code: m.name(lang()) for m in model.metrics}
    periods = sorted({*found.periods, model.as_of})
    left, right = st.columns(2)  # side by side on a wide screen, stacked on a phone
    with left:
        key = f"lineage.metric.{lang()}.{unit_code}.{metric}"  # a new language: a new box (its labels change)
        picked = _pick(text("web.lineage.metric"), list(names), metric, key, names)
    with right:
        labels = {str(p): str(p) for p in periods}
        default = str(model.as_of)
        when = _pick(text("web.lineage.period"), list(labels), default, f"lineage.period.{unit_code}.{default}", labels)
    period = Period.parse(when)
    level = setting("AMOUNTS_UNIT")
    unit = unit_names(model.units, lang()).get(unit_code, unit_code)
    scale = unit_word(level, lang())
    st.caption(
        text("web.lineage.intro", unit=plain(unit), metric=plain(names[picked]), period=str(period), scale=scale)
    )
    chosen = found.lineage(period, picked)
    if not chosen.versions:
        st.info(text("web.lineage.none", period=str(period), metric=plain(names[picked])))
        return
    wrapped_table(versions_frame(chosen, level), key=f"lineage-{unit_code}")
    if allowed(Action.UPLOAD):
        _downloads(found, chosen)


def _pick(label: str, options: list[str], default: str, key: str, names: dict[str, str]) -> str:
    """A select box whose first choice is the page's (its key carries the page's choice, so that a change above
    starts it again there)."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = default if default in options else options[0]
    return str(st.selectbox(label, options, key=key, format_func=lambda c: names.get(c, c)))


def versions_frame(found: Lineage, level: str) -> pd.DataFrame:
    """One row a version, newest first: version (current marked), amounts at ``level``, the change from the
    version before, how it came, the upload (#, who, when) and the file with its sheet!cell. Texts unescaped
    (``wrapped_table`` escapes them)."""
    language = lang()
    values = [x for v in found.versions for x in (v.ytd, v.prior_ytd)]
    places = view_decimals(values, level, language)

    def money(value: Decimal | None) -> str:
        return amount(value, language, level, places, with_unit=False)

    rows = [
        (
            f"v{v.version}" + (f" · {text('lineage.current')}" if v.current else ""),
            money(v.ytd),
            money(v.prior_ytd),
            _change(v, money),
            how_text(v.how, v.upload, language),
            _upload(v.upload),
            f"{v.upload.filename} · {v.cell or text('lineage.no_cell')}",
        )
        for v in found.versions
    ]
    return pd.DataFrame(rows, columns=[text(f"web.lineage.col.{c}") for c in COLUMNS])


def _change(v: Version, money: Callable[[Decimal | None], str]) -> str:
    if v.ytd_change is None and not v.changed:
        return text("lineage.first")
    parts = []
    if "ytd" in v.changed and v.ytd_change is not None:
        parts.append(("+" if v.ytd_change > 0 else "") + money(v.ytd_change))
    if "prior_ytd" in v.changed:
        parts.append(text("lineage.prior_changed"))
    return ("；" if lang() == "zh" else "; ").join(parts) or text("lineage.unchanged")


def _upload(note: UploadNote) -> str:
    return f"#{note.upload_id} · {note.uploaded_by} · {local_time(note.uploaded_at)}"


def _downloads(found: UnitLineage, chosen: Lineage) -> None:
    """A download button for each original file behind the versions, once per file under the upload that first
    brought it, read only when clicked."""
    st.caption(text("web.lineage.downloads"))
    db = engine()
    for original in found.originals(chosen):
        note = original.note
        if not original.kept:
            st.caption(text("web.lineage.file_missing", upload=note.upload_id))
            continue
        st.download_button(
            text("web.lineage.download", upload=note.upload_id, filename=plain(note.filename)),
            data=original_reader(db, note.sha256),
            file_name=note.filename,
            mime=mime_type(note.filename),
            on_click="ignore",
            key=f"lineage.download.{found.unit_code}.{note.upload_id}",
            icon=":material/download:",
        )
