"""Unit codes typed as numbers keep the form they were registered with.

A spreadsheet drops the leading zeros of a code typed as a number: ``0101`` becomes 101. Such a code
matches the one registered code whose digits equal it after leading zeros, and takes that code's form.
A number that is itself a registered code is fine. Several registered codes that fit, or a file that
also holds the zero-padded form as text, are errors naming the row: which unit was meant is never guessed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from dashboard.domain import error
from dashboard.ingest import ParsedUpload
from dashboard.ingest.grid import row_range


def match_numeric_codes(parsed: ParsedUpload, registered: Iterable[str]) -> None:
    """Rewrite number-typed unit codes of ``parsed`` (units and figures) to their registered text form,
    or add an error to ``parsed.problems``.

    >>> from dashboard.ingest import UnitRecord
    >>> p = ParsedUpload("f.xlsx", "", 0, "xlsx", units={"101": UnitRecord("101", "甲", "", "", "member", 5, True)})
    >>> match_numeric_codes(p, ["0101", "0202"]); list(p.units), p.problems
    (['0101'], [])
    """
    stored = set(registered)
    remap: dict[str, str] = {}
    for unit in list(parsed.units.values()):
        if not unit.numeric or unit.code in stored:
            continue
        digits = unit.code.lstrip("0")
        fits = sorted(c for c in stored if c.isdigit() and c.lstrip("0") == digits)
        in_file = sorted(c for c in parsed.units if c != unit.code and c.isdigit() and c.lstrip("0") == digits)
        where = unit.code_cell or row_range(unit.row)
        if len(fits) > 1:
            candidates = ", ".join(fits)
            parsed.problems.append(
                error("code_leading_zeros_ambiguous", parsed.sheet, where, unit.code, candidates=candidates)
            )
        elif (fits and fits[0] in parsed.units) or (not fits and in_file):
            registered_form = fits[0] if fits else in_file[0]
            parsed.problems.append(
                error("code_leading_zeros_new", parsed.sheet, where, unit.code, registered=registered_form)
            )
        elif fits:
            remap[unit.code] = fits[0]
    if remap:
        _apply(parsed, remap)


def _apply(parsed: ParsedUpload, remap: dict[str, str]) -> None:
    """Rename codes in units, in parent codes that name a renamed unit, and in figures."""
    parsed.units = {
        remap.get(code, code): dataclasses.replace(
            unit, code=remap.get(code, code), parent_code=remap.get(unit.parent_code, unit.parent_code)
        )
        for code, unit in parsed.units.items()
    }
    parsed.figures = [
        dataclasses.replace(f, unit_code=remap[f.unit_code]) if f.unit_code in remap else f for f in parsed.figures
    ]
