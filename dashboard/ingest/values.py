"""Turn one figure cell into an exact amount, "not reported", or a problem code."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from dashboard.ingest.grid import Cell, CellKind

NOT_REPORTED = frozenset({"", "-", "—", "--", "——", "/", "n/a", "na", "－", "－－", "―", "–"})
_PLAIN = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)")
_GROUPED = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")
_NUMBER_XML = re.compile(r"-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
# The only folding done on amounts (never NFKC, which turns ③ into 3 and ² into 2): full-width digits and
# the full-width forms of the accepted signs (，．（）－＋ and ％, refused later as a percentage), the minus sign
# U+2212, and spaces of any width.
_AMOUNT_FOLD = str.maketrans(
    {**{chr(0xFF10 + d): str(d) for d in range(10)}, "，": ",", "．": ".", "（": "(", "）": ")", "－": "-"}
    | {"＋": "+", "％": "%", "\u2212": "-", " ": "", "\u3000": "", "\u00a0": "", "\u202f": "", "\t": ""}
)
_DIGITS = frozenset("0123456789")
_AMOUNT_CHARS = _DIGITS | frozenset(",.()+-eE%")
# A cell's number format that shows something other than the amount it holds (see xlsx styles).
_FORMAT_PROBLEMS = {"date": "amount_formatted_date", "percent": "amount_formatted_percent"}
_FORMAT_PROBLEMS |= {"literal": "amount_formatted_literal"}


class ValueProblem(Exception):
    """The cell cannot be read as an amount; ``code`` is the reason for i18n."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def parse_amount(cell: Cell | None) -> Decimal | None:
    """The amount a cell holds, exactly as written; None when it says "not reported".

    >>> from dashboard.ingest.grid import Cell, CellKind as K
    >>> parse_amount(Cell(K.TEXT, " (1,234.50) ")), parse_amount(Cell(K.TEXT, "１２３４"))
    (Decimal('-1234.50'), Decimal('1234'))
    >>> parse_amount(Cell(K.NUMBER, "1.5E+3")), parse_amount(Cell(K.TEXT, "—")) is None
    (Decimal('1500.0'), True)
    """
    if cell is None:
        return None
    if cell.kind is CellKind.NUMBER:
        if cell.fmt in _FORMAT_PROBLEMS:
            raise ValueProblem(_FORMAT_PROBLEMS[cell.fmt])
        return typed_number(cell.text)
    if cell.kind is CellKind.BOOL:
        raise ValueProblem("amount_is_boolean")
    if cell.kind is CellKind.TEXT:
        if cell.fmt == "date":
            raise ValueProblem("amount_formatted_date")
        return parse_text_amount(cell.text)
    if cell.kind is CellKind.ERROR:
        raise ValueProblem("error_value")
    if cell.kind is CellKind.UNCALCULATED:
        raise ValueProblem("formula_not_calculated")
    if cell.kind is CellKind.INVALID:
        raise ValueProblem("cell_invalid")
    raise ValueProblem("not_a_number")


def typed_number(text: str) -> Decimal:
    """The number a person typed into a numeric cell: the shortest decimal that gives the stored double.

    Spreadsheet cells hold binary doubles, and writers put 16 or 17 significant digits in the file
    (``99999999.98999999``, ``1.1000000000000001``); what was typed, and what the spreadsheet shows, is the
    shortest decimal with the same double. Text numbers are read exactly as written instead.

    >>> typed_number("99999999.98999999"), typed_number("1.1000000000000001"), typed_number("1234.5")
    (Decimal('99999999.99'), Decimal('1.1'), Decimal('1234.5'))
    """
    if not _NUMBER_XML.fullmatch(text):  # float() would also take '1_000', '١٢٣' and 'infinity'
        raise ValueProblem("not_a_number")
    try:
        number = float(text)
    except ValueError as exc:
        raise ValueProblem("not_a_number") from exc
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueProblem("not_a_number")
    return Decimal(repr(number))


def parse_text_amount(text: str) -> Decimal | None:
    """Text numbers: thousands separators, full-width digits, (negatives), −minus, spaces. Any other
    character (a footnote marker ③, a superscript, a letter, ``*``) is an error, never dropped or folded.

    >>> parse_text_amount("−1234"), parse_text_amount("N/A"), parse_text_amount("1,234,567")
    (Decimal('-1234'), None, Decimal('1234567'))
    >>> try:
    ...     parse_text_amount("180937③")
    ... except ValueProblem as exc:
    ...     print(exc.code)
    amount_foreign_character
    """
    folded = fold_amount(text)
    if folded.casefold() in NOT_REPORTED or text.strip().casefold() in NOT_REPORTED:
        return None
    if not _AMOUNT_CHARS.issuperset(folded):  # a digit with something else (180937③, 12a): a note marker
        raise ValueProblem("amount_foreign_character" if _DIGITS.intersection(folded) else "not_a_number")
    if _DIGITS.intersection(folded) and ("e" in folded or "E" in folded):  # 1.23457E+11: digits already lost
        raise ValueProblem("amount_exponent")
    negative = folded.startswith("(") and folded.endswith(")")
    if negative:
        folded = folded[1:-1]
        if folded.startswith(("-", "+")):
            raise ValueProblem("not_a_number")
    if _GROUPED.fullmatch(folded):
        folded = folded.replace(",", "")
    elif not _PLAIN.fullmatch(folded):
        raise ValueProblem("percent_not_amount" if folded.endswith("%") else "not_a_number")
    amount = _decimal(folded)
    return -amount if negative else amount


def fold_amount(text: str) -> str:
    """The only folding an amount gets: full-width digits and signs, the minus sign, spaces of any width.

    >>> fold_amount(" （１，２３４．５） "), fold_amount("5³")
    ('(1,234.5)', '5³')
    """
    return text.strip().translate(_AMOUNT_FOLD)


def _decimal(text: str) -> Decimal:
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise ValueProblem("not_a_number") from exc
    if not amount.is_finite():
        raise ValueProblem("not_a_number")
    return amount


def cell_text(cell: Cell | None, fold: bool = True) -> str:
    """A cell's text as a code or name: numbers without a trailing '.0', spaces trimmed, and with
    ``fold`` full-width forms folded (for codes; names keep their own punctuation).

    >>> from dashboard.ingest.grid import Cell, CellKind as K
    >>> cell_text(Cell(K.NUMBER, "1001")), cell_text(Cell(K.NUMBER, "1001.0")), cell_text(None)
    ('1001', '1001', '')
    """
    if cell is None:
        return ""
    if cell.kind is CellKind.NUMBER:
        try:
            number = Decimal(cell.text)
        except InvalidOperation:
            return cell.text.strip()
        if number == number.to_integral_value():
            return str(int(number))
        return cell.text.strip()
    return _folded(cell.text) if fold else cell.text.strip()


_WIDTH_FOLD = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})


@lru_cache(maxsize=16384)
def _folded(text: str) -> str:
    # Only full-width ASCII folds (１００１ → 1001); NFKC would also turn ①² into 12 and make a code up.
    return text.translate(_WIDTH_FOLD).strip()
