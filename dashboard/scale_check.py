"""Figures that look typed in the wrong amount unit (金额单位): a unit's figure compared with what that unit stored
for the quarter before, for the same quarter last year, and with its target. A ratio near 10⁴ (万元 typed as
元), 10³ (千元) or 10⁸ (亿元) up or down is the warning ``amount_scale_suspect`` (imports.NEEDS_ACKNOWLEDGEMENT:
the file is stored only once someone acknowledges it by name).
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.domain import Problem
from dashboard.storage.queries import FigureKey, StoredFigure
from dashboard.storage.repository import NewFigure
from dashboard.storage.rows import TargetVersionRow


def scale_problems(
    figures: Sequence[NewFigure], stored: dict[FigureKey, StoredFigure], targets: Sequence[TargetVersionRow]
) -> list[Problem]:
    """The ``amount_scale_suspect`` warnings of a file's figures (year to date, yuan) against the stored figures
    (this period, the quarter before, last year's same quarter) and the current targets."""
    return []
