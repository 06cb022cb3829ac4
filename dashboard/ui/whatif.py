"""What the rest of the year needs (what-if): a growth rate for the remaining quarters over last year's same
quarters, and the full year, completion and target met that it gives, beside the growth that exactly meets each
target. The figures come from ``dashboard.analytics`` (pure functions); this module only draws them."""

from __future__ import annotations

from dashboard.analytics.model import ReadModel


def section(model: ReadModel, scale: str) -> None:
    """The what-if panel of a scope's view (Overview: the group; Units: the unit), amounts at ``scale``."""
