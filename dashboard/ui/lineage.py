"""Where a figure comes from (数据来源): every stored version of one unit's figure with its upload, who, when, the
file, sheet and cell (``快报!D12``), the reason of a revert, and — for finance and admins — the original file
exactly as uploaded."""

from __future__ import annotations

from dashboard.analytics.model import ReadModel


def section(model: ReadModel, unit_code: str, metric: str) -> None:
    """The lineage panel of one unit's figures on the Units page (the metric picked above first)."""
