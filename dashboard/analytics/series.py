"""Quarter-by-quarter series over several years: what the year path, quarterly bars, heat map and trends draw.

``History`` is plain data loaded by ``dashboard.status.load_history``; the functions here are pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dashboard.domain import Period


@dataclass(frozen=True)
class History:
    """Stored current year-to-date figures over several years, and the 上年同期 reported with each period."""

    years: tuple[int, ...]
    ytd: dict[tuple[str, Period, str], Decimal]  # (unit, period, metric) → 本年累计, yuan
    reported_prior: dict[tuple[str, Period, str], Decimal]  # (unit, period, metric) → 上年同期 as reported
