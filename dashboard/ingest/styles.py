"""What each cell style's number format shows: a number, or a date, a time, a percentage, a literal.

A numeric cell formatted as a date shows 2023/6/30 but holds 45107; one formatted as a percentage shows
15.34 % but holds 0.1534. In an amount column neither is what finance meant, so the reader needs to know.
``xl/styles.xml`` maps a cell's ``s`` attribute to ``cellXfs[s].numFmtId``: a built-in id, or a custom
code in ``numFmts``. Read once per workbook into a small dict keyed by ``s``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from xml.etree.ElementTree import Element

PERCENT_IDS = frozenset({9, 10})
DATE_IDS = frozenset({*range(14, 23), 45, 46, 47, *range(27, 37), *range(50, 59)})
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.')  # literal text, escaped characters, padding and fill characters
_BRACKET = re.compile(r"\[([^\]]*)\]")
_DATE_TOKEN = re.compile(r"[ymdhs年月日时分秒]|上午|下午|am/pm|a/p|aaa")  # aaa(a): the weekday
_DIGIT = re.compile(r"[0#?]")


@lru_cache(maxsize=512)
def classify_format(code: str) -> str:
    """'date', 'percent', 'literal' (shows no digits of the number) or '' (shows the number).

    >>> [classify_format(c) for c in ('#,##0.00', 'yyyy"年"m"月"d"日"', '0.00%', '[h]:mm', '"Yes";"Yes";"No"')]
    ['', 'date', 'percent', 'date', 'literal']
    >>> [classify_format(c) for c in ('#,##0.00"万元"', '[Red]-#,##0', 'General', '@', '0.0"%"', '#,##0\\\\%')]
    ['', '', '', '', '', '']
    """
    folded = code.casefold()
    if folded in ("general", "@", ""):
        return ""
    elapsed = any(re.fullmatch(r"h+|m+|s+", b) for b in _BRACKET.findall(folded))
    bare = _BRACKET.sub("", _QUOTED.sub("", folded))
    if elapsed or _DATE_TOKEN.search(bare.replace("general", "")):
        return "date"
    if "%" in bare:
        return "percent"
    if not _DIGIT.search(bare) and "general" not in bare and "@" not in bare:
        return "literal"
    return ""


def read_styles(parse: Callable[[str], Element], names: set[str]) -> dict[str, str]:
    """The class of each cellXfs entry that shows something other than a number, keyed by the text of a
    cell's ``s`` attribute (``{"3": "date"}``); empty when none does, so most workbooks cost nothing."""
    path = "xl/styles.xml"
    if path not in names:
        return {}
    root = parse(path)
    custom: dict[int, str] = {}
    xfs: list[int] = []
    for element in root:
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "numFmts":
            for fmt in element:
                custom[_int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
        elif tag == "cellXfs":
            xfs = [_int(xf.get("numFmtId")) for xf in element]
    shown = [_builtin(i) if i not in custom else classify_format(custom[i]) for i in xfs]
    return {str(index): kind for index, kind in enumerate(shown) if kind}


def _builtin(fmt_id: int) -> str:
    return "percent" if fmt_id in PERCENT_IDS else "date" if fmt_id in DATE_IDS else ""


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0
