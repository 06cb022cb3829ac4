"""Texts of issue 11's coverage part: TEXT (interface and command line) and PROBLEMS (reason codes), (Chinese, English)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {}
