"""Every setting is documented (docs/settings.md) with its environment variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.config import SETTINGS, SettingInvalid, check_all, get, validate
from dashboard.i18n import t
from dashboard.settings_store import setting_problem

DOCS = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for setting in SETTINGS.values():
        assert f"`{setting.env}`" in text, f"document {setting.env} in docs/settings.md"


def test_secrets_file_overrides_the_default(tmp_path: Path, monkeypatch: object) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[dashboard]\nupload_max_mb = 7\n", encoding="utf-8")
    assert get("UPLOAD_MAX_MB", secrets_file=secrets) == "7"


# ---- issue 8: settings validated at start-up, from every source


def test_every_setting_has_a_validator_and_its_default_passes_it() -> None:
    for setting in SETTINGS.values():
        assert setting.choices or setting.check, f"give {setting.name} choices or a check"
        assert validate(setting.name, setting.default) is None, setting.name


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("STATUS_RED_GAP", "10", "setting.bad_fraction"),
        ("STATUS_RED_GAP", "nan", "setting.bad_fraction"),
        ("STATUS_RED_GAP", "-0.1", "setting.bad_fraction"),
        ("STATUS_RED_GAP", "0.1%%", "setting.bad_fraction"),
        ("TIMEZONE", "Mars/Base", "setting.bad_timezone"),
        ("TIMEZONE", "../../etc/passwd", "setting.bad_timezone"),
        ("LANG", "fr", "setting.bad_choice"),
        ("UPLOAD_MAX_MB", "inf", "setting.bad_number"),
        ("UPLOAD_MAX_MB", "0", "setting.bad_number"),
        ("AUTH", "ldap", "setting.bad_choice"),
        ("DATABASE_URL", "foo://", "setting.bad_database_url"),
        ("DATABASE_URL", "not a url", "setting.bad_database_url"),
        ("USER", "a\x1b[31mb", "setting.bad_name"),
        ("USER", "x" * 101, "setting.bad_name"),
    ],
)
def test_a_bad_value_is_refused_from_the_environment_with_what_is_allowed(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, code: str
) -> None:
    monkeypatch.setenv(f"DASHBOARD_{name}", value)
    with pytest.raises(SettingInvalid) as caught:
        get(name)
    assert caught.value.code == code and caught.value.source == "env"
    assert [p.name for p in check_all()] == [name]
    for lang in ("zh", "en"):
        message = setting_problem(caught.value, lang)
        assert f"DASHBOARD_{name}" in message and value in message
        assert t(f"setting.source.{caught.value.source}", lang) in message


@pytest.mark.parametrize(("value", "read"), [("10%", "10%"), ("0.10", "0.10"), (" 0.2 ", "0.2"), ("100%", "100%")])
def test_a_fraction_or_a_percentage_with_its_sign(monkeypatch: pytest.MonkeyPatch, value: str, read: str) -> None:
    monkeypatch.setenv("DASHBOARD_STATUS_RED_GAP", value)
    assert get("STATUS_RED_GAP") == read and not check_all()


def test_a_bad_value_in_secrets_toml_names_the_file(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[dashboard]\ntimezone = "Mars/Base"\nlang = "en"\n', encoding="utf-8")
    problems = check_all(secrets_file=secrets)
    assert [(p.name, p.source) for p in problems] == [("TIMEZONE", "secrets")]
    assert "secrets.toml" in setting_problem(problems[0], "en")


def test_a_stored_choice_that_is_no_longer_allowed_is_ignored_as_documented() -> None:
    assert get("STATUS_PACE", {"STATUS_PACE": "fast"}) == "linear"


def test_the_command_line_exits_2_with_the_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from dashboard.cli import main

    monkeypatch.setenv("DASHBOARD_TIMEZONE", "Mars/Base")
    monkeypatch.setenv("DASHBOARD_LANG", "fr")
    assert main(["status", "--year", "2023", "--db", f"sqlite:///{tmp_path}/x.db", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "DASHBOARD_TIMEZONE" in err and "Mars/Base" in err
    assert "DASHBOARD_LANG cannot be 'fr'. Choose: zh, en." in err
