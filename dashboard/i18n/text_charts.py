"""Chart titles, axis labels, legend entries and hover texts texts, keyed by name: (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}
