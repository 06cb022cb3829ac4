"""The one settings registry. Each setting has a name, a default and help text; the environment variable
``DASHBOARD_<NAME>`` overrides it, then ``[dashboard]`` in ``.streamlit/secrets.toml``, then the default.

docs/settings.md documents every setting (a test fails when one is missing there).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return f"DASHBOARD_{self.name}"


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
        Setting("STATUS_RED_GAP", "0.10", "Status rule: a progress_gap below minus this (0.10 = 10 points) is red."),
        Setting(
            "STATUS_PACE",
            "linear",
            "What progress_gap compares against: linear (time progress) or seasonal (last year's prior_ytd / base).",
        ),
        Setting(
            "TIME_PROGRESS",
            "quarters",
            "Time progress (序时进度): quarters (q/4) or days (elapsed days / days in year).",
        ),
        Setting(
            "STATUS_COLOURS",
            "green-good",
            "Colour meaning: green-good (green on track, red behind) or red-good "
            "(the Chinese market convention, colours swapped). A status is always shown with its word.",
        ),
        Setting("TIMEZONE", "Asia/Shanghai", "Time zone in which times (uploads, locks, targets) are shown."),
        Setting("UPLOAD_MAX_MB", "50", "Largest upload accepted, in MB; larger files are refused with a message."),
        Setting(
            "USER",
            "",
            "Name recorded as uploader/actor by the command line when --user is not given (default: the login name).",
        ),
    )
}


def get(name: str, secrets_file: Path | None = None) -> str:
    """The value of a setting: environment, then secrets.toml's [dashboard] table, then the default.

    >>> os.environ["DASHBOARD_UPLOAD_MAX_MB"] = "20"; get("UPLOAD_MAX_MB")
    '20'
    >>> del os.environ["DASHBOARD_UPLOAD_MAX_MB"]; get("UPLOAD_MAX_MB", Path("/nonexistent"))
    '50'
    """
    setting = SETTINGS[name]
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
