"""The Streamlit app through its entry file (AppTest): it starts, shows the stored data, switches language."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cli import main

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path}/app.db"
    assert main(["demo", "--db", url]) == 0
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", url)
    monkeypatch.setenv("DASHBOARD_LANG", "zh")
    return url


def test_app_shows_the_stored_data_in_chinese_and_english(demo_db: str) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "已存数据"
    assert [m.value for m in at.metric] == ["15", "12", "2023Q4"]
    log = at.dataframe[0].value
    assert len(log) == 12 and set(log["结果"]) == {"已存入"} and set(log["操作"]) == {"导入"}
    at.sidebar.radio[0].set_value("en").run()
    assert not at.exception and at.title[0].value == "Stored data"
    assert "File" in at.dataframe[0].value.columns


def test_app_on_an_empty_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_DATABASE_URL", f"sqlite:///{tmp_path}/empty.db")
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception and at.info[0].value == "没有上传记录。"
