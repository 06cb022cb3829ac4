"""Sign-in, accounts, roles and the admin-editable settings texts, keyed by name: (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}
