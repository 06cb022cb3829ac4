"""Who has reported (报送情况 / 催报) for a period, on the Upload page: every expected unit with its state, the
time and who, overdue after the deadline, and the chase list to download."""

from __future__ import annotations


def section() -> None:
    """The coverage panel of the Upload page (finance and admins)."""
