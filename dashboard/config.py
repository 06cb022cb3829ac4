"""The one settings registry. Each setting has a name, a default and help text; the environment variable
``DASHBOARD_<NAME>`` overrides it, then ``[dashboard]`` in ``.streamlit/secrets.toml``, then the default.
Settings marked ``editable`` may also be chosen by an admin on screen (stored in the database): that choice
wins, and environment, secrets and default only give the initial value (``get(name, stored)``).

docs/settings.md documents every setting (a test fails when one is missing there).
"""

from __future__ import annotations

import math
import os
import tomllib
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str
    editable: bool = False  # an admin may change it on screen (stored in app_settings)
    choices: tuple[str, ...] = ()  # the allowed values, when it is a choice
    check: Callable[[str], str | None] | None = None  # otherwise: an i18n error code for a bad value, or None

    @property
    def env(self) -> str:
        return f"DASHBOARD_{self.name}"


def fraction(value: str) -> float | None:
    """A fraction from 0 to 1, written as one (``0.10``) or as a percentage with its sign (``10%``, which says
    its unit, so it is not a guess); None for anything else (NaN, infinity, ``10`` — points or a fraction?).

    >>> fraction("0.10"), fraction(" 10% "), fraction("10"), fraction("nan"), fraction("150%")
    (0.1, 0.1, None, None, None)
    """
    text = value.strip()
    percent = text.endswith("%")
    try:
        number = float(text[:-1].strip() if percent else text)
    except ValueError:
        return None
    if percent:
        number /= 100
    return number if math.isfinite(number) and 0 <= number <= 1 else None


def fraction_check(value: str) -> str | None:
    """The check of a fraction setting (``fraction``)."""
    return None if fraction(value) is not None else "setting.bad_fraction"


def _positive(value: str) -> str | None:
    """A finite number above 0."""
    try:
        number = float(value)
    except ValueError:
        return "setting.bad_number"
    return None if math.isfinite(number) and 0 < number <= 100_000 else "setting.bad_number"


def _days(value: str) -> str | None:
    """A whole number of days from 0 to 366 (the reporting deadline after a quarter's end).

    >>> _days("15"), _days("0"), _days("15.5"), _days("-1"), _days("400")
    (None, None, 'setting.bad_days', 'setting.bad_days', 'setting.bad_days')
    """
    text = value.strip()
    return None if text.isascii() and text.isdigit() and int(text) <= 366 else "setting.bad_days"


def _zone(value: str) -> str | None:
    if not value or value != value.strip():
        return "setting.bad_timezone"
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):  # malformed; ZoneInfoNotFoundError is a KeyError; unreadable file
        return "setting.bad_timezone"
    return None


def _database_url(value: str) -> str | None:
    """A URL SQLAlchemy can parse, for SQLite or PostgreSQL (whether the database answers is found on opening)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        backend = make_url(value).get_backend_name()
    except (ArgumentError, ValueError):
        return "setting.bad_database_url"
    return None if backend in ("sqlite", "postgresql") else "setting.bad_database_url"


def _name(value: str) -> str | None:
    """A person's name: at most 100 characters (the log's column), no control characters."""
    if len(value) > 100 or any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        return "setting.bad_name"
    return None


def _program(value: str) -> str | None:
    """A program's absolute path (whether it is there is checked when it is used, with its own message).

    >>> _program("/usr/bin/chromium"), _program("chromium"), _program("/usr/bin/chromium\\n--flag")
    (None, 'setting.bad_program', 'setting.bad_program')
    """
    if not value.startswith("/") or len(value) > 4096 or any(unicodedata.category(ch) == "Cc" for ch in value):
        return "setting.bad_program"
    return None


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "DATABASE_URL",
            f"sqlite:///{REPO_ROOT / 'data' / 'dashboard.db'}",
            "Database URL. SQLite file (WAL) by default; a PostgreSQL URL such as "
            "postgresql://user@host/db for several app instances. `--db` on the command line wins.",
            check=_database_url,
        ),
        Setting(
            "LANG",
            "",
            "Default language, zh or en. Unset: from LC_ALL/LANG, Chinese when those say nothing.",
            choices=("", "zh", "en"),
        ),
        Setting(
            "STATUS_RED_GAP",
            "0.10",
            "Status rule: a progress_gap below minus this (0.10 = 10 points) is red.",
            editable=True,
            check=fraction_check,
        ),
        Setting(
            "STATUS_PACE",
            "linear",
            "What progress_gap compares against: linear (time progress) or seasonal (last year's prior_ytd / base).",
            editable=True,
            choices=("linear", "seasonal"),
        ),
        Setting(
            "TIME_PROGRESS",
            "quarters",
            "Time progress (序时进度): quarters (q/4) or days (elapsed days / days in year).",
            editable=True,
            choices=("quarters", "days"),
        ),
        Setting(
            "STATUS_COLOURS",
            "green-good",
            "Colour meaning: green-good (green on track, red behind) or red-good "
            "(the Chinese market convention, colours swapped). A status is always shown with its word.",
            editable=True,
            choices=("green-good", "red-good"),
        ),
        Setting(
            "GROUP_NAME",
            "衡川机电集团有限公司",
            "The group's name as the gap report's title gives it (《{name}2023年1—6月经营目标完成情况及缺口分析》).",
            editable=True,
            check=_name,
        ),
        Setting(
            "CHROMIUM",
            "/usr/bin/chromium",
            "The Chromium that prints the gap report's PDF (through Playwright, which never downloads a browser).",
            check=_program,
        ),
        Setting(
            "AMOUNTS_GROUP",
            "yi",
            "Display scale of group-level amounts: yi (亿元 / RMB bn) or wan (万元 / RMB m).",
            editable=True,
            choices=("yi", "wan"),
        ),
        Setting(
            "AMOUNTS_UNIT",
            "wan",
            "Display scale of unit-level amounts: wan (万元 / RMB m) or yi (亿元 / RMB bn).",
            editable=True,
            choices=("wan", "yi"),
        ),
        Setting(
            "REPORT_DEADLINE_DAYS",
            "15",
            "Reporting deadline (报送截止): days after a quarter's end by which each unit's figures are due; a unit "
            "that has not submitted (or was returned) after it is overdue on the coverage list "
            "(a whole number from 0 to 366).",
            editable=True,
            check=_days,
        ),
        Setting(
            "AUTH",
            "password",
            "Sign-in: password (accounts of this app), oidc (the company's OpenID Connect provider through "
            "st.login; needs an [auth] section in .streamlit/secrets.toml), or both.",
            choices=("password", "oidc", "both"),
        ),
        Setting(
            "TIMEZONE",
            "Asia/Shanghai",
            "Time zone in which times (uploads, locks, targets) are shown.",
            check=_zone,
        ),
        Setting(
            "UPLOAD_MAX_MB",
            "50",
            "Largest upload accepted, in MB; larger files are refused with a message.",
            check=_positive,
        ),
        Setting(
            "USER",
            "",
            "The account the command line acts as when --user is not given: an active account whose role is "
            "checked. Empty: the server's local operator, acting as an admin and recorded as system:<login>.",
            check=_name,
        ),
    )
}


EDITABLE: tuple[str, ...] = tuple(name for name, s in SETTINGS.items() if s.editable)


def validate(name: str, value: str) -> str | None:
    """None when ``value`` is allowed for the setting, else an i18n error code (dashboard.i18n.text_auth).

    >>> validate("STATUS_PACE", "seasonal"), validate("STATUS_PACE", "fast"), validate("STATUS_RED_GAP", "0.1")
    (None, 'setting.bad_choice', None)
    >>> validate("STATUS_RED_GAP", "10%"), validate("STATUS_RED_GAP", "1.5"), validate("NO_SUCH", "x")
    (None, 'setting.bad_fraction', 'setting.unknown')
    >>> validate("LANG", "fr"), validate("LANG", ""), validate("TIMEZONE", "Mars/Base")
    ('setting.bad_choice', None, 'setting.bad_timezone')
    """
    setting = SETTINGS.get(name)
    if setting is None:
        return "setting.unknown"
    if setting.choices and value not in setting.choices:
        return "setting.bad_choice"
    return setting.check(value) if setting.check else None


class SettingInvalid(ValueError):
    """A value of a setting, from the environment or secrets.toml, that is not allowed: ``code`` names the message
    (dashboard.i18n.text_auth); ``params`` give the setting's variable, the value, where it was set and the
    allowed values (``message`` puts them into words)."""

    def __init__(self, name: str, value: str, source: str, code: str) -> None:
        super().__init__(f"{name}={value!r} ({source}): {code}")
        self.name, self.value, self.source, self.code = name, value, source, code

    @property
    def params(self) -> dict[str, str]:
        return {"name": SETTINGS[self.name].env, "value": self.value, "choices": allowed(self.name)}


def allowed(name: str) -> str:
    """The allowed values of a choice setting, for messages.

    >>> allowed("STATUS_PACE"), allowed("LANG")
    ('linear, seasonal', 'zh, en')
    """
    return ", ".join(choice for choice in SETTINGS[name].choices if choice)


def get(name: str, stored: Mapping[str, str] | None = None, *, secrets_file: Path | None = None) -> str:
    """The value of a setting: for an editable one, the admin's choice in ``stored`` (the database's values,
    ``dashboard.storage.queries.stored_settings``) when it is valid; then the environment, then secrets.toml's
    [dashboard] table, then the default. A value from the environment or secrets.toml that is not allowed raises
    ``SettingInvalid`` (never a guess at what was meant).

    >>> os.environ["DASHBOARD_UPLOAD_MAX_MB"] = "20"; get("UPLOAD_MAX_MB")
    '20'
    >>> del os.environ["DASHBOARD_UPLOAD_MAX_MB"]; get("UPLOAD_MAX_MB", secrets_file=Path("/nonexistent"))
    '50'
    >>> get("STATUS_PACE", {"STATUS_PACE": "seasonal"}), get("UPLOAD_MAX_MB", {"UPLOAD_MAX_MB": "5"})
    ('seasonal', '50')
    >>> os.environ["DASHBOARD_TIMEZONE"] = "Mars/Base"; get("TIMEZONE")
    Traceback (most recent call last):
    dashboard.config.SettingInvalid: TIMEZONE='Mars/Base' (env): setting.bad_timezone
    >>> del os.environ["DASHBOARD_TIMEZONE"]
    """
    setting = SETTINGS[name]
    if stored is not None and setting.editable and name in stored and validate(name, stored[name]) is None:
        return stored[name]
    value, source = configured(name, secrets_file)
    if source == "default":
        return value
    code = validate(name, value)
    if code is not None:
        raise SettingInvalid(name, value, source, code)
    return value


def configured(name: str, secrets_file: Path | None = None) -> tuple[str, str]:
    """The value the server gives a setting and where it comes from: "env", "secrets" or "default"."""
    setting = SETTINGS[name]
    if setting.env in os.environ:
        return os.environ[setting.env].strip(), "env"
    secrets = _secrets(secrets_file or REPO_ROOT / ".streamlit" / "secrets.toml")
    value = secrets.get(name.lower(), secrets.get(name))
    if value is None:
        return setting.default, "default"
    return str(value).strip(), "secrets"


def check_all(skip: tuple[str, ...] = (), secrets_file: Path | None = None) -> list[SettingInvalid]:
    """Every setting given by the environment or secrets.toml that is not allowed (start-up check of the
    command line and the web app); ``skip`` names settings given otherwise (``--db``, ``--user``)."""
    problems = []
    for name in SETTINGS:
        if name in skip:
            continue
        try:
            get(name, secrets_file=secrets_file)
        except SettingInvalid as exc:
            problems.append(exc)
    return problems


def _secrets(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            table = tomllib.load(handle).get("dashboard", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return table if isinstance(table, dict) else {}


def upload_max_bytes() -> int:
    """UPLOAD_MAX_MB in bytes."""
    return int(float(get("UPLOAD_MAX_MB")) * 1024 * 1024)
