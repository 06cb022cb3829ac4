"""Admin-editable settings: validation, precedence (a stored choice beats environment and secrets only for
editable settings), storing with an audit row, and the status command using what the web app uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from dashboard import config
from dashboard.auth.roles import Actor
from dashboard.cli import main
from dashboard.domain import Period
from dashboard.i18n import TEXT, t
from dashboard.settings_store import SettingError, effective_settings, save_setting
from dashboard.status import load_model, status_settings, to_json
from dashboard.storage import queries
from dashboard.storage.engine import open_database
from dashboard.storage.tables import audit_log

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def test_editable_settings() -> None:
    assert config.EDITABLE == (
        "STATUS_RED_GAP",
        "STATUS_PACE",
        "TIME_PROGRESS",
        "STATUS_COLOURS",
        "GROUP_NAME",
        "AMOUNTS_GROUP",
        "AMOUNTS_UNIT",
        "REPORT_DEADLINE_DAYS",
    )
    assert not config.SETTINGS["AUTH"].editable and config.SETTINGS["AUTH"].choices == ("password", "oidc", "both")
    assert config.SETTINGS["AMOUNTS_GROUP"].default == "yi" and config.SETTINGS["AMOUNTS_UNIT"].default == "wan"


@pytest.mark.parametrize("name", sorted(config.SETTINGS))
def test_every_default_is_valid(name: str) -> None:
    assert config.validate(name, config.SETTINGS[name].default) is None


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("STATUS_RED_GAP", "0.05", None),
        ("STATUS_RED_GAP", "0", None),
        ("STATUS_RED_GAP", "-0.1", "setting.bad_fraction"),
        ("STATUS_RED_GAP", "nan", "setting.bad_fraction"),
        ("STATUS_RED_GAP", "ten", "setting.bad_fraction"),
        ("STATUS_PACE", "Linear", "setting.bad_choice"),
        ("TIME_PROGRESS", "days", None),
        ("STATUS_COLOURS", "red-good", None),
        ("AMOUNTS_GROUP", "wan", None),
        ("AMOUNTS_UNIT", "yuan", "setting.bad_choice"),
        ("AUTH", "both", None),
        ("AUTH", "ldap", "setting.bad_choice"),
        ("TIMEZONE", "Europe/Berlin", None),
        ("TIMEZONE", "Mars/Olympus", "setting.bad_timezone"),
        ("TIMEZONE", "../../etc/passwd", "setting.bad_timezone"),
        ("UPLOAD_MAX_MB", "0", "setting.bad_number"),
        ("UPLOAD_MAX_MB", "inf", "setting.bad_number"),
        ("UPLOAD_MAX_MB", "12.5", None),
        ("NOPE", "1", "setting.unknown"),
    ],
)
def test_validate(name: str, value: str, code: str | None) -> None:
    assert config.validate(name, value) == code


def test_stored_beats_environment_and_secrets_only_when_editable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[dashboard]\nstatus_pace = "seasonal"\nupload_max_mb = 7\n', encoding="utf-8")
    stored = {"STATUS_PACE": "linear", "UPLOAD_MAX_MB": "3", "TIME_PROGRESS": "weeks", "AMOUNTS_GROUP": "wan"}
    assert config.get("STATUS_PACE", {}, secrets_file=secrets) == "seasonal"
    assert config.get("STATUS_PACE", stored, secrets_file=secrets) == "linear"
    assert config.get("UPLOAD_MAX_MB", stored, secrets_file=secrets) == "7"  # not editable: stored is ignored
    monkeypatch.setenv("DASHBOARD_TIME_PROGRESS", "days")
    assert config.get("TIME_PROGRESS", stored) == "days"  # an invalid stored value is ignored
    monkeypatch.setenv("DASHBOARD_AMOUNTS_GROUP", "yi")
    assert config.get("AMOUNTS_GROUP", stored) == "wan" and config.get("AMOUNTS_GROUP") == "yi"


def test_save_setting(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DASHBOARD_STATUS_RED_GAP", "0.2")
    with engine.connect() as conn:
        assert effective_settings(conn)["STATUS_RED_GAP"] == "0.2"
    save_setting(engine, "STATUS_RED_GAP", "0.2", Actor("admin", "admin"))  # the value in force: nothing to store
    with engine.connect() as conn:
        assert queries.stored_settings(conn) == {}
    assert save_setting(engine, "STATUS_RED_GAP", " 0.05 ", Actor("admin", "admin")) == "0.05"
    save_setting(engine, "STATUS_RED_GAP", "0.05", Actor("admin", "admin"))  # unchanged: no second audit row
    save_setting(engine, "STATUS_RED_GAP", "0.08", Actor("li.na", "admin"))
    save_setting(engine, "AMOUNTS_UNIT", "yi", Actor("admin", "admin"))
    with engine.connect() as conn:
        assert queries.stored_settings(conn) == {"STATUS_RED_GAP": "0.08", "AMOUNTS_UNIT": "yi"}
        assert effective_settings(conn)["STATUS_RED_GAP"] == "0.08"
        assert effective_settings(conn)["STATUS_PACE"] == "linear"
        assert status_settings(conn).red_gap == 0.08
        rows = queries.setting_rows(conn)
        audits = [json.loads(d) for d in conn.execute(select(audit_log.c.details).order_by(audit_log.c.id)).scalars()]
        actions = set(conn.execute(select(audit_log.c.action)).scalars())
    assert [(r.name, r.value, r.updated_by) for r in rows] == [
        ("AMOUNTS_UNIT", "yi", "admin"),
        ("STATUS_RED_GAP", "0.08", "li.na"),
    ]
    assert actions == {"setting"}
    assert audits[:2] == [
        {"name": "STATUS_RED_GAP", "value": "0.05", "was": None},
        {"name": "STATUS_RED_GAP", "value": "0.08", "was": "0.05"},
    ]


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("STATUS_PACE", "fast", "setting.bad_choice"),
        ("STATUS_RED_GAP", "10", "setting.bad_fraction"),  # 10 points or 10 (1000 %)? never a guess
        ("STATUS_RED_GAP", "nan%", "setting.bad_fraction"),
        ("UPLOAD_MAX_MB", "20", "setting.not_editable"),
        ("AUTH", "oidc", "setting.not_editable"),
        ("NOPE", "1", "setting.unknown"),
    ],
)
def test_save_setting_refuses(sqlite_engine: Engine, name: str, value: str, code: str) -> None:
    with pytest.raises(SettingError) as caught:
        save_setting(sqlite_engine, name, value, Actor("admin", "admin"))
    assert caught.value.code == code
    for lang in ("zh", "en"):
        assert name in t(code, lang, **caught.value.params)
    with sqlite_engine.connect() as conn:
        assert queries.stored_settings(conn) == {}


def test_a_percentage_with_its_sign_is_stored_as_a_fraction(sqlite_engine: Engine) -> None:
    assert save_setting(sqlite_engine, "STATUS_RED_GAP", " 15% ", Actor("admin", "admin")) == "0.15"
    with sqlite_engine.connect() as conn:
        assert queries.stored_settings(conn) == {"STATUS_RED_GAP": "0.15"}


def test_bad_choice_message_lists_the_choices(sqlite_engine: Engine) -> None:
    with pytest.raises(SettingError) as caught:
        save_setting(sqlite_engine, "STATUS_PACE", "fast", Actor("admin", "admin"))
    assert t(caught.value.code, "zh", **caught.value.params) == "STATUS_PACE 不能设为“fast”，可选：linear, seasonal。"


def test_every_editable_setting_has_words_and_docs() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    assert "app_settings" in docs and "wins" in docs
    for name in config.EDITABLE:
        assert f"setting.name.{name}" in TEXT and f"setting.help.{name}" in TEXT
        for choice in config.SETTINGS[name].choices:
            assert f"setting.choice.{name}.{choice}" in TEXT
    codes = {config.validate(n, "\x00bad") for n in config.SETTINGS} - {None}
    codes |= {"setting.not_editable", "setting.unknown"}
    assert all(code in TEXT for code in codes)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('settings')}/demo.db"
    assert main(["demo", "--db", url]) == 0
    return url


def status_json(url: str, capsys: pytest.CaptureFixture[str]) -> dict:  # type: ignore[type-arg]
    capsys.readouterr()
    assert main(["status", "--year", "2023", "--as-of", "2023Q2", "--json", "--db", url]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_the_status_command_uses_the_stored_settings(
    demo: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DASHBOARD_TIME_PROGRESS", "quarters")
    assert status_json(demo, capsys)["time_progress"] == 0.5
    engine = open_database(demo)
    save_setting(engine, "TIME_PROGRESS", "days", Actor("admin", "admin"))
    save_setting(engine, "STATUS_RED_GAP", "0", Actor("admin", "admin"))
    report = status_json(demo, capsys)
    assert report["time_progress"] == pytest.approx(181 / 365)  # 1 January – 30 June 2023
    with engine.connect() as conn:  # what the web app computes
        web = load_model(conn, 2023, Period(2023, 2), settings=status_settings(conn))
    assert json.loads(json.dumps(to_json(web.report, web.units))) == report
    engine.dispose()
