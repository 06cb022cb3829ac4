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


def _fraction(value: str) -> str | None:
    """A number from 0 to 1 (0.10 = 10 percentage points); NaN fails the comparison."""
    try:
        number = float(value)
    except ValueError:
        return "setting.bad_fraction"
    return None if 0 <= number <= 1 else "setting.bad_fraction"


def _positive(value: str) -> str | None:
    """A finite number above 0."""
    try:
        number = float(value)
    except ValueError:
        return "setting.bad_number"
    return None if math.isfinite(number) and number > 0 else "setting.bad_number"


def _zone(value: str) -> str | None:
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):  # malformed; ZoneInfoNotFoundError is a KeyError; unreadable file
        return "setting.bad_timezone"
    return None


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "DATABASE_URL",
            f"sqlite:///{REPO_ROOT / 'data' / 'dashboard.db'}",
            "Database URL. SQLite file (WAL) by default; a PostgreSQL URL such as "
            "postgresql://user@host/db for several app instances. `--db` on the command line wins.",
        ),
        Setting("LANG", "", "Default language, zh or en. Unset: from LC_ALL/LANG, Chinese when those say nothing."),
        Setting(
            "STATUS_RED_GAP",
            "0.10",
            "Status rule: a progress_gap below minus this (0.10 = 10 points) is red.",
            editable=True,
            check=_fraction,
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
        ),
    )
}


EDITABLE: tuple[str, ...] = tuple(name for name, s in SETTINGS.items() if s.editable)


def validate(name: str, value: str) -> str | None:
    """None when ``value`` is allowed for the setting, else an i18n error code (dashboard.i18n.text_auth).

    >>> validate("STATUS_PACE", "seasonal"), validate("STATUS_PACE", "fast"), validate("STATUS_RED_GAP", "0.1")
    (None, 'setting.bad_choice', None)
    >>> validate("STATUS_RED_GAP", "10%"), validate("STATUS_RED_GAP", "1.5"), validate("NO_SUCH", "x")
    ('setting.bad_fraction', 'setting.bad_fraction', 'setting.unknown')
    """
    setting = SETTINGS.get(name)
    if setting is None:
        return "setting.unknown"
    if setting.choices and value not in setting.choices:
        return "setting.bad_choice"
    return setting.check(value) if setting.check else None


def get(name: str, stored: Mapping[str, str] | None = None, *, secrets_file: Path | None = None) -> str:
    """The value of a setting: for an editable one, the admin's choice in ``stored`` (the database's values,
    ``dashboard.storage.queries.stored_settings``) when it is valid; then the environment, then secrets.toml's
    [dashboard] table, then the default.

    >>> os.environ["DASHBOARD_UPLOAD_MAX_MB"] = "20"; get("UPLOAD_MAX_MB")
    '20'
    >>> del os.environ["DASHBOARD_UPLOAD_MAX_MB"]; get("UPLOAD_MAX_MB", secrets_file=Path("/nonexistent"))
    '50'
    >>> get("STATUS_PACE", {"STATUS_PACE": "seasonal"}), get("UPLOAD_MAX_MB", {"UPLOAD_MAX_MB": "5"})
    ('seasonal', '50')
    """
    setting = SETTINGS[name]
    if stored is not None and setting.editable and name in stored and validate(name, stored[name]) is None:
        return stored[name]
    if setting.env in os.environ:
        return os.environ[setting.env]
    secrets = _secrets(secrets_file or REPO_ROOT / ".streamlit" / "secrets.toml")
    value = secrets.get(name.lower(), secrets.get(name))
    return str(value) if value is not None else setting.default


def _secrets(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as handle:
            table = tomllib.load(handle).get("dashboard", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return table if isinstance(table, dict) else {}


def upload_max_bytes() -> int:
    return int(float(get("UPLOAD_MAX_MB")) * 1024 * 1024)
