"""Read a period or an amount unit from the ways finance writes them."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dashboard.domain import Period

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\d{4})\s*[-/.年]?\s*q\s*([1-4])"), "q"),  # 2023Q2, 2023-Q2, 2023年Q2
    (re.compile(r"(\d{4})\s*年?\s*(?:第\s*)?([一二三四1-4])\s*季度?"), "q"),  # 2023年第2季度, 2023年二季度
    (re.compile(r"(\d{4})\s*年?\s*(?:1|一|01)\s*[-~至到—–]\s*(\d{1,2})\s*月"), "m"),  # 2023年1-6月
    (re.compile(r"(\d{4})\s*年?\s*(上半年|半年度?|前三季度|全年|年度)"), "w"),  # 2023年上半年
)
_WORDS = {"上半年": 2, "半年": 2, "半年度": 2, "前三季度": 3, "全年": 4, "年度": 4}


def parse_period_text(text: str) -> Period | None:
    """A period stated in free text, or None.

    >>> [str(parse_period_text(t)) for t in ("报告期：2023Q2", "2023年第二季度经营快报", "2023年1-6月", "2023-Q3")]
    ['2023Q2', '2023Q2', '2023Q2', '2023Q3']
    >>> parse_period_text("2023年1-5月") is None, parse_period_text("经营快报") is None
    (True, True)
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    for pattern, how in _PATTERNS:
        m = pattern.search(folded)
        if not m:
            continue
        year = int(m.group(1))
        if how == "q":
            quarter = _CN_DIGITS[m.group(2)]
        elif how == "m":
            month = int(m.group(2))
            if month not in (3, 6, 9, 12):
                return None
            quarter = month // 3
        else:
            quarter = _WORDS[m.group(2)]
        try:
            return Period(year, quarter)
        except ValueError:
            return None
    return None


@lru_cache(maxsize=256)
def parse_year(text: str) -> int | None:
    """A year cell: 2023, '2023', '2023年'.

    >>> parse_year("2023年"), parse_year("23")
    (2023, None)
    """
    m = re.fullmatch(r"(\d{4})(\.0+)?\s*年?(度)?", unicodedata.normalize("NFKC", text).strip())
    return int(m.group(1)) if m and 1900 <= int(m.group(1)) <= 2999 else None


@lru_cache(maxsize=256)
def parse_quarter(text: str) -> int | None:
    """A quarter cell: 2, 'Q2', '二季度', '第2季度', '2季'.

    >>> parse_quarter("Q2"), parse_quarter("第三季度"), parse_quarter("5")
    (2, 3, None)
    """
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    m = re.fullmatch(r"(?:q|第)?\s*([一二三四1-4])(\.0+)?\s*(季度?)?", folded)
    return _CN_DIGITS[m.group(1)] if m else None
