"""Web app pages: navigation, overview, units, trends, upload, targets, accounts texts, keyed by name: (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}
