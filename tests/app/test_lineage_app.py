"""The Units page's 数据来源 section: every version of the unit's figure with upload, who, when, file and cell, a
revert's reason; finance downloads the original file, an executive does not; in Chinese and English."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth.roles import Actor
from dashboard.domain import Period
from dashboard.imports import import_files, revert_upload
from dashboard.ingest import ReadOptions
from dashboard.storage import queries
from dashboard.storage.engine import open_database
from tests.app.conftest import texts
from tests.workbooks import flash

UNITS = "app_pages/units.py"
REASON = "核对后恢复 *原数*"  # Markdown in a reason is shown as typed


def seed(db_url: str, period: Period) -> int:
    """A correction of unit 1101's figures for ``period`` (upload #13), then a revert of the period's demo upload
    with a reason (#14: its figures current again); returns the demo upload's id."""
    engine = open_database(db_url)
    with engine.connect() as conn:
        [original] = [u.id for u in queries.upload_log(conn, period) if u.action == "import"]
    meta = [[f"报告期：{period}", None, "金额单位：万元"]]
    rows = [["1101", "装备公司", 123456.78, 100000, 5000, 4000]]
    result = import_files(
        engine, [("fix [1101].xlsx", flash(rows=rows, meta=meta))], ReadOptions(), Actor("finance", "finance")
    )
    assert result.stored, result.plans[0].problems
    assert result.plans[0].upload_id == 13
    assert revert_upload(engine, original, Actor("admin", "admin"), REASON).upload_id == 14
    engine.dispose()
    return original


def open_lineage(app: Callable[..., AppTest], db_url: str, role: str, lang: str) -> tuple[AppTest, pd.DataFrame]:
    """The Units page on unit 1101 after ``seed``, and its lineage table."""
    at = app(role, lang, page=UNITS)
    at.selectbox(key="units.code").set_value("1101").run()
    period = Period(int(at.session_state["view.year"]), int(at.session_state["view.quarter"]))
    at.session_state["lineage.original"] = seed(db_url, period)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    [table] = [t.value for t in at.table if ("版本" in t.value.columns or "Version" in t.value.columns)]
    how = str(table.iloc[0, 4])
    assert "\\*原数\\*" in how, how  # st.table draws Markdown: the reason is escaped, shown as typed
    return at, table.map(lambda v: v.replace("\\", "") if isinstance(v, str) else v)


def downloads(at: AppTest) -> list[str]:
    found = [str(b.label).replace("\\", "") for b in at.get("download_button")]
    return [label for label in found if "#" in label and "XLSX" not in label]


def test_finance_sees_every_version_and_downloads_the_originals(app: Callable[..., AppTest], db_url: str) -> None:
    at, table = open_lineage(app, db_url, "finance", "zh")
    assert "数据来源" in [h.value for h in at.subheader]
    assert list(table.columns) == ["版本", "本年累计", "上年同期", "较上一版", "方式", "上传", "文件 · 单元格"]
    assert table["版本"].str.startswith("v").all() and "· 当前" in table["版本"].iloc[0]
    assert table["版本"].iloc[0] == "v3 · 当前" and len(table) == 3
    original = at.session_state["lineage.original"]
    assert table["方式"].iloc[0].startswith(f"恢复；恢复上传 #{original}；原因：")
    assert "核对后恢复" in table["方式"].iloc[0]
    assert table["方式"].iloc[1] == "导入" and table["较上一版"].iloc[2] == "首次"
    assert " · admin · " in table["上传"].iloc[0] and table["上传"].iloc[1].startswith("#13 · finance · ")
    assert "_经营快报.xlsx · 快报!" in table["文件 · 单元格"].iloc[0]
    assert table["文件 · 单元格"].iloc[1] == "fix [1101].xlsx · 快报!C4"
    assert "金额单位：万元" in texts(at)
    labels = downloads(at)
    assert labels == ["下载原始文件 #13：fix [1101].xlsx", f"下载原始文件 #{original}：2023Q4_经营快报.xlsx"]
    raw = [str(b.label) for b in at.get("download_button")]
    assert "下载原始文件 #13：fix \\[1101\\]\\.xlsx" in raw  # a label is Markdown: the file name is escaped


def test_an_executive_sees_the_versions_without_downloads(app: Callable[..., AppTest], db_url: str) -> None:
    at, table = open_lineage(app, db_url, "executive", "zh")
    assert len(table) == 3 and downloads(at) == []


@pytest.mark.parametrize("role", ["finance", "executive"])
def test_english(app: Callable[..., AppTest], db_url: str, role: str) -> None:
    at, table = open_lineage(app, db_url, role, "en")
    assert "Where these figures come from" in [h.value for h in at.subheader]
    assert list(table.columns) == ["Version", "YTD", "Prior-year YTD", "Change", "How", "Upload", "File · cell"]
    assert table["Version"].iloc[0] == "v3 · current"
    original = at.session_state["lineage.original"]
    assert table["How"].iloc[0].startswith(f"Restored; restores upload #{original}; reason: ")
    assert "Amounts in RMB" in texts(at)
    assert bool(downloads(at)) == (role == "finance")
    assert all(label.startswith("Download the original of upload #") for label in downloads(at))


def test_the_metric_and_period_can_be_picked(app: Callable[..., AppTest], db_url: str) -> None:
    at, _ = open_lineage(app, db_url, "executive", "zh")
    [metric] = [s for s in at.selectbox if s.key and s.key.startswith("lineage.metric.")]
    metric.set_value("profit").run()
    [table] = [t.value for t in at.table if "版本" in t.value.columns]
    assert len(table) == 3  # the correction changed the profit too
    [period] = [s for s in at.selectbox if s.key and s.key.startswith("lineage.period.")]
    period.set_value(period.options[0]).run()
    [table] = [t.value for t in at.table if "版本" in t.value.columns]
    assert len(table) == 1 and table["较上一版"].iloc[0] == "首次"
    engine = open_database(db_url)
    with engine.connect() as conn:
        assert queries.upload(conn, 13) is not None
    engine.dispose()
