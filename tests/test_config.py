"""Every setting is documented (docs/settings.md) with its environment variable."""

from __future__ import annotations

from pathlib import Path

from dashboard.config import SETTINGS, get

DOCS = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for setting in SETTINGS.values():
        assert f"`{setting.env}`" in text, f"document {setting.env} in docs/settings.md"


def test_secrets_file_overrides_the_default(tmp_path: Path, monkeypatch: object) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[dashboard]\nupload_max_mb = 7\n", encoding="utf-8")
    assert get("UPLOAD_MAX_MB", secrets_file=secrets) == "7"
