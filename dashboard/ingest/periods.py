"""Read a period from the ways finance writes it — exactly one reading, or a reason why not.

Every pattern that can match is tried (dates, months, month ranges, Q2, 第二季度, 半年报, years …); the
text reads as a period only when all of them agree on one year and one quarter. ``2023年度`` alone is the
full year (Q4), but ``年度`` next to a quarter (``2023年度第二季度``) just names the year.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from dashboard.domain import Period

MIN_YEAR, MAX_YEAR = 1990, 2100  # a sane range for a reporting year; others are an error, never a crash
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"(?<![0-9])(\d{4})"
# (pattern, how) in the order they consume text: a matched span is blanked so later patterns do not see it.
_DAY = r"(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?![0-9])|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)"
_TOKENS: tuple[tuple[re.Pattern[str], str], ...] = (
    # 2023年4月1日至2023年6月30日: a span states its end; its start only has to be the first of a month
    (re.compile(r"(?<![0-9])" + _DAY + r"\s*(?:至|到|~|—|–|-)\s*" + _DAY), "span"),
    (
        re.compile(
            _YEAR + r"(?:\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?![0-9])|\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)"
        ),
        "date",
    ),
    (
        re.compile(r"(?<![0-9])(?:1|01|一)\s*(?:月\s*)?[-~至到—–]\s*(\d{1,2}|十二|[一二三四五六七八九十]|十一)\s*月"),
        "range",
    ),
    (re.compile(_YEAR + r"\s*(?:[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月)(?![0-9])"), "month"),
    (re.compile(r"(?<![a-z])q\s*([1-4])(?![0-9])"), "quarter"),
    (re.compile(r"(?<![0-9])(?:第\s*)?([一二三四1-4])\s*季"), "quarter"),
    (re.compile(r"下半年"), "bad"),
    (re.compile(r"上半年|半年报|半年度|半年|中报|中期报告"), "half"),
    (re.compile(r"全年|年报|年度报告|年终"), "full"),
    (re.compile(r"(?:fy\s*)?" + _YEAR + r"(?![0-9])\s*(年度|年)?"), "year"),
)
_CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CN_MONTHS |= {"十一": 11, "十二": 12}


@dataclass(frozen=True, slots=True)
class PeriodReading:
    """What a text says about the period: ``period`` when it reads as exactly one, else ``problem``
    (a code for i18n: unknown_period, ambiguous_period, period_not_quarter_end, period_year_range) and
    ``readings`` (what the patterns read, for the message)."""

    period: Period | None
    problem: str = ""
    readings: str = ""
    mentioned: bool = False  # any period-like token at all (a title candidate)


@lru_cache(maxsize=1024)
def read_period(text: str) -> PeriodReading:
    """Read one period from free text, trying every pattern.

    >>> [str(read_period(t).period) for t in ("报告期：2023年度第二季度", "2023年度Q2", "2023年度1-6月", "2023年度")]
    ['2023Q2', '2023Q2', '2023Q2', '2023Q4']
    >>> read_period("2023Q2 1-9月").problem, read_period("2023年1-5月").problem, read_period("1900Q1").problem
    ('ambiguous_period', 'period_not_quarter_end', 'period_year_range')
    >>> [str(read_period(t).period) for t in ("2023年第二季度（2023年4月1日至2023年6月30日）", "2023-01-01~2023-09-30")]
    ['2023Q2', '2023Q3']
    >>> [read_period(t).problem for t in ("2023年4月1日至2023年6月15日", "2023年二季度（2023年1月1日至2023年9月30日）")]
    ['period_not_quarter_end', 'ambiguous_period']
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    years: set[int] = set()
    quarters: set[int] = set()
    weak_full = False
    bad_month = False
    for pattern, how in _TOKENS:
        for m in pattern.finditer(folded):
            year, quarter, ok = _token(how, m)
            years.update([year] if year else [])
            quarters.update([quarter] if quarter else [])
            weak_full |= how == "year" and m.group(2) == "年度"
            bad_month |= not ok
        folded = pattern.sub(lambda m: " " * len(m.group(0)), folded)
    mentioned = bool(years or quarters or bad_month or weak_full)
    shown = ", ".join([*map(str, sorted(years)), *(f"Q{q}" for q in sorted(quarters))])
    if len(years) > 1 or len(quarters) > 1:
        return PeriodReading(None, "ambiguous_period", shown, mentioned)
    if bad_month:
        return PeriodReading(None, "period_not_quarter_end", shown, mentioned)
    if not quarters and weak_full:
        quarters.add(4)
    if not years or not quarters:
        return PeriodReading(None, "unknown_period", shown, mentioned)
    year = years.pop()
    if not MIN_YEAR <= year <= MAX_YEAR:
        return PeriodReading(None, "period_year_range", str(year), mentioned)
    return PeriodReading(Period(year, quarters.pop()), "", shown, mentioned)


def _token(how: str, m: re.Match[str]) -> tuple[int | None, int | None, bool]:
    """(year, quarter, ok) of one matched token; ok is False for a month or date that ends no quarter."""
    if how == "quarter":
        return None, _CN[m.group(1)], True
    if how == "bad":
        return None, None, False
    if how == "half":
        return None, 2, True
    if how == "full":
        return None, 4, True
    if how == "year":
        return int(m.group(1)), None, True
    if how == "range":
        end = m.group(1)
        month = _CN_MONTHS[end] if end in _CN_MONTHS else int(end)
        return None, month // 3 if month in (3, 6, 9, 12) else None, month in (3, 6, 9, 12)
    if how == "span":
        start_year, start_day = int(m.group(1)), int(m.group(3) or m.group(5))
        end_year, end_month, end_day = int(m.group(6)), int(m.group(7) or m.group(9)), int(m.group(8) or m.group(10))
        quarter = end_month // 3 if end_month in (3, 6, 9, 12) else None
        last = calendar.monthrange(end_year, end_month)[1] if 1 <= end_month <= 12 and 1 <= end_year <= 9999 else -1
        ok = quarter is not None and end_day == last and start_day == 1 and start_year == end_year
        return end_year, quarter, ok
    if how == "date":
        year, month, day = int(m.group(1)), int(m.group(3) or m.group(5)), int(m.group(4) or m.group(6))
        quarter = month // 3 if month in (3, 6, 9, 12) else None
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 and 1 <= year <= 9999 else -1
        return year, quarter, quarter is not None and day == last
    year, month = int(m.group(1)), int(m.group(2) or m.group(3))
    quarter = month // 3 if month in (3, 6, 9, 12) else None
    return year, quarter, quarter is not None


def parse_period_text(text: str) -> Period | None:
    """A period stated in free text, or None (see ``read_period`` for why not).

    >>> [str(parse_period_text(t)) for t in ("报告期：2023Q2", "2023年第二季度经营快报", "2023年1-6月", "2023-Q3")]
    ['2023Q2', '2023Q2', '2023Q2', '2023Q3']
    >>> parse_period_text("2023年1-5月") is None, parse_period_text("经营快报") is None
    (True, True)
    """
    return read_period(text).period


@lru_cache(maxsize=256)
def parse_year(text: str) -> int | None:
    """A year cell: 2023, '2023', '2023年' (within the sane range).

    >>> parse_year("2023年"), parse_year("23"), parse_year("1900")
    (2023, None, None)
    """
    m = re.fullmatch(r"([0-9]{4})(\.0+)?\s*年?(度)?", unicodedata.normalize("NFKC", text).strip())
    return int(m.group(1)) if m and MIN_YEAR <= int(m.group(1)) <= MAX_YEAR else None


@lru_cache(maxsize=256)
def parse_quarter(text: str) -> int | None:
    """A quarter cell: 2, 'Q2', '二季度', '第2季度', '2季'.

    >>> parse_quarter("Q2"), parse_quarter("第三季度"), parse_quarter("5")
    (2, 3, None)
    """
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    m = re.fullmatch(r"(?:q|第)?\s*([一二三四1-4])(\.0+)?\s*(季度?)?", folded)
    return _CN[m.group(1)] if m else None
